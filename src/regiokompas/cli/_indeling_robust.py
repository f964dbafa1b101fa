"""Rendering of ``regiokompas indeling --robuust`` and ``--stabiliteit S``: tables and JSON."""

from __future__ import annotations

from typing import Any

from regiokompas.cli._output import Table
from regiokompas.cli._output import nl_number as _nl
from regiokompas.cli._taal import cli_ptext, cli_text, current_language
from regiokompas.i18n import N_, format_percent
from regiokompas.partition import RobustResult, StabilityResult

__all__ = [
    "dask_executor",
    "robust_payload",
    "robust_tables",
    "stability_payload",
    "stability_tables",
]

#: The steps that settle a stability draw (``StabilityResult.methods``), in the order shown.
METHODS = ("lp", "bekend", "boom", "mip", "additief", "bisectie")

#: The partition engine's descriptions of its criteria (``partition.robust.CRITERIA``, Dutch),
#: marked here so the CLI catalogue holds them; a test checks they are the engine's own words.
DESCRIPTIONS = (
    N_("maximaal op de puntschatting (P50-besparing)"),
    N_("maximaal verwacht totaal over de trekkingen (SAA)"),
    N_("maximale P10 van het totaal (risicomijdend)"),
    N_(
        "maximale CVaR 10% van het totaal: gemiddelde van de slechtste tiende van de "
        "trekkingen (risicomijdend; bundel)"
    ),
)
#: What the engine appends to the CVaR description when the model is too large.
_TOO_LARGE = N_("; model te groot: beste startindeling met SAA-grens")


def _description(text: str) -> str:
    """The engine's Dutch description of a partition in the CLI's language."""
    suffix = _TOO_LARGE if text.endswith(_TOO_LARGE) else ""
    return cli_text(text.removesuffix(suffix)) + (cli_text(suffix) if suffix else "")


def _pct(share: float) -> str:
    return format_percent(share, current_language(), 0)


def _gap(gap: float) -> str:
    return format_percent(gap, current_language(), 4)


def robust_tables(robust: RobustResult, names: dict[str, str], caption: str) -> list[Table]:
    """The three partitions side by side, then the groups of the risk-averse one (for a
    bundle the CVaR partition, whose groups show their mean value over the draws)."""
    low_is_p10 = robust.risk_averse.criterion == "p10"
    rows = [
        [
            _description(p.description),
            _nl(p.result.objective, 1),
            _nl(p.result.bound, 1),
            _gap(p.result.gap),
            _nl(p.total.p10, 1),
            _nl(p.total.p50, 1),
            _nl(p.total.p90, 1),
            _nl(p.total.cvar10, 1),
            str(sum(len(g) > 1 for g in p.result.groups)),
        ]
        for p in robust.partitions
    ]
    summary = [
        [cli_text("Trekkingen van het besparingsmodel"), str(robust.draws)],
        [
            cli_text("Risicomijdend tegenover puntschatting: mediaan opgegeven"),
            _nl(robust.median_given_up, 1),
        ],
        [
            cli_text("Risicomijdend tegenover puntschatting: P10 gewonnen"),
            _nl(robust.p10_gained, 1),
        ],
    ]
    groups = [
        [i, len(g), ", ".join(names[c] for c in g), _nl(v, 1)]
        for i, (g, v) in enumerate(
            zip(robust.risk_averse.result.groups, robust.risk_averse.result.values, strict=True),
            start=1,
        )
        if len(g) > 1
    ]
    return [
        Table(
            cli_text("Robuuste indeling (k€ per jaar)"),
            [
                cli_ptext("partitie", "Indeling"),
                cli_text("Doel"),
                cli_text("Bewezen grens"),
                cli_text("Kloof"),
                cli_text("P10 totaal"),
                "P50",
                "P90",
                "CVaR 10%",
                cli_text("Groepen"),
            ],
            rows,
            caption=caption
            + " "
            + cli_text(
                "Doel en grens gelden voor het criterium van de rij; P10/P50/P90 zijn die van het "
                "totaal van de indeling over dezelfde trekkingen, {cvar} het gemiddelde totaal "
                "van de slechtste tiende van de trekkingen."
            ).format(cvar="CVaR 10%"),
            align_right={1, 2, 3, 4, 5, 6, 7, 8},
        ),
        Table(
            cli_text("Wat robuust kost en oplevert"),
            ["", cli_text("k€ per jaar")],
            summary,
            align_right={1},
        ),
        Table(
            cli_text("Groepen van de risicomijdende indeling"),
            [
                "#",
                cli_text("Leden"),
                cli_text("Gemeenten"),
                cli_text("Doelwaarde (k€/jr)") if low_is_p10 else cli_text("Gemiddeld (k€/jr)"),
            ],
            groups,
            caption=caption,
            align_right={0, 1, 3},
        ),
    ]


def robust_payload(robust: RobustResult, names: dict[str, str]) -> dict[str, Any]:
    """JSON: per partition its criterion, objective, bound, gap, groups and total range."""
    return {
        "trekkingen": robust.draws,
        "mediaan_opgegeven": robust.median_given_up,
        "p10_gewonnen": robust.p10_gained,
        "indelingen": [
            {
                "criterium": p.criterion,
                "omschrijving": p.description,
                "exact": p.exact,
                "objective": p.result.objective,
                "bound": p.result.bound,
                "gap": p.result.gap,
                "status": p.result.status,
                "groups": [list(g) for g in p.result.groups],
                "namen": [[names[c] for c in g] for g in p.result.groups],
                "totaal": {
                    "gemiddeld": p.total.mean,
                    "p10": p.total.p10,
                    "p50": p.total.p50,
                    "p90": p.total.p90,
                    "cvar10": p.total.cvar10,
                },
            }
            for p in robust.partitions
        ],
    }


def stability_tables(
    result: StabilityResult, names: dict[str, str], caption: str, top: int = 40
) -> list[Table]:
    """Groups of the reference partition with their share, then the neighbour pairs."""
    groups = [
        [i, ", ".join(names[c] for c in g), _pct(share)]
        for i, (g, share) in enumerate(result.groups, start=1)
    ]
    pairs = [[names[a], names[b], _pct(share)] for a, b, share in result.pairs if share > 0][:top]
    summary = [
        [cli_text("Trekkingen"), str(result.draws)],
        [cli_text("Bewezen optimaal opgelost"), str(result.proven)],
        [cli_text("Grootste kloof van de overige"), _gap(result.max_gap)],
        [cli_text("Grootste kloof in k€ per jaar"), _nl(result.max_gap_keur, 1)],
        [
            cli_text(
                "Afgehandeld via LP / bekende indeling / boomrecombinatie / MIP / "
                "additief boomzoeken / bisectie"
            ),
            " / ".join(str(result.methods.get(m, 0)) for m in METHODS),
        ],
        [cli_text("Rekentijd (s)"), _nl(result.timings.get("totaal_s", 0.0), 1)],
    ]
    return [
        Table(
            cli_text("Stabiliteit"),
            ["", cli_text("Waarde")],
            summary,
            caption=caption,
            align_right={1},
        ),
        Table(
            cli_text(
                "Groepen van de robuuste indeling: aandeel trekkingen waarin precies deze groep "
                "voorkomt"
            ),
            ["#", cli_text("Gemeenten"), cli_text("Aandeel")],
            groups,
            caption=caption,
            align_right={0, 2},
        ),
        Table(
            cli_text(
                "Buurparen: aandeel trekkingen waarin ze samen in een groep zitten (hoogste {top})"
            ).format(top=top),
            [cli_text("Gemeente"), cli_text("Buur"), cli_text("Aandeel")],
            pairs,
            caption=caption,
            align_right={2},
        ),
    ]


def stability_payload(result: StabilityResult, names: dict[str, str]) -> dict[str, Any]:
    """JSON: every neighbour pair and every reference group with its share."""
    return {
        "trekkingen": result.draws,
        "bewezen_optimaal": result.proven,
        "grootste_kloof": result.max_gap,
        "grootste_kloof_keur": result.max_gap_keur,
        "methoden": result.methods,
        "paren": [
            {"a": a, "b": b, "naam_a": names[a], "naam_b": names[b], "aandeel": share}
            for a, b, share in result.pairs
        ],
        "groepen": [
            {"groep": list(g), "namen": [names[c] for c in g], "aandeel": share}
            for g, share in result.groups
        ],
        "timings": result.timings,
    }


def dask_executor(address: str) -> Any:
    """The ``concurrent.futures`` executor of the Dask cluster at ``address``."""
    from regiokompas.data import RegiokompasError

    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - dask is part of the dev install
        raise RegiokompasError(
            "--cluster vraagt het pakket 'distributed' (pip install 'regiokompas[cluster]').",
            "--cluster needs the package 'distributed' (pip install 'regiokompas[cluster]').",
        ) from exc
    try:
        client = Client(address, timeout=10)  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise RegiokompasError(
            f"Geen Dask-scheduler bereikbaar op {address}.",
            f"No Dask scheduler reachable at {address}.",
        ) from exc
    return client.get_executor()  # type: ignore[no-untyped-call]
