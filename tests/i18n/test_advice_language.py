"""The advice's sentences in English; its numbers and machine values do not depend on language."""

from __future__ import annotations

import pytest

from regiokompas.advice import AdviceSettings, advise
from regiokompas.data import load_dataset
from regiokompas.savings import SavingsEngine

DUTCH = ("Rangorde", "taakvelden", "Geen kans", "partnerset", "besparing", "Bedragen", " het ")


@pytest.fixture(scope="module")
def both():
    ds = load_dataset()
    engine = SavingsEngine.from_dataset(ds, mode="literature")
    settings = AdviceSettings(mode="literature", group_size=2, taakvelden=("7.3", "0.1"), draws=200)
    return tuple(
        advise(ds, engine, "Gouda", settings, records=(), language=lang) for lang in ("nl", "en")
    )


def _sentences(advice) -> list[str]:
    texts = [advice.rangorde, advice.autonomie_schaal, advice.bedragen]
    for t in advice.taakvelden:
        texts += [t.reden or "", t.congruentie or "", t.centrumgemeente or ""]
    return [x for x in texts if x]


def test_english_sentences_have_no_dutch_telltales(both) -> None:
    _nl, en = both
    sentences = _sentences(en)
    assert any(s.startswith("Ranking:") for s in sentences)
    assert any(s.startswith("No opportunity:") for s in sentences)  # 0.1 Bestuur is excluded
    for sentence in sentences:
        assert not any(word in sentence for word in DUTCH), sentence


def test_dutch_stays_the_source(both) -> None:
    nl, _en = both
    assert nl.rangorde.startswith("Rangorde: eerst taakvelden")
    assert any((t.reden or "").startswith("Geen kans:") for t in nl.taakvelden)


def test_numbers_and_statuses_do_not_depend_on_language(both) -> None:
    nl, en = both
    assert [(t.taakvelden, t.status, t.oordeel, t.groep_jaar) for t in nl.taakvelden] == [
        (t.taakvelden, t.status, t.oordeel, t.groep_jaar) for t in en.taakvelden
    ]
