"""The web app: server-rendered pages in Dutch (English available) and a JSON API at /api/v1.

A thin adapter over the core: routes parse input, call the core (through
:mod:`regiokompas.web.shared.views`), and render. Start it with ``regiokompas web``.

>>> from regiokompas.web import create_app
>>> app = create_app()
"""

from regiokompas.web.app import create_app

__all__ = ["create_app"]
