"""Helpers for the web tests: readers of the raw bundle files (numbers are checked against the
files, not against the code under test) and a tiny HTML inspector."""

from __future__ import annotations

import csv
import gzip
from html.parser import HTMLParser
from pathlib import Path

from regiokompas.data import bundled_path

BUNDLE = bundled_path()


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a bundle CSV as plain strings (gzip if the name says so)."""
    path = Path(BUNDLE) / name
    if name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Page(HTMLParser):
    """A tiny HTML inspector: tags with attributes, text, and which ids labels point to."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.label_for: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag == "label" and values.get("for"):
            self.label_for.add(values["for"])

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())
