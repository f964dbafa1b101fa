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
from regiokompas.register import Regeling, seed_regelingen
from regiokompas.report._format import nl_number, num
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

MOET_TITLE = "Wat moet: samenwerking die de wet voorschrijft"
VIERK_TITLE = "Meer dan geld: de vier K's en sturing"
_LAW_SOURCE = "wetten.overheid.nl; CBS Gebiedsindelingen 2024; BZK regioatlas 2016"
STURING_HELP = (
    "Sturing is de democratische controle die de raad en het college houden: hoe meer een taak "
    "in een gezamenlijke organisatie komt, hoe minder de eigen raad er direct over beslist. De "
    "'prijs van autonomie' in de afweging rekent dat verlies om in geld (k€ per jaar per punt "
    "autonomieverlies); de sturingsscore hier is het eigen oordeel van het college over hoe "
    "zwaar dat per taakveld weegt. Beide staan naast elkaar; geen van beide is een oordeel van "
    "Regiokompas."
)


def moet_section(
    ds: Dataset,
    code: str,
    naam: str,
    regelingen: Sequence[Regeling] | None,
    register_bron: str | None = None,
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
                f"{_region_name(row.regio.regiotype_naam, row.regio.naam)}"
                f"{' (indeling 2016)' if row.regio.jaar < 2024 else ''} "
                f"({row.duty.bron_tekst}; {row.duty.status_tekst}; vorm: "
                f"{row.duty.vorm.replace('_', ' ')}).",
            )
        )
        for row in report.rows
        if row.duty.required and row.regio is not None
    ]
    blocks: list[Block] = [
        Paragraph(
            (
                f"Niet alles is een keuze. Voor een aantal taken schrijft de wet voor dat "
                f"{naam} samenwerkt, en met wie. Die plichten staan hieronder, met wet, artikel "
                "en status; daarna volgen de kansen, waar het college wel kiest.",
            )
        ),
        Paragraph((f"{naam} moet wettelijk deelnemen aan:",)),
        BulletList(tuple(required)),
        Paragraph(
            (
                "Bij andere taken, zoals Wmo en jeugdhulp, legt de wet de taak bij de gemeente "
                "en kiest zij zelf of en hoe zij samenwerkt. De bijlage zet alle plichten op "
                "een rij, met wet, artikel, status en regio.",
            )
        ),
    ]
    return Section(MOET_TITLE, tuple(blocks))


def moet_table(
    ds: Dataset,
    code: str,
    naam: str,
    regelingen: Sequence[Regeling] | None,
    register_bron: str | None = None,
) -> Section:
    """Every duty in one table, with how to read it (for the appendix)."""
    records = tuple(regelingen) if regelingen is not None else seed_regelingen(ds)
    bron = register_bron or (
        "register" if regelingen is not None else "register (meegeleverde startgegevens)"
    )
    report = duties_for(ds, code, records, register_bron=bron)
    rows: list[tuple[Cell, ...]] = [
        (
            row.duty.bron_tekst,
            row.duty.status_tekst,
            "ja" if row.duty.required else "keuze gemeente",
            row.regio_tekst,
            row.voldaan_kort,
        )
        for row in report.rows
    ]
    blocks: list[Block] = [
        Table(
            f"Wettelijke plichten tot samenwerking voor {naam}",
            ("Wet en artikel", "Status", "Verplicht", "Regio (bron, jaar)", "In register"),
            tuple(rows),
            _LAW_SOURCE,
        ),
        Paragraph(
            (
                "'Keuze gemeente': de wet legt de taak bij de gemeente, de samenwerking en de "
                "vorm kiest zij zelf. 'Alleen 2016': het register kent alleen een regeling uit "
                "2016; ga na of die nog bestaat. Regio's met jaar 2016 komen uit de regioatlas "
                "van dat jaar en kunnen inmiddels anders zijn.",
            ),
            "let_op",
        ),
    ]
    return Section("Wettelijke plichten", tuple(blocks))


def _region_name(kind: str, name: str) -> str:
    """ "Veiligheidsregio Hollands-Midden", but not "Omgevingsdienst Omgevingsdienst X"."""
    first = kind.split("-")[0].lower()
    return name if name.lower().startswith(first) else f"{kind} {name}"


def _fte_cell(k: Kwetsbaarheid, taakveld: str, low: float | None, high: float | None) -> Cell:
    """The FTE band as one figure: its value is the upper bound, its text the band."""
    if low is None or high is None:
        return "–"
    text = f"{nl_number(low, 1)}–{nl_number(high, 1)}"
    return Num(high, text, "fte (bovengrens)", k.bron, k.jaar, f"kwetsbaar.{taakveld}")


def _band_cell(taakveld: str, band: Band, jaar: int | None) -> Num:
    """The savings band as one figure: its value is the P50, its text P10 – P50 – P90."""
    text = " – ".join(nl_number(v) for v in (band.p10, band.p50, band.p90))
    unit = "k€ per jaar (P10–P50–P90)"
    return Num(band.p50, text, unit, band.bron, jaar, f"vierk.{taakveld}.kosten")


def vierk_section(
    ds: Dataset, code: str, naam: str, ops: Sequence[Opportunity], scores: Scores | None
) -> Section:
    """The 4K table for the opportunities' taakvelden, the thin tasks and the scored ones."""
    k = kwetsbaarheid(ds, code)
    bands = {op.taakveld: Band(op.p10, op.p50, op.p90, op.bron) for op in ops}
    jaren = {op.taakveld: op.jaar for op in ops}
    chosen = scores or Scores()
    # The opportunities, the thin tasks and every taakveld the college scored.
    taakvelden = [op.taakveld for op in ops] + [r.taakveld for r in k.flagged]
    taakvelden += sorted(chosen.values)
    rows: list[tuple[Cell, ...]] = []
    for row in four_k_rows(taakvelden, k, chosen, bands):
        kosten: Cell = "–"
        if row.kosten is not None:
            kosten = _band_cell(row.taakveld, row.kosten, jaren.get(row.taakveld))
        rows.append(
            (
                f"{row.taakveld} {row.omschrijving}",
                kosten,
                _fte_cell(k, row.taakveld, row.fte_laag, row.fte_hoog),
                "ja" if row.kwetsbaar else "nee",
                _score(row.kwaliteit, row.taakveld, "kwaliteit"),
                _score(row.klant, row.taakveld, "klant"),
                _score(row.sturing, row.taakveld, "sturing"),
            )
        )
    filled = bool(chosen)
    blocks: list[Block] = [
        Paragraph(
            (
                "Geld is één van de afwegingen. Consultants wegen samenwerking vaak op vier K's: "
                "kosten, kwaliteit, kwetsbaarheid en klantgerichtheid, plus sturing. Kosten en "
                "kwetsbaarheid komen uit de gegevens; kwaliteit, klant en sturing kan alleen "
                f"de gemeente zelf beoordelen (1 = zwak, 5 = sterk), {FILLED_BY}.",
            )
        ),
        Table(
            f"Vier K's en sturing voor {naam} (kwaliteit, klant, sturing: {FILLED_BY})",
            (
                "Taakveld",
                "Kosten: besparing k€/jaar (P10–P50–P90)",
                f"Kwetsbaarheid: indicatief fte {k.jaar}",
                "Dun bezet",
                "Kwaliteit",
                "Klant",
                "Sturing",
            ),
            tuple(rows),
            f"Regiokompas besparingsschatting; {k.bron}; {k.laag.bron}; {k.hoog.bron}; "
            f"kwaliteit, klant en sturing: {FILLED_BY}",
            frozenset({1, 2}),
        ),
        Paragraph(
            (
                "Kwetsbaarheid is indicatief: het aantal fte is een bovengrens, geen telling van "
                "medewerkers (zie de bijlage).",
            ),
            "let_op",
        ),
    ]
    if not filled:
        blocks.append(
            Paragraph(
                (
                    "Kwaliteit, klant en sturing zijn nog niet ingevuld door de gemeente. Vul ze "
                    "in op de pagina 'Wat moet' van de gemeente in Regiokompas; de bijlage zegt "
                    "hoe dat ook in een instellingenbestand kan.",
                ),
                "let_op",
            )
        )
    return Section(VIERK_TITLE, tuple(blocks))


def _score(value: int | None, taakveld: str, aspect: str) -> Cell:
    if value is None:
        return "–"
    return num(float(value), "score 1–5", FILLED_BY, None, f"vierk.{taakveld}.{aspect}")


def vierk_notes(ds: Dataset, code: str) -> Section:
    """How to read the 4K table: the FTE caveat and what sturing means (for the appendix)."""
    k = kwetsbaarheid(ds, code)
    return Section("Vier K's: toelichting", (Paragraph((k.caveat,)), Paragraph((STURING_HELP,))))
