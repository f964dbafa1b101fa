"""Appendix 'Hoe zeker zijn we': the merger back-test of the savings model, in the chapter.

The numbers come from :func:`regiokompas.savings.backtest.backtest`; this module only turns
them into chapter blocks (the web page ``/hoe-zeker`` shows the same rows).
"""

from __future__ import annotations

from regiokompas.data import Dataset
from regiokompas.i18n import format_percent
from regiokompas.report._i18n import _, engine_text, format_number
from regiokompas.report._model import Block, Paragraph, Section, Table
from regiokompas.savings.backtest import BACKTEST_MODES, backtest, uitleg

__all__ = ["zekerheid_section"]


def _pct(value: float, lang: str) -> str:
    """A signed change in percentage points, one decimal ("+10,5" / "+10.5")."""
    text = format_number(100 * value, lang, 1)
    return text if text.startswith("-") else f"+{text}"


def zekerheid_section(ds: Dataset, lang: str = "nl") -> Section:
    """The back-test table per merger, coverage and width per mode, and what it means."""
    bt = backtest(ds, BACKTEST_MODES[0])
    rows = tuple(
        (
            r.naam,
            str(r.fusiejaar),
            str(r.basisjaar),
            _pct(r.p10, lang),
            _pct(r.p50, lang),
            _pct(r.p90, lang),
            _pct(r.werkelijk, lang),
            _("ja", lang) if r.binnen else _("nee", lang),
        )
        for r in bt.rows
    )
    table = Table(
        _(
            "Terugtoets: voorspelde en werkelijke verandering van de lasten per inwoner na een "
            "fusie (procentpunt, gecorrigeerd voor gemeenten zonder fusie)",
            lang,
        ),
        (
            _("Gemeente", lang),
            _("Fusiejaar", lang),
            _("Basisjaar", lang),
            "P10",
            "P50",
            "P90",
            _("Werkelijk", lang),
            _("Binnen", lang),
        ),
        rows,
        engine_text(bt.bron, lang),
        frozenset({1, 2, 3, 4, 5, 6}),
    )
    modes = Table(
        _("Dekking en mediane breedte per modus", lang),
        (_("Modus", lang), _("Dekking", lang), _("Mediane breedte (punten)", lang)),
        tuple(
            (m, format_percent(d, lang), format_number(100 * w, lang, 1))
            for m, (d, w) in bt.per_modus.items()
        ),
        engine_text(bt.bron, lang),
        frozenset({1, 2}),
    )
    blocks: list[Block] = [Paragraph((p,)) for p in uitleg(bt, lang)]
    blocks += [table, modes]
    return Section(_("Hoe zeker zijn we?", lang), tuple(blocks))
