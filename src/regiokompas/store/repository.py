"""The register's repository: arrangements in and out of the database, with permission
checks, validation, optimistic locking, soft deletion and the audit trail.

Works on a caller's :class:`~sqlalchemy.orm.Session`; the caller owns the transaction.
:class:`regiokompas.store.Register` wraps it with one transaction per call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import cast

from sqlalchemy import Table, exists, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from regiokompas.register import (
    CONTENT_FIELDS,
    Actor,
    ConflictError,
    Deelnemer,
    DuplicateNameError,
    ImportReport,
    NotFoundError,
    PermissionDeniedError,
    Problem,
    Reference,
    Regeling,
    RegisterValidationError,
    check_rows,
    normalise_name,
    validate,
)
from regiokompas.store._audit import AuditEntry, history, record, to_json, utcnow
from regiokompas.store._schema import AuditRow, DeelnemerRow, RegelingRow, TaakveldRow

__all__ = ["ENTITY", "RegelingRepository", "to_domain"]

ENTITY = "regeling"
#: Rows written per flush during an import.
_BATCH = 1000
_REGELING = cast(Table, RegelingRow.__table__)


def to_domain(row: RegelingRow) -> Regeling:
    """The immutable domain record for a database row."""
    return Regeling(
        id=row.id,
        versie=row.versie,
        verwijderd=row.verwijderd_op is not None,
        naam=row.naam,
        vorm=row.vorm,
        deelnemers=tuple(
            Deelnemer(d.gm_code or "", d.naam, d.bijdrage_keur) for d in row.deelnemers
        ),
        taakvelden=tuple(t.taakveld for t in row.taakvelden),
        begroting_keur=row.begroting_keur,
        startdatum=row.startdatum,
        evaluatiedatum=row.evaluatiedatum,
        uittredingsvoorwaarden=row.uittredingsvoorwaarden,
        zienswijzerecht=row.zienswijzerecht,
        gezamenlijke_raadscommissie=row.gezamenlijke_raadscommissie,
        gezamenlijk_bestuur=row.gezamenlijk_bestuur,
        bron=row.bron,
        bron_datum=row.bron_datum,
        historisch=row.historisch,
        te_verifieren=row.te_verifieren,
        classificatie_override=row.classificatie_override,
        override_reden=row.override_reden,
        opmerking=row.opmerking,
    )


def _apply(row: RegelingRow, regeling: Regeling, changed: Iterable[str]) -> None:
    for name in changed:
        if name == "deelnemers":
            row.deelnemers = [
                DeelnemerRow(
                    positie=i, gm_code=d.code or None, naam=d.naam, bijdrage_keur=d.bijdrage_keur
                )
                for i, d in enumerate(regeling.deelnemers)
            ]
        elif name == "taakvelden":
            row.taakvelden = [
                TaakveldRow(positie=i, taakveld=t) for i, t in enumerate(regeling.taakvelden)
            ]
        else:
            setattr(row, name, getattr(regeling, name))
    row.naam_sleutel = normalise_name(regeling.naam)
    # Always touch the row so that its version counter rises with every change, also when
    # only participants or taakvelden changed.
    row.gewijzigd_op = utcnow()


def _with_names(regeling: Regeling, ref: Reference) -> Regeling:
    """Fill in gemeente names from the reference (the name follows the code)."""
    deelnemers = tuple(
        Deelnemer(d.code, ref.gemeenten.get(d.code, d.naam), d.bijdrage_keur)
        if d.is_gemeente
        else d
        for d in regeling.deelnemers
    )
    return Regeling(**{**regeling.content(), "deelnemers": deelnemers})


class RegelingRepository:
    """Arrangements in one session. Every write checks the actor's rights, validates,
    and writes audit lines in the same transaction."""

    def __init__(self, session: Session, ref: Reference) -> None:
        self.session = session
        self.ref = ref

    # ----------------------------------------------------------------- reading

    def _row(self, regeling_id: int, include_deleted: bool = False) -> RegelingRow:
        row = self.session.get(RegelingRow, regeling_id)
        if row is None or (row.verwijderd_op is not None and not include_deleted):
            raise NotFoundError("Regeling", "Arrangement", regeling_id)
        return row

    def get(self, regeling_id: int, include_deleted: bool = False) -> Regeling:
        """One arrangement; raises :class:`NotFoundError` when absent or deleted."""
        return to_domain(self._row(regeling_id, include_deleted))

    def find(
        self,
        zoek: str | None = None,
        gemeente: str | None = None,
        include_deleted: bool = False,
        alleen_verwijderd: bool = False,
        historisch: bool | None = None,
    ) -> list[Regeling]:
        """Arrangements sorted by name; ``zoek`` matches part of the name (case- and
        space-insensitive), ``gemeente`` a participating gm_code."""
        # PostgreSQL text cannot hold NUL; no stored name or code contains one, so a search
        # for it simply finds nothing instead of failing.
        if zoek and "\x00" in zoek:
            zoek = zoek.replace("\x00", "") or "\x01"
        if gemeente and "\x00" in gemeente:
            gemeente = gemeente.replace("\x00", "\x01")
        query = (
            select(RegelingRow)
            .options(selectinload(RegelingRow.deelnemers), selectinload(RegelingRow.taakvelden))
            .order_by(RegelingRow.naam_sleutel, RegelingRow.id)
        )
        if alleen_verwijderd:
            query = query.where(RegelingRow.verwijderd_op.is_not(None))
        elif not include_deleted:
            query = query.where(RegelingRow.verwijderd_op.is_(None))
        if zoek:
            pattern = (
                "%" + normalise_name(zoek).replace("\\", "").replace("%", "").replace("_", "") + "%"
            )
            query = query.where(RegelingRow.naam_sleutel.like(pattern))
        if gemeente:
            query = query.where(
                exists().where(
                    DeelnemerRow.regeling_id == RegelingRow.id, DeelnemerRow.gm_code == gemeente
                )
            )
        if historisch is not None:
            query = query.where(RegelingRow.historisch.is_(historisch))
        return [to_domain(r) for r in self.session.scalars(query)]

    def count(self, include_deleted: bool = False) -> int:
        """Number of arrangements."""
        query = select(func.count(RegelingRow.id))
        if not include_deleted:
            query = query.where(RegelingRow.verwijderd_op.is_(None))
        return int(self.session.scalar(query) or 0)

    def active_names(self, exclude_id: int | None = None) -> set[str]:
        """Normalised names of active arrangements (for duplicate checks)."""
        query = select(RegelingRow.naam_sleutel).where(RegelingRow.verwijderd_op.is_(None))
        if exclude_id is not None:
            query = query.where(RegelingRow.id != exclude_id)
        return set(self.session.scalars(query))

    def history(self, regeling_id: int) -> list[AuditEntry]:
        """The audit trail of one arrangement, newest first."""
        return history(self.session, ENTITY, regeling_id)

    # ----------------------------------------------------------------- checks

    def name_taken(self, naam: str, exclude_id: int | None = None) -> bool:
        """Whether an active arrangement other than ``exclude_id`` has this name key (one
        indexed lookup, not a read of every name)."""
        query = exists().where(
            RegelingRow.naam_sleutel == normalise_name(naam), RegelingRow.verwijderd_op.is_(None)
        )
        if exclude_id is not None:
            query = query.where(RegelingRow.id != exclude_id)
        return bool(self.session.scalar(select(query)))

    def _check(self, actor: Actor, regeling: Regeling, exclude_id: int | None = None) -> None:
        problems = validate(regeling, self.ref)
        if problems:
            raise RegisterValidationError(problems)
        if self.name_taken(regeling.naam, exclude_id):
            raise DuplicateNameError(regeling.naam)
        if not actor.can_edit(regeling):
            raise _denied(actor, regeling)

    # ----------------------------------------------------------------- writing

    def create(self, regeling: Regeling, actor: Actor, actie: str = "aangemaakt") -> Regeling:
        """Add an arrangement; the audit trail records every recorded field as new."""
        regeling = _with_names(regeling, self.ref)
        self._check(actor, regeling)
        return self._insert(regeling, actor, actie)

    def _insert(self, regeling: Regeling, actor: Actor, actie: str) -> Regeling:
        row = RegelingRow()
        _apply(row, regeling, CONTENT_FIELDS)
        self.session.add(row)
        self._flush_unique(regeling.naam, None, None)
        # One line holding the whole new record: old value none, new value every field.
        record(
            self.session,
            actor.naam,
            ENTITY,
            row.id,
            actie,
            "",
            None,
            regeling.content(),
            when=row.gewijzigd_op,
        )
        return to_domain(row)

    def _insert_many(self, regelingen: Sequence[Regeling], actor: Actor, actie: str) -> None:
        """Insert already validated records with four bulk statements (records, participants,
        taakvelden, audit lines) instead of one ORM flush per record."""
        now = utcnow()
        values = []
        for regeling in regelingen:
            content = regeling.content()
            values.append(
                {
                    **{k: v for k, v in content.items() if k not in ("deelnemers", "taakvelden")},
                    "naam_sleutel": normalise_name(regeling.naam),
                    "gewijzigd_op": now,
                    "versie": 1,
                }
            )
        try:
            ids = list(
                self.session.scalars(
                    insert(_REGELING).returning(_REGELING.c.id, sort_by_parameter_order=True),
                    values,
                )
            )
        except IntegrityError as exc:
            raise DuplicateNameError("") from exc
        deelnemers = [
            {
                "regeling_id": rid,
                "positie": i,
                "gm_code": d.code or None,
                "naam": d.naam,
                "bijdrage_keur": d.bijdrage_keur,
            }
            for rid, regeling in zip(ids, regelingen, strict=True)
            for i, d in enumerate(regeling.deelnemers)
        ]
        taakvelden = [
            {"regeling_id": rid, "positie": i, "taakveld": t}
            for rid, regeling in zip(ids, regelingen, strict=True)
            for i, t in enumerate(regeling.taakvelden)
        ]
        audit = [
            {
                "tijdstip": now,
                "gebruiker": actor.naam,
                "entiteit": ENTITY,
                "entiteit_id": rid,
                "actie": actie,
                "veld": "",
                "oud": None,
                # One line holding the whole new record: old value none, new value every field.
                "nieuw": to_json(regeling.content()),
            }
            for rid, regeling in zip(ids, regelingen, strict=True)
        ]
        # Core tables, not the ORM classes: plain executemany, no unit-of-work bookkeeping.
        for table, rows in (
            (cast(Table, DeelnemerRow.__table__), deelnemers),
            (cast(Table, TaakveldRow.__table__), taakvelden),
            (cast(Table, AuditRow.__table__), audit),
        ):
            if rows:
                self.session.execute(insert(table), rows)

    def _flush_unique(self, naam: str, regeling_id: int | None, expected: int | None) -> None:
        """Flush; a concurrent writer that took the name first (unique index) is a
        :class:`DuplicateNameError`, a concurrent update a :class:`ConflictError`. Either
        way the caller's transaction is rolled back by the exception."""
        try:
            self.session.flush()
        except IntegrityError as exc:
            text = str(exc.orig)
            if "naam_sleutel" in text or "uq_regeling_naam_actief" in text:
                raise DuplicateNameError(naam) from exc
            raise
        except StaleDataError as exc:
            raise ConflictError(regeling_id or 0, expected, None) from exc

    def update(
        self, regeling_id: int, regeling: Regeling, actor: Actor, expected_version: int | None
    ) -> Regeling:
        """Replace the content of an arrangement. ``expected_version`` is the version the
        editor read; if the record changed since (here or in a concurrent transaction),
        :class:`ConflictError` is raised and nothing is written."""
        row = self._row(regeling_id)
        old = to_domain(row)
        if not actor.can_edit(old):
            raise _denied(actor, old)
        if expected_version is not None and expected_version != row.versie:
            raise ConflictError(regeling_id, expected_version, row.versie)
        regeling = _with_names(regeling, self.ref)
        self._check(actor, regeling, exclude_id=regeling_id)
        old_content, new_content = old.content(), regeling.content()
        changed = [n for n in CONTENT_FIELDS if old_content[n] != new_content[n]]
        if not changed:
            return old
        _apply(row, regeling, changed)
        self._flush_unique(
            regeling.naam,
            regeling_id,
            expected_version if expected_version is not None else old.versie,
        )
        for name in changed:
            record(
                self.session,
                actor.naam,
                ENTITY,
                regeling_id,
                "gewijzigd",
                name,
                old_content[name],
                new_content[name],
                when=row.gewijzigd_op,
            )
        return to_domain(row)

    def delete(
        self, regeling_id: int, actor: Actor, expected_version: int | None = None
    ) -> Regeling:
        """Soft-delete: the record stays, marked deleted, and can be restored."""
        row = self._row(regeling_id)
        old = to_domain(row)
        if not actor.can_edit(old):
            raise _denied(actor, old)
        if expected_version is not None and expected_version != row.versie:
            raise ConflictError(regeling_id, expected_version, row.versie)
        row.verwijderd_op = utcnow()
        row.gewijzigd_op = row.verwijderd_op
        self._flush(regeling_id, old.versie)
        record(
            self.session,
            actor.naam,
            ENTITY,
            regeling_id,
            "verwijderd",
            "verwijderd",
            False,
            True,
            when=row.verwijderd_op,
        )
        return to_domain(row)

    def restore(self, regeling_id: int, actor: Actor) -> Regeling:
        """Undo a soft delete (refused if an active arrangement took the name meanwhile)."""
        row = self._row(regeling_id, include_deleted=True)
        old = to_domain(row)
        if not actor.can_edit(old):
            raise _denied(actor, old)
        if row.verwijderd_op is None:
            return old
        if self.name_taken(row.naam):
            raise RegisterValidationError(
                [
                    Problem(
                        "naam",
                        "er staat intussen een andere regeling met deze naam in het register",
                        "another arrangement with this name has been registered meanwhile",
                    )
                ]
            )
        row.verwijderd_op = None
        row.gewijzigd_op = utcnow()
        self._flush_unique(row.naam, regeling_id, old.versie)
        record(
            self.session,
            actor.naam,
            ENTITY,
            regeling_id,
            "hersteld",
            "verwijderd",
            True,
            False,
            when=row.gewijzigd_op,
        )
        return to_domain(row)

    def import_rows(
        self,
        header: Sequence[str],
        rows: Sequence[dict[str, str]],
        actor: Actor,
        on_row: Callable[[int], None] | None = None,
        *,
        bijwerken: bool = False,
    ) -> ImportReport:
        """Check every row first; if any row has a problem, raise ImportRejectedError-ready
        report (``ok`` false) without writing. Otherwise add all rows in the caller's
        transaction (one commit for the whole file). ``on_row(n)`` runs after the n-th row
        is written (flushed but not committed).

        The existing names are read once (linear time). With ``bijwerken`` a row whose name
        key (the stable key: unique among active arrangements) is already registered updates
        that arrangement in place, recording only the changed fields; without it such a row
        is a duplicate error. The report counts new, updated and unchanged records.
        """
        found = self.session.execute(
            select(RegelingRow.naam_sleutel, RegelingRow.id).where(
                RegelingRow.verwijderd_op.is_(None)
            )
        )
        existing: dict[str, int] = {row[0]: row[1] for row in found}
        report = check_rows(header, rows, self.ref, () if bijwerken else existing.keys())
        if actor.rol == "lezer":
            report.problems.append(
                Problem("", "een lezer mag niet importeren", "a reader may not import", None)
            )
        for rij, regeling in report.regelingen:
            if not actor.can_edit(regeling):
                report.problems.append(
                    Problem(
                        "deelnemers",
                        f"uw gemeente ({actor.gm_code}) neemt niet deel aan deze regeling",
                        f"your municipality ({actor.gm_code}) does not take part in this "
                        "arrangement",
                        rij,
                    )
                )
        if not report.ok:
            report.regelingen.clear()
            return report
        new: list[Regeling] = []
        written = 0
        for _rij, regeling in report.regelingen:
            key = normalise_name(regeling.naam)
            if key in existing:
                before = self.get(existing[key])
                after = self.update(existing[key], regeling, actor, None)
                if after.versie == before.versie:
                    report.ongewijzigd += 1
                else:
                    report.bijgewerkt += 1
                written += 1
                if on_row is not None:
                    on_row(written)
            else:
                new.append(_with_names(regeling, self.ref))
        # Validated and checked for duplicates above: insert in batches, one flush each
        # (a flush per row made large imports slow).
        for first in range(0, len(new), _BATCH):
            batch = new[first : first + _BATCH]
            self._insert_many(batch, actor, "geimporteerd")
            report.nieuw += len(batch)
            if on_row is not None:
                for _ in batch:
                    written += 1
                    on_row(written)
        return report

    def _flush(self, regeling_id: int, expected: int | None) -> None:
        try:
            self.session.flush()
        except StaleDataError as exc:
            raise ConflictError(regeling_id, expected, None) from exc


def _denied(actor: Actor, regeling: Regeling) -> PermissionDeniedError:
    if actor.rol == "lezer":
        return PermissionDeniedError(
            "Een lezer mag het register niet wijzigen.", "A reader may not change the register."
        )
    return PermissionDeniedError(
        f"U bent redacteur voor {actor.gm_code}; die gemeente neemt niet deel aan "
        f"'{regeling.naam}', dus u mag deze regeling niet wijzigen.",
        f"You are an editor for {actor.gm_code}; that municipality does not take part in "
        f"'{regeling.naam}', so you may not change this arrangement.",
    )
