"""The seed's taakvelden, classes and one-record-per-body rule, checked on real records
(names and participants as the 2016 GR list and the 2024 regions give them)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from regiokompas.data import load_dataset
from regiokompas.register import (
    KLASSEN,
    Deelnemer,
    Regeling,
    arrangements_on,
    classify,
    derive_taakvelden,
    load_taakveld_rules,
    seed_regelingen,
)
from regiokompas.register._dedupe import deduplicate, normalise_body_name, same_body
from regiokompas.register.seed_build import REGIOATLAS_BODIES

DS = load_dataset()
SEED = seed_regelingen(DS)
CODES = dict(zip(DS.gemeenten["naam"], DS.gemeenten["gm_code"], strict=True))
TAX = {"0.61", "0.62", "0.64"}
COVERAGE_KNOWN = 232  # GR records with derived taakvelden, as docs/register.md reports


def _named(naam: str) -> Regeling:
    [record] = [r for r in SEED if r.naam == naam]
    return record


def test_rule_table_uses_bundle_taakvelden_and_compiles() -> None:
    valid = set(DS.taakvelden["taakveld"])
    rules = load_taakveld_rules()
    assert len(rules) >= 15
    for rule in rules:
        re.compile(rule.patroon)
        assert rule.taakvelden and set(rule.taakvelden) <= valid, rule
        assert "Iv3" in rule.reden  # each rule names its source


def test_vaals_is_in_rd4_on_afval() -> None:
    rd4 = _named("Reinigingsdienst RD4 (2016)")
    assert rd4.taakvelden == ("7.3",)
    assert len(rd4.gemeenten) == 9
    assert [r.naam for r in arrangements_on(SEED, CODES["Vaals"], "7.3")] == [rd4.naam]


def test_gouwe_rijnland_tax_arrangement() -> None:
    gr = _named("Belastingssamenwerking Gouwe-Rijnland (2016)")
    assert set(gr.taakvelden) == TAX
    for naam in ("Gouda", "Bodegraven-Reeuwijk"):
        assert gr in arrangements_on(SEED, CODES[naam], "0.61"), naam
        assert gr in arrangements_on(SEED, CODES[naam], "0.6"), naam  # the series


def test_montfoort_and_lopik_in_a_tax_arrangement() -> None:
    for naam in ("Montfoort", "Lopik"):
        tax = arrangements_on(SEED, CODES[naam], "0.62")
        assert tax, naam
        assert all(set(r.taakvelden) >= TAX for r in tax)
    # In the 2016 GR list Montfoort is in BSR, Lopik in BGHU.
    bsr = _named("Belastingsamenwerking Rivierenland (BSR) (2016)")
    bghu = _named("Belastingsamenwerking Gemeenten en Hoogheemraadschap Utrecht (BGHU) (2016)")
    assert CODES["Montfoort"] in bsr.gemeenten and CODES["Lopik"] in bghu.gemeenten


@pytest.mark.parametrize(
    ("naam", "expected"),
    [
        ("Afvalwater Vught", ()),  # afvalwater is riolering, not 7.3 Afval
        ("Onroerendezaakbelastingkantoor", ()),  # word boundary: no match inside a word
        ("Verordening klachtenregeling gemeenten Haren, Tynaarlo en Meerschap Paterswolde", ()),
        ("Regio Twente", ()),  # a multi-task region: unknown, not guessed
        ("Veiligheids- en Gezondheidsregio Groningen", ("1.1", "7.1")),
        ("Milieusamenwerking en Afvalverwerking Regio Nijmegen (MARN)", ("7.3", "7.4")),
        ("Regionale Uitvoeringsdienst (RUD) Zeeland", ("7.4", "8.3")),
        ("Promen", ("6.4",)),
    ],
)
def test_rule_edges(naam: str, expected: tuple[str, ...]) -> None:
    assert derive_taakvelden(naam).taakvelden == expected


def test_taakveld_coverage_of_the_gr_list() -> None:
    gr = [r for r in SEED if "gemeld door" in r.bron]
    known = [r for r in gr if r.taakvelden]
    unknown = [r for r in gr if not r.taakvelden]
    assert len(gr) == 436
    # The numbers docs/register.md reports.
    assert (len(known), len(unknown)) == (COVERAGE_KNOWN, len(gr) - COVERAGE_KNOWN)
    assert all("Taakvelden onbekend" in r.opmerking for r in unknown)


def test_no_body_counted_twice() -> None:
    # Every pair of records that name a body (all but the regioatlas divisions named after
    # a place, e.g. "WMO-regio's: Twente") is checked: none is the same body.
    bodies = [
        r for r in SEED if r.bron.rsplit(" ", 1)[-1] in REGIOATLAS_BODIES or "BZK" not in r.bron
    ]
    by_name: dict[str, list[Regeling]] = {}
    for r in bodies:
        by_name.setdefault(normalise_body_name(r.naam), []).append(r)
    for naam, same in by_name.items():
        assert not any(same_body(a, b) for i, a in enumerate(same) for b in same[i + 1 :]), naam
    assert not any(r.naam == "Veiligheidsregio Hollands-Midden (2016)" for r in SEED)
    for naam in ("Promen (2016)", "Omgevingsdienst Midden-Holland (2016)"):
        assert "Eerder ook geregistreerd als: " in _named(naam).opmerking  # atlas copy
    gouda = CODES["Gouda"]
    names = [r.naam for r in SEED if gouda in r.gemeenten]
    assert sum("Veiligheidsregio Hollands-Midden" in n for n in names) == 1
    assert sum("Promen" in n for n in names) == 1
    assert sum("Omgevingsdienst Midden-Holland" in n for n in names) == 1
    vr = _named("Veiligheidsregio Hollands-Midden")
    assert "Veiligheidsregio Hollands-Midden (2016)" in vr.opmerking  # kept as history


def test_similar_names_of_different_bodies_stay_apart() -> None:
    a = _named("Regionale Sociale Dienst Alblasserwaard-Oost/Vijfheerenlanden (RSDAV) (2016)")
    b = _named("Regionale Sociale Dienst Alblasserwaard-Vijfheerenlanden (2016)")
    assert not same_body(a, b)
    ggd, vr = _named("GGD Hollands-Midden"), _named("Veiligheidsregio Hollands-Midden")
    assert set(ggd.gemeenten) == set(vr.gemeenten) and not same_body(ggd, vr)
    # Same name, no shared gemeente: two bodies.
    x = Regeling("Reinigingsdienst Noord", "openbaar_lichaam", (Deelnemer("G1"), Deelnemer("G2")))
    y = Regeling("Reinigingsdienst Noord", "openbaar_lichaam", (Deelnemer("G3"), Deelnemer("G4")))
    assert deduplicate([[x], [y]]) == [[x], [y]]


def test_onbekend_is_its_own_class_in_the_seed() -> None:
    counts = Counter(classify(r).klasse for r in SEED)
    assert set(counts) == set(KLASSEN)
    unknown = [r for r in SEED if classify(r).klasse == "onbekend"]
    assert all(r.vorm in ("onbekend", "wgr_onbekend") for r in unknown)
    assert classify(_named("Reinigingsdienst RD4 (2016)")).klasse == "onbekend"
    assert classify(_named("Veiligheidsregio Hollands-Midden")).klasse == "samenwerking"
    assert classify(_named("Gemeenschappelijke Regeling SSC DeSom (2016)")).klasse == (
        "uitbesteding"
    )
