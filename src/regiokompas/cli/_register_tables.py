"""The tables of ``regiokompas register`` (list, one arrangement, congruence) in the CLI's
language; the commands themselves are in :mod:`regiokompas.cli.register_cmd`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from regiokompas.cli._output import Table, nl_number
from regiokompas.cli._taal import cli_ptext, cli_text, current_language
from regiokompas.i18n import format_percent

if TYPE_CHECKING:
    from regiokompas.register import Classification, Congruence, Partner, Regeling
    from regiokompas.store import AuditEntry

__all__ = ["congruentie_tables", "ja_nee", "list_table", "regeling_tables"]


def _nl(value: float | None) -> str:
    return nl_number(value, 1)


def ja_nee(value: bool) -> str:
    """``ja``/``nee`` in the CLI's language."""
    return cli_text("ja") if value else cli_text("nee")


def klasse_label(klasse: str) -> str:
    """A register class (``samenwerking``, ``uitbesteding``, ``onbekend``: machine values in
    JSON and CSV) in the CLI's language."""
    labels = {
        "samenwerking": cli_ptext("klasse", "samenwerking"),
        "uitbesteding": cli_ptext("klasse", "uitbesteding"),
        "onbekend": cli_ptext("klasse", "onbekend"),
    }
    return labels.get(klasse, klasse)


def _vorm_code(code: str) -> str:
    """A form code as the list shows it: the code in Dutch, the register's label in English."""
    from regiokompas.register import VORMEN

    vorm = VORMEN.get(code)
    return vorm.name_en if vorm is not None and current_language() == "en" else code


def list_table(regelingen: list[Regeling], title: str, labels: bool = True) -> Table:
    """The list of arrangements (one row each) with its source caption; ``labels=False`` keeps
    the form and class codes (CSV, read by programs)."""
    from regiokompas.register import classify

    rows = [
        [
            r.id,
            r.naam,
            _vorm_code(r.vorm) if labels else r.vorm,
            klasse_label(classify(r).klasse) if labels else classify(r).klasse,
            len(r.gemeenten),
            ja_nee(r.historisch),
            ja_nee(r.te_verifieren),
        ]
        for r in regelingen
    ]
    return Table(
        title,
        [
            cli_text("Id"),
            cli_text("Naam"),
            cli_text("Vorm"),
            cli_text("Klasse"),
            cli_text("Gemeenten"),
            cli_text("Historisch"),
            cli_text("Te verifiëren"),
        ],
        rows,
        caption=cli_text("Bron: register Regiokompas (bron per regeling: 'register toon ID')"),
        align_right={0, 4},
    )


def regeling_tables(r: Regeling, c: Classification, trail: list[AuditEntry]) -> list[Table]:
    """Fields, members and change history of one arrangement."""
    from regiokompas.register import VORMEN

    english = current_language() == "en"
    vorm = VORMEN.get(r.vorm)
    vorm_naam = (vorm.name_en if english else vorm.naam) if vorm else r.vorm
    reden = c.reden_en if english and c.reden_en else c.reden
    fields = [
        (cli_text("Naam"), r.naam),
        (cli_text("Vorm"), vorm_naam),
        (cli_text("Classificatie"), f"{klasse_label(c.klasse)} ({reden})"),
        (cli_text("Taakvelden"), ", ".join(r.taakvelden) or "–"),
        (cli_text("Begroting (k€/jaar)"), _nl(r.begroting_keur)),
        (cli_text("Startdatum"), str(r.startdatum or "–")),
        (cli_text("Evaluatiedatum"), str(r.evaluatiedatum or "–")),
        (cli_text("Uittreding"), r.uittredingsvoorwaarden or "–"),
        (cli_text("Zienswijzerecht raden"), ja_nee(r.zienswijzerecht)),
        (cli_text("Gezamenlijke raadscommissie"), ja_nee(r.gezamenlijke_raadscommissie)),
        (cli_text("Gezamenlijk bestuur"), ja_nee(r.gezamenlijk_bestuur)),
        (cli_text("Bron"), f"{r.bron} ({r.bron_datum or cli_text('datum onbekend')})"),
        (
            cli_text("Historisch / te verifiëren"),
            f"{ja_nee(r.historisch)} / {ja_nee(r.te_verifieren)}",
        ),
        (cli_text("Versie"), str(r.versie)),
        (cli_text("Verwijderd"), ja_nee(r.verwijderd)),
    ]
    deelnemers = [
        [d.code or cli_text("overig"), d.naam, _nl(d.bijdrage_keur)] for d in r.deelnemers
    ]
    history = [
        [
            a.tijdstip.strftime("%Y-%m-%d %H:%M:%S"),
            a.gebruiker,
            a.actie,
            a.veld,
            (a.oud or "")[:60],
            (a.nieuw or "")[:60],
        ]
        for a in trail
    ]
    return [
        Table(
            cli_text("Regeling {id}").format(id=r.id),
            [cli_text("Kenmerk"), cli_text("Waarde")],
            [list(f) for f in fields],
        ),
        Table(
            cli_text("Deelnemers"),
            [cli_text("Code"), cli_text("Naam"), cli_text("Bijdrage (k€/jaar)")],
            deelnemers,
            align_right={2},
        ),
        Table(
            cli_text("Wijzigingen (UTC)"),
            [
                cli_text("Tijdstip"),
                cli_text("Wie"),
                cli_text("Actie"),
                cli_text("Veld"),
                cli_text("Oud"),
                cli_text("Nieuw"),
            ],
            history,
        ),
    ]


def congruentie_tables(
    c: Congruence, partners: list[Partner], names: dict[str, str]
) -> list[Table]:
    """The congruence figures of a gemeente and its existing partners."""
    pct = format_percent(c.aandeel_meest_voorkomend, current_language())
    figures = [
        [cli_text("Regelingen"), str(c.regelingen)],
        [cli_text("Met andere gemeenten"), str(c.met_partners)],
        [cli_text("Verschillende partnersets"), str(c.partnersets)],
        [
            cli_text("Index (sets / regelingen)"),
            nl_number(c.index, 2),
        ],
        [cli_text("Aandeel met de meest voorkomende set"), pct],
    ]
    return [
        Table(
            cli_text("Congruentie"),
            [cli_text("Maat"), cli_text("Waarde")],
            figures,
            align_right={1},
            caption=cli_text(
                "Bron: register Regiokompas (regio's 2024; GR's en regioatlas 2016, historisch)"
            ),
        ),
        Table(
            cli_text("Bestaande partners"),
            [
                cli_text("Gemeente"),
                cli_text("Code"),
                cli_text("Regelingen"),
                cli_text("Taakvelden"),
            ],
            [
                [names.get(p.code, p.code), p.code, p.aantal, ", ".join(p.taakvelden)]
                for p in partners
            ],
            align_right={2},
        ),
    ]
