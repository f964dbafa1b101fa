"""Rendering of command results: a readable table, JSON or CSV.

Commands build a :class:`Table` (or a dict for JSON) and hand it here; nothing else prints.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import click
from rich.console import Console
from rich.table import Table as RichTable

from regiokompas.cli._taal import current_language
from regiokompas.i18n import format_number

__all__ = ["FORMATS", "Table", "emit_json", "emit_tables", "nl_number", "to_jsonable"]

FORMATS = ("tabel", "json", "csv")


@dataclass
class Table:
    """A titled table with an optional caption (source and year of the figures)."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    caption: str = ""
    align_right: set[int] = field(default_factory=set)


def nl_number(value: float | str | None, decimals: int = 0) -> str:
    """A number for tables in the CLI's language (``75.316`` and ``16,5`` in Dutch) through
    :func:`regiokompas.i18n.format_number`; text passes, ``None`` and NaN are ``–``.

    >>> nl_number(1234567.891, 1)
    '1.234.567,9'
    """
    if isinstance(value, str):
        return value
    return format_number(value, current_language(), decimals)


def to_jsonable(value: Any) -> Any:
    """Plain JSON types for numpy/pandas scalars, NaN as null."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "item") and callable(value.item):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def emit_json(payload: Any) -> None:
    """Print ``payload`` as indented UTF-8 JSON."""
    click.echo(json.dumps(to_jsonable(payload), ensure_ascii=False, indent=2))


def emit_tables(tables: Sequence[Table], fmt: str, header: str = "") -> None:
    """Print tables as rich tables (``tabel``) or CSV blocks (``csv``)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for k, table in enumerate(tables):
            if k:
                out.write("\n")
            out.write(f"# {table.title}\n")
            writer.writerow(table.columns)
            writer.writerows(["" if v is None else v for v in row] for row in table.rows)
        click.echo(out.getvalue(), nl=False)
        return
    console = Console(soft_wrap=False, width=max(100, Console().width))
    if header:
        console.print(header, highlight=False)
    for table in tables:
        rich_table = RichTable(
            title=table.title,
            caption=table.caption or None,
            title_justify="left",
            caption_justify="left",
        )
        for index, column in enumerate(table.columns):
            rich_table.add_column(column, justify="right" if index in table.align_right else "left")
        for row in table.rows:
            rich_table.add_row(*("–" if v is None else str(v) for v in row))
        console.print(rich_table, highlight=False)
