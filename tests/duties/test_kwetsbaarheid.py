"""Kwetsbaarheid: FTE arithmetic against the raw Iv3 file, small gemeenten flag more tasks."""

from __future__ import annotations

import csv
import gzip

import pytest

from regiokompas.data import DataFileError, load_dataset
from regiokompas.duties import FteCost, kwetsbaarheid, load_fte_costs, load_goals

RAW_LASTEN = "../shared/data/iv3_lasten_per_taakveld_2017-2026.csv.gz"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.mark.shared_data
def test_fte_is_raw_lasten_divided_by_cost_per_fte(ds) -> None:
    # Independent path: read the raw CBS file, not the bundle.
    with gzip.open(RAW_LASTEN, "rt", encoding="utf-8") as handle:
        raw = {
            r["taakveld"]: float(r["lasten_x1000_eur"])
            for r in csv.DictReader(handle)
            if r["gm_code"] == "GM0088" and r["jaar"] == "2024" and r["document"] == "jaarrekening"
        }
    k = kwetsbaarheid(ds, "Schiermonnikoog")
    assert k.jaar == 2024
    low, high = load_fte_costs()
    # Hand-worked: 7.4 Milieubeheer; k€ x 1000 / euro per FTE.
    row = k.row("7.4")
    assert row.lasten_keur == raw["7.4"]
    assert row.fte_hoog == pytest.approx(raw["7.4"] * 1000 / 70165)
    assert row.fte_laag == pytest.approx(raw["7.4"] * 1000 / 83993)
    assert low.euro_per_fte == 70165 and high.euro_per_fte == 83993
    for r in k.rows:
        assert r.fte_hoog == pytest.approx(raw[r.taakveld] * 1000 / low.euro_per_fte)


def test_schiermonnikoog_flags_more_taakvelden_than_amsterdam(ds) -> None:
    small = kwetsbaarheid(ds, "Schiermonnikoog")
    large = kwetsbaarheid(ds, "Amsterdam")
    assert len(small.flagged) > len(large.flagged)
    assert len(small.flagged) >= 5
    assert all(r.specialistisch and 0 < r.fte_hoog < 2 for r in small.flagged)


def test_flag_follows_threshold_and_cost(ds) -> None:
    base = kwetsbaarheid(ds, "Schiermonnikoog")
    # With a ten times higher threshold every specialised task with lasten is flagged.
    wide = kwetsbaarheid(ds, "Schiermonnikoog", threshold_fte=1e9)
    assert len(wide.flagged) == sum(1 for r in wide.rows if r.specialistisch and r.lasten_keur > 0)
    # Halving the cost per FTE doubles the FTE.
    cheap = (FteCost(35082.5, 2018, "test"), FteCost(41996.5, 2019, "test"))
    half = kwetsbaarheid(ds, "Schiermonnikoog", costs=cheap)
    assert half.row("7.4").fte_hoog == pytest.approx(2 * base.row("7.4").fte_hoog)


def test_non_tasks_are_left_out_and_goals_cover_the_2024_taakvelden(ds) -> None:
    goals = load_goals()
    k = kwetsbaarheid(ds, "Gouda")
    assert not {"0.5", "0.7", "0.8", "0.9"} & {r.taakveld for r in k.rows}
    used = set(ds.lasten[ds.lasten["jaar"] == 2024]["taakveld"])
    assert used <= set(goals), sorted(used - set(goals))


def test_goals_file_agrees_with_the_chapter_goal_split() -> None:
    from regiokompas.report._stand import goal_of

    for code, goal in load_goals().items():
        assert goal.doel == goal_of(code), code


def test_cost_file_must_cite_a_source(tmp_path) -> None:
    path = tmp_path / "kosten.toml"
    path.write_text('[laag]\neuro_per_fte = 1\njaar = 2020\nbron = ""\n[hoog]\n', "utf-8")
    with pytest.raises(DataFileError):
        load_fte_costs(path)
