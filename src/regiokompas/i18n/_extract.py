"""A Babel extraction method for command-line help: click's ``help=`` texts and docstrings.

Click takes a command's help from its docstring and an option's from ``help="..."``; neither is
a ``gettext`` call, so Babel's Python extractor would not see them. This method yields exactly
the text click hands to its help formatter (docstrings cleaned like :func:`inspect.cleandoc`
and cut at ``\\f``; option texts cleaned the same way), plus the short help of the lazily
loaded commands (``LazyCommand(target, short_help)``), plus every ordinary ``gettext`` call
found by Babel's own Python extractor. Used from ``babel-cli.cfg`` as
``[regiokompas.i18n._extract:extract_cli: cli/**.py]``; it parses source only (``ast``) and
imports nothing from click.

>>> import io
>>> source = b'@click.command()\\n@click.option("--x", help="Een optie.")\\n'
>>> source += b'def f(x):\\n    "Doe iets.\\fAlleen voor ontwikkelaars."\\n'
>>> sorted(m[2] for m in extract_cli(io.BytesIO(source), ["gettext"], [], {}))
['Doe iets.', 'Een optie.']
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Collection, Iterator
from typing import IO, Any

__all__ = ["extract_cli", "extract_csv"]

_HELP_KEYWORDS = ("help", "short_help", "epilog")


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


def _help_texts(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if (
                    keyword.arg in _HELP_KEYWORDS
                    and isinstance(keyword.value, ast.Constant)
                    and isinstance(keyword.value.value, str)
                    and keyword.value.value.strip()
                ):
                    yield node.lineno, inspect.cleandoc(keyword.value.value)
            if (
                _decorator_name(node) == "LazyCommand"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                yield node.lineno, inspect.cleandoc(node.args[1].value)
        elif isinstance(node, ast.FunctionDef) and any(
            _decorator_name(d) in ("command", "group") for d in node.decorator_list
        ):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.lineno, doc.partition("\f")[0]


def extract_cli(
    fileobj: IO[bytes],
    keywords: Any,
    comment_tags: Collection[str],
    options: Any,
) -> Iterator[tuple[Any, ...]]:
    """Babel extraction method: help texts of click commands plus ordinary gettext calls.

    Yields Babel's ``(lineno, funcname, message, comments)`` tuples.
    """
    from babel.messages.extract import extract_python

    source = fileobj.read()
    for lineno, text in _help_texts(ast.parse(source)):
        yield lineno, None, text, []
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)


def extract_csv(
    fileobj: IO[bytes],
    keywords: Any,  # noqa: ARG001 - Babel's extractor signature
    comment_tags: Collection[str],  # noqa: ARG001
    options: Any,
) -> Iterator[tuple[Any, ...]]:
    """Babel extraction method: the texts in some columns of a CSV file shipped as data.

    The savings assumptions (``savings/*.csv``) carry Dutch source notes and unit names that
    users see; this yields the cells of the columns named in the option ``columns``
    (space-separated) so they get a place in the catalogue like any other text. A user's own
    file is not in the catalogue and is shown as written.

    >>> import io
    >>> data = "eenheid,naam,bron\\nx,renovatie speelplek,Aanname\\n".encode()
    >>> [m[2] for m in extract_csv(io.BytesIO(data), [], [], {"columns": "naam bron"})]
    ['renovatie speelplek', 'Aanname']
    """
    import csv
    import io

    wanted = str(options.get("columns", "")).split()
    reader = csv.DictReader(io.StringIO(fileobj.read().decode("utf-8")))
    for row in reader:
        for column in wanted:
            text = (row.get(column) or "").strip()
            if text:
                yield reader.line_num, None, text, []
