"""The chapter model for real gemeenten: structure, and numbers checked against the raw
bundle files read with the csv module (not through regiokompas.profile)."""

from __future__ import annotations

import re

import pytest
from report_helpers import (
    peer_median,
    raw_gemeenten,
    raw_lasten,
    raw_regio,
    raw_totalen,
)

from regiokompas.data import Dataset, UnknownNameError
from regiokompas.report import (
    Chapter,
    ChapterOptions,
    OpportunityResult,
    Paragraph,
    build_chapter,
)
from regiokompas.report._texts import GOALS

GOAL_TITLES = list(GOALS.values())


def _unavailable(ds: Dataset, code: str, options: ChapterOptions) -> OpportunityResult:
    return OpportunityResult(available=False)


def _section_text(chapter: Chapter, title: str) -> str:
    """All text of a section and its subsections."""
    for _, section in chapter.walk():
        if section.title == title:
            parts = []
            for _, sub in section.walk():
                parts.append(sub.title)
                for block in sub.blocks:
                    if isinstance(block, Paragraph):
                        parts.append(block.text)
                    elif hasattr(block, "items"):
                        parts.extend(item.text for item in block.items)
                    elif hasattr(block, "rows"):
                        parts.extend(" ".join(str(c) for c in row) for row in block.rows)
            return "\n".join(parts)
    raise AssertionError(f"no section {title!r}")


def test_structure_follows_the_three_goals(gouda: Chapter) -> None:
    headings = gouda.headings()
    assert headings[0] == "Samenwerken met andere gemeenten"
    assert "Waar Gouda nu staat" in headings
    positions = [headings.index(t) for t in GOAL_TITLES]
    assert positions == sorted(positions), "goals in the order of Gemeente van de Toekomst"
    for title in (
        "Volgende stappen",
        "Bijlage: methode, aannames en bronnen",
        "Bronnen",
        "Aannames (aan te passen)",
        "Naamsvermelding",
    ):
        assert title in headings


def test_key_figures_equal_the_raw_files(gouda: Chapter) -> None:
    raw = raw_gemeenten()["GM0513"]
    assert gouda.number("inwoners").value == int(raw["inwoners_2023"])
    assert gouda.number("land_km2").value == pytest.approx(float(raw["land_km2"]))
    assert gouda.number("bevolkingsdichtheid").value == int(raw["bevolkingsdichtheid"])
    assert gouda.number("inwoners").bron.startswith("CBS") and gouda.number("inwoners").jaar == 2023


@pytest.mark.parametrize("code", ["GM0513", "GM0363", "GM0096"])
def test_spending_per_hoofdtaakveld_equals_independent_calculation(ds: Dataset, code: str) -> None:
    chapter = build_chapter(ds, code, ChapterOptions(figures=False, source=_unavailable))
    year, totalen = raw_totalen()
    inwoners = {c: float(r["inwoners"]) for c, r in totalen.items() if float(r["inwoners"]) > 0}
    for head in range(9):
        per_capita = {
            c: float(totalen[c][f"lasten_hoofdtaakveld_{head}"]) * 1000 / inwoners[c]
            for c in inwoners
        }
        own = chapter.number(f"lasten.{head}.gemeente")
        median = chapter.number(f"lasten.{head}.mediaan")
        assert own.value == pytest.approx(per_capita[code])
        assert median.value == pytest.approx(peer_median(code, per_capita, inwoners))
        assert own.bron == f"CBS Iv3 jaarrekening {year}" and own.jaar == year


def test_spending_per_taakveld_equals_independent_calculation(ds: Dataset) -> None:
    chapter = build_chapter(ds, "Gouda", ChapterOptions(figures=False, source=_unavailable))
    year, totalen = raw_totalen()
    lasten = raw_lasten(year)
    inwoners = {c: float(r["inwoners"]) for c, r in totalen.items() if float(r["inwoners"]) > 0}
    shown = [n for n in chapter.numbers() if re.fullmatch(r"taakveld\.[\d.]+\.gemeente", n.key)]
    assert len(shown) >= 12  # six per goal at most, three goals
    for num in shown:
        taakveld = num.key.split(".", 1)[1].rsplit(".", 1)[0]
        per_capita = {
            c: lasten.get(c, {}).get(taakveld, 0.0) * 1000 / inwoners[c] for c in inwoners
        }
        assert num.value == pytest.approx(per_capita["GM0513"]), taakveld
        median = chapter.number(f"taakveld.{taakveld}.mediaan").value
        assert median == pytest.approx(peer_median("GM0513", per_capita, inwoners)), taakveld
        assert chapter.number(f"taakveld.{taakveld}.lasten_keur").value == pytest.approx(
            lasten["GM0513"].get(taakveld, 0.0)
        )


def test_partner_sets_counted_by_brute_force(ds: Dataset) -> None:
    rows = raw_regio()
    layers = ("jeugdregio", "ggd", "veiligheidsregio", "arbeidsmarktregio", "res")
    for code in ("GM0513", "GM0363", "GM0014"):
        own = {r["regiotype"]: r["regio_code"] for r in rows if r["gm_code"] == code}
        sets = {
            frozenset(
                r["gm_code"]
                for r in rows
                if r["regiotype"] == layer and r["regio_code"] == own[layer]
            )
            for layer in layers
        }
        others = set().union(*sets) - {code}
        chapter = build_chapter(ds, code, ChapterOptions(figures=False, source=_unavailable))
        assert chapter.number("partnersets").value == len(sets)
        assert chapter.number("partnersets.gemeenten").value == len(others)


def test_every_number_names_source_and_year(gouda_synthetic: Chapter) -> None:
    numbers = list(gouda_synthetic.numbers())
    assert len(numbers) > 40
    for num in numbers:
        assert num.bron.strip(), num.key
        assert num.jaar is not None and 2000 < num.jaar < 2100, num.key


def test_without_engines_no_savings_are_invented(ds: Dataset) -> None:
    chapter = build_chapter(ds, "Gouda", ChapterOptions(figures=False, source=_unavailable))
    assert not [n for n in chapter.numbers() if n.key.startswith("kans.")]
    for title in GOAL_TITLES:
        assert "niet beschikbaar" in _section_text(chapter, title)
    assert "niet beschikbaar" in _section_text(
        chapter, "De afweging: besparing tegenover autonomie"
    )


def test_opportunities_come_from_the_source_and_land_under_their_goal(
    gouda_synthetic: Chapter,
) -> None:
    c = gouda_synthetic
    assert (
        c.number("kans.0.p10").value,
        c.number("kans.0.p50").value,
        c.number("kans.0.p90").value,
    ) == (111.0, 222.0, 333.0)
    assert c.number("kans.1.p50").value == 74.0
    assert c.number("kans.0.autonomie").value == 0.25
    assert (c.number("kans.0.tastbaar.0.p10").value, c.number("kans.0.tastbaar.0.p90").value) == (
        0.5,
        2.0,
    )
    leef = _section_text(c, GOALS["leefomgeving"])
    bestuur = _section_text(c, GOALS["bestuur"])
    sociaal = _section_text(c, GOALS["sociaal"])
    assert "Het college kiest: 7.3 Afval samen met" in leef and "0.61" not in leef
    assert "Het college kiest: 0.61 OZB woningen" in bestuur
    assert "De afweging:" in leef and "De opstart duurt ongeveer 3 jaar" in leef
    assert "naar verwachting levert dit geld op" in leef  # the source's verdict 'besparing'
    assert "Partnersets-tekst 7.3." in leef  # the advice's partner-set sentence, as given
    assert "zitten nu al samen in dezelfde jeugdregio en ggd-regio" in bestuur
    assert "geen bewijs van besparing" in sociaal and "6.1 Samenkracht" in sociaal
    assert "levert daar naar de huidige cijfers geen besparing op" in sociaal
    appendix = _section_text(c, "Bijlage: methode, aannames en bronnen")
    assert "Testaanname" in appendix and "Testbron 2024" in appendix


def test_next_steps_and_appendix(gouda: Chapter) -> None:
    steps = _section_text(gouda, "Volgende stappen")
    for phrase in (
        "Inventariseer",
        "partners",
        "vorm",
        "rechtsvorm",
        "1 juli 2022",
        "zienswijzen",
        "gemeenschappelijke adviescommissie",
        "budgetrecht",
        "evaluatie",
        "uittreding",
    ):
        assert phrase in steps, phrase
    appendix = _section_text(gouda, "Bijlage: methode, aannames en bronnen")
    assert "CC BY 4.0" in appendix and "CBS" in appendix and "Kadaster" in appendix
    sources = _section_text(gouda, "Bronnen").splitlines()[1:]
    assert sources
    for source in sources:  # a year, or an explicit statement that the source has none
        assert re.search(r"\b(19|20)\d\d\b", source) or "jaar niet vermeld" in source, source
    assert "Allers" in appendix  # the honest finding that cooperation often saves nothing


def test_gemeente_without_land_neighbours_builds(ds: Dataset) -> None:
    chapter = build_chapter(ds, "Vlieland", ChapterOptions(source=_unavailable))
    assert chapter.gemeente_code == "GM0096"
    assert any(isinstance(b, object) for b in chapter.sections[0].subsections[1].blocks)


def test_unknown_gemeente_is_a_clear_error(ds: Dataset) -> None:
    with pytest.raises(UnknownNameError) as info:
        build_chapter(ds, "Goudaa", ChapterOptions(figures=False))
    assert "Gouda" in info.value.nl and "Gouda" in info.value.en


def test_engines_with_no_opportunity_say_so_plainly(ds: Dataset) -> None:
    def nothing(ds: Dataset, code: str, options: ChapterOptions) -> OpportunityResult:
        return OpportunityResult(available=True, no_evidence=(("7.3", "Afval"),))

    chapter = build_chapter(ds, "Gouda", ChapterOptions(figures=False, source=nothing))
    trade = _section_text(chapter, "De afweging: besparing tegenover autonomie")
    assert "Op geen enkel onderzocht taakveld laat de beste groep voor Gouda een besparing" in trade
    assert "alleen blijven houdt de autonomie, zonder aantoonbare kosten" in trade
    assert "Voor dit doel vond de analyse geen kans" in _section_text(chapter, GOALS["sociaal"])
    assert "7.3 Afval laten de gegevens geen schaalvoordeel zien" in _section_text(
        chapter, GOALS["leefomgeving"]
    )
    assert not [n for n in chapter.numbers() if n.key.startswith("kans.")]
