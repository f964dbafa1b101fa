"""Chapter sections for "kunnen of moeten": "Wat moet" (legal duties, before the opportunities)
and "Vier K's" (kosten, kwetsbaarheid, kwaliteit, klant, sturing) next to the trade-off.

Numbers come from :mod:`regiokompas.duties`; the college's own scores come in through
``ChapterOptions.scores_4k`` and are printed marked "ingevuld door de gemeente".
"""

from __future__ import annotations

from collections.abc import Sequence

from regiokompas.data import Dataset
from regiokompas.duties import (
    FILLED_BY,
    Band,
    Kwetsbaarheid,
    Scores,
    duties_for,
    four_k_rows,
    kwetsbaarheid,
)
from regiokompas.register import VORMEN, Regeling, seed_regelingen
from regiokompas.report._format import num
from regiokompas.report._i18n import N_, _, engine_text, format_number
from regiokompas.report._model import Block, BulletList, Cell, Num, Paragraph, Section, Table
from regiokompas.report._opportunities import Opportunity

__all__ = [
    "MOET_TITLE",
    "VIERK_TITLE",
    "moet_section",
    "moet_table",
    "vierk_notes",
    "vierk_section",
]

MOET_TITLE = N_("Wat moet: samenwerking die de wet voorschrijft")
VIERK_TITLE = N_("Meer dan geld: de vier K's en sturing")
_FILLED_BY = N_("ingevuld door de gemeente")  # duties.FILLED_BY, in the chapter's words
_LAW_SOURCE = "wetten.overheid.nl; CBS Gebiedsindelingen 2024; BZK regioatlas 2016"
STURING_HELP = N_(
    "Sturing is de democratische controle die de raad en het college houden: hoe meer een taak "
    "in een gezamenlijke organisatie komt, hoe minder de eigen raad er direct over beslist. De "
    "'prijs van autonomie' in de afweging rekent dat verlies om in geld (k€ per jaar per punt "
    "autonomieverlies); de sturingsscore hier is het eigen oordeel van het college over hoe "
    "zwaar dat per taakveld weegt. Beide staan naast elkaar; geen van beide is een oordeel van "
    "Regiokompas."
)


#: A duty's form (plichten.csv ``vorm``) that is not a register form, as the chapter says it.
_DUTY_FORMS = {"keuze_gemeente": N_("keuze gemeente"), "samenwerking_uwv": N_("samenwerking uwv")}


def _duty_form(vorm: str, lang: str) -> str:
    """The form of a duty: its code in words in Dutch ("openbaar lichaam"), the register's
    label or the catalogue's in English ("Public body (Wgr)")."""
    if lang == "nl":
        return vorm.replace("_", " ")
    if vorm in _DUTY_FORMS:
        return _(_DUTY_FORMS[vorm], lang)
    known = VORMEN.get(vorm)
    return vorm.replace("_", " ") if known is None else known.name_en


def moet_section(
    ds: Dataset,
    code: str,
    naam: str,
    regelingen: Sequence[Regeling] | None,
    register_bron: str | None = None,
    lang: str = "nl",
) -> Section:
    """'Wat moet': every duty with law, article, status, region and what the register shows.
    The chapter passes the same records (and source label) as its advice, so this section and
    the advice's ``juridisch`` are one computation."""
    records = tuple(regelingen) if regelingen is not None else seed_regelingen(ds)
    bron = register_bron or (
        "register" if regelingen is not None else "register (meegeleverde startgegevens)"
    )
    report = duties_for(ds, code, records, register_bron=bron)
    required = [
        Paragraph(
            (
                (
                    _("{regio} (indeling 2016) ({wet}; {status}; vorm: {vorm}).", lang)
                    if row.regio.jaar < 2024
                    else _("{regio} ({wet}; {status}; vorm: {vorm}).", lang)
                ).format(
                    regio=_region_name(engine_text(row.regio.regiotype_naam, lang), row.regio.naam),
                    wet=engine_text(row.duty.bron_tekst, lang),
                    status=row.duty.status_in(lang),
                    vorm=_duty_form(row.duty.vorm, lang),
                ),
            )
        )
        for row in report.rows
        if row.duty.required and row.regio is not None
    ]
    blocks: list[Block] = [
        Paragraph(
            (
                _(
                    "Niet alles is een keuze. Voor een aantal taken schrijft de wet voor dat "
                    "{naam} samenwerkt, en met wie. Die plichten staan hieronder, met wet, "
                    "artikel en status; daarna volgen de kansen, waar het college wel kiest.",
                    lang,
                ).format(naam=naam),
            )
        ),
        Paragraph((_("{naam} moet wettelijk deelnemen aan:", lang).format(naam=naam),)),
        BulletList(tuple(required)),
        Paragraph(
            (
                _(
                    "Bij andere taken, zoals Wmo en jeugdhulp, legt de wet de taak bij de "
                    "gemeente en kiest zij zelf of en hoe zij samenwerkt. De bijlage zet alle "
                    "plichten op een rij, met wet, artikel, status en regio.",
                    lang,
                ),
            )
        ),
    ]
    return Section(_(MOET_TITLE, lang), tuple(blocks))


def moet_table(
    ds: Dataset,
    code: str,
    naam: str,
    regelingen: Sequence[Regeling] | None,
    register_bron: str | None = None,
    lang: str = "nl",
) -> Section:
    """Every duty in one table, with how to read it (for the appendix)."""
    records = tuple(regelingen) if regelingen is not None else seed_regelingen(ds)
    bron = register_bron or (
        "register" if regelingen is not None else "register (meegeleverde startgegevens)"
    )
    report = duties_for(ds, code, records, register_bron=bron)
    rows: list[tuple[Cell, ...]] = [
        (
            engine_text(row.duty.bron_tekst, lang),
            row.duty.status_in(lang),
            _("ja", lang) if row.duty.required else _("keuze gemeente", lang),
            engine_text(row.regio_tekst, lang),
            engine_text(row.voldaan_kort, lang),
        )
        for row in report.rows
    ]
    blocks: list[Block] = [
        Table(
            _("Wettelijke plichten tot samenwerking voor {naam}", lang).format(naam=naam),
            (
                _("Wet en artikel", lang),
                _("Status", lang),
                _("Verplicht", lang),
                _("Regio (bron, jaar)", lang),
                _("In register", lang),
            ),
            tuple(rows),
            _LAW_SOURCE,
        ),
        Paragraph(
            (
                _(
                    "'Keuze gemeente': de wet legt de taak bij de gemeente, de samenwerking en "
                    "de vorm kiest zij zelf. 'Alleen 2016': het register kent alleen een "
                    "regeling uit 2016; ga na of die nog bestaat. Regio's met jaar 2016 komen "
                    "uit de regioatlas van dat jaar en kunnen inmiddels anders zijn.",
                    lang,
                ),
            ),
            "let_op",
        ),
    ]
    return Section(_("Wettelijke plichten", lang), tuple(blocks))


def _region_name(kind: str, name: str) -> str:
    """ "Veiligheidsregio Hollands-Midden", but not "Omgevingsdienst Omgevingsdienst X"."""
    first = kind.split("-")[0].lower()
    return name if name.lower().startswith(first) else f"{kind} {name}"


def _fte_cell(
    k: Kwetsbaarheid, taakveld: str, low: float | None, high: float | None, lang: str
) -> Cell:
    """The FTE band as one figure: its value is the upper bound, its text the band."""
    if low is None or high is None:
        return "–"
    text = f"{format_number(low, lang, 1)}–{format_number(high, lang, 1)}"
    return Num(high, text, "fte (bovengrens)", k.bron, k.jaar, f"kwetsbaar.{taakveld}")


def _band_cell(taakveld: str, band: Band, jaar: int | None, lang: str) -> Num:
    """The savings band as one figure: its value is the P50, its text P10 – P50 – P90."""
    text = " – ".join(format_number(v, lang) for v in (band.p10, band.p50, band.p90))
    unit = "k€ per jaar (P10–P50–P90)"
    return Num(band.p50, text, unit, band.bron, jaar, f"vierk.{taakveld}.kosten")


def vierk_section(
    ds: Dataset,
    code: str,
    naam: str,
    ops: Sequence[Opportunity],
    scores: Scores | None,
    lang: str = "nl",
) -> Section:
    """The 4K table for the opportunities' taakvelden, the thin tasks and the scored ones."""
    k = kwetsbaarheid(ds, code)
    bands = {op.taakveld: Band(op.p10, op.p50, op.p90, op.bron) for op in ops}
    jaren = {op.taakveld: op.jaar for op in ops}
    chosen = scores or Scores()
    filled_by = _(_FILLED_BY, lang)
    # The opportunities, the thin tasks and every taakveld the college scored.
    taakvelden = [op.taakveld for op in ops] + [r.taakveld for r in k.flagged]
    taakvelden += sorted(chosen.values)
    rows: list[tuple[Cell, ...]] = []
    for row in four_k_rows(taakvelden, k, chosen, bands):
        kosten: Cell = "–"
        if row.kosten is not None:
            kosten = _band_cell(row.taakveld, row.kosten, jaren.get(row.taakveld), lang)
        rows.append(
            (
                f"{row.taakveld} {row.omschrijving}",
                kosten,
                _fte_cell(k, row.taakveld, row.fte_laag, row.fte_hoog, lang),
                _("ja", lang) if row.kwetsbaar else _("nee", lang),
                _score(row.kwaliteit, row.taakveld, "kwaliteit"),
                _score(row.klant, row.taakveld, "klant"),
                _score(row.sturing, row.taakveld, "sturing"),
            )
        )
    blocks: list[Block] = [
        Paragraph(
            (
                _(
                    "Geld is één van de afwegingen. Consultants wegen samenwerking vaak op vier "
                    "K's: kosten, kwaliteit, kwetsbaarheid en klantgerichtheid, plus sturing. "
                    "Kosten en kwetsbaarheid komen uit de gegevens; kwaliteit, klant en sturing "
                    "kan alleen de gemeente zelf beoordelen (1 = zwak, 5 = sterk), {wie}.",
                    lang,
                ).format(wie=filled_by),
            )
        ),
        Table(
            _("Vier K's en sturing voor {naam} (kwaliteit, klant, sturing: {wie})", lang).format(
                naam=naam, wie=filled_by
            ),
            (
                _("Taakveld", lang),
                _("Kosten: besparing k€/jaar (P10–P50–P90)", lang),
                _("Kwetsbaarheid: indicatief fte {jaar}", lang).format(jaar=k.jaar),
                _("Dun bezet", lang),
                _("Kwaliteit", lang),
                _("Klant", lang),
                _("Sturing", lang),
            ),
            tuple(rows),
            _(
                "Regiokompas besparingsschatting; {bron}; {laag}; {hoog}; kwaliteit, klant en "
                "sturing: {wie}",
                lang,
            ).format(bron=k.bron, laag=k.laag.bron, hoog=k.hoog.bron, wie=filled_by),
            frozenset({1, 2}),
        ),
        Paragraph(
            (
                _(
                    "Kwetsbaarheid is indicatief: het aantal fte is een bovengrens, geen telling "
                    "van medewerkers (zie de bijlage).",
                    lang,
                ),
            ),
            "let_op",
        ),
    ]
    if not chosen:
        blocks.append(
            Paragraph(
                (
                    _(
                        "Kwaliteit, klant en sturing zijn nog niet ingevuld door de gemeente. Vul "
                        "ze in op de pagina 'Wat moet' van de gemeente in Regiokompas; de bijlage "
                        "zegt hoe dat ook in een instellingenbestand kan.",
                        lang,
                    ),
                ),
                "let_op",
            )
        )
    return Section(_(VIERK_TITLE, lang), tuple(blocks))


def _score(value: int | None, taakveld: str, aspect: str) -> Cell:
    if value is None:
        return "–"
    return num(float(value), "score 1–5", FILLED_BY, None, f"vierk.{taakveld}.{aspect}")


def vierk_notes(ds: Dataset, code: str, lang: str = "nl") -> Section:
    """How to read the 4K table: the FTE caveat and what sturing means (for the appendix)."""
    k = kwetsbaarheid(ds, code)
    return Section(
        _("Vier K's: toelichting", lang),
        (Paragraph((engine_text(k.caveat, lang),)), Paragraph((_(STURING_HELP, lang),))),
    )
