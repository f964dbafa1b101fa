"""HTML renderer: one self-contained, accessible page (WCAG 2.1 AA habits).

``lang="nl"``, one ``h1`` and nested headings, tables with ``caption`` and ``th scope``,
images as data URIs with ``alt`` text, text colours with a contrast ratio above 7:1.
"""

from __future__ import annotations

import base64
from html import escape

from regiokompas.report._model import Block, BulletList, Chapter, Image, Paragraph, Table
from regiokompas.report._texts import document_texts

__all__ = ["render_html", "render_html_fragment"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;
max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.55;background:#fff}
h1,h2,h3,h4{color:#0b2545;line-height:1.25}
table{border-collapse:collapse;margin:1rem 0;width:100%;font-size:.92rem}
caption{text-align:left;font-weight:600;padding-bottom:.3rem}
th,td{border:1px solid #8a8a8a;padding:.3rem .5rem;vertical-align:top}
th{background:#e8eef5;text-align:left}
th[scope="row"]{font-weight:normal;background:#f7f9fb}
th.num{text-align:right}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bron{font-size:.85rem;color:#3d3d3d}
.keuze{font-weight:600;border-left:4px solid #1f3a5f;padding-left:.6rem}
.let_op{background:#f3f6f9;border-left:4px solid #4a6a8a;padding:.4rem .6rem}
figure{margin:1rem 0}figure img{max-width:100%;height:auto}
figcaption{font-size:.9rem;color:#3d3d3d}
"""


def _paragraph(p: Paragraph) -> str:
    cls = f' class="{p.style}"' if p.style != "normal" else ""
    return f"<p{cls}>{escape(p.text)}</p>"


def _block(block: Block, words: dict[str, str]) -> str:
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, BulletList):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{escape(i.text)}</li>" for i in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        num_class = ' class="num"'
        head = "".join(
            f'<th scope="col"{num_class if i in block.numeric else ""}>{escape(c)}</th>'
            for i, c in enumerate(block.columns)
        )
        rows = []
        for row in block.rows:
            cells = []
            for i, cell in enumerate(row):
                if i == 0:
                    cells.append(f'<th scope="row">{escape(str(cell))}</th>')
                else:
                    cls = ' class="num"' if i in block.numeric else ""
                    cells.append(f"<td{cls}>{escape(str(cell))}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return (
            f"<table><caption>{escape(block.caption)}</caption><thead><tr>{head}</tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>"
            f'<p class="bron">{words.get("bron")}: {escape(block.bron)}</p>'
        )
    if isinstance(block, Image):
        data = base64.b64encode(block.png).decode("ascii")
        return (
            f'<figure><img src="data:image/png;base64,{data}" alt="{escape(block.alt)}">'
            f"<figcaption>{escape(block.caption)} ({words['bron_klein']}: {escape(block.bron)})"
            f"</figcaption></figure>"
        )
    raise TypeError(f"unknown block {type(block).__name__}")


def render_html_fragment(chapter: Chapter, top_level: int = 1) -> str:
    """The chapter as an HTML fragment (for embedding in a page); headings start at ``h{top}``."""
    shift = top_level - 1
    words = document_texts(chapter.language)
    parts = [f"<h{1 + shift}>{escape(chapter.title)}</h{1 + shift}>"]
    parts.extend(_block(b, words) for b in chapter.intro)
    for level, section in chapter.walk():
        tag = f"h{min(level + shift, 6)}"
        parts.append(f"<section><{tag}>{escape(section.title)}</{tag}>")
        parts.extend(_block(b, words) for b in section.blocks)
        parts.append("</section>")
    return "\n".join(parts)


def render_html(chapter: Chapter) -> bytes:
    """The chapter as a complete, self-contained UTF-8 HTML page."""
    title = f"{chapter.title} – {chapter.gemeente_naam}"
    page = (
        f'<!DOCTYPE html>\n<html lang="{chapter.language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"{render_html_fragment(chapter)}\n</main>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
