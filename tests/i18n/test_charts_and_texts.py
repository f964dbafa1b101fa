"""Charts and sentences use the one formatter: Dutch commas on axes, no code glued to an amount."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from regiokompas.costs import CostModel  # noqa: E402
from regiokompas.costs.chart import _figure  # noqa: E402
from regiokompas.data import load_dataset  # noqa: E402
from regiokompas.i18n import matplotlib_number_formatter  # noqa: E402
from regiokompas.web.shared.i18n import gettext  # noqa: E402


def _tick_texts(axis) -> list[str]:
    axis.figure.canvas.draw()
    return [t.get_text() for t in axis.get_ticklabels() if t.get_text()]


def test_a_linear_axis_in_dutch_has_decimal_commas() -> None:
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 0.5])
    ax.yaxis.set_major_formatter(matplotlib_number_formatter("nl"))
    labels = _tick_texts(ax.yaxis)
    plt.close(fig)
    assert "0,5" in labels or "0,50" in labels, labels
    assert not any("." in t for t in labels), labels


@pytest.mark.parametrize(("language", "thousand"), [("nl", "1.000"), ("en", "1,000")])
def test_cost_model_chart_ticks_and_title_follow_the_language(language: str, thousand: str) -> None:
    ds = load_dataset()
    fit = CostModel.from_dataset(ds, draws=50).fit("7.3")
    fig, _plt = _figure(fit, ds, language)
    try:
        ax = fig.axes[0]
        xticks = _tick_texts(ax.xaxis)
        title = ax.get_title()
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
    finally:
        plt.close(fig)
    # Inhabitants on a log axis: round numbers written out, with the language's separator.
    assert any(thousand in t for t in xticks), xticks
    assert not any("10^" in t or "mathdefault" in t for t in xticks), xticks
    elasticity = re.search(r"(?:elasticiteit|elasticity) ([+-]?\d+[.,]\d\d)", title)
    assert elasticity is not None, title
    assert ("," in elasticity.group(1)) == (language == "nl"), title
    if language == "en":
        assert "estimated curve" in legend and "Bron" not in title
    else:
        assert "geschatte curve" in legend


def test_taakveld_code_is_never_glued_to_an_amount() -> None:
    # Issue 16: "Samen kost 0.4 84.645" read as one number.
    for language in ("nl", "en"):
        text = gettext(
            "Taakveld {taakveld} kost samen {groep} (× € 1.000 per jaar); ieder apart in totaal "
            "{alleen}.",
            language,
            taakveld="0.4",
            groep="84.645",
            alleen="90.000",
        )
        assert "0.4 84.645" not in text
        assert re.search(r"0\.4\s+\S*[a-z]", text), text  # a word follows the code
