"""The glossary source: complete in both languages, every name unambiguous, terms from papers
and laws cited, and docs/woordenlijst.md generated from it (not edited by hand)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from regiokompas.glossary import SOURCE, load_glossary, render_markdown
from regiokompas.glossary._source import parse_glossary

DOC = Path(__file__).parents[2] / "docs" / "woordenlijst.md"

#: The words issue 16 found on the pages without explanation, and the ids they must have.
REQUIRED = {
    "Shapley-waarde": "shapley-waarde",
    "nucleolus": "nucleolus",
    "kern": "kern",
    "ε": "kleinste-kern",
    "least core": "kleinste-kern",
    "elasticiteit": "elasticiteit",
    "P10": "p10-p50-p90",
    "P90": "p10-p50-p90",
    "band": "band",
    "bewezen bovengrens": "bovengrens-kloof",
    "kloof": "bovengrens-kloof",
    "NPV": "contante-waarde",
    "netto contante waarde": "contante-waarde",
    "schaalgrens": "schaalgrens",
    "SAA": "saa-robuust",
    "robuust": "saa-robuust",
    "stabiliteit": "stabiliteit",
    # the terms the hand-written glossary had before
    "taakveld": "taakveld",
    "Iv3": "iv3",
    "Wgr": "wgr",
    "verdeelsleutel": "verdeelsleutel",
    "congruentie": "congruentie",
    "kwetsbaarheid": "kwetsbaarheid",
    "uitbesteding": "uitbesteding",
    "centrumgemeente": "wgr-vormen",
}

#: Terms that come from a paper: the source names authors and a year in brackets.
FROM_PAPERS = ("shapley-waarde", "nucleolus", "kern", "kleinste-kern", "saa-robuust")

_MINIMAL = "# a glossary\n"


def _term(tid: str, nl: str, en: str, extra: str = "") -> str:
    return (
        f'[[term]]\nid = "{tid}"\nnl = "{nl}"\nen = "{en}"\ndefinitie_nl = "d"\n'
        f'definitie_en = "d"\nbron = "b"\n{extra}\n'
    )


@pytest.mark.parametrize(("name", "tid"), sorted(REQUIRED.items()))
def test_required_terms_are_found_by_the_words_the_pages_use(name: str, tid: str) -> None:
    assert load_glossary().find(name).id == tid
    assert load_glossary().find(name.upper()).id == tid  # case-insensitive


def test_every_term_is_complete_in_both_languages() -> None:
    glossary = load_glossary()
    assert len(glossary.terms) >= len(set(REQUIRED.values()))
    for t in glossary.terms:
        for text in (t.nl, t.en, t.definitie_nl, t.definitie_en, t.bron):
            assert text.strip() == text and text, t.id
        assert t.definitie_nl != t.definitie_en, t.id
        assert t.link == "" or t.link.startswith("https://"), t.id


def test_terms_from_papers_and_laws_cite_their_source() -> None:
    glossary = load_glossary()
    for tid in FROM_PAPERS:
        bron = glossary.find(tid).bron
        assert re.search(r"\((19|20)\d\d\)", bron), (tid, bron)
    assert glossary.find("wgr").link == "https://wetten.overheid.nl/BWBR0003740"
    assert glossary.find("nucleolus").link == "https://doi.org/10.1137/0117107"


def test_unknown_term_raises() -> None:
    with pytest.raises(KeyError, match="no glossary term"):
        load_glossary().find("flux capacitor")


def test_a_name_used_by_two_terms_is_refused() -> None:
    text = _MINIMAL + _term("a", "kern", "core") + _term("b", "kern", "kernel")
    with pytest.raises(ValueError, match="names both"):
        parse_glossary(text)


def test_an_alias_that_repeats_another_terms_label_is_refused() -> None:
    text = _MINIMAL + _term("a", "kern", "core") + _term("b", "x", "y", 'aliassen = ["Core"]')
    with pytest.raises(ValueError, match="names both"):
        parse_glossary(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_MINIMAL + _term("a", "x", "y") + _term("a", "p", "q"), "duplicate term ids"),
        (_MINIMAL + _term("Not An Id", "x", "y"), "is not lowercase"),
        (_MINIMAL + _term("a", "x", "y", 'kleur = "rood"'), "unknown fields"),
        (_MINIMAL + '[[term]]\nid = "a"\nnl = "x"\n', "lacks"),
        (_MINIMAL + _term("a", " ", "y"), "nl is empty"),
        (_MINIMAL + _term("a", "x", "y", 'aliassen = "z"'), "aliassen must be a list"),
    ],
)
def test_malformed_source_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_glossary(text)


def test_a_minimal_source_parses() -> None:
    g = parse_glossary(_MINIMAL + _term("a-b", "x", "y", 'aliassen = ["z"]\nafkorting = true'))
    (t,) = g.terms
    assert (t.id, t.aliassen, t.afkorting, t.label("en"), t.definition("nl")) == (
        "a-b",
        ("z",),
        True,
        "y",
        "d",
    )
    assert g.find("Z") is t


def test_docs_are_generated_from_the_source() -> None:
    expected = render_markdown(load_glossary())
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/woordenlijst.md is out of date: run `make woordenlijst`"
    )


def test_markdown_has_one_row_and_anchor_per_term() -> None:
    glossary = load_glossary()
    text = render_markdown(glossary)
    rows = [line for line in text.splitlines() if line.startswith('| <a id="')]
    assert len(rows) == len(glossary.terms)
    for t, row in zip(glossary.terms, rows, strict=True):
        assert row.startswith(f'| <a id="{t.id}"></a>')
        assert row.count(" | ") == 4, row  # five cells: no stray '|' from a definition
        assert (t.link in row) if t.link else True


def test_module_writes_the_doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from regiokompas.glossary.__main__ import main

    target = tmp_path / "w.md"
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")
    assert main([]) == 0
    assert capsys.readouterr().out == DOC.read_text(encoding="utf-8")
    assert SOURCE.name == "termen.toml"
