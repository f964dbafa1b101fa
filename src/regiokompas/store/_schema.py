"""SQLAlchemy 2 table models of the register. The Alembic migrations in ``migrations/``
create exactly this schema (a test compares them)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "AuditRow",
    "Base",
    "DeelnemerRow",
    "GebruikerRow",
    "InlogpogingRow",
    "RegelingRow",
    "TaakveldRow",
    "TokenRow",
]

_NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names (needed for migrations)."""

    metadata = MetaData(naming_convention=_NAMING)


class RegelingRow(Base):
    """One arrangement. ``versie`` is the optimistic-locking counter: every UPDATE checks
    it and raises it, so a stale writer fails instead of overwriting."""

    __tablename__ = "regeling"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    naam: Mapped[str] = mapped_column(String(300))
    naam_sleutel: Mapped[str] = mapped_column(String(300), index=True)
    vorm: Mapped[str] = mapped_column(String(40))
    begroting_keur: Mapped[float | None] = mapped_column(Float)
    startdatum: Mapped[dt.date | None] = mapped_column(Date)
    evaluatiedatum: Mapped[dt.date | None] = mapped_column(Date)
    uittredingsvoorwaarden: Mapped[str] = mapped_column(Text, default="")
    zienswijzerecht: Mapped[bool] = mapped_column(Boolean, default=False)
    gezamenlijke_raadscommissie: Mapped[bool] = mapped_column(Boolean, default=False)
    gezamenlijk_bestuur: Mapped[bool] = mapped_column(Boolean, default=False)
    bron: Mapped[str] = mapped_column(Text, default="")
    bron_datum: Mapped[dt.date | None] = mapped_column(Date)
    historisch: Mapped[bool] = mapped_column(Boolean, default=False)
    te_verifieren: Mapped[bool] = mapped_column(Boolean, default=False)
    classificatie_override: Mapped[str | None] = mapped_column(String(20))
    override_reden: Mapped[str] = mapped_column(Text, default="")
    opmerking: Mapped[str] = mapped_column(Text, default="")
    verwijderd_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    versie: Mapped[int] = mapped_column(Integer, nullable=False)

    deelnemers: Mapped[list[DeelnemerRow]] = relationship(
        back_populates="regeling", cascade="all, delete-orphan", order_by="DeelnemerRow.positie"
    )
    taakvelden: Mapped[list[TaakveldRow]] = relationship(
        cascade="all, delete-orphan", order_by="TaakveldRow.positie"
    )

    __mapper_args__ = {"version_id_col": versie}
    # One active arrangement per name key, enforced by the database (migration 0002).
    __table_args__ = (
        Index(
            "uq_regeling_naam_actief",
            "naam_sleutel",
            unique=True,
            sqlite_where=text("verwijderd_op IS NULL"),
            postgresql_where=text("verwijderd_op IS NULL"),
        ),
    )


class DeelnemerRow(Base):
    """A participant of an arrangement: a gemeente (gm_code) or another body (naam)."""

    __tablename__ = "deelnemer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regeling_id: Mapped[int] = mapped_column(
        ForeignKey("regeling.id", ondelete="CASCADE"), index=True
    )
    positie: Mapped[int] = mapped_column(Integer)
    gm_code: Mapped[str | None] = mapped_column(String(6), index=True)
    naam: Mapped[str] = mapped_column(String(300), default="")
    bijdrage_keur: Mapped[float | None] = mapped_column(Float)

    regeling: Mapped[RegelingRow] = relationship(back_populates="deelnemers")


class TaakveldRow(Base):
    """An Iv3 taakveld an arrangement carries."""

    __tablename__ = "regeling_taakveld"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regeling_id: Mapped[int] = mapped_column(
        ForeignKey("regeling.id", ondelete="CASCADE"), index=True
    )
    positie: Mapped[int] = mapped_column(Integer)
    taakveld: Mapped[str] = mapped_column(String(10))


class GebruikerRow(Base):
    """An account: beheerder, redacteur (for one gemeente) or lezer."""

    __tablename__ = "gebruiker"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gebruikersnaam: Mapped[str] = mapped_column(String(100), unique=True)
    wachtwoord_hash: Mapped[str] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(20))
    gm_code: Mapped[str | None] = mapped_column(String(6))
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    #: Raised on logout and password change; a session cookie must carry the current value.
    sessie_generatie: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class TokenRow(Base):
    """An API token for machines; only its SHA-256 hash is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gebruiker_id: Mapped[int] = mapped_column(
        ForeignKey("gebruiker.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    omschrijving: Mapped[str] = mapped_column(String(200), default="")
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ingetrokken_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class InlogpogingRow(Base):
    """A failed login, keyed ``gebruiker:<naam>`` or ``adres:<ip>`` (throttling, lockout)."""

    __tablename__ = "inlogpoging"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sleutel: Mapped[str] = mapped_column(String(200))
    tijdstip: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_inlogpoging_sleutel_tijdstip", "sleutel", "tijdstip"),)


class AuditRow(Base):
    """One audited change: who, when (UTC), which entity and field, old and new value."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tijdstip: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    gebruiker: Mapped[str] = mapped_column(String(100))
    entiteit: Mapped[str] = mapped_column(String(40))
    entiteit_id: Mapped[int] = mapped_column(Integer)
    actie: Mapped[str] = mapped_column(String(20))
    veld: Mapped[str] = mapped_column(String(60), default="")
    oud: Mapped[str | None] = mapped_column(Text)
    nieuw: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_audit_entiteit", "entiteit", "entiteit_id"),)
