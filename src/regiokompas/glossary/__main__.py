"""``python -m regiokompas.glossary [PATH]``: write the glossary as Markdown to PATH (the
Makefile's ``woordenlijst`` target writes ``docs/woordenlijst.md``), or to standard output."""

from __future__ import annotations

import sys
from pathlib import Path

from regiokompas.glossary import load_glossary, render_markdown


def main(argv: list[str]) -> int:
    text = render_markdown(load_glossary())
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
