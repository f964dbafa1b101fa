"""The register of cooperation arrangements in the web app: pages under ``/register`` and
the JSON API under ``/api/v1/regelingen`` (see the two private modules for details).
"""

from __future__ import annotations

from regiokompas.web.register._api import api_router
from regiokompas.web.register._import import router as _import_router
from regiokompas.web.register._login import router as _login_router
from regiokompas.web.register._pages import router

router.include_router(_import_router)
router.include_router(_login_router)

__all__ = ["NAV", "api_router", "router"]

NAV = [("/register", "Register", "Register")]
