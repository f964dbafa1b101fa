"""Game files: the two forms, the rules, and a clear error for each kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from regiokompas.sharing import GameFileError, parse_game, read_game_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def full(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "spelers": ["A", "B", "C"],
        "kosten": {"A": 6, "B": 6, "C": 6, "A,B": 8, "A,C": 8, "B,C": 8, "A,B,C": 13},
    }
    data.update(extra)
    return data


def test_full_form_any_order_and_spaces() -> None:
    data = full()
    data["kosten"] = {"A": 6, "B": 6, "C": 6, "B, A": 8, "C,A": 8, " C ,B": 8, "C,B,A": 13}
    game = parse_game(data).game
    assert game.costs.tolist() == [0, 6, 6, 8, 6, 8, 8, 13]


def test_rules_fill_in_and_overrides_win() -> None:
    # schaal: c(S) = (1 − 0.2·(|S|−1)/(n−1))·Σ + 15·(|S|−1) with n = 3.
    data = {
        "spelers": ["A", "B", "C"],
        "enkel": {"A": 100, "B": 200, "C": 300},
        "regel": {"soort": "schaal", "besparing": 0.2, "transactie": 15},
        "kosten": {"A,C": 350},
    }
    c = parse_game(data).game.costs
    assert c[0b011] == pytest.approx(0.9 * 300 + 15)  # A,B
    assert c[0b110] == pytest.approx(0.9 * 500 + 15)  # B,C
    assert c[0b101] == 350  # given explicitly
    assert c[0b111] == pytest.approx(0.8 * 600 + 30)
    airport = parse_game(
        {"spelers": ["A", "B"], "enkel": {"A": 3, "B": 5}, "regel": "luchthaven"}
    ).game
    assert airport.costs.tolist() == [0, 3, 5, 5]
    total = parse_game(
        {"spelers": ["A", "B"], "enkel": {"A": 3, "B": 5}, "regel": {"soort": "som"}}
    ).game
    assert total.costs.tolist() == [0, 3, 5, 8]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            full(kosten={"A": 6, "B": 6, "C": 6, "A,B": 8, "A,C": 8, "A,B,C": 13}),
            'ontbrekende coalitie "B,C"',
        ),
        (full(spelers=["A", "B", "A"]), "speler 'A' staat dubbel"),
        (
            full(kosten={"A": 6, "B": -6, "C": 6, "A,B": 8, "A,C": 8, "B,C": 8, "A,B,C": 13}),
            'kosten van "B" is negatief',
        ),
        (
            full(kosten={"A": 6, "B": "zes", "C": 6, "A,B": 8, "A,C": 8, "B,C": 8, "A,B,C": 13}),
            "is geen getal",
        ),
        (
            full(
                kosten={"A": 6, "B": 6, "C": 6, "A,B": 8, "B,A": 9, "A,C": 8, "B,C": 8, "A,B,C": 13}
            ),
            'staat er dubbel in (ook als "A,B")',
        ),
        (full(kosten={"A": 6, "B": 6, "C": 6, "A,D": 8}), "onbekende speler 'D'"),
        (full(kosten={"A": 6, "B": 6, "C": 6, "A,A": 8}), "noemt 'A' twee keer"),
        (full(spelers=[]), "niet-lege lijst"),
        (full(spelers=["A,B"]), "bevat een komma"),
        (full(extra=1), "onbekende sleutel(s): extra"),
        (full(inwoners={"A": 1, "B": 2}), "'inwoners' ontbreekt voor: C"),
        (full(inwoners={"A": 1, "B": 2, "C": 3, "Q": 4}), "onbekende speler 'Q'"),
        ({"spelers": ["A", "B"], "enkel": {"A": 1, "B": 2}, "regel": "raar"}, "onbekende regel"),
        ({"spelers": ["A", "B"], "enkel": {"A": 1}, "regel": "som"}, "'enkel' ontbreekt voor: B"),
        (
            {
                "spelers": ["A", "B"],
                "enkel": {"A": 1, "B": 2},
                "regel": {"soort": "schaal", "besparing": 1.5},
            },
            "kleiner dan 1",
        ),
        (
            full(kosten={"A": 0, "B": 6, "C": 6, "A,B": 8, "A,C": 8, "B,C": 8, "A,B,C": 13}),
            "de kosten van 'A' alleen moeten positief zijn",
        ),
        ({"spelers": ["A"]}, "geef 'kosten' per coalitie"),
        ([1, 2], "moet een JSON-object zijn"),
        (full(spelers=[f"P{i}" for i in range(26)]), "hoogstens 25"),
    ],
)
def test_bad_input_names_the_problem(data: object, message: str) -> None:
    with pytest.raises(GameFileError) as info:
        parse_game(data, "spel.json")
    assert message in info.value.nl
    assert info.value.nl.startswith("Spelbestand spel.json: ")
    assert info.value.en.startswith("Game file spel.json: ")


def test_missing_coalitions_are_counted() -> None:
    with pytest.raises(GameFileError) as info:
        parse_game({"spelers": ["A", "B", "C"], "kosten": {"A": 1}})
    assert 'ontbrekende coalitie "B", "C", "A,B" (en nog 3)' in info.value.nl
    assert "(and 3 more)" in info.value.en


def test_unreadable_and_invalid_json(tmp_path: Path) -> None:
    with pytest.raises(GameFileError, match="kan niet gelezen worden"):
        read_game_file(tmp_path / "bestaat-niet.json")
    bad = tmp_path / "kapot.json"
    bad.write_text('{"spelers": ["A",]}', encoding="utf-8")
    with pytest.raises(GameFileError, match="geen geldige JSON \\(regel 1"):
        read_game_file(bad)


@pytest.mark.parametrize(
    "name", ["spel_luchthaven.json", "spel_lege_kern.json", "spel_schaal.json"]
)
def test_examples_parse(name: str) -> None:
    parsed = read_game_file(EXAMPLES / name)
    raw = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    assert parsed.game.spelers == tuple(raw["spelers"])
    assert parsed.inwoners is not None
