"""The migrations create exactly the tables the models describe (a model change needs a migration)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from rasd.store import Store
from rasd.store.schema import Base


def test_migrated_schema_matches_the_models(store_url: str) -> None:
    store = Store(store_url)
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    store.close()
    assert differences == []


def test_opening_twice_is_idempotent(store_url: str) -> None:
    Store(store_url).close()
    store = Store(store_url)
    assert store.audit_head() is None
    store.close()
