"""Diagnostic chart of one fitted cost curve: € per inhabitant against inhabitants.

matplotlib is imported inside the function (Agg backend), so the model code that the optimiser
imports never loads it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np

from regiokompas.costs.model import TaakveldFit
from regiokompas.data import Dataset

__all__ = ["plot_fit", "plot_fit_bytes"]


def plot_fit(fit: TaakveldFit, ds: Dataset, path: Path | str) -> Path:
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
    figure, plt = _figure(fit, ds)
    figure.savefig(out)
    plt.close(figure)
    return out


def plot_fit_bytes(fit: TaakveldFit, ds: Dataset, fmt: str = "svg") -> bytes:
    """The same chart as bytes in ``fmt`` ("svg" or "png"), e.g. for a web response.

    >>> from regiokompas.data import load_dataset
    >>> from regiokompas.costs import CostModel
    >>> ds = load_dataset()
    >>> plot_fit_bytes(CostModel.from_dataset(ds, draws=200).fit("7.3"), ds)[:5]
    b'<?xml'
    """
    buffer = io.BytesIO()
    figure, plt = _figure(fit, ds)
    figure.savefig(buffer, format=fmt)
    plt.close(figure)
    return buffer.getvalue()


def _figure(fit: TaakveldFit, ds: Dataset) -> tuple[Any, Any]:
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
    figure, axes = plt.subplots(figsize=(8, 5), dpi=120)
    axes.scatter(x[keep], y[keep], s=10, alpha=0.5, color="#4a6fa5", label=f"gemeenten {year}")
    axes.fill_between(grid, low, high, color="#e07b39", alpha=0.25, label="90%-band (bootstrap)")
    axes.plot(grid, point, color="#e07b39", linewidth=2, label="geschatte curve")
    if fit.afvlakpunt is not None:
        axes.axvline(
            fit.afvlakpunt,
            color="grey",
            linestyle="--",
            linewidth=1,
            label=f"afvlakpunt ≈ {fit.afvlakpunt:,.0f}".replace(",", "."),
        )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("inwoners (log-schaal)")
    axes.set_ylabel("lasten per inwoner in € (log-schaal)")
    el = fit.elasticity
    axes.set_title(
        f"Taakveld {fit.reeks} {fit.omschrijving}: {fit.verdict}\n"
        f"elasticiteit {el.mid:+.2f} (90%: {el.low:+.2f} tot {el.high:+.2f}), R² {fit.r2:.2f}",
        fontsize=10,
    )
    axes.legend(fontsize=8, loc="best")
    figure.text(
        0.01,
        0.01,
        f"Bron: CBS Iv3 jaarrekening {min(fit.years)}–{year}; "
        "curve bij gemiddelde kenmerken. Regiokompas.",
        fontsize=7,
        color="grey",
    )
    # Fixed margins: tight_layout would measure every tick label and costs half the time.
    figure.subplots_adjust(left=0.1, right=0.97, top=0.88, bottom=0.15)
    return figure, plt
