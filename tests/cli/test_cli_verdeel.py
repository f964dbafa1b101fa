"""``regiokompas verdeel`` end to end (CliRunner) on the example game files and real data."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from regiokompas.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_airport_file_json() -> None:
    code, out = run("verdeel", "--spel", str(EXAMPLES / "spel_luchthaven.json"), "--format", "json")
    assert code == 0, out
    payload = json.loads(out)
    by_method = {v["methode"]: v for v in payload["verdelingen"]}
    amounts = {m: [a["bedrag"] for a in v["aandelen"]] for m, v in by_method.items()}
    # Worked by hand (see tests/sharing/test_sharing_textbook.py): Shapley 3, 17/3, 17/3, 53/3
    # in cents 300 + 567 + 567 + 1766 = 3200; per inwoner 32 × (0.1, 0.25, 0.15, 0.5);
    # vast-variabel 4 each plus 16 × the same shares.
    assert amounts["shapley"] == [3.0, 5.67, 5.67, 17.66]
    assert amounts["inwoners"] == [3.2, 8.0, 4.8, 16.0]
    assert amounts["vast-variabel"] == [5.6, 8.0, 6.4, 12.0]
    assert payload["groepskosten"] == 32.0
    assert payload["kern_leeg"] is False
    assert by_method["shapley"]["in_kern"] is True
    # Per inwoner (3.2, 8, 4.8, 16) by hand against the runway costs: the largest triple
    # payments are ABC 16 <= 20, ABD 27.2 <= 32, ACD 24 <= 32, BCD 28.8 <= 32, every pair and
    # single is below its runway too, so no coalition blocks.
    assert by_method["inwoners"]["in_kern"] is True
    first = by_method["shapley"]["aandelen"][0]
    assert first["alleen"] == 12.0 and first["voordeel"] == 9.0 and first["beter_alleen"] is False


def test_empty_core_table() -> None:
    code, out = run("verdeel", "--spel", str(EXAMPLES / "spel_lege_kern.json"))
    assert code == 0, out
    assert "De kern is leeg" in out
    assert "kleinste kern: ε = 0,67 k€" in out
    assert "Stabiliteit" in out


def test_method_selection_and_sampling() -> None:
    code, out = run(
        "verdeel",
        "--spel",
        str(EXAMPLES / "spel_schaal.json"),
        "--methode",
        "shapley",
        "--steekproef",
        "500",
        "--format",
        "json",
    )
    assert code == 0, out
    payload = json.loads(out)
    (shap,) = payload["verdelingen"]
    assert shap["standaardfout"] is not None and len(shap["standaardfout"]) == 4
    assert round(sum(a["bedrag"] for a in shap["aandelen"]) * 100) == round(
        payload["groepskosten"] * 100
    )


def test_errors_are_clean(tmp_path: Path) -> None:
    bad = tmp_path / "spel.json"
    bad.write_text(json.dumps({"spelers": ["A", "B"], "kosten": {"A": 1, "B": 2}}), "utf-8")
    code, out = run("verdeel", "--spel", str(bad))
    assert code == 1
    assert 'ontbrekende coalitie "A,B"' in out
    code, out = run("--taal", "en", "verdeel", "--spel", str(bad))
    assert 'missing coalition "A,B"' in out
    code, out = run("verdeel")
    assert code == 1 and "--gemeenten" in out
    code, out = run(
        "verdeel",
        "--spel",
        str(EXAMPLES / "spel_lege_kern.json"),
        "--methode",
        "inwoners",
        "--gemeenten",
        "Gouda",
    )
    assert code == 1 and "niet allebei" in out


def test_real_group_from_the_engine() -> None:
    code, out = run(
        "verdeel",
        "--gemeenten",
        "Gouda, Waddinxveen, Zuidplas",
        "--taakveld",
        "0.4",
        "--modus",
        "literature",
        "--aaneengesloten",
        "--format",
        "json",
    )
    assert code == 0, out
    payload = json.loads(out)
    assert payload["spelers"] == ["Gouda", "Waddinxveen", "Zuidplas"]
    assert payload["eenheid"] == "k€"
    assert "Iv3 jaarrekening" in payload["bron"]
    for allocation in payload["verdelingen"]:
        cents = sum(round(a["bedrag"] * 100) for a in allocation["aandelen"])
        assert cents == round(payload["groepskosten"] * 100)
