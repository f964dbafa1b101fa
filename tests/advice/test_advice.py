"""The advice service: verdicts read from the savings engine, ranking by evidence, exclusions,
existing arrangements and partner sets, comparable gemeenten and the taakveld parser."""

from __future__ import annotations

import json
import math

import pytest

from regiokompas.advice import (
    Advice,
    AdviceSettings,
    advise,
    comparable_gemeenten,
    parse_taakveld,
    parse_taakvelden,
)
from regiokompas.advice._service import _Register
from regiokompas.costs import UnknownTaakveldError
from regiokompas.data import Dataset, RegiokompasError
from regiokompas.partners import PartnerFinder
from regiokompas.register import Deelnemer, Regeling
from regiokompas.savings import SavingsEngine

LIT = AdviceSettings(mode="literature", group_size=3)


@pytest.fixture(scope="module")
def engine(ds: Dataset) -> SavingsEngine:
    return SavingsEngine.from_dataset(ds, mode="literature")


def _regeling(naam: str, codes: tuple[str, ...], taakvelden: tuple[str, ...] = ()) -> Regeling:
    return Regeling(naam, "openbaar_lichaam", tuple(Deelnemer(c) for c in codes), taakvelden)


# ----------------------------------------------------------------- settings and parser


def test_settings_are_hashable_and_checked() -> None:
    assert {AdviceSettings(), AdviceSettings()} == {AdviceSettings()}
    assert AdviceSettings(group_size=3) != AdviceSettings(group_size=4)
    for bad in (
        {"group_size": 1},
        {"group_size": 9},
        {"within": "wijk"},
        {"mode": "custom"},
        {"autonomy_price": -1.0},
        {"draws": 5},
    ):
        with pytest.raises(RegiokompasError):
            AdviceSettings(**bad)  # type: ignore[arg-type]


def test_taakvelden_as_users_type_them(ds: Dataset) -> None:
    assert parse_taakveld(ds, "0,4").reeks == "0.4"
    assert parse_taakveld(ds, "0.4") == parse_taakveld(ds, "0.4")
    six = parse_taakveld(ds, "6.7")
    assert (six.reeks, six.notitie) == ("6.7", "")
    assert six.omschrijving.startswith("Maatwerkdienstverlening 18+")
    sub = parse_taakveld(ds, "6.71")
    assert sub.reeks == "6.7" and "6.71" in sub.notitie and "reeks 6.7" in sub.notitie
    assert [t.reeks for t in parse_taakvelden(ds, "0,4; 7.3, 6.72 0.4")] == ["0.4", "7.3", "6.7"]
    for bad in ("9.9", "abc", "0.4.1", ""):
        with pytest.raises(UnknownTaakveldError):
            parse_taakveld(ds, bad)


# ----------------------------------------------------------------- comparable gemeenten


def test_comparable_gemeenten_match_a_brute_force(ds: Dataset) -> None:
    g = ds.gemeenten.reset_index(drop=True)
    columns = [
        "pct_0_15",
        "pct_65_plus",
        "gemiddelde_huishoudgrootte",
        "pct_eenpersoonshuishoudens",
        "pct_herkomst_buiten_europa",
    ]
    rows = []
    for r in g.itertuples(index=False):
        rows.append(
            [
                math.log(r.inwoners_2023),
                math.log(r.inwoners_2023 / r.land_km2),
                float(r.stedelijkheid),
                *(float(getattr(r, c)) for c in columns),
            ]
        )
    k = len(rows[0])
    means = [sum(x[j] for x in rows) / len(rows) for j in range(k)]
    sds = [math.sqrt(sum((x[j] - means[j]) ** 2 for x in rows) / len(rows)) for j in range(k)]
    z = [[(x[j] - means[j]) / sds[j] for j in range(k)] for x in rows]
    i = g.index[g["gm_code"] == "GM0513"][0]
    prov = g["provincie_code"].tolist()
    dist = {
        g["gm_code"][m]: math.sqrt(sum((z[m][j] - z[i][j]) ** 2 for j in range(k)))
        + (1.0 if prov[m] != prov[i] else 0.0)
        for m in range(len(rows))
        if m != i
    }
    expected = sorted(dist, key=lambda c: (dist[c], c))[:12]
    assert comparable_gemeenten(ds, "GM0513", 12) == tuple(expected)
    assert len(comparable_gemeenten(ds, "GM0513", 3)) == 10  # never fewer than ten


# ----------------------------------------------------------------- the advice


@pytest.fixture(scope="module")
def gouda(ds: Dataset, engine: SavingsEngine) -> Advice:
    return advise(ds, engine, "Gouda", LIT, records=(), register_bron="test")


def test_verdicts_and_bands_come_from_the_savings_engine(
    ds: Dataset, engine: SavingsEngine, gouda: Advice
) -> None:
    estimated = [t for t in gouda.taakvelden if t.oordeel is not None]
    assert len(estimated) > 10
    for t in estimated:
        assert t.beste is not None and t.groep_contante_waarde is not None
        est = engine.estimate(list(t.beste.leden), list(t.taakvelden), LIT.vorm, 1000, 0)
        assert t.oordeel == est.verdict
        assert t.status == {"besparing": "kans", "meerkosten": "meerkosten"}.get(
            est.verdict, "geen_bewijs"
        )
        assert t.groep_contante_waarde.p50 == est.npv.afgerond.p50
        assert t.groep_jaar is not None and t.groep_jaar.p10 == est.total.afgerond.p10
        assert t.eigen_jaar is not None
        assert t.eigen_jaar.p90 == est.per_member["GM0513"].afgerond.p90
        # Rounded to what the band supports: a step of two significant figures of the width,
        # so the rounding never moves a value by more than half a step (brute force).
        for band, raw in ((t.groep_contante_waarde, est.npv), (t.groep_jaar, est.total)):
            base = (raw.p90 - raw.p10) or abs(raw.p50)  # zero width: the value's own figures
            step = 10 ** (math.floor(math.log10(base)) - 1) if base > 0 else 0.0
            for got, exact in zip(
                (band.p10, band.p50, band.p90), (raw.p10, raw.p50, raw.p90), strict=True
            ):
                assert abs(got - exact) <= step / 2 + 1e-9
                assert step == 0 or abs(got / step - round(got / step)) < 1e-6
            assert band.p10 <= band.p50 <= band.p90
        for tc in t.tastbaar:
            assert t.oordeel == "besparing"
            assert all(float(x).is_integer() and x >= 0 for x in (tc.aantal.p10, tc.aantal.p90))


def test_ranking_by_evidence(gouda: Advice) -> None:
    statuses = [t.status for t in gouda.taakvelden]
    order = ["kans", "geen_bewijs", "al_belegd", "uitgesloten", "meerkosten", "geen_groep"]
    assert statuses == sorted(statuses, key=order.index)
    for status in ("kans", "geen_bewijs"):
        npv = [t.groep_contante_waarde.p50 for t in gouda.met_status(status)]  # type: ignore[union-attr]
        assert npv == sorted(npv, reverse=True)
    assert all(t.status == "kans" for t in gouda.getoond)
    assert "meerkosten" in statuses  # Gouda has taakvelden where cooperation costs money


def test_no_evidence_only_when_asked(ds: Dataset, engine: SavingsEngine) -> None:
    asked = advise(
        ds, engine, "Gouda", AdviceSettings(**{**LIT.as_dict(), "include_no_evidence": True}), ()
    )  # type: ignore[arg-type]
    shown = {t.status for t in asked.getoond}
    assert "geen_bewijs" in shown and "meerkosten" not in shown


@pytest.mark.parametrize("gemeente", ["Vaals", "Schiermonnikoog", "Vlieland", "Gouda"])
def test_bestuur_is_never_an_opportunity(ds: Dataset, engine: SavingsEngine, gemeente: str) -> None:
    advice = advise(ds, engine, gemeente, LIT, ())
    bestuur = [t for t in advice.taakvelden if t.taakvelden == ("0.1",)]
    assert [t.status for t in bestuur] == ["uitgesloten"]
    assert "Allers & Geertsema (2016" in bestuur[0].reden
    assert "0.1" not in {t.label for t in advice.getoond}


def test_covered_taakveld_names_the_arrangement(ds: Dataset, engine: SavingsEngine) -> None:
    vaals = ds.gemeente("Vaals").code
    rd4 = _regeling("Reinigingsdienst RD4", (vaals, ds.gemeente("Heerlen").code), ("7.3",))
    jeugd = _regeling("Jeugdhulp Zuid", (vaals, ds.gemeente("Simpelveld").code), ("6.71",))
    advice = advise(ds, engine, "Vaals", LIT, (rd4, jeugd))
    by_label = {t.label: t for t in advice.taakvelden}
    assert by_label["7.3"].status == "al_belegd"
    assert by_label["7.3"].reden.startswith("Al belegd in Reinigingsdienst RD4")
    assert [b.naam for b in by_label["7.3"].bestaand] == ["Reinigingsdienst RD4"]
    assert by_label["6.7"].status == "al_belegd"  # 6.71 counts in series 6.7
    deleted = Regeling(rd4.naam, rd4.vorm, rd4.deelnemers, rd4.taakvelden, verwijderd=True)
    assert advise(ds, engine, "Vaals", LIT, (deleted,)).taakvelden  # runs
    again = {t.label: t for t in advise(ds, engine, "Vaals", LIT, (deleted,)).taakvelden}
    assert again["7.3"].status != "al_belegd"


def test_partner_set_delta_hand_worked(ds: Dataset) -> None:
    # G1 has arrangements with {A,B} (twice), {A,C}, and one only on 7.3 with {D}.
    regs = (
        _regeling("AB1", ("G1", "A", "B")),
        _regeling("AB2", ("G1", "A", "B")),
        _regeling("AC", ("G1", "A", "C")),
        _regeling("D-afval", ("G1", "D"), ("7.3",)),
    )
    reg = _Register(ds, "G1", regs)
    assert len(reg.distinct) == 3
    assert reg.delta(frozenset({"A", "B"}), ("0.4",)) == 0  # an existing set
    assert reg.delta(frozenset({"A"}), ("0.4",)) == 1  # a new (smaller) set
    assert reg.delta(frozenset({"A", "B"}), ("7.3",)) == -1  # replaces the only {D} arrangement
    assert reg.delta(frozenset({"E"}), ("7.3",)) == 0  # one set out, one set in
    assert reg.containing(frozenset({"A"})) == ("AB1", False)
    assert reg.containing(frozenset({"A", "C"})) == ("AC", True)
    assert reg.containing(frozenset({"E"})) == (None, False)


def test_finder_prefers_groups_inside_existing_sets(ds: Dataset, engine: SavingsEngine) -> None:
    code = ds.gemeente("Gouda").code
    mh = frozenset(ds.gemeente(n).code for n in ("Waddinxveen", "Bodegraven-Reeuwijk", "Zuidplas"))
    plain = PartnerFinder(ds, engine, code, taakvelden=["0.4"], max_size=3, top=50).find()
    options = plain.scopes[0].options
    inside = [o for o in options if frozenset(o.partners) <= mh and o.net_keur > 0]
    preferred = PartnerFinder(
        ds, engine, code, taakvelden=["0.4"], max_size=3, top=50, existing_sets=(mh,)
    ).find()
    first = preferred.scopes[0].options[0]
    if inside:
        assert first.members == inside[0].members and first.within_existing
    else:
        assert first.members == options[0].members


def test_advice_is_plain_json_and_deterministic(
    ds: Dataset, engine: SavingsEngine, gouda: Advice
) -> None:
    text = json.dumps(gouda.as_json(), sort_keys=True)
    again = advise(ds, engine, "Gouda", LIT, records=(), register_bron="test")
    assert json.dumps(again.as_json(), sort_keys=True) == text
    assert gouda.juridisch and {j.voldaan for j in gouda.juridisch} == {"niet_gevonden"}
    assert len(gouda.vergelijkbaar) >= 10
    assert gouda.instellingen["draws"] == 1000


def test_engine_mode_must_match(ds: Dataset, engine: SavingsEngine) -> None:
    with pytest.raises(RegiokompasError):
        advise(ds, engine, "Gouda", AdviceSettings(mode="fitted"), ())


def test_centrumgemeente_role_is_named_next_to_its_taakveld(
    ds: Dataset, engine: SavingsEngine
) -> None:
    gouda, wad = ds.gemeente("Gouda").code, ds.gemeente("Waddinxveen").code
    opvang = Regeling(
        "Centrumgemeente maatschappelijke opvang: Gouda (2016)",
        "centrumgemeente",
        (Deelnemer(gouda), Deelnemer(wad)),
        ("6.81",),
    )
    mine = advise(ds, engine, "Gouda", LIT, (opvang,))
    roles = {t.label: t.centrumgemeente for t in mine.taakvelden if t.centrumgemeente}
    assert list(roles) == ["6.81"] and "Gouda is hier centrumgemeente" in roles["6.81"]
    assert mine.centrumrollen == (("6.81", opvang.naam),)
    # The other member takes part, but is not the centrumgemeente.
    theirs = advise(ds, engine, "Waddinxveen", LIT, (opvang,))
    assert theirs.centrumrollen == () and not any(t.centrumgemeente for t in theirs.taakvelden)


# ----------------------------------------------------------------- the default mode


def test_the_advice_defaults_to_the_engines_evidence_led_mode() -> None:
    import inspect

    from regiokompas.advice import MODES
    from regiokompas.report import ChapterOptions
    from regiokompas.savings import DEFAULT_MODE

    assert DEFAULT_MODE == "literature"
    assert AdviceSettings().mode == DEFAULT_MODE == MODES[0] == ChapterOptions().modus
    default = inspect.signature(SavingsEngine.from_dataset).parameters["mode"].default
    assert default == DEFAULT_MODE


def test_a_fitted_advice_is_an_exploration_never_an_opportunity(ds: Dataset) -> None:
    fitted = SavingsEngine.from_dataset(ds, mode="fitted", draws=100)
    settings = AdviceSettings(
        mode="fitted", group_size=3, draws=100, taakvelden=("0.4", "0.61", "7.3", "8.3")
    )
    advice = advise(ds, fitted, "Oudewater", settings, records=())
    estimated = [t for t in advice.taakvelden if t.oordeel is not None]
    assert estimated, "the exploration still shows its bands"
    for t in estimated:
        assert t.oordeel == "verkenning"
        assert t.status == "geen_bewijs" and "Verkenning" in t.reden
    assert advice.kansen == () and advice.met_status("meerkosten") == ()


# ----------------------------------------------------------------- existing cooperation


def test_existing_cooperation_is_counted_once_from_the_records_passed_in(
    ds: Dataset, engine: SavingsEngine
) -> None:
    from regiokompas.savings import existing_from_regelingen

    kapelle = ds.gemeente("Kapelle").code
    goes, middelburg = ds.gemeente("Goes").code, ds.gemeente("Middelburg").code
    vlissingen = ds.gemeente("Vlissingen").code
    zeeland = ds.gemeenten.loc[
        ds.gemeenten["provincie_code"]
        == ds.gemeenten.set_index("gm_code").at[kapelle, "provincie_code"],
        "gm_code",
    ]
    others = tuple(str(m) for m in zeeland if m != kapelle)
    assert goes in others and len(others) >= 10
    # Every other Zeeland gemeente already shares a tax office (Kapelle itself does not).
    belastingen = _regeling("Belastingsamenwerking Test", others, ("0.61",))
    settings = AdviceSettings(mode="literature", group_size=4, taakvelden=("0.61",))
    plain = advise(ds, engine, "Kapelle", settings, records=())
    counted = advise(ds, engine, "Kapelle", settings, records=(belastingen,))
    assert engine.existing == ()  # the engine passed in is left as it was
    (p,), (c,) = plain.taakvelden, counted.taakvelden
    assert p.al_in == ()
    assert c.beste is not None and c.groep_contante_waarde is not None
    # The bands are the engine's estimate with the records' arrangements, nothing else.
    existing = existing_from_regelingen([belastingen])
    est = engine.estimate(list(c.beste.leden), ["0.61"], settings.vorm, 1000, 0, existing=existing)
    assert c.groep_contante_waarde.p50 == est.npv.afgerond.p50
    assert c.oordeel == est.verdict
    inside = [m for m in c.beste.leden if m in others]
    assert len(inside) >= 1 and len(c.al_in) == len(inside)
    assert not any(line.startswith("Kapelle") for line in c.al_in)
    for m in inside:
        assert f"{ds.gemeente(m).naam}: al in Belastingsamenwerking Test" in c.al_in
    # The partner finder's fast values count the switching prior too: the same group is
    # worth less once its partners already share a tax office.
    group = [kapelle, goes, middelburg, vlissingen]
    before = engine.group_value(group, ["0.61"], settings.vorm).savings_keur
    after = engine.with_existing(existing).group_value(group, ["0.61"], settings.vorm)
    assert after.savings_keur < before
    assert p.groep_contante_waarde is not None
    assert c.groep_contante_waarde.p50 < p.groep_contante_waarde.p50
    assert engine.with_existing(()) is engine


# ----------------------------------------------------------------- legal context


def _moet_rows(ds: Dataset, engine: SavingsEngine, regelingen: tuple[Regeling, ...] | None):  # type: ignore[no-untyped-def]
    from regiokompas.report import ChapterOptions, build_chapter
    from regiokompas.report._model import Table

    options = ChapterOptions(
        figures=False, modus="literature", savings_engine=engine, regelingen=regelingen
    )
    chapter = build_chapter(ds, "Gouda", options)
    (table,) = [
        b
        for _, s in chapter.walk()
        for b in s.blocks
        if isinstance(b, Table) and b.caption.startswith("Wettelijke plichten")
    ]
    return table.rows


def test_legal_context_comes_from_the_duties_service_with_the_advices_records(
    ds: Dataset, engine: SavingsEngine
) -> None:
    from regiokompas.duties import VOLDAAN_KORT, duties_for
    from regiokompas.register import seed_regelingen

    seed = seed_regelingen(ds)
    settings = AdviceSettings(group_size=2, taakvelden=("7.3",))
    with_seed = advise(ds, engine, "Gouda", settings, seed)
    empty = advise(ds, engine, "Gouda", settings, ())
    report = duties_for(ds, "Gouda", seed)
    # One entry per duty and taakveld, the duty's region and the register's answer.
    assert len(with_seed.juridisch) == sum(len(r.duty.taakvelden) for r in report.rows)
    vr = [j for j in with_seed.juridisch if j.plicht == "veiligheidsregio"]
    assert vr and all(j.voldaan == "vastgelegd" and "Hollands-Midden" in j.regio for j in vr)
    assert all("Wet veiligheidsregio" in j.tekst and j.verplicht for j in vr)
    # The records passed in drive it: an empty register shows no duty met.
    assert {j.voldaan for j in empty.juridisch} == {"niet_gevonden"}
    # The chapter's "Wat moet" table reads the same computation (same records).
    for records, advice in ((seed, with_seed), ((), empty)):
        rows = _moet_rows(ds, engine, records)
        for j in advice.juridisch:
            (row,) = [r for r in rows if j.tekst.startswith(str(r[0]))]
            assert (row[3], row[4]) == (j.regio, VOLDAAN_KORT[j.voldaan])
