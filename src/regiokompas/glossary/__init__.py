"""The glossary: Regiokompas's technical terms in plain Dutch and English, from one source.

The terms live in ``termen.toml`` beside this module (term, translation, definitions, source,
aliases and the anchor id). From it come ``docs/woordenlijst.md`` (:func:`render_markdown`,
``make woordenlijst``) and the web page ``/woordenlijst``, whose anchors the pages link to.

>>> g = load_glossary()
>>> g.find("Shapley").id, g.find("least core").id
('shapley-waarde', 'kleinste-kern')
>>> g.find("nucleolus").label("en")
'nucleolus'
"""

from __future__ import annotations

from regiokompas.glossary._markdown import render_markdown
from regiokompas.glossary._source import SOURCE, Glossary, Term, load_glossary

__all__ = ["SOURCE", "Glossary", "Term", "load_glossary", "render_markdown"]
