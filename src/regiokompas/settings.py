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
    cache_dir: Path | None = Field(
        default=None,
        description="Map voor opgeslagen berekeningen (kostenmodel, resultaten van de web-app); "
        "standaard de cachemap van de gebruiker (~/.cache/regiokompas). Weggooien mag altijd. "
        "Folder for stored computations (cost model fit, web results); default: the user "
        "cache folder. Deleting it is always safe.",
    )
    opwarmen: bool = Field(
        default=True,
        description="Berekent 'regiokompas web' bij de start op de achtergrond de standaard"
        "antwoorden voor alle gemeenten (één werkproces doet het, de andere lezen mee). "
        "Whether 'regiokompas web' computes the default answers for every gemeente in the "
        "background at start (one worker does it, the others read its results).",
    )
    register_vullen: bool = Field(
        default=True,
        description="Vul een nieuw, nog nooit gebruikt register bij de eerste start van de "
        "webapplicatie met de startgegevens (regio's 2024, regelingen 2016). Zet op 0 om leeg "
        "te beginnen. Seed a fresh, never used register with the seed data when the web app "
        "first starts; set to 0 to start empty.",
    )
    sessie_sleutel: str | None = Field(
        default=None,
        description="Geheime sleutel voor webcookies (sessies, CSRF); standaard een willekeurige "
        "sleutel die in de gebruikersmap wordt bewaard. Secret key for web session cookies; "
        "default: a random key kept in the user data folder.",
    )
    scores_4k: Path | None = Field(
        default=None,
        description="TOML-bestand met de eigen scores van het college (1–5) voor kwaliteit, "
        'klant en sturing per taakveld, bv. ["7.3"] kwaliteit = 4; ze komen in het hoofdstuk '
        "als 'ingevuld door de gemeente' (docs/plichten.md). TOML file with the college's own "
        "scores (1–5) for quality, client focus and control per taakveld.",
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
