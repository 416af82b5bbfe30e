"""Every setting, defined once with its default and help.

Settings come from environment variables so that the CLI, the Python API and
CI see the same values; ``rasd settings`` prints them.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs


@dataclass(frozen=True)
class Setting:
    env: str
    help: str
    default: str

    def value(self) -> str:
        return os.environ.get(self.env) or self.default


CACHE_DIR = Setting(
    "RASD_CACHE_DIR",
    "Where compiled indexes (the gazetteer automaton) are cached; safe to delete.",
    platformdirs.user_cache_dir("rasd"),
)
DATA_DIR = Setting(
    "RASD_DATA_DIR",
    "Where user data lives: places imported with `rasd gazetteer import`.",
    platformdirs.user_data_dir("rasd"),
)

DATABASE = Setting(
    "RASD_DB",
    "The store: a SQLite file path or a SQLAlchemy URL (postgresql+psycopg://user@host/db); `--db` overrides it.",
    "rasd.sqlite in RASD_DATA_DIR",
)
USER = Setting(
    "RASD_USER",
    "Who is working: recorded in the audit log and in every revision.",
    "the login name",
)
ROLE = Setting(
    "RASD_ROLE",
    "The user's role: viewer, analyst or custodian (only a custodian may see people's names).",
    "analyst",
)
TEST_POSTGRES = Setting(
    "RASD_TEST_POSTGRES",
    "For the test suite: a PostgreSQL URL to run the store tests against (CI sets it; unset, they are reported as skipped).",
    "",
)

ALL = (CACHE_DIR, DATA_DIR, DATABASE, USER, ROLE, TEST_POSTGRES)


def cache_dir() -> Path:
    return Path(CACHE_DIR.value())


def data_dir() -> Path:
    return Path(DATA_DIR.value())


def database_url(explicit: str | None = None) -> str:
    """``--db`` if given, else RASD_DB, else the SQLite file in the data directory; a bare path means SQLite."""
    value = explicit or os.environ.get(DATABASE.env) or str(data_dir() / "rasd.sqlite")
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def user_name() -> str:
    value = os.environ.get(USER.env)
    if value:
        return value
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "unknown"


def role() -> str:
    return ROLE.value()
