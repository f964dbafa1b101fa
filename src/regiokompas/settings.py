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
