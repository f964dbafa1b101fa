"""The pure register domain: classification rule, validation, file rows, permissions."""

from __future__ import annotations

import datetime as dt

import pytest

from regiokompas.data import load_dataset
from regiokompas.register import (
    VORMEN,
    Actor,
    Deelnemer,
    Reference,
    Regeling,
    check_rows,
    classify,
    format_row,
    parse_row,
    validate,
)

REF = Reference.from_dataset(load_dataset())
TWO = (Deelnemer("GM0513"), Deelnemer("GM0627"))


@pytest.mark.parametrize(
    ("vorm", "deelnemers", "bestuur", "expected"),
    [
        ("openbaar_lichaam", TWO, False, "samenwerking"),  # Wgr, 2 gemeenten
        ("centrumgemeente", TWO, False, "samenwerking"),
        ("convenant", TWO, False, "samenwerking"),
        ("onbekend", TWO, False, "onbekend"),  # rule 5: unknown stays unknown
        ("wgr_onbekend", TWO, False, "onbekend"),  # a GR whose form the source omits
        ("bedrijfsvoeringsorganisatie", TWO, False, "uitbesteding"),  # rule 4: only executes
        ("regeling_zonder_meer", TWO, False, "samenwerking"),
        ("gemeenschappelijk_orgaan", TWO, False, "samenwerking"),
        ("uitbesteding", TWO, True, "uitbesteding"),  # rule 1 beats everything
        ("inkoop", TWO, False, "uitbesteding"),
        (
            "openbaar_lichaam",
            (Deelnemer("GM0513"), Deelnemer("", "Provincie")),
            False,
            "uitbesteding",
        ),  # rule 2: one gemeente
        ("stichting", TWO, False, "uitbesteding"),  # rule 3
        ("stichting", TWO, True, "samenwerking"),  # joint governance
        ("vennootschap", (Deelnemer("GM0513"),), True, "uitbesteding"),
    ],
)
def test_classification_rule(vorm, deelnemers, bestuur, expected) -> None:
    regeling = Regeling("X", vorm, deelnemers, gezamenlijk_bestuur=bestuur)
    result = classify(regeling)
    assert (result.klasse, result.overschreven) == (expected, False)


def test_override_wins_and_keeps_rule_class() -> None:
    regeling = Regeling(
        "X",
        "openbaar_lichaam",
        TWO,
        classificatie_override="uitbesteding",
        override_reden="Alleen dienstverlening",
    )
    result = classify(regeling)
    assert (result.klasse, result.regel_klasse, result.overschreven) == (
        "uitbesteding",
        "samenwerking",
        True,
    )
    assert "Alleen dienstverlening" in result.reden
    # Without a reason the override is invalid.
    problems = validate(
        Regeling("X", "openbaar_lichaam", TWO, classificatie_override="uitbesteding"), REF
    )
    assert [p.veld for p in problems] == ["override_reden"]


def test_every_form_has_a_family_and_a_class() -> None:
    for code in VORMEN:
        assert classify(Regeling("X", code, TWO, gezamenlijk_bestuur=True)).klasse in {
            "samenwerking",
            "uitbesteding",
            "onbekend",
        }


def test_validation_finds_each_problem() -> None:
    bad = Regeling(
        naam=" ",
        vorm="fax",
        deelnemers=(
            Deelnemer("GM9999"),
            Deelnemer("", "A;B"),
            Deelnemer("GM0513", bijdrage_keur=-1.0),
            Deelnemer("GM0513"),
        ),
        taakvelden=("7.3", "7.3", "99.9"),
        begroting_keur=-5.0,
        startdatum=dt.date(2020, 1, 1),
        evaluatiedatum=dt.date(2019, 1, 1),
    )
    fields = sorted(p.veld for p in validate(bad, REF))
    assert fields == sorted(
        [
            "naam",
            "vorm",
            "deelnemers",
            "deelnemers",
            "deelnemers",
            "deelnemers",
            "taakvelden",
            "taakvelden",
            "begroting_keur",
            "evaluatiedatum",
        ]
    )
    assert validate(Regeling("Goed", "openbaar_lichaam", TWO, ("7.3",)), REF) == []


def test_redacteur_rights() -> None:
    regeling = Regeling("X", "convenant", TWO)
    assert Actor("b", "beheerder").can_edit(regeling)
    assert Actor("g", "redacteur", "GM0513").can_edit(regeling)
    assert not Actor("u", "redacteur", "GM0344").can_edit(regeling)
    assert not Actor("r", "redacteur", None).can_edit(regeling)
    assert not Actor("l", "lezer").can_edit(regeling)


def test_row_round_trip_and_forgiving_names() -> None:
    regeling = Regeling(
        "Veiligheidshuis",
        "convenant",
        (Deelnemer("GM0513", "Gouda", 12.25), Deelnemer("", "Openbaar Ministerie", None)),
        ("1.2",),
        1234.5,
        dt.date(2020, 1, 31),
        None,
        "Opzegging per jaar",
        True,
        False,
        True,
        "Convenant 2020",
        dt.date(2020, 1, 1),
        False,
        True,
        None,
        "",
        "let op",
    )
    parsed, problems = parse_row(format_row(regeling), REF, 2)
    assert problems == [] and parsed == regeling
    parsed, problems = parse_row(
        {
            "naam": "N",
            "vorm": "convenant",
            "deelnemers": "den bosch = 3,5 ; Gouda",
            "zienswijzerecht": "JA",
        },
        REF,
        7,
    )
    assert problems == [] and parsed is not None
    assert parsed.deelnemers == (
        Deelnemer("GM0796", "'s-Hertogenbosch", 3.5),
        Deelnemer("GM0513", "Gouda"),
    )
    assert parsed.zienswijzerecht


def test_check_rows_reports_row_numbers() -> None:
    header = ["naam", "vorm", "deelnemers", "startdatum", "historisch"]
    rows = [
        {
            "naam": "A",
            "vorm": "convenant",
            "deelnemers": "GM0513;GM0627",
            "startdatum": "2020-01-01",
            "historisch": "nee",
        },
        {
            "naam": "B",
            "vorm": "convenant",
            "deelnemers": "Nergenshuizen",
            "startdatum": "1-1-2020",
            "historisch": "misschien",
        },
        {
            "naam": "",
            "vorm": "",
            "deelnemers": "",
            "startdatum": "",
            "historisch": "",
        },  # blank: skipped
        {
            "naam": " a ",
            "vorm": "convenant",
            "deelnemers": "GM0513",
            "startdatum": "",
            "historisch": "",
        },
    ]
    report = check_rows(header, rows, REF, existing_names=["Bestaand"])
    assert [(p.rij, p.veld) for p in report.problems] == [
        (3, "deelnemers"),
        (3, "startdatum"),
        (3, "historisch"),
        (3, "deelnemers"),
        (5, "naam"),
    ]
    assert not report.ok and report.regelingen == []
    ok = check_rows(header, rows[:1], REF, existing_names=["Bestaand"])
    assert ok.ok and [r for _, r in ok.regelingen][0].gemeenten == ("GM0513", "GM0627")
    assert [(p.rij, p.veld) for p in check_rows(header, rows[:1], REF, ["  a "]).problems] == [
        (2, "naam")
    ]
