"""Markdown renderer (CommonMark + pipe tables); figures embedded as PNG data URIs."""

from __future__ import annotations

import base64

from regiokompas.report._model import Block, BulletList, Chapter, Image, Paragraph, Table
from regiokompas.report._texts import document_texts

__all__ = ["render_markdown"]


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _paragraph(p: Paragraph) -> str:
    text = p.text
    if p.style == "keuze":
        return f"**{text}**"
    if p.style == "let_op":
        return f"> {text}"
    return text


def _block(block: Block, words: dict[str, str]) -> str:
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, BulletList):
        return "\n".join(
            f"{i + 1}. {item.text}" if block.ordered else f"- {item.text}"
            for i, item in enumerate(block.items)
        )
    if isinstance(block, Table):
        head = "| " + " | ".join(_escape_cell(c) for c in block.columns) + " |"
        rule = (
            "| "
            + " | ".join("---:" if i in block.numeric else "---" for i in range(len(block.columns)))
            + " |"
        )
        body = ["| " + " | ".join(_escape_cell(str(c)) for c in row) + " |" for row in block.rows]
        return "\n".join(
            [f"*{block.caption}*", "", head, rule, *body, "", f"{words['bron']}: {block.bron}"]
        )
    if isinstance(block, Image):
        data = base64.b64encode(block.png).decode("ascii")
        return (
            f"![{_escape_cell(block.alt)}](data:image/png;base64,{data})\n\n"
            f"*{block.caption}* ({words['bron_klein']}: {block.bron})"
        )
    raise TypeError(f"unknown block {type(block).__name__}")


def render_markdown(chapter: Chapter) -> bytes:
    """The chapter as UTF-8 Markdown."""
    words = document_texts(chapter.language)
    parts = [f"# {chapter.title}"]
    parts.extend(_block(b, words) for b in chapter.intro)
    for level, section in chapter.walk():
        parts.append(f"{'#' * level} {section.title}")
        parts.extend(_block(b, words) for b in section.blocks)
    return ("\n\n".join(parts) + "\n").encode("utf-8")
