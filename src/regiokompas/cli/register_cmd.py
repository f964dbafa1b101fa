"""``regiokompas register ...``: the register of cooperation arrangements from the command
line (list, search, show, import, export, delete/undo, users, tokens, seeding).

Commands act as a local beheerder (whoever can open the database may change it); the audit
trail records them as ``cli:<login name>``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from regiokompas.cli._common import dataset_from, format_option, handle_errors, settings_from
from regiokompas.cli._output import Table, emit_json, emit_tables
from regiokompas.cli._register_tables import (
    congruentie_tables,
    ja_nee,
    list_table,
    regeling_tables,
)
from regiokompas.cli._taal import cli_text

if TYPE_CHECKING:
    from regiokompas.register import Regeling
    from regiokompas.store import Register

__all__ = ["register"]


def _open(ctx: click.Context) -> Register:
    from regiokompas.store import Register

    obj = ctx.find_object(dict) or {}
    url = obj.get("database_url") or settings_from(ctx).database_url
    return Register.open(url, dataset_from(ctx))


def _plain(value: Any) -> Any:
    """Dataclasses as dicts, dates as ISO text (for JSON output)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@click.group("register")
@click.option(
    "--database",
    "database_url",
    envvar="REGIOKOMPAS_DATABASE_URL",
    help="SQLAlchemy-URL van de database (standaard: SQLite in de gebruikersmap).",
)
@click.pass_context
def register(ctx: click.Context, database_url: str | None) -> None:
    """Register van samenwerkingsverbanden: lijst, zoek, toon, importeer, exporteer, beheer.

    De database is SQLite in de gebruikersmap, of PostgreSQL via --database /
    REGIOKOMPAS_DATABASE_URL. Het schema wordt bij het eerste gebruik aangemaakt.
    """
    ctx.ensure_object(dict)["database_url"] = database_url


@register.command("init")
@click.option("--seed/--geen-seed", default=False, help="Laad ook de afgeleide startgegevens.")
@click.pass_context
@handle_errors
def init(ctx: click.Context, seed: bool) -> None:
    """Maak de database aan of werk het schema bij (Alembic-migraties)."""
    reg = _open(ctx)
    click.echo(
        cli_text("Register klaar: {url}").format(
            url=reg.engine.url.render_as_string(hide_password=True)
        )
    )
    if seed:
        _report_seed(reg.seed())


def _report_seed(added: dict[str, int]) -> None:
    for name, count in added.items():
        click.echo(
            "  " + cli_text("{bestand}: {n} regelingen toegevoegd").format(bestand=name, n=count)
        )


@register.command("seed")
@click.pass_context
@handle_errors
def seed(ctx: click.Context) -> None:
    """Laad de afgeleide startgegevens: regio's 2024, GR's en regioatlas 2016 (historisch,
    te verifiëren). Regelingen die er al zijn (zelfde naam) worden overgeslagen."""
    _report_seed(_open(ctx).seed())


@register.command("seed-bouw")
@click.option(
    "--bron",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    required=True,
    help="Map met de ruwe momentopname (../shared/data).",
)
@click.option(
    "--doel",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Uitvoermap (standaard: register/seed_data in het pakket).",
)
@click.pass_context
@handle_errors
def seed_bouw(ctx: click.Context, bron: Path, doel: Path | None) -> None:
    """Leid de startgegevens opnieuw af uit de ruwe bronbestanden (alleen afgeleide records)."""
    from regiokompas.register.seed_build import build_seed

    for name, count in build_seed(dataset_from(ctx), bron, doel).items():
        click.echo(cli_text("{bestand}: {n} regelingen").format(bestand=name, n=count))


def _emit_list(regelingen: list[Regeling], fmt: str, title: str) -> None:
    if fmt == "json":
        emit_json([{**_plain(r), "classificatie": _klasse(r)} for r in regelingen])
        return
    emit_tables([list_table(regelingen, title, labels=fmt == "tabel")], fmt)


def _klasse(regeling: Regeling) -> str:
    from regiokompas.register import classify

    return classify(regeling).klasse


@register.command("lijst")
@click.option("--gemeente", help="Alleen regelingen waaraan deze gemeente deelneemt.")
@click.option("--zoek", help="Deel van de naam.")
@click.option("--verwijderd", is_flag=True, help="Toon de verwijderde regelingen (te herstellen).")
@format_option
@click.pass_context
@handle_errors
def lijst(
    ctx: click.Context, gemeente: str | None, zoek: str | None, verwijderd: bool, fmt: str
) -> None:
    """Lijst van regelingen (op naam)."""
    code = dataset_from(ctx).gemeente(gemeente).code if gemeente else None
    found = _open(ctx).lijst(zoek=zoek, gemeente=code, alleen_verwijderd=verwijderd)
    _emit_list(found, fmt, cli_text("Regelingen ({n})").format(n=len(found)))


@register.command("zoek")
@click.argument("tekst")
@format_option
@click.pass_context
@handle_errors
def zoek(ctx: click.Context, tekst: str, fmt: str) -> None:
    """Zoek regelingen op een deel van de naam."""
    found = _open(ctx).lijst(zoek=tekst)
    _emit_list(
        found, fmt, cli_text("Regelingen met '{tekst}' ({n})").format(tekst=tekst, n=len(found))
    )


@register.command("toon")
@click.argument("regeling_id", type=int)
@format_option
@click.pass_context
@handle_errors
def toon(ctx: click.Context, regeling_id: int, fmt: str) -> None:
    """Alle gegevens van één regeling, met classificatie en wijzigingsgeschiedenis."""
    from regiokompas.register import classify

    reg = _open(ctx)
    r = reg.toon(regeling_id, include_deleted=True)
    trail = reg.geschiedenis(regeling_id)
    c = classify(r)
    if fmt == "json":
        emit_json(
            {
                **_plain(r),
                "classificatie": _plain(c),
                "geschiedenis": _plain(trail),
            }
        )
        return
    emit_tables(regeling_tables(r, c, trail), fmt)


@register.command("import")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--droog",
    is_flag=True,
    help="Proefimport: controleer alles en meld wat er zou gebeuren, maar sla niets op.",
)
@click.option(
    "--bijwerken",
    is_flag=True,
    help="Werk regelingen met een bestaande naam bij (alleen gewijzigde velden) in plaats "
    "van ze als dubbel te weigeren.",
)
@click.pass_context
@handle_errors
def importeer(ctx: click.Context, bestand: Path, droog: bool, bijwerken: bool) -> None:
    """Importeer regelingen uit CSV of XLSX. Alles of niets: bij één fout wordt niets
    opgeslagen en staat per rij wat er mis is. De naam is de vaste sleutel: met --bijwerken
    wordt een regeling met dezelfde naam bijgewerkt."""
    from regiokompas.data import RegiokompasError
    from regiokompas.register import ImportRejectedError
    from regiokompas.store import cli_actor, format_of

    try:
        report = _open(ctx).importeer(
            bestand.read_bytes(),
            format_of(bestand.name),
            cli_actor(),
            droog=droog,
            bijwerken=bijwerken,
        )
    except ImportRejectedError as exc:
        language = settings_from(ctx).taal
        for problem in exc.problems:
            click.echo(problem.message(language), err=True)
        raise RegiokompasError(
            f"{len(exc.problems)} fout(en); er is niets opgeslagen.",
            f"{len(exc.problems)} error(s); nothing was saved.",
        ) from exc
    counts = cli_text("{nieuw} nieuw, {bijgewerkt} bijgewerkt, {ongewijzigd} ongewijzigd").format(
        nieuw=report.nieuw, bijgewerkt=report.bijgewerkt, ongewijzigd=report.ongewijzigd
    )
    if droog:
        click.echo(
            cli_text("Proefimport van {bestand}: {aantallen}. Er is niets opgeslagen.").format(
                bestand=bestand.name, aantallen=counts
            )
        )
    else:
        click.echo(
            cli_text("{n} regelingen geïmporteerd uit {bestand} ({aantallen}).").format(
                n=len(report.regelingen), bestand=bestand.name, aantallen=counts
            )
        )


@register.command("backup")
@click.argument("bestand", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
@handle_errors
def backup_cmd(ctx: click.Context, bestand: Path) -> None:
    """Maak een backup van het register in BESTAND (alleen voor de eigenaar leesbaar).

    SQLite: een kopie via de online-backup van SQLite (ook terwijl de webapp draait);
    PostgreSQL: een draagbare JSON-dump met alle rijen en de schemaversie."""
    from regiokompas.store._backup import backup

    info = backup(_open(ctx).engine, bestand)
    total = sum(info["rijen"].values())
    click.echo(
        cli_text("Backup ({soort}, schema {schema}): {n} rijen in {bestand}.").format(
            soort=info["soort"], schema=info["schema"], n=total, bestand=bestand
        )
    )


@register.command("restore")
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
@handle_errors
def restore_cmd(ctx: click.Context, bestand: Path) -> None:
    """Zet een backup terug in een lege database (weigert een niet-lege database en een
    backup van een nieuwere versie van Regiokompas)."""
    from regiokompas.store import make_engine
    from regiokompas.store._backup import restore

    obj = ctx.find_object(dict) or {}
    engine = make_engine(obj.get("database_url") or settings_from(ctx).database_url)
    try:
        info = restore(engine, bestand)
    finally:
        engine.dispose()
    total = sum(info["rijen"].values())
    click.echo(
        cli_text("Teruggezet uit {bestand} (schema {schema}): {n} rijen.").format(
            bestand=bestand, schema=info["schema"], n=total
        )
    )


@register.command("export")
@click.argument("bestand", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--gemeente", help="Alleen regelingen waaraan deze gemeente deelneemt.")
@click.option("--zoek", help="Deel van de naam.")
@click.pass_context
@handle_errors
def exporteer(ctx: click.Context, bestand: Path, gemeente: str | None, zoek: str | None) -> None:
    """Exporteer de regelingen naar BESTAND (.csv of .xlsx); weer te importeren."""
    from regiokompas.store import format_of

    code = dataset_from(ctx).gemeente(gemeente).code if gemeente else None
    reg = _open(ctx)
    data = reg.exporteer(format_of(bestand.name), zoek=zoek, gemeente=code)
    tmp = bestand.with_name(bestand.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(bestand)
    click.echo(
        cli_text("{n} regelingen geschreven naar {bestand}.").format(
            n=len(reg.lijst(zoek=zoek, gemeente=code)), bestand=bestand
        )
    )


@register.command("verwijder")
@click.argument("regeling_id", type=int)
@click.pass_context
@handle_errors
def verwijder(ctx: click.Context, regeling_id: int) -> None:
    """Verwijder een regeling (zacht: te herstellen met 'register herstel')."""
    from regiokompas.store import cli_actor

    r = _open(ctx).verwijderen(regeling_id, cli_actor())
    click.echo(
        cli_text(
            "Regeling {id} '{naam}' verwijderd; herstel met: regiokompas register herstel {id}"
        ).format(id=r.id, naam=r.naam)
    )


@register.command("herstel")
@click.argument("regeling_id", type=int)
@click.pass_context
@handle_errors
def herstel(ctx: click.Context, regeling_id: int) -> None:
    """Maak het verwijderen van een regeling ongedaan."""
    from regiokompas.store import cli_actor

    r = _open(ctx).herstellen(regeling_id, cli_actor())
    click.echo(cli_text("Regeling {id} '{naam}' hersteld.").format(id=r.id, naam=r.naam))


@register.command("congruentie")
@click.argument("gemeente")
@click.option("--alleen-actueel", is_flag=True, help="Laat historische (2016) regelingen weg.")
@format_option
@click.pass_context
@handle_errors
def congruentie(ctx: click.Context, gemeente: str, alleen_actueel: bool, fmt: str) -> None:
    """Bestaande partners en congruentie van een gemeente volgens het register."""
    ds = dataset_from(ctx)
    g = ds.gemeente(gemeente)
    reg = _open(ctx)
    historisch = False if alleen_actueel else None
    c = reg.congruentie(g.code, historisch)
    partners = reg.bestaande_partners(g.code, historisch)
    names = dict(zip(ds.gemeenten["gm_code"], ds.gemeenten["naam"], strict=True))
    if fmt == "json":
        emit_json(
            {
                "congruentie": _plain(c),
                "partners": _plain(partners),
            }
        )
        return
    emit_tables(congruentie_tables(c, partners, names), fmt, header=f"{g.naam} ({g.code})")


@register.command("gebruiker-toevoegen")
@click.argument("gebruikersnaam")
@click.option("--rol", type=click.Choice(["beheerder", "redacteur", "lezer"]), required=True)
@click.option("--gemeente", help="Voor een redacteur: de gemeente (naam of code).")
@click.password_option(
    "--wachtwoord",
    envvar="REGIOKOMPAS_NIEUW_WACHTWOORD",
    help="Minstens 12 tekens (wordt gevraagd als u het weglaat).",
)
@click.pass_context
@handle_errors
def gebruiker_toevoegen(
    ctx: click.Context, gebruikersnaam: str, rol: str, gemeente: str | None, wachtwoord: str
) -> None:
    """Voeg een account toe (beheerder, redacteur voor één gemeente, of lezer)."""
    from regiokompas.store import cli_actor

    user = _open(ctx).gebruiker_toevoegen(gebruikersnaam, wachtwoord, rol, gemeente, cli_actor())
    if user.gm_code:
        text = cli_text("Gebruiker '{naam}' toegevoegd als {rol} voor {gemeente}.")
    else:
        text = cli_text("Gebruiker '{naam}' toegevoegd als {rol}.")
    click.echo(text.format(naam=user.gebruikersnaam, rol=user.rol, gemeente=user.gm_code))


@register.command("token-maken")
@click.argument("gebruikersnaam")
@click.option("--omschrijving", default="", help="Waarvoor het token dient.")
@click.pass_context
@handle_errors
def token_maken(ctx: click.Context, gebruikersnaam: str, omschrijving: str) -> None:
    """Maak een API-token voor een gebruiker (wordt één keer getoond; bewaar het veilig)."""
    from regiokompas.store import cli_actor

    click.echo(_open(ctx).token_maken(gebruikersnaam, omschrijving, cli_actor()))


@register.command("gebruikers")
@click.pass_context
@handle_errors
def gebruikers(ctx: click.Context) -> None:
    """Lijst van de accounts (zonder wachtwoorden)."""
    rows: list[list[object]] = [
        [u.gebruikersnaam, u.rol, u.gm_code or "–", ja_nee(u.actief)]
        for u in _open(ctx).gebruikers()
    ]
    headers = [cli_text("Naam"), cli_text("Rol"), cli_text("Gemeente"), cli_text("Actief")]
    emit_tables([Table(cli_text("Gebruikers"), headers, rows)], "tabel")


@register.command("wachtwoord")
@click.argument("gebruikersnaam")
@click.password_option(
    "--wachtwoord",
    envvar="REGIOKOMPAS_NIEUW_WACHTWOORD",
    help="Het nieuwe wachtwoord, minstens 12 tekens (wordt gevraagd als u het weglaat).",
)
@click.pass_context
@handle_errors
def wachtwoord(ctx: click.Context, gebruikersnaam: str, wachtwoord: str) -> None:
    """Stel een nieuw wachtwoord in voor een account."""
    from regiokompas.store import accounts, cli_actor

    with _open(ctx).session() as session:
        accounts.set_password(session, gebruikersnaam, wachtwoord, cli_actor())
    click.echo(cli_text("Wachtwoord van '{naam}' gewijzigd.").format(naam=gebruikersnaam))


@register.command("token-intrekken")
@click.argument("gebruikersnaam")
@click.pass_context
@handle_errors
def token_intrekken(ctx: click.Context, gebruikersnaam: str) -> None:
    """Trek alle API-tokens van een account in."""
    from regiokompas.store import accounts, cli_actor

    with _open(ctx).session() as session:
        count = accounts.revoke_tokens(session, gebruikersnaam, cli_actor())
    click.echo(
        cli_text("{n} token(s) van '{naam}' ingetrokken.").format(n=count, naam=gebruikersnaam)
    )
