"""The chapter in English and Dutch (issue 16): the chapter's own words come from the
``hoofdstuk`` catalogue, numbers follow the language, plurals agree with their number.

Sentences the engines write (the advice's reasons, the legal duties, the savings model's
sources) reach the chapter through the engines' own catalogue (domain ``regiokompas``); the
tell-tale checks below cover every text the chapter writes itself: the title, headings,
captions, column headers, the fixed paragraphs and the source labels.
"""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from regiokompas.data import Dataset
from regiokompas.report import BulletList, Chapter, ChapterOptions, Table, build_chapter, render
from regiokompas.report._stand import PartnerSets, partner_sets_paragraph
from regiokompas.report._texts import GOAL_INTRO, INTRO, NEXT_STEPS

#: Words that give Dutch away in English text, and English in Dutch text.
DUTCH = (
    *("het", "een", "niet", "wordt", "zijn", "naar", "voor", "bijlage", "gemeenten"),
    *("besparing", "samenwerken", "bron", "kansen", "kerncijfers", "lasten", "stappen"),
)
ENGLISH = (
    *("the", "and", "with", "municipality", "municipalities", "saving", "source"),
    *("appendix", "opportunities", "spending", "steps", "which"),
)


def _tell_tales(text: str, words: tuple[str, ...]) -> list[str]:
    found = {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", text)}
    return sorted(found & set(words))


def _own_texts(chapter: Chapter) -> list[str]:
    """The texts the chapter writes itself (not the engines' sentences or data names)."""
    texts = [chapter.title]
    intro = [b for b in chapter.intro if not isinstance(b, Table)]
    texts += [b.text for b in intro[1:] if hasattr(b, "text")]  # [0] names the gemeente
    for _, section in chapter.walk():
        texts.append(section.title.replace(chapter.gemeente_naam, ""))
        for block in section.blocks:
            if isinstance(block, Table):
                texts.append(block.caption.replace(chapter.gemeente_naam, ""))
                texts += [c for c in block.columns if c != chapter.gemeente_naam]
            elif isinstance(block, BulletList) and block.ordered:
                texts += [item.text for item in block.items]  # the next steps
    return texts


@pytest.fixture(scope="module")
def english(ds: Dataset) -> dict[str, Chapter]:
    return {
        naam: build_chapter(ds, naam, ChapterOptions(figures=False, language="en"))
        for naam in ("Gouda", "Vaals", "Amsterdam")
    }


@pytest.mark.parametrize("naam", ["Gouda", "Vaals", "Amsterdam"])
def test_english_chapter_has_no_dutch_tell_tales(naam: str, english: dict[str, Chapter]) -> None:
    chapter = english[naam]
    assert chapter.language == "en" and chapter.title == "Cooperating with other municipalities"
    own = "\n".join(_own_texts(chapter))
    assert len(own) > 2000, "the check must see the chapter's own text"
    assert _tell_tales(own, DUTCH) == []
    # The CC BY attribution is the bundle's wording (metadata.json), printed as given.
    markdown = render(chapter, "md").decode("utf-8").replace(chapter.attributie, "")
    assert "Source: " in markdown and "Bron: " not in markdown


#: The engines' and the register's words the chapter shows (not its own texts): the duty's
#: status and form, the register check, the FTE caveat, the register's forms and classes, the
#: savings model's source lines and assumptions. Law names and articles stay as written.
ENGINE_DUTCH = (
    "in werking sinds",
    "vorm: ",
    "samenwerking uwv",
    "| ja |",
    "alleen 2016",
    "Indicatief:",
    "wgr onbekend",
    "| onbekend |",
    "| samenwerking |",
    "openbaar lichaam",
    "aanname Regiokompas",
    "lasten per taakveld) en",
    "Vorm bedrijfsvoeringsorganisatie",
    # The back-test's explanation (savings.backtest.uitleg).
    "lasten per inhabitant",
    "group of gemeenten",
)


@pytest.mark.parametrize("naam", ["Gouda", "Vaals", "Amsterdam"])
def test_english_chapter_shows_the_engines_words_in_english(
    naam: str, english: dict[str, Chapter]
) -> None:
    markdown = render(english[naam], "md").decode("utf-8")
    assert "in force" in markdown and "form: " in markdown
    found = [word for word in ENGINE_DUTCH if word in markdown]
    assert found == [], found


def test_english_chapter_cites_the_savings_assumptions_in_english(ds: Dataset) -> None:
    # With the no-evidence taakvelden listed, the appendix shows the savings model's notes.
    options = ChapterOptions(figures=False, language="en", include_no_evidence=True)
    markdown = render(build_chapter(ds, "Gouda", options), "md").decode("utf-8")
    assert "| Savings assumption policy task 5.6 | Library work often already regional" in markdown
    assert [word for word in ENGINE_DUTCH if word in markdown] == []


def test_dutch_chapter_has_no_english_tell_tales(ds: Dataset) -> None:
    chapter = build_chapter(ds, "Gouda", ChapterOptions(figures=False))
    own = "\n".join(_own_texts(chapter))
    assert _tell_tales(own, ENGLISH) == []
    assert chapter.title == "Samenwerken met andere gemeenten"


def test_fixed_texts_are_all_translated(english: dict[str, Chapter]) -> None:
    """Every fixed paragraph of the Dutch source appears translated, none untouched."""
    text = render(english["Gouda"], "md").decode("utf-8")
    for dutch in (*INTRO, *GOAL_INTRO.values(), *NEXT_STEPS):
        assert dutch not in text, dutch[:40]


def test_numbers_follow_the_language(ds: Dataset, english: dict[str, Chapter]) -> None:
    dutch = build_chapter(ds, "Gouda", ChapterOptions(figures=False))
    # 75.316 inhabitants (CBS Kerncijfers 2023) in Dutch, 75,316 in English; 16,5 / 16.5 km².
    assert dutch.number("inwoners").text == "75.316"
    assert english["Gouda"].number("inwoners").text == "75,316"
    assert dutch.number("land_km2").text == "16,5"
    assert english["Gouda"].number("land_km2").text == "16.5"
    assert dutch.number("inwoners").value == english["Gouda"].number("inwoners").value


def test_docx_declares_its_language(english: dict[str, Chapter]) -> None:
    document = Document(io.BytesIO(render(english["Vaals"], "docx")))
    assert document.core_properties.language == "en-GB"
    lang = document.styles["Normal"].element.rPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"
    )
    assert (
        lang is not None
        and lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "en-GB"
    )


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        (
            "nl",
            "X zit in één regio-indeling met 1 samenstelling van partnergemeenten (in totaal 1 "
            "andere gemeente).",
            "X zit in 2 regio-indelingen met 2 verschillende samenstellingen van "
            "partnergemeenten (in totaal 3 andere gemeenten).",
        ),
        (
            "en",
            "X belongs to one regional division with 1 set of partner municipalities (1 other "
            "municipality in total).",
            "X belongs to 2 regional divisions with 2 different sets of partner municipalities "
            "(3 other municipalities in total).",
        ),
    ],
)
def test_plurals_agree_with_their_number(language: str, one: str, many: str) -> None:
    """'1 verschillende samenstellingen' and 'grenst aan 1 gemeenten' were wrong (issue 16)."""
    single = PartnerSets((("ggd", "G1", "GGD", frozenset({"A", "B"})),), 1, frozenset({"B"}))
    layers = (
        ("ggd", "G1", "GGD", frozenset({"A", "B"})),
        ("res", "R1", "RES", frozenset({"A", "C", "D"})),
    )
    several = PartnerSets(layers, 2, frozenset({"B", "C", "D"}))
    for sets, expected in ((single, one), (several, many)):
        text = partner_sets_paragraph("X", sets, language).text  # type: ignore[attr-defined]
        assert text.startswith(expected), text
