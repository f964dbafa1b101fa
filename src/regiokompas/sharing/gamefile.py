"""Game files: an analyst's own coalition costs as JSON (``regiokompas verdeel --spel``).

Two forms (documented with examples in ``docs/verdeling.md``)::

    {"spelers": ["A", "B"], "kosten": {"A": 10, "B": 8, "A,B": 15}}

    {"spelers": ["A", "B", "C"], "enkel": {"A": 10, "B": 8, "C": 12},
     "regel": {"soort": "schaal", "besparing": 0.2, "transactie": 1.5},
     "kosten": {"A,C": 19}}

In the first form every non-empty coalition needs a cost; in the second the rule fills in what
``kosten`` does not give. Optional keys: ``naam``, ``eenheid`` (default "€"), ``bron``,
``inwoners`` and ``gebruik`` (per player, for the keys per inwoner and naar gebruik).
Every problem raises :class:`GameFileError` naming it, in Dutch and English.

>>> parsed = parse_game({"spelers": ["A", "B"], "kosten": {"A": 10, "B": 8, "B,A": 15}})
>>> parsed.game.costs.tolist()
[0.0, 10.0, 8.0, 15.0]
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from regiokompas.sharing._errors import GameFileError
from regiokompas.sharing.game import MAX_EXPLICIT_PLAYERS, CostGame

__all__ = ["RULES", "ParsedGame", "parse_game", "read_game_file"]

#: Rules that fill in coalition costs from the singletons ("enkel").
RULES = {
    "som": "c(S) = som van de kosten van ieder alleen (geen schaalvoordeel)",
    "luchthaven": "c(S) = hoogste kosten van een lid (Littlechild & Owen 1973)",
    "schaal": "c(S) = (1 − besparing·(|S|−1)/(n−1))·som + transactie·(|S|−1)",
}

_KNOWN_KEYS = {
    "naam",
    "eenheid",
    "bron",
    "spelers",
    "kosten",
    "enkel",
    "regel",
    "inwoners",
    "gebruik",
    "toelichting",
}


@dataclass(frozen=True)
class ParsedGame:
    """A game read from a file, with the optional per-player weights for the keys."""

    game: CostGame
    inwoners: dict[str, float] | None
    gebruik: dict[str, float] | None


def read_game_file(path: str | Path) -> ParsedGame:
    """Read and validate a game file."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise GameFileError(
            source,
            f"kan niet gelezen worden ({exc.strerror}).",
            f"cannot be read ({exc.strerror}).",
        ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GameFileError(
            source,
            f"geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}: {exc.msg}).",
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
        ) from exc
    return parse_game(data, source)


def _number(source: str, where: str, value: Any, *, allow_zero: bool = True) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise GameFileError(
            source, f"{where} is geen getal ({value!r}).", f"{where} is not a number ({value!r})."
        )
    number = float(value)
    if not math.isfinite(number):
        raise GameFileError(source, f"{where} is geen eindig getal.", f"{where} is not finite.")
    if number < 0 or (number == 0 and not allow_zero):
        sign_nl = "negatief" if number < 0 else "0"
        raise GameFileError(
            source,
            f"{where} is {sign_nl} ({value}); kosten zijn positief.",
            f"{where} is {'negative' if number < 0 else 'zero'} ({value}); costs are positive.",
        )
    return number


def _players(source: str, data: Mapping[str, Any]) -> tuple[str, ...]:
    raw = data.get("spelers")
    if not isinstance(raw, list) or not raw:
        raise GameFileError(
            source,
            "'spelers' moet een niet-lege lijst van namen zijn.",
            "'spelers' must be a non-empty list of names.",
        )
    names: list[str] = []
    for item in raw:
        if not isinstance(item, str) or not item.strip():
            raise GameFileError(
                source, f"spelernaam {item!r} is geen tekst.", f"player name {item!r} is not text."
            )
        name = item.strip()
        if "," in name:
            raise GameFileError(
                source,
                f"spelernaam '{name}' bevat een komma.",
                f"player name '{name}' contains a comma.",
            )
        if name in names:
            raise GameFileError(
                source,
                f"speler '{name}' staat dubbel in 'spelers'.",
                f"player '{name}' is duplicated in 'spelers'.",
            )
        names.append(name)
    if len(names) > MAX_EXPLICIT_PLAYERS:
        raise GameFileError(
            source,
            f"{len(names)} spelers; een spelbestand kan er hoogstens "
            f"{MAX_EXPLICIT_PLAYERS} hebben.",
            f"{len(names)} players; a game file can have at most {MAX_EXPLICIT_PLAYERS}.",
        )
    return tuple(names)


def _per_player(
    source: str, data: Mapping[str, Any], key: str, players: tuple[str, ...], *, complete: bool
) -> dict[str, float] | None:
    raw = data.get(key)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise GameFileError(
            source,
            f"'{key}' moet een object speler → getal zijn.",
            f"'{key}' must be an object player → number.",
        )
    out: dict[str, float] = {}
    for name, value in raw.items():
        if name.strip() not in players:
            raise GameFileError(
                source,
                f"'{key}' noemt onbekende speler '{name}'.",
                f"'{key}' names unknown player '{name}'.",
            )
        out[name.strip()] = _number(source, f"'{key}' van '{name}'", value)
    missing = [p for p in players if p not in out]
    if complete and missing:
        raise GameFileError(
            source,
            f"'{key}' ontbreekt voor: {', '.join(missing)}.",
            f"'{key}' is missing for: {', '.join(missing)}.",
        )
    return out


def _coalition_costs(source: str, raw: Any, players: tuple[str, ...]) -> dict[int, float]:
    if not isinstance(raw, dict):
        raise GameFileError(
            source,
            "'kosten' moet een object coalitie → getal zijn.",
            "'kosten' must be an object coalition → number.",
        )
    index = {p: i for i, p in enumerate(players)}
    out: dict[int, float] = {}
    spelled: dict[int, str] = {}
    for key, value in raw.items():
        names = [part.strip() for part in str(key).split(",")]
        mask = 0
        for name in names:
            if name not in index:
                raise GameFileError(
                    source,
                    f"coalitie \"{key}\" noemt onbekende speler '{name}'.",
                    f"coalition \"{key}\" names unknown player '{name}'.",
                )
            if mask >> index[name] & 1:
                raise GameFileError(
                    source,
                    f"coalitie \"{key}\" noemt '{name}' twee keer.",
                    f"coalition \"{key}\" names '{name}' twice.",
                )
            mask |= 1 << index[name]
        if mask in out:
            raise GameFileError(
                source,
                f'coalitie "{key}" staat er dubbel in (ook als "{spelled[mask]}").',
                f'coalition "{key}" is given twice (also as "{spelled[mask]}").',
            )
        out[mask] = _number(source, f'de kosten van "{key}"', value)
        spelled[mask] = str(key)
    return out


def _rule_costs(source: str, data: Mapping[str, Any], players: tuple[str, ...]) -> np.ndarray:
    singles = _per_player(source, data, "enkel", players, complete=True)
    assert singles is not None
    rule = data.get("regel")
    kind = rule.get("soort") if isinstance(rule, dict) else rule
    if kind not in RULES:
        raise GameFileError(
            source,
            f"onbekende regel {kind!r}; kies uit {', '.join(RULES)}.",
            f"unknown rule {kind!r}; choose from {', '.join(RULES)}.",
        )
    n = len(players)
    alone = np.array([singles[p] for p in players])
    masks = np.arange(1 << n)
    member = ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(bool)
    size = member.sum(axis=1)
    total = member @ alone
    if kind == "som":
        return np.asarray(total, dtype=np.float64)
    if kind == "luchthaven":
        return np.asarray(np.where(member, alone[None, :], 0.0).max(axis=1), dtype=np.float64)
    params = rule if isinstance(rule, dict) else {}
    saving = _number(source, "'besparing' van de regel", params.get("besparing", 0.0))
    transaction = _number(source, "'transactie' van de regel", params.get("transactie", 0.0))
    if saving >= 1:
        raise GameFileError(
            source, "'besparing' moet kleiner dan 1 zijn.", "'besparing' must be below 1."
        )
    fraction = (size - 1).clip(min=0) / max(n - 1, 1)
    costs = (1 - saving * fraction) * total + transaction * (size - 1).clip(min=0)
    return np.asarray(costs, dtype=np.float64)


def parse_game(data: Any, source: str = "<spel>") -> ParsedGame:
    """Validate a decoded game file and build the :class:`CostGame`."""
    if not isinstance(data, dict):
        raise GameFileError(source, "moet een JSON-object zijn.", "must be a JSON object.")
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise GameFileError(
            source,
            f"onbekende sleutel(s): {', '.join(unknown)}.",
            f"unknown key(s): {', '.join(unknown)}.",
        )
    players = _players(source, data)
    n = len(players)
    given = _coalition_costs(source, data["kosten"], players) if "kosten" in data else {}
    if "regel" in data or "enkel" in data:
        costs = _rule_costs(source, data, players)
    else:
        if "kosten" not in data:
            raise GameFileError(
                source,
                "geef 'kosten' per coalitie, of 'enkel' met een 'regel'.",
                "give 'kosten' per coalition, or 'enkel' with a 'regel'.",
            )
        missing = [m for m in range(1, 1 << n) if m not in given]
        if missing:
            missing.sort(key=lambda m: (m.bit_count(), m))
            names = [",".join(p for i, p in enumerate(players) if m >> i & 1) for m in missing]
            more = f" (en nog {len(names) - 3})" if len(names) > 3 else ""
            more_en = f" (and {len(names) - 3} more)" if len(names) > 3 else ""
            shown = ", ".join(f'"{s}"' for s in names[:3])
            raise GameFileError(
                source,
                f"ontbrekende coalitie {shown}{more}.",
                f"missing coalition {shown}{more_en}.",
            )
        costs = np.zeros(1 << n)
    for mask, value in given.items():
        costs[mask] = value
    costs[0] = 0.0
    for i, p in enumerate(players):
        if costs[1 << i] <= 0:
            raise GameFileError(
                source,
                f"de kosten van '{p}' alleen moeten positief zijn.",
                f"the stand-alone cost of '{p}' must be positive.",
            )
    game = CostGame(
        players,
        costs,
        eenheid=str(data.get("eenheid", "€")),
        naam=str(data.get("naam", "")),
        bron=str(data.get("bron", source)),
    )
    return ParsedGame(
        game,
        _per_player(source, data, "inwoners", players, complete=True),
        _per_player(source, data, "gebruik", players, complete=True),
    )
