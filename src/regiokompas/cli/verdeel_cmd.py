"""``regiokompas verdeel``: what each verdeelsleutel means for each member of a group."""

from __future__ import annotations

import dataclasses
from typing import Any

import click

from regiokompas._errors import RegiokompasError
from regiokompas._modes import DEFAULT_MODE
from regiokompas.cli._common import dataset_from, format_option, handle_errors
from regiokompas.cli._output import Table, emit_json, emit_tables, nl_number
from regiokompas.cli._taal import cli_ptext, cli_text, current_language
from regiokompas.i18n import gettext
from regiokompas.sharing import METHODS, VerdeelAnalyse, read_game_file, verdeel_regio
from regiokompas.sharing import verdeel as allocate

__all__ = ["verdeel"]


def _nl(value: float, decimals: int = 2) -> str:
    return nl_number(value, decimals)


def _method_column(methode: str) -> str:
    """A --methode value (a Dutch id) as a column name in the CLI's language."""
    columns = {
        "inwoners": cli_ptext("methode", "inwoners"),
        "gebruik": cli_ptext("methode", "gebruik"),
        "vast-variabel": cli_ptext("methode", "vast-variabel"),
        "shapley": cli_ptext("methode", "shapley"),
        "nucleolus": cli_ptext("methode", "nucleolus"),
        "kleinste-kern": cli_ptext("methode", "kleinste-kern"),
    }
    return columns.get(methode, methode)


def _tables(r: VerdeelAnalyse) -> list[Table]:
    methods = r.verdelingen
    amounts = [
        [speler, _nl(methods[0].aandelen[k].alleen), *(_nl(v.aandelen[k].bedrag) for v in methods)]
        for k, speler in enumerate(r.spelers)
    ]
    amounts.append([cli_text("Totaal"), _nl(r.som_alleen), *(_nl(v.totaal) for v in methods)])
    gains = [
        [
            speler,
            *(
                _nl(v.aandelen[k].voordeel) + (" *" if v.aandelen[k].beter_alleen else "")
                for v in methods
            ),
        ]
        for k, speler in enumerate(r.spelers)
    ]
    verdicts = []
    for v in methods:
        in_core = "–" if v.in_kern is None else (cli_text("ja") if v.in_kern else cli_text("nee"))
        block = v.blokkade
        verdicts.append(
            [
                gettext(v.omschrijving, current_language()),
                in_core,
                ", ".join(block.coalitie) if block else "",
                _nl(block.overschot) if block else "",
                v.toelichting,
            ]
        )
    # The column names are the --methode values (Dutch ids); English shows them in English.
    names = [_method_column(v.methode) for v in methods]
    right = set(range(1, len(methods) + 2))
    return [
        Table(
            cli_text("Bijdrage per lid ({eenheid})").format(eenheid=r.eenheid),
            [cli_text("Lid"), cli_text("Alleen"), *names],
            amounts,
            caption=cli_text("Bron: {bron}").format(bron=r.bron),
            align_right=right,
        ),
        Table(
            cli_text("Voordeel tegenover alleen ({eenheid})").format(eenheid=r.eenheid),
            [cli_text("Lid"), *names],
            gains,
            caption=cli_text("* = dit lid is alleen goedkoper uit (negatief voordeel)."),
            align_right=right - {len(methods) + 1},
        ),
        Table(
            cli_text("Stabiliteit: is de verdeling in de kern?"),
            [
                cli_text("Methode"),
                cli_text("In kern"),
                cli_text("Blokkerende coalitie"),
                cli_text("Betaalt te veel ({eenheid})").format(eenheid=r.eenheid),
                cli_text("Toelichting"),
            ],
            verdicts,
            align_right={3},
        ),
    ]


def _header(r: VerdeelAnalyse) -> str:
    lines = [
        r.naam or cli_text("Verdeling"),
        cli_text(
            "Kosten samen: {samen} {eenheid}; som van ieder alleen: {alleen} {eenheid}."
        ).format(samen=_nl(r.groepskosten), alleen=_nl(r.som_alleen), eenheid=r.eenheid),
    ]
    if not r.samenwerken_loont:
        lines.append(
            cli_text(
                "Samenwerken kost hier meer dan ieder alleen: geen verdeling maakt iedereen "
                "beter af."
            )
        )
    if r.kern_leeg:
        eps = (
            cli_text(" (kleinste kern: ε = {waarde} {eenheid})").format(
                waarde=_nl(r.kleinste_kern_waarde), eenheid=r.eenheid
            )
            if (r.kleinste_kern_waarde is not None)
            else ""
        )
        lines.append(
            cli_text(
                "De kern is leeg: elke verdeling wordt door een coalitie geblokkeerd{eps}."
            ).format(eps=eps)
        )
    elif r.kern_leeg is False:
        lines.append(
            cli_text("De kern is niet leeg: er bestaan verdelingen die geen coalitie blokkeert.")
        )
    return "\n".join(lines)


def _payload(r: VerdeelAnalyse) -> dict[str, Any]:
    payload = dataclasses.asdict(r)
    for out, v in zip(payload["verdelingen"], r.verdelingen, strict=True):
        for share_out, share in zip(out["aandelen"], v.aandelen, strict=True):
            share_out["beter_alleen"] = share.beter_alleen
    return payload


@click.command("verdeel")
@click.option(
    "--gemeenten",
    help='Groep gemeenten, komma-gescheiden (namen of codes), bv. "Gouda, Waddinxveen, Zuidplas".',
)
@click.option(
    "--taakveld",
    "taakvelden",
    multiple=True,
    help="Iv3-taakveld(en) van de samenwerking, bv. 0.4 (herhaalbaar of komma-gescheiden).",
)
@click.option(
    "--vorm",
    default="bedrijfsvoeringsorganisatie",
    show_default=True,
    help="Samenwerkingsvorm (bepaalt de transactiekosten).",
)
@click.option(
    "--modus",
    type=click.Choice(["fitted", "literature"]),
    default=DEFAULT_MODE,
    show_default=True,
    help="Besparingsmodel: geschat op alle gemeenten of uit de literatuur.",
)
@click.option(
    "--aaneengesloten",
    is_flag=True,
    help="Alleen aaneengesloten coalities werken samen; een niet-aaneengesloten "
    "coalitie kost de som van haar delen.",
)
@click.option(
    "--spel",
    "spel",
    type=click.Path(dir_okay=False, path_type=str),
    help="Eigen spel als JSON-bestand (zie docs/verdeling.md) in plaats van --gemeenten.",
)
@click.option(
    "--methode",
    "methodes",
    multiple=True,
    type=click.Choice(list(METHODS)),
    help="Verdeelmethode(n) (herhaalbaar); standaard alle die kunnen.",
)
@click.option(
    "--vast-aandeel",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Deel dat bij vast-variabel gelijk over de leden gaat.",
)
@click.option(
    "--steekproef",
    type=click.IntRange(2, 1_000_000),
    default=None,
    help="Shapley-waarde schatten met zoveel willekeurige volgordes (met standaardfout).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed van de steekproef.")
@format_option
@click.pass_context
@handle_errors
def verdeel(
    ctx: click.Context,
    gemeenten: str | None,
    taakvelden: tuple[str, ...],
    vorm: str,
    modus: str,
    aaneengesloten: bool,
    spel: str | None,
    methodes: tuple[str, ...],
    vast_aandeel: float,
    steekproef: int | None,
    seed: int,
    fmt: str,
) -> None:
    """Eerlijke kostenverdeling binnen een samenwerking: verdeelsleutels, Shapley, nucleolus, kern.

    Laat per lid zien wat elke verdeelsleutel kost, wat het lid alleen kwijt zou zijn, en of
    een groep leden beter af is zonder de rest (de kern). Met --gemeenten en --taakveld komen
    de kosten uit het besparingsmodel; met --spel uit een eigen bestand.
    """
    chosen = list(methodes) or None
    if spel and gemeenten:
        raise RegiokompasError(
            "Geef --spel of --gemeenten, niet allebei.", "Give --spel or --gemeenten, not both."
        )
    if spel:
        parsed = read_game_file(spel)
        result = allocate(
            parsed.game,
            chosen,
            inwoners=parsed.inwoners,
            gebruik=parsed.gebruik,
            vast_aandeel=vast_aandeel,
            steekproef=steekproef,
            seed=seed,
            language=current_language(),
        )
    elif gemeenten:
        codes = [t for item in taakvelden for t in (p.strip() for p in item.split(",")) if t]
        if not codes:
            raise RegiokompasError(
                "Geef met --taakveld aan om welk taakveld het gaat.",
                "Name the policy task with --taakveld.",
            )
        from regiokompas.savings import SavingsEngine

        ds = dataset_from(ctx)
        engine = SavingsEngine.from_dataset(
            ds, mode="literature" if modus == "literature" else "fitted"
        )
        members = [m.strip() for m in gemeenten.split(",") if m.strip()]
        result = verdeel_regio(
            ds,
            engine,
            members,
            codes,
            vorm,
            aaneengesloten=aaneengesloten,
            methodes=chosen,
            vast_aandeel=vast_aandeel,
            steekproef=steekproef,
            seed=seed,
            language=current_language(),
        )
    else:
        raise RegiokompasError(
            "Geef een groep met --gemeenten (en --taakveld) of een spel met --spel.",
            "Give a group with --gemeenten (and --taakveld) or a game with --spel.",
        )
    if fmt == "json":
        emit_json(_payload(result))
        return
    emit_tables(_tables(result), fmt, header=_header(result))
