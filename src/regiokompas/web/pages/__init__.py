"""The HTML pages: home and search, a gemeente, regions, legal duties, the confidence page and
the glossary.

Each module defines a ``router`` (and may define ``api_router`` and ``NAV``) that
:data:`regiokompas.web.app.MODULES` mounts. Pages render with
:mod:`regiokompas.web.shared`; they import nothing from the API or the register's web code.
"""

__all__ = ["gemeente", "home", "plichten", "regio", "woordenlijst", "zekerheid"]
