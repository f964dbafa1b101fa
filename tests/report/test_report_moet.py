""" "Wat moet" and the 4K table in the chapter (issue 15)."""

from __future__ import annotations

from report_helpers import synthetic_source

from regiokompas.data import Dataset
from regiokompas.duties import parse_scores
from regiokompas.report import ChapterOptions, build_chapter, render
from regiokompas.report._model import Chapter, Paragraph, Section, Table
from regiokompas.report._moet import MOET_TITLE, VIERK_TITLE


def _section(chapter: Chapter, title: str) -> Section:
    return next(s for _, s in chapter.walk() if s.title == title)


def _text(section: Section) -> str:
    parts = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            parts.extend(" | ".join(str(c) for c in row) for row in block.rows)
        else:
            parts.extend(f"- {p.text}" for p in getattr(block, "items", ()))
    return "\n".join(parts)


def test_wat_moet_comes_before_the_opportunities(gouda_synthetic: Chapter) -> None:
    titles = [s.title for s in gouda_synthetic.sections]
    moet = titles.index(MOET_TITLE)
    assert titles[moet - 1].startswith("Waar Gouda nu staat")
    assert titles[moet + 1] == "Een leefomgeving waarin de samenleving aan zet is"
    assert titles.index(VIERK_TITLE) > titles.index("De afweging: besparing tegenover autonomie")


def test_gouda_wat_moet_names_its_regions_with_legal_basis(gouda_synthetic: Chapter) -> None:
    text = _text(_section(gouda_synthetic, MOET_TITLE))
    assert "- Veiligheidsregio Hollands-Midden (Wet veiligheidsregio's, artikel 8 en 9;" in text
    assert "- GGD Hollands-Midden (Wet publieke gezondheid, artikel 14;" in text
    assert "Omgevingsdienst Midden-Holland (indeling 2016) (Omgevingswet, artikel 18.21;" in text


def test_4k_scores_are_carried_into_the_chapter_marked_as_the_gemeentes(ds: Dataset) -> None:
    scores = parse_scores("0.64:kwaliteit=2,klant=4,sturing=5")
    chapter = build_chapter(
        ds, "Gouda", ChapterOptions(figures=False, source=synthetic_source, scores_4k=scores)
    )
    assert chapter.number("vierk.0.64.kwaliteit").value == 2
    assert chapter.number("vierk.0.64.sturing").bron == "ingevuld door de gemeente"
    md = render(chapter, "md").decode("utf-8")
    assert "ingevuld door de gemeente" in md
    row = next(line for line in md.splitlines() if line.startswith("| 0.64 Belastingen overig"))
    assert row.rstrip(" |").endswith("| 2 | 4 | 5")


def test_4k_kwetsbaarheid_matches_the_kwetsbaarheid_engine(
    ds: Dataset, gouda_synthetic: Chapter
) -> None:
    from regiokompas.duties import kwetsbaarheid

    k = kwetsbaarheid(ds, "Gouda")
    for row in k.flagged:
        assert gouda_synthetic.number(f"kwetsbaar.{row.taakveld}").value == row.fte_hoog
