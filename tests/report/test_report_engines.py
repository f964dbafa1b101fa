"""The chapter's engine wiring, against the real savings engine (issue 3) where installed.

Numbers are compared with the engine's own estimate called here, and with the engine's
assumption files (forms, taakveld priors) read with the csv module.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from regiokompas.data import Dataset
from regiokompas.report import ChapterOptions, build_chapter, engine_status, render
from regiokompas.report._engines import opportunity_from_estimate
from regiokompas.report._format import parse_nl_number


def _csv(name: str) -> dict[str, dict[str, str]]:
    import regiokompas.savings as savings

    with open(Path(savings.__file__).parent / name, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    key = "vorm" if "vorm" in rows[0] else "reeks"
    return {r[key]: r for r in rows}


def test_engine_status_lists_every_part() -> None:
    names = [name for name, _ in engine_status()]
    assert names == ["regiokompas.savings", "regiokompas.partners", "regiokompas.register"]


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


@pytest.fixture(scope="module")
def engine(ds: Dataset) -> object:
    from regiokompas.savings import SavingsEngine

    return SavingsEngine.from_dataset(ds, mode="literature")


@pytest.fixture(scope="module")
def real_docx(ds: Dataset, engine: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    options = ChapterOptions(modus="literature", savings_engine=engine, draws=500, seed=11)
    path = tmp_path_factory.mktemp("real") / "gouda.docx"
    path.write_bytes(render(build_chapter(ds, "Gouda", options), "docx"))
    return path


def _kansen_rows(path: Path) -> list[list[str]]:
    import docx

    document = docx.Document(str(path))
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if header == ["Taakveld", "Partners", "P10", "P50", "P90", "Autonomieverlies"]:
            return [[c.text for c in row.cells] for row in table.rows[1:]]
    raise AssertionError("no opportunities table in the DOCX")


def test_docx_opportunities_equal_the_engines_numbers(
    ds: Dataset, engine: object, real_docx: Path
) -> None:
    """Read P10/P50/P90 back from the Word file and recompute them with the engine."""
    from regiokompas.partners import PartnerFinder

    rows = _kansen_rows(real_docx)
    assert 1 <= len(rows) <= 5
    vormen = _csv("vormen.csv")["bedrijfsvoeringsorganisatie"]
    priors = _csv("priors_taakvelden.csv")
    for row in rows:
        taakveld = row[0].split(" ", 1)[0]
        names = [n for part in row[1].split(", ") for n in part.split(" en ")]
        partners = [ds.gemeente(n).code for n in names]
        members = ["GM0513", *partners]
        assert ds.graph.is_connected(members)
        est = engine.estimate(
            members, [taakveld], vorm="bedrijfsvoeringsorganisatie", draws=500, seed=11
        )
        own = est.per_member["GM0513"]
        shown = [parse_nl_number(x) for x in row[2:]]
        assert shown[:3] == pytest.approx([own.p10, own.p50, own.p90], abs=0.5)
        assert shown[1] > 0  # only options with a positive expected saving are offered
        assert shown[3] == pytest.approx(
            float(vormen["autonomieverlies"]) * float(priors[taakveld]["beleidsruimte"]), abs=0.005
        )
        best = PartnerFinder(ds, engine, "GM0513", taakvelden=[taakveld], top=1).find()
        assert set(best.scopes[0].options[0].members) == set(members)


def test_the_default_source_never_invents_opportunities(ds: Dataset) -> None:
    chapter = build_chapter(ds, "Gouda", ChapterOptions(figures=False, modus="literature"))
    parts = dict(chapter.engine_parts)
    kansen = [n for n in chapter.numbers() if n.key.startswith("kans.")]
    if not (parts.get("regiokompas.savings") and parts.get("regiokompas.partners")):
        assert kansen == []
    for num in kansen:  # whatever is shown comes from the savings model
        assert "besparingsmodel" in num.bron


def test_the_model_mode_is_stated_next_to_the_opportunities(real_docx: Path) -> None:
    import docx

    text = "\n".join(p.text for p in docx.Document(str(real_docx)).paragraphs)
    assert "Modus literature: de besparingen komen uit empirisch onderzoek" in text
    assert "geen bewijs van besparing" in text.lower()


def test_each_choice_says_whether_it_fits_an_existing_partner_set(
    ds: Dataset, engine: object
) -> None:
    """Recomputed from regio.csv: does some existing region hold the whole group?"""
    from report_helpers import raw_regio

    regions: dict[str, dict[str, str]] = {}
    for row in raw_regio():
        regions.setdefault(row["regiotype"], {})[row["gm_code"]] = row["regio_code"]
    chapter = build_chapter(
        ds,
        "Gouda",
        ChapterOptions(
            figures=False, modus="literature", savings_engine=engine, within="veiligheidsregio"
        ),
    )
    paragraphs = [b for _, s in chapter.walk() for b in s.blocks if hasattr(b, "style")]
    checked = 0
    for choice, body in zip(paragraphs, paragraphs[1:], strict=False):
        if choice.style != "keuze":
            continue
        names = choice.text.split(" samen met ", 1)[1].split(" uitvoeren", 1)[0]
        members = ["GM0513"] + [
            ds.gemeente(n).code for part in names.split(", ") for n in part.split(" en ")
        ]
        shared = [
            t
            for t, labels in regions.items()
            if t != "provincie" and len({labels[m] for m in members}) == 1
        ]
        assert "veiligheidsregio" in shared  # the search stayed inside Gouda's own region
        assert "Deze gemeenten zitten nu al samen in dezelfde" in body.text
        checked += 1
    assert checked >= 1
