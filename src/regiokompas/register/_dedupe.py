"""One record per body: the 2016 and 2024 copies of the same body merged into one.

Two records are the same body when their normalised names are equal and their gemeenten
overlap by at least half (Jaccard index >= 0.5). The name is normalised by dropping the
source year "(2016)", a regioatlas label before ": ", parenthesised additions
(abbreviations, "in liquidatie"), case, and punctuation. Name alone is not enough (GGD
Hollands-Midden and Veiligheidsregio Hollands-Midden share gemeenten but are different
bodies; so are the two Alblasserwaard sociale diensten, whose names differ in one word);
overlap guards against two bodies that happen to share a name in different places.

The newest record (latest ``bron_datum``; on a tie the one listed first) stays; the older
ones become its history in ``opmerking``, and their taakvelden are kept when the newest
has none.

>>> normalise_body_name("Sociale Werkvoorziening: Promen (2016)")
'promen'
>>> normalise_body_name("Omgevingsdienst Regio Utrecht (ODRU) (2016)")
'omgevingsdienst regio utrecht'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from regiokompas.register.model import Regeling

__all__ = ["deduplicate", "normalise_body_name", "same_body"]

_MIN_OVERLAP = 0.5


def normalise_body_name(naam: str) -> str:
    """The name used to recognise the same body across sources."""
    text = naam.split(": ", 1)[1] if ": " in naam else naam
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"[^\w]+", " ", text.lower())
    return " ".join(text.split())


def _overlap(a: Regeling, b: Regeling) -> float:
    sa, sb = set(a.gemeenten), set(b.gemeenten)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def same_body(a: Regeling, b: Regeling) -> bool:
    """Equal normalised names and gemeenten overlapping by at least half."""
    name = normalise_body_name(a.naam)
    return bool(name) and name == normalise_body_name(b.naam) and _overlap(a, b) >= _MIN_OVERLAP


def _merge(keep: Regeling, older: Sequence[Regeling]) -> Regeling:
    history = "; ".join(f"{r.naam} ({r.bron.split(';')[0]})" for r in older)
    taakvelden = keep.taakvelden
    if not taakvelden:
        merged = {t for r in older for t in r.taakvelden}
        taakvelden = tuple(sorted(merged, key=lambda t: tuple(int(p) for p in t.split("."))))
    opmerking = f"{keep.opmerking} Eerder ook geregistreerd als: {history}.".strip()
    return dataclasses.replace(keep, taakvelden=taakvelden, opmerking=opmerking)


def deduplicate(groups: Sequence[Sequence[Regeling]]) -> list[list[Regeling]]:
    """``groups`` (one list per seed file, in priority order) with each body once: the
    newest copy kept in its own file, the older copies dropped and named in its history."""
    flat = [(g, i, r) for g, group in enumerate(groups) for i, r in enumerate(group)]
    parent = list(range(len(flat)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_name: dict[str, list[int]] = {}
    for k, (_, _, r) in enumerate(flat):
        by_name.setdefault(normalise_body_name(r.naam), []).append(k)
    for members in by_name.values():
        for x, kx in enumerate(members):
            for ky in members[x + 1 :]:
                if same_body(flat[kx][2], flat[ky][2]):
                    parent[find(ky)] = find(kx)
    clusters: dict[int, list[int]] = {}
    for k in range(len(flat)):
        clusters.setdefault(find(k), []).append(k)
    keep: dict[int, Regeling] = {}
    for members in clusters.values():
        newest = min(members, key=lambda k: (-_date(flat[k][2]).toordinal(), k))
        older = [flat[k][2] for k in members if k != newest]
        keep[newest] = _merge(flat[newest][2], older) if older else flat[newest][2]
    out: list[list[Regeling]] = [[] for _ in groups]
    for k in sorted(keep):
        out[flat[k][0]].append(keep[k])
    return out


def _date(r: Regeling) -> dt.date:
    return r.bron_datum or dt.date.min
