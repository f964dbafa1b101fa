"""The 4K table and the college's own scores."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regiokompas.data import DataFileError, load_dataset
from regiokompas.duties import (
    Band,
    Scores,
    format_scores,
    four_k_rows,
    kwetsbaarheid,
    load_scores,
    parse_scores,
)

taakveld = st.sampled_from(["1.1", "7.1", "7.4", "6.72", "0.61"])
aspect = st.sampled_from(["kwaliteit", "klant", "sturing"])


@given(st.dictionaries(taakveld, st.dictionaries(aspect, st.integers(1, 5), min_size=1)))
def test_scores_round_trip_through_text(values: dict[str, dict[str, int]]) -> None:
    scores = Scores(values)
    assert parse_scores(format_scores(scores)).values == values


@pytest.mark.parametrize("bad", ["7.3:kwaliteit=9", "7.3:smaak=3", "7.3kwaliteit=3", "7.3:klant"])
def test_bad_scores_are_refused(bad: str) -> None:
    with pytest.raises(DataFileError):
        parse_scores(bad)


def test_empty_scores_stay_empty() -> None:
    assert not parse_scores("")
    assert not parse_scores("7.3:kwaliteit=")


def test_scores_from_a_toml_settings_file(tmp_path) -> None:
    path = tmp_path / "4k.toml"
    path.write_text('["7.4"]\nkwaliteit = 2\nsturing = 4\n', "utf-8")
    assert format_scores(load_scores(path)) == "7.4:kwaliteit=2,sturing=4"


def test_four_k_rows_join_kosten_kwetsbaarheid_and_scores() -> None:
    k = kwetsbaarheid(load_dataset(), "Schiermonnikoog")
    band = Band(1.0, 2.0, 3.0, "Regiokompas besparingsschatting")
    rows = four_k_rows(["7.4", "1.1", "7.4"], k, parse_scores("7.4:klant=3"), {"7.4": band})
    assert [r.taakveld for r in rows] == ["7.4", "1.1"]
    assert rows[0].kosten == band and rows[0].klant == 3 and rows[0].kwaliteit is None
    assert rows[0].kwetsbaar == k.row("7.4").kwetsbaar
    assert rows[1].kosten is None
