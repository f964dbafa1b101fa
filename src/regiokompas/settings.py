"""One typed settings object, read by the adapters (CLI, web) and passed into the core.

Every field can be set with an environment variable ``REGIOKOMPAS_<NAME>``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Settings of Regiokompas; ``Settings()`` reads them from the environment."""

    model_config = SettingsConfigDict(env_prefix="REGIOKOMPAS_", extra="ignore")

    data_dir: Path | None = Field(
        default=None,
        description="Map met een eigen databundel (standaard: de bundel in het pakket). "
        "Folder with a data bundle of your own (default: the bundle inside the package).",
    )
    taal: str = Field(
        default="nl",
        pattern="^(nl|en)$",
        description="Taal van de uitvoer: nl of en. Language of output: nl or en.",
    )
    database_url: str | None = Field(
        default=None,
        description="Database van het register (SQLAlchemy-URL, bv. "
        "postgresql+psycopg://gebruiker:wachtwoord@host/db); standaard een SQLite-bestand in "
        "de gebruikersmap. Database of the register (SQLAlchemy URL); default: a SQLite file "
        "in the user data folder.",
    )
    sessie_sleutel: str | None = Field(
        default=None,
        description="Geheime sleutel voor webcookies (sessies, CSRF); standaard een willekeurige "
        "sleutel die in de gebruikersmap wordt bewaard. Secret key for web session cookies; "
        "default: a random key kept in the user data folder.",
    )
    max_body_bytes: int = Field(
        default=10_000_000,
        ge=1_000,
        description="Grootste inhoud van een verzoek in bytes (uploads, JSON); groter krijgt 413 "
        "voordat er iets wordt gelezen. Largest request body in bytes; larger gets 413 before "
        "anything is read.",
    )
    zware_berekeningen: int = Field(
        default=2,
        ge=1,
        description="Hoeveel zware berekeningen (indeling, verdeling, besparing, kansen) per "
        "proces tegelijk mogen lopen; daarboven 429 met Retry-After. How many heavy "
        "calculations may run at once per process; beyond that 429 with Retry-After.",
    )
