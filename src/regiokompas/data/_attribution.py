"""The bundle's CC BY attribution, written into ``metadata.json`` by the build and shown by every
view. Marked once here so the engines' catalogue (domain ``regiokompas``) carries its English."""

from __future__ import annotations

from regiokompas.i18n import N_

__all__ = ["ATTRIBUTION"]

ATTRIBUTION = N_(
    "Bron: CBS (Kerncijfers wijken en buurten 2023, Iv3 overheidsfinanciën, Gebiedsindelingen) "
    "en Kadaster/PDOK (gemeentegrenzen), CC BY 4.0."
)
