"""Congruence and existing partners, against a hand-worked case and a brute force."""

from __future__ import annotations

import random

from regiokompas.register import Deelnemer, Regeling, congruence, existing_partners


def _r(naam: str, *codes: str, taken: tuple[str, ...] = (), verwijderd: bool = False) -> Regeling:
    return Regeling(
        naam, "openbaar_lichaam", tuple(Deelnemer(c) for c in codes), taken, verwijderd=verwijderd
    )


def test_hand_worked_example() -> None:
    # Gemeente A: GGD with {B,C}, VR with {B,C}, afval with {B}, belasting with {C,D}, inkoop
    # alone; a deleted arrangement with {E} does not count; one without A is ignored.
    regs = [
        _r("GGD", "A", "B", "C", taken=("7.1",)),
        _r("VR", "C", "B", "A", taken=("1.1",)),
        _r("Afval", "B", "A", taken=("7.3",)),
        _r("Belasting", "A", "C", "D", taken=("0.61",)),
        _r("Inkoop", "A"),
        _r("Oud", "A", "E", verwijderd=True),
        _r("Ander", "B", "C"),
    ]
    c = congruence("A", regs)
    # partner sets: {B,C} x2, {B}, {C,D} -> 3 distinct sets over 4 arrangements with partners
    assert (c.regelingen, c.met_partners, c.partnersets) == (5, 4, 3)
    assert c.index == 3 / 4
    assert c.aandeel_meest_voorkomend == 2 / 4
    assert c.meest_voorkomende_set == ("B", "C")
    partners = existing_partners("A", regs)
    assert [(p.code, p.aantal) for p in partners] == [("B", 3), ("C", 3), ("D", 1)]
    assert partners[0].taakvelden == ("1.1", "7.1", "7.3")
    assert congruence("Z", regs).index is None


def test_against_brute_force() -> None:
    rng = random.Random(7)
    codes = [f"G{i}" for i in range(8)]
    regs = [_r(f"R{k}", *rng.sample(codes, rng.randint(1, 5))) for k in range(60)]
    for code in codes:
        own = [r for r in regs if code in [d.code for d in r.deelnemers]]
        keys = []
        for r in own:
            key = ",".join(sorted(d.code for d in r.deelnemers if d.code != code))
            if key:
                keys.append(key)
        distinct: list[str] = []
        for key in keys:
            if key not in distinct:
                distinct.append(key)
        best = max(keys.count(k) for k in distinct)
        c = congruence(code, regs)
        assert (c.regelingen, c.met_partners, c.partnersets) == (len(own), len(keys), len(distinct))
        assert c.aandeel_meest_voorkomend == best / len(keys)
        for p in existing_partners(code, regs):
            assert p.aantal == sum(1 for r in own if p.code in [d.code for d in r.deelnemers])
