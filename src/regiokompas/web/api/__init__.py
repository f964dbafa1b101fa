"""The JSON API under ``/api/v1`` (NLGov REST API Design Rules): its own FastAPI application
(:mod:`.app`), its resources (:mod:`.routes`, :mod:`.routes_analyses`,
:mod:`.routes_indelingen`) and the parameter contract they share. It imports no page module.
"""

__all__ = ["app", "routes", "routes_analyses", "routes_indelingen"]
