"""One advice for a gemeente: where, with whom, what it yields and what it costs in autonomy.

The application service behind the gemeente page, ``/api/v1/gemeenten/{code}/kansen``, the
``regiokompas partners``/``advies`` commands and the collegeprogramma chapter: they build one
:class:`AdviceSettings`, load the register's records (live database or seed) and call
:func:`advise`, then only render the frozen :class:`Advice`. Same settings and records give
the same numbers everywhere.

>>> AdviceSettings().draws
1000
"""

from regiokompas.advice._comparable import (
    COMPARABLE_FEATURES,
    MIN_COMPARABLE,
    comparable_gemeenten,
)
from regiokompas.advice._result import (
    STATUSES,
    Advice,
    Band,
    ExistingArrangement,
    GroupOption,
    LegalContext,
    SharedRegion,
    TaakveldAdvice,
    TangibleCount,
)
from regiokompas.advice._service import advise, legal_context
from regiokompas.advice._settings import DEFAULT_DRAWS, MAX_GROUP_SIZE, MODES, AdviceSettings
from regiokompas.advice._taakveld import (
    SERIES_NAMES,
    ParsedTaakveld,
    parse_taakveld,
    parse_taakvelden,
    series_name,
)
from regiokompas.advice._texts import EXCLUDED, congruence_sentence

__all__ = [
    "COMPARABLE_FEATURES",
    "DEFAULT_DRAWS",
    "EXCLUDED",
    "MAX_GROUP_SIZE",
    "MIN_COMPARABLE",
    "MODES",
    "SERIES_NAMES",
    "STATUSES",
    "Advice",
    "AdviceSettings",
    "Band",
    "ExistingArrangement",
    "GroupOption",
    "LegalContext",
    "ParsedTaakveld",
    "SharedRegion",
    "TaakveldAdvice",
    "TangibleCount",
    "advise",
    "comparable_gemeenten",
    "congruence_sentence",
    "legal_context",
    "parse_taakveld",
    "parse_taakvelden",
    "series_name",
]
