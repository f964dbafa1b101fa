"""The back-test and the event study are computed once and then read from the fit store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from regiokompas.costs import events
from regiokompas.data import Dataset
from regiokompas.savings import backtest as bt


def test_backtest_is_stored_exactly_and_read_back_without_recomputing(
    ds: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGIOKOMPAS_CACHE_DIR", str(tmp_path))
    computed: list[Any] = []
    real = bt._compute_all

    def recording(dataset: Dataset) -> dict[str, bt.Backtest]:
        computed.append(real(dataset))
        return computed[-1]

    monkeypatch.setattr(bt, "_compute_all", recording)
    first = bt._all.__wrapped__(ds)  # type: ignore[attr-defined]
    assert len(computed) == 1
    # What comes back from the file is exactly what was computed (floats included).
    assert first == computed[0]
    assert (
        first["literature"].rows
        and first["literature"].dekking == computed[0]["literature"].dekking
    )
    assert list((tmp_path / "fits").glob("backtest-*.npz"))

    def refuse(dataset: Dataset) -> dict[str, bt.Backtest]:
        raise AssertionError("recomputed although the store holds the result")

    monkeypatch.setattr(bt, "_compute_all", refuse)
    again = bt._all.__wrapped__(ds)  # type: ignore[attr-defined]
    assert again == first

    # Another version of the back-test is another key: the stored result is not read.
    monkeypatch.setattr(bt, "BACKTEST_VERSION", bt.BACKTEST_VERSION + 1)
    with pytest.raises(AssertionError, match="recomputed"):
        bt._all.__wrapped__(ds)  # type: ignore[attr-defined]


def test_event_study_is_read_back_without_refitting(
    ds: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGIOKOMPAS_CACHE_DIR", str(tmp_path))
    first = events.event_study.__wrapped__(ds)  # type: ignore[attr-defined]

    def refuse(dataset: Dataset) -> events.EventStudy:
        raise AssertionError("refitted although the store holds the result")

    monkeypatch.setattr(events, "_fit_all_groups", refuse)
    assert events.event_study.__wrapped__(ds) == first  # type: ignore[attr-defined]
