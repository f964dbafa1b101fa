"""The register of cooperation arrangements: the pure domain (no database code).

Records (:class:`Regeling`, :class:`Deelnemer`), the forms (:data:`VORMEN`), the
classification rule samenwerking / uitbesteding / onbekend (:func:`classify`), taakvelden
derived from names (:func:`derive_taakvelden`), validation, the file
format for import/export (:func:`check_rows`), permissions (:class:`Actor`) and the
congruence measures the partner finder and the chapter use (:func:`existing_partners`,
:func:`congruence`) and which arrangements a gemeente has on a taakveld
(:func:`arrangements_on`). Storage lives in :mod:`regiokompas.store`.

>>> r = Regeling("Belastingen", "bedrijfsvoeringsorganisatie",
...              (Deelnemer("GM0513"), Deelnemer("GM0629")))
>>> classify(r).klasse
'uitbesteding'
>>> classify(Regeling("Afvalschap", "openbaar_lichaam", r.deelnemers)).klasse
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
    EXECUTING_NAME,
    KLASSEN,
    Classification,
    classify,
    rule_classification,
)
from regiokompas.register.congruence import (
    Congruence,
    Partner,
    arrangements_on,
    congruence,
    existing_partners,
    regelingen_of,
)
from regiokompas.register.forms import FAMILIES, VORMEN, Vorm
from regiokompas.register.model import (
    CONTENT_FIELDS,
    OVERRIDE_KLASSEN,
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
from regiokompas.register.taakveld_rules import (
    TaakveldMatch,
    TaakveldRule,
    derive_taakvelden,
    load_taakveld_rules,
)
from regiokompas.register.validation import Reference, validate

__all__ = [
    "CLASSIFICATION_RULE",
    "CLASSIFICATION_RULE_EN",
    "COLUMNS",
    "CONTENT_FIELDS",
    "EXECUTING_NAME",
    "FAMILIES",
    "KLASSEN",
    "OVERRIDE_KLASSEN",
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
    "TaakveldMatch",
    "TaakveldRule",
    "Vorm",
    "arrangements_on",
    "check_rows",
    "classify",
    "congruence",
    "derive_taakvelden",
    "existing_partners",
    "format_row",
    "load_taakveld_rules",
    "normalise_name",
    "parse_row",
    "regelingen_of",
    "rule_classification",
    "seed_files",
    "seed_regelingen",
    "validate",
]
