"""Storage of the register (the database adapter): SQLAlchemy 2 models, Alembic
migrations, the repository with audit trail and optimistic locking, accounts and tokens,
CSV/XLSX import and export, and seeding.

>>> from regiokompas.store import Register
>>> reg = Register.open("sqlite://")
>>> reg.count()
0
"""

from regiokompas.store._audit import AuditEntry
from regiokompas.store._engine import (
    DatabaseError,
    StoreBusyError,
    default_database_url,
    is_current,
    make_engine,
    migrate,
    user_data_dir,
)
from regiokompas.store._files import FileFormat, format_of, read_table, write_table
from regiokompas.store._register import SEED_ACTOR, Register, cli_actor, seed_files
from regiokompas.store._version import register_version
from regiokompas.store.accounts import AccountError, Gebruiker
from regiokompas.store.repository import RegelingRepository

__all__ = [
    "SEED_ACTOR",
    "AccountError",
    "AuditEntry",
    "DatabaseError",
    "FileFormat",
    "Gebruiker",
    "RegelingRepository",
    "Register",
    "StoreBusyError",
    "cli_actor",
    "default_database_url",
    "format_of",
    "is_current",
    "make_engine",
    "migrate",
    "read_table",
    "register_version",
    "seed_files",
    "user_data_dir",
    "write_table",
]
