"""The chapter's engine wiring, against the real savings engine (issue 3) where installed.

Numbers are compared with the engine's own estimate called here, and with the engine's
assumption files (forms, taakveld priors) read with the csv module.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from regiokompas.data import Dataset
from regiokompas.report import ChapterOptions, build_chapter, engine_status
from regiokompas.report._engines import opportunity_from_estimate

savings_missing = importlib.util.find_spec("regiokompas.savings") is None or not hasattr(
    importlib.import_module("regiokompas.savings"), "SavingsEngine"
)


def _csv(name: str) -> dict[str, dict[str, str]]:
    import regiokompas.savings as savings

    with open(Path(savings.__file__).parent / name, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    key = "vorm" if "vorm" in rows[0] else "reeks"
    return {r[key]: r for r in rows}


def test_engine_status_lists_every_part() -> None:
    names = [name for name, _ in engine_status()]
    assert names == ["regiokompas.savings", "regiokompas.partners", "regiokompas.register"]


@pytest.mark.skipif(savings_missing, reason="regiokompas.savings (issue 3) is not installed")
@pytest.mark.parametrize("taakveld", ["7.3", "0.61"])
def test_estimate_becomes_an_opportunity_with_the_engines_numbers(
    ds: Dataset, taakveld: str
) -> None:
    from regiokompas.savings import SavingsEngine

    engine = SavingsEngine.from_dataset(ds, mode="literature")
    est = engine.estimate(
        ["GM0513", "GM0627"], [taakveld], vorm="bedrijfsvoeringsorganisatie", draws=400, seed=3
    )
    op = opportunity_from_estimate(est, "GM0513", "x")
    own = est.per_member["GM0513"]
    assert (op.p10, op.p50, op.p90) == (own.p10, own.p50, own.p90)
    assert (op.total_p10, op.total_p90) == (est.total.p10, est.total.p90)
    assert op.partner_names == ("Waddinxveen",) and op.members == ("GM0513", "GM0627")
    assert op.verdict == est.verdict
    vorm = _csv("vormen.csv")["bedrijfsvoeringsorganisatie"]
    prior = _csv("priors_taakvelden.csv")[taakveld]
    assert op.autonomy_loss == pytest.approx(
        float(vorm["autonomieverlies"]) * float(prior["beleidsruimte"])
    )
    assert op.startup_years == int(prior["aanloop_jaren"])
    assert [t.naam for t in op.tangible] == [t.naam for t in est.tangible]
    assert op.jaar == engine.jaar and str(engine.jaar) in op.bron


def test_the_default_source_never_invents_opportunities(ds: Dataset) -> None:
    chapter = build_chapter(ds, "Gouda", ChapterOptions(figures=False))
    parts = dict(chapter.engine_parts)
    kansen = [n for n in chapter.numbers() if n.key.startswith("kans.")]
    if not (parts.get("regiokompas.savings") and parts.get("regiokompas.partners")):
        assert kansen == []
    for num in kansen:  # whatever is shown comes from the savings model
        assert "besparingsmodel" in num.bron
