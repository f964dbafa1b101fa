"""Diagnostic chart of one fitted cost curve: € per inhabitant against inhabitants.

matplotlib is imported inside the function (Agg backend), so the model code that the optimiser
imports never loads it. Texts come from the ``regiokompas`` catalogue and numbers (ticks,
title, legend) from :mod:`regiokompas.i18n`, so a chart is Dutch ("0,5", "1.000") or English.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np

from regiokompas.costs.model import TaakveldFit
from regiokompas.data import Dataset
from regiokompas.i18n import N_, format_number, gettext, matplotlib_number_formatter

__all__ = ["VERDICT_TEXT", "plot_fit", "plot_fit_bytes"]

#: The cost model's verdicts (machine values, Dutch) as words to translate.
VERDICT_TEXT = {
    "schaalvoordelen": N_("schaalvoordelen"),
    "geen bewijs": N_("geen bewijs"),
    "schaalnadelen": N_("schaalnadelen"),
}


def plot_fit(fit: TaakveldFit, ds: Dataset, path: Path | str, language: str = "nl") -> Path:
    """Write a PNG or SVG (by extension) with the gemeenten of the latest year as points and the
    fitted curve with its 90% bootstrap band (average controls, latest year). Returns the path.

    >>> from regiokompas.data import load_dataset
    >>> from regiokompas.costs import CostModel
    >>> import tempfile, pathlib
    >>> ds = load_dataset()
    >>> out = plot_fit(CostModel.from_dataset(ds, draws=200).fit("7.3"), ds,
    ...                pathlib.Path(tempfile.mkdtemp()) / "afval.png")
    >>> out.stat().st_size > 0
    True
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    figure, plt = _figure(fit, ds, language)
    figure.savefig(out)
    plt.close(figure)
    return out


def plot_fit_bytes(fit: TaakveldFit, ds: Dataset, fmt: str = "svg", language: str = "nl") -> bytes:
    """The same chart as bytes in ``fmt`` ("svg" or "png"), e.g. for a web response.

    >>> from regiokompas.data import load_dataset
    >>> from regiokompas.costs import CostModel
    >>> ds = load_dataset()
    >>> plot_fit_bytes(CostModel.from_dataset(ds, draws=200).fit("7.3"), ds)[:5]
    b'<?xml'
    """
    buffer = io.BytesIO()
    figure, plt = _figure(fit, ds, language)
    figure.savefig(buffer, format=fmt)
    plt.close(figure)
    return buffer.getvalue()


def _figure(fit: TaakveldFit, ds: Dataset, language: str = "nl") -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    year = max(fit.years)
    lasten = ds.lasten_reeks
    rows = lasten[
        (lasten["document"] == "jaarrekening")
        & (lasten["jaar"] == year)
        & (lasten["reeks"] == fit.reeks)
    ]
    inwoners = ds.inwoners_in(year)
    x = rows["gm_code"].map(inwoners).to_numpy(dtype=float)
    y = rows["lasten_keur"].to_numpy(dtype=float) * 1000.0 / x
    keep = y > 0
    grid = np.exp(np.linspace(np.log(fit.size_range[0]), np.log(fit.size_range[1]), 200))
    point, low, high = fit.curve(grid)

    def num(value: float, decimals: int = 0, sign: bool = False) -> str:
        return format_number(value, language, decimals, sign=sign)

    figure, axes = plt.subplots(figsize=(8, 5), dpi=120)
    axes.scatter(
        x[keep],
        y[keep],
        s=10,
        alpha=0.5,
        color="#4a6fa5",
        label=gettext("gemeenten {jaar}", language).format(jaar=year),
    )
    axes.fill_between(
        grid,
        low,
        high,
        color="#e07b39",
        alpha=0.25,
        label=gettext("90%-band (bootstrap)", language),
    )
    axes.plot(grid, point, color="#e07b39", linewidth=2, label=gettext("geschatte curve", language))
    if fit.afvlakpunt is not None:
        axes.axvline(
            fit.afvlakpunt,
            color="grey",
            linestyle="--",
            linewidth=1,
            label=gettext("afvlakpunt ≈ {inwoners}", language).format(inwoners=num(fit.afvlakpunt)),
        )
    axes.set_xscale("log")
    axes.set_yscale("log")
    # Round numbers on the log axes in the language's notation ("10.000", not "10^4").
    axes.xaxis.set_major_formatter(matplotlib_number_formatter(language))
    axes.yaxis.set_major_formatter(matplotlib_number_formatter(language))
    axes.set_xlabel(gettext("inwoners (log-schaal)", language))
    axes.set_ylabel(gettext("lasten per inwoner in € (log-schaal)", language))
    el = fit.elasticity
    axes.set_title(
        gettext("Taakveld {taakveld} {omschrijving}: {oordeel}", language).format(
            taakveld=fit.reeks,
            omschrijving=fit.omschrijving,
            oordeel=gettext(VERDICT_TEXT[fit.verdict], language),
        )
        + "\n"
        + gettext("elasticiteit {mid} (90%: {low} tot {high}), R² {r2}", language).format(
            mid=num(el.mid, 2, True),
            low=num(el.low, 2, True),
            high=num(el.high, 2, True),
            r2=num(fit.r2, 2),
        ),
        fontsize=10,
    )
    axes.legend(fontsize=8, loc="best")
    figure.text(
        0.01,
        0.01,
        gettext(
            "Bron: CBS Iv3 jaarrekening {van}–{tot}; curve bij gemiddelde kenmerken. Regiokompas.",
            language,
        ).format(van=min(fit.years), tot=year),
        fontsize=7,
        color="grey",
    )
    # Fixed margins: tight_layout would measure every tick label and costs half the time.
    figure.subplots_adjust(left=0.1, right=0.97, top=0.88, bottom=0.15)
    return figure, plt
