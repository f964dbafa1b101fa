"""Legal duties to cooperate ("moet"), kwetsbaarheid in FTE and the 4K table.

The duty register (``data/plichten.csv``) cites law, article and status for every duty; the
service (:func:`duties_for`) answers, for one gemeente, which duties apply, in which region
and whether the register of arrangements shows them. :func:`kwetsbaarheid` turns Iv3 lasten
into an indicative FTE band per taakveld; :func:`four_k_rows` lays out kosten, kwetsbaarheid
and the college's own scores for kwaliteit, klant and sturing. Pure core: no web, CLI or
database code.

>>> from regiokompas.data import load_dataset
>>> from regiokompas.register import seed_regelingen
>>> ds = load_dataset()
>>> duties_for(ds, "Gouda", seed_regelingen(ds)).row("ggd").regio.naam
'GGD Hollands-Midden'
"""

from regiokompas.duties.kwetsbaarheid import (
    CAVEAT,
    DEFAULT_THRESHOLD_FTE,
    FteCost,
    Kwetsbaarheid,
    TaakveldFte,
    TaakveldGoal,
    kwetsbaarheid,
    load_fte_costs,
    load_goals,
)
from regiokompas.duties.register import (
    COLUMNS,
    STATUSES,
    VERPLICHT,
    Duty,
    load_duties,
    parse_duties,
)
from regiokompas.duties.service import (
    VOLDAAN,
    VOLDAAN_KORT,
    DutyReport,
    DutyRow,
    Region,
    duties_for,
    region_of,
)
from regiokompas.duties.vierk import (
    ASPECTS,
    FILLED_BY,
    Band,
    FourKRow,
    Scores,
    format_scores,
    four_k_rows,
    load_scores,
    parse_scores,
)

__all__ = [
    "ASPECTS",
    "CAVEAT",
    "COLUMNS",
    "DEFAULT_THRESHOLD_FTE",
    "FILLED_BY",
    "STATUSES",
    "VERPLICHT",
    "VOLDAAN",
    "VOLDAAN_KORT",
    "Band",
    "Duty",
    "DutyReport",
    "DutyRow",
    "FourKRow",
    "FteCost",
    "Kwetsbaarheid",
    "Region",
    "Scores",
    "TaakveldFte",
    "TaakveldGoal",
    "duties_for",
    "format_scores",
    "four_k_rows",
    "kwetsbaarheid",
    "load_duties",
    "load_fte_costs",
    "load_goals",
    "load_scores",
    "parse_duties",
    "parse_scores",
    "region_of",
]
