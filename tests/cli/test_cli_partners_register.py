"""`regiokompas partners` shows existing partners and the congruence score from the register."""

from __future__ import annotations

import json
from collections import Counter

from click.testing import CliRunner

from regiokompas.cli import cli
from regiokompas.data import Dataset
from regiokompas.register import seed_regelingen


def test_partners_json_carries_congruence_from_the_seed(ds: Dataset) -> None:
    result = CliRunner().invoke(
        cli,
        ["partners", "Gouda", "--max", "3", "--taakveld", "0.61", "--modus", "literature",
         "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    existing = json.loads(result.output)["bestaande_samenwerking"]
    # Independent count over the seed records: distinct partner sets and partner frequencies.
    own = [r for r in seed_regelingen(ds) if "GM0513" in r.gemeenten and not r.verwijderd]
    sets = {frozenset(r.gemeenten) - {"GM0513"} for r in own} - {frozenset()}
    assert existing["congruentie"]["regelingen"] == len(own)
    assert existing["congruentie"]["partnersets"] == len(sets)
    counts = Counter(p for r in own for p in set(r.gemeenten) - {"GM0513"})
    top = existing["partners"][0]
    assert top["aantal"] == max(counts.values())
    assert counts[top["code"]] == top["aantal"]
    assert "historisch" in existing["bron"]


def test_partners_table_names_the_register_source() -> None:
    result = CliRunner().invoke(
        cli, ["partners", "Gouda", "--max", "3", "--taakveld", "0.61", "--modus", "literature"]
    )
    assert result.exit_code == 0, result.output
    assert "Bestaande samenwerking en congruentie" in result.output
    assert "Waddinxveen" in result.output
