"""The register of cooperation arrangements: the pure domain (no database code).

Records (:class:`Regeling`, :class:`Deelnemer`), the forms (:data:`VORMEN`), the
classification rule samenwerking vs uitbesteding (:func:`classify`), validation, the file
format for import/export (:func:`check_rows`), permissions (:class:`Actor`) and the
congruence measures the partner finder and the chapter use (:func:`existing_partners`,
:func:`congruence`). Storage lives in :mod:`regiokompas.store`.

>>> r = Regeling("Belastingen", "bedrijfsvoeringsorganisatie",
...              (Deelnemer("GM0513"), Deelnemer("GM0629")))
>>> classify(r).klasse
'samenwerking'
"""

from regiokompas.register._errors import (
    ConflictError,
    DuplicateNameError,
    ImportRejectedError,
    NotFoundError,
    PermissionDeniedError,
    Problem,
    RegisterValidationError,
)
from regiokompas.register.classify import (
    CLASSIFICATION_RULE,
    CLASSIFICATION_RULE_EN,
    Classification,
    classify,
    rule_classification,
)
from regiokompas.register.congruence import (
    Congruence,
    Partner,
    congruence,
    existing_partners,
    regelingen_of,
)
from regiokompas.register.forms import FAMILIES, VORMEN, Vorm
from regiokompas.register.model import (
    CONTENT_FIELDS,
    Actor,
    Classificatie,
    Deelnemer,
    Regeling,
    Rol,
)
from regiokompas.register.rows import (
    COLUMNS,
    REQUIRED_COLUMNS,
    ImportReport,
    check_rows,
    format_row,
    normalise_name,
    parse_row,
)
from regiokompas.register.seed import seed_files, seed_regelingen
from regiokompas.register.validation import Reference, validate

__all__ = [
    "CLASSIFICATION_RULE",
    "CLASSIFICATION_RULE_EN",
    "COLUMNS",
    "CONTENT_FIELDS",
    "FAMILIES",
    "REQUIRED_COLUMNS",
    "VORMEN",
    "Actor",
    "Classificatie",
    "Classification",
    "ConflictError",
    "Congruence",
    "Deelnemer",
    "DuplicateNameError",
    "ImportRejectedError",
    "ImportReport",
    "NotFoundError",
    "Partner",
    "PermissionDeniedError",
    "Problem",
    "Reference",
    "Regeling",
    "RegisterValidationError",
    "Rol",
    "Vorm",
    "check_rows",
    "classify",
    "congruence",
    "existing_partners",
    "format_row",
    "normalise_name",
    "parse_row",
    "regelingen_of",
    "rule_classification",
    "seed_files",
    "seed_regelingen",
    "validate",
]
