"""The store's tables (SQLAlchemy 2 declarative models).

The layout follows one rule: nothing is changed or deleted in place without a
trace. Events and incidents keep their current state in one row and every
version in a revisions table; links between events and incidents are
append-only (an undone link is a new row); the audit log is append-only and
hash-chained. Migrations in ``rasd/store/migrations`` create these tables; a
change here needs a new migration.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

REVIEW_STATES = ("new", "reviewed", "verified", "rejected")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Source(Base):
    """An outlet: a news site, a monitoring group, a witness channel."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_key: Mapped[str] = mapped_column(String(500))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    origin: Mapped[str] = mapped_column(Text)  # the file (and line or feed item) it was read from
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ingested_by: Mapped[str] = mapped_column(String(200))


class Event(Base):
    """The current version of an event; every version is in ``event_revisions``."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_key: Mapped[str] = mapped_column(String(200), unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    type: Mapped[str] = mapped_column(String(40), index=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(10))
    geonameid: Mapped[int | None] = mapped_column(Integer)
    place_name: Mapped[str | None] = mapped_column(String(300))
    place_name_ar: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(String(200), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[str | None] = mapped_column(String(10))
    certainty: Mapped[str] = mapped_column(String(20))
    actor1: Mapped[str | None] = mapped_column(String(100))
    actor2: Mapped[str | None] = mapped_column(String(100))
    killed: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    people: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the event as in the extract output contract
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EventRevision(Base):
    __tablename__ = "event_revisions"
    __table_args__ = (UniqueConstraint("event_id", "revision"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class Incident(Base):
    """One happening as reported by one or more documents."""

    __tablename__ = "incidents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20))
    revision: Mapped[int] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IncidentRevision(Base):
    __tablename__ = "incident_revisions"
    __table_args__ = (UniqueConstraint("incident_id", "revision"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20))
    grade: Mapped[str] = mapped_column(String(20))


class IncidentLink(Base):
    """Append-only: the latest row for an (incident, event) pair says whether it is linked."""

    __tablename__ = "incident_links"
    __table_args__ = (Index("ix_incident_links_pair", "incident_id", "event_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    status: Mapped[str] = mapped_column(String(10))  # linked | undone
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)


class LinkVeto(Base):
    """Two events an analyst said are not the same happening: linking never joins them again."""

    __tablename__ = "link_vetoes"
    __table_args__ = (UniqueConstraint("event_a", "event_b"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_a: Mapped[int] = mapped_column(ForeignKey("events.id"))
    event_b: Mapped[int] = mapped_column(ForeignKey("events.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    author: Mapped[str] = mapped_column(String(200))


class Person(Base):
    """A person named in testimony; known by a pseudonym unless a custodian reads the name."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(200))


class EventPerson(Base):
    __tablename__ = "event_people"
    __table_args__ = (UniqueConstraint("event_id", "person_id", "role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    role: Mapped[str] = mapped_column(String(40))  # victim | witness | defector | perpetrator ...


class AuditEntry(Base):
    """Append-only, hash-chained: ``hash`` covers every field and the previous entry's hash."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))  # ISO text, hashed exactly as stored
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(200))
    details: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class StoreMeta(Base):
    """Small key/value facts about the store; ``audit_head`` guards against dropping the newest entries."""

    __tablename__ = "store_meta"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
