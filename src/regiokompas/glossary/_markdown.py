"""``docs/woordenlijst.md`` from the glossary source (a test keeps the committed file in sync)."""

from __future__ import annotations

from regiokompas.glossary._source import Glossary

__all__ = ["render_markdown"]

_HEADER = """\
# Woordenlijst / Glossary

<!-- Generated from src/regiokompas/glossary/termen.toml by `make woordenlijst`; edit that file,
     not this one. The same source renders the page /woordenlijst in the web app. -->

De vaktermen van Regiokompas in gewone taal, met hun bron. The technical terms of Regiokompas in
plain language, with their source.

| Term | English | Betekenis | Meaning | Bron / source |
|---|---|---|---|---|
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(glossary: Glossary) -> str:
    """The glossary as one Markdown table: term, English, Dutch and English definitions, source.

    >>> from regiokompas.glossary import load_glossary
    >>> render_markdown(load_glossary()).startswith("# Woordenlijst / Glossary")
    True
    """
    out = [_HEADER]
    for t in glossary.terms:
        source = _cell(t.bron) + (f" <{t.link}>" if t.link else "")
        out.append(
            f'| <a id="{t.id}"></a>{_cell(t.nl)} | {_cell(t.en)} | {_cell(t.definitie_nl)} '
            f"| {_cell(t.definitie_en)} | {source} |\n"
        )
    return "".join(out)
