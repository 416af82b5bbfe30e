"""Shared helpers: run the pipeline once per sentence and look mentions up by their words."""

from __future__ import annotations

import os
import tempfile
from datetime import date

import pytest

from rasd.pipeline import Extraction, Extractor, default_extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return default_extractor()


def run(extractor: Extractor, text: str, published: str | None = None) -> Extraction:
    return extractor.extract(text, published=date.fromisoformat(published) if published else None)


def load_script(name: str):  # type: ignore[no-untyped-def]
    """A build-time script of scripts/ as a module (its pure functions are tested; it is not in the package)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_offsets(text: str, mentions: list) -> None:
    """Offsets are sacred: every mention quotes the original text exactly."""
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text, mention


def pytest_configure(config: pytest.Config) -> None:
    """Places a developer imported into their own gazetteer must not change test results."""
    os.environ["RASD_DATA_DIR"] = tempfile.mkdtemp(prefix="rasd-test-data-")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: object) -> object:
    """The same store tests on SQLite and on PostgreSQL (RASD_TEST_POSTGRES, which CI always sets).

    Each PostgreSQL test gets a schema of its own, dropped afterwards.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/store.sqlite"
        return
    base = os.environ.get("RASD_TEST_POSTGRES")
    if not base:
        pytest.skip("PostgreSQL store tests need RASD_TEST_POSTGRES=postgresql+psycopg://user@host/db (.ci/run sets it)")
    import uuid

    from sqlalchemy import create_engine, text

    schema = f"rasd_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def store(store_url: str):  # type: ignore[no-untyped-def]
    from rasd.store import Store

    opened = Store(store_url, user="tester", role="analyst")
    yield opened
    opened.close()
