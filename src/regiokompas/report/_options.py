"""Options of the chapter (all editable by the user; the appendix names them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from regiokompas.savings import DEFAULT_MODE

if TYPE_CHECKING:
    from regiokompas.report._opportunities import OpportunitySource

__all__ = ["ChapterOptions"]


@dataclass(frozen=True)
class ChapterOptions:
    """What to put in the chapter and how to ask the engines.

    ``source`` injects where opportunities come from; ``None`` means the real engines
    (partner finder + savings engine) when they are installed, else no opportunities.
    ``regelingen`` passes the register's current records (``regiokompas.register.Regeling``);
    ``None`` means the seed records shipped with the register. ``savings_engine`` passes a
    ready ``SavingsEngine`` (the web app builds one per mode); ``None`` builds one in ``modus``.
    ``max_size`` and ``within`` (a region type) bound the partner finder's groups.
    ``scores_4k`` carries the college's own 4K scores (``regiokompas.duties.Scores``); they
    appear in the chapter marked "ingevuld door de gemeente". ``None`` leaves them empty.
    ``top`` caps the number of opportunities printed (None: every one the advice shows, as
    the page does). ``advice`` passes the advice (:class:`regiokompas.advice.Advice`) the
    adapter already computed for the page or the API, so the chapter prints exactly the same
    numbers; ``None`` computes it from these options. ``include_no_evidence`` also lists
    taakvelden without evidence of a saving as options (never as opportunities that "yield
    money"). ``language`` writes the chapter in Dutch ("nl") or English ("en").
    """

    top: int | None = None
    max_size: int = 4
    within: str | None = None
    vorm: str = "bedrijfsvoeringsorganisatie"
    modus: str = DEFAULT_MODE
    autonomy_price: float = 0.0
    draws: int = 1000
    seed: int = 0
    document: str = "jaarrekening"
    figures: bool = True
    source: OpportunitySource | None = None
    regelingen: tuple[Any, ...] | None = None
    savings_engine: Any | None = None
    scores_4k: Any | None = None
    advice: Any | None = None
    include_no_evidence: bool = False
    language: str = "nl"  # "nl" or "en": the chapter's language (numbers, words, plurals)
