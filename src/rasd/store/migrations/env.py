"""Alembic environment: rasd passes its own connection; nothing here reads a config file."""

from __future__ import annotations

from alembic import context

from rasd.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - rasd always passes one
    raise RuntimeError("rasd migrations run through rasd.store.database.migrate(), which passes a connection")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
