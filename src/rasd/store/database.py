"""Open a store: make the engine for a SQLite file or a PostgreSQL URL and bring its schema up to date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from rasd.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"
WRITE = "rasd_write"  # execution option of the connections that write


def make_engine(url: str, **options: Any) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and writer transactions that cannot interleave."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"--db {url!r} is neither a file path nor a database URL.",
                         hint="give a path like ./rasd.sqlite or a URL like postgresql+psycopg://user@host/db.") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 60}, **options)
        _configure_sqlite(engine)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, **options)
    except ModuleNotFoundError as exc:
        raise StoreError(f"the driver for {parsed.drivername} is not installed ({exc.name}).",
                         hint="pip install 'rasd[postgres]' for PostgreSQL.") from exc


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling starts transactions late and as readers; two ingests
    # could then both read the audit head before either writes. SQLAlchemy's documented recipe:
    # turn it off and begin every transaction ourselves: a writing one (an engine with the
    # WRITE option) as a writer (IMMEDIATE), a reading one deferred, so readers never wait.
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get(WRITE) else "BEGIN")


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration (idempotent)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise StoreError(f"cannot open the store at {engine.url.render_as_string(hide_password=True)}: {exc.orig}",
                         hint="check the path or URL given with --db or RASD_DB, and that the server is running.") from exc


def open_sessions(url: str) -> tuple[Engine, sessionmaker[Session], sessionmaker[Session]]:
    """The engine, and sessions for reading and for writing (on SQLite the latter begin as writers)."""
    engine = make_engine(url)
    migrate(engine)
    readers = sessionmaker(engine, expire_on_commit=False)
    writers = sessionmaker(engine.execution_options(**{WRITE: True}), expire_on_commit=False)
    return engine, readers, writers
