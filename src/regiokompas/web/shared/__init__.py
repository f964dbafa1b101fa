"""What pages, API and register share: the site's data and engines, templating and language,
charts and maps, problem (error) types, response schemas, the computations behind both pages
and API (analyses, optimiser, opportunities, potential, stability) and the result caches.

Nothing here imports a page, an API route module or the register's web code.
"""

__all__ = [
    "advice_schemas",
    "analyses",
    "charts",
    "engines",
    "i18n",
    "maps",
    "opportunities",
    "optimiser",
    "potential",
    "problems",
    "registers",
    "results",
    "schemas",
    "stabiliteit",
    "svgmap",
    "templating",
    "termen",
    "validation",
    "views",
]
