"""The store behind one interface: documents, events, review and history, people, audit.

A :class:`Store` is opened on a SQLite file or a PostgreSQL URL; every
method runs in its own transaction, so a crash between two documents leaves
the store as it was after the first. Nothing is deleted: a rejected event is
an event in state ``rejected``; an edit is a new revision.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rasd import settings
from rasd.documents import Document as InputDocument
from rasd.errors import NotFoundError, PermissionDenied, ReviewError
from rasd.store import audit, incidents
from rasd.store.database import open_sessions
from rasd.store.schema import (
    REVIEW_STATES,
    Document,
    Event,
    EventPerson,
    EventRevision,
    Incident,
    IncidentRevision,
    Person,
    Source,
)

NAME_ROLES = frozenset({"custodian"})  # roles that may read people's names
EDITABLE = frozenset({"type", "location", "origin", "destinations", "date", "actors", "counts", "certainty", "acled"})


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Stored:
    """What happened to one input document."""

    document_id: int
    status: str  # new | duplicate
    events: int


@dataclass(frozen=True, slots=True)
class EventFilter:
    types: tuple[str, ...] = ()
    place: str | None = None  # a place name (English or Arabic) or a governorate
    date_from: date | None = None
    date_to: date | None = None
    states: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()  # incident grades; an event in no incident has grade single_source


def event_columns(data: dict[str, Any]) -> dict[str, Any]:
    """The queryable columns of an event in the output contract's shape."""
    location = data.get("location") or {}
    when = data.get("date") or {}
    roles = {a["role"]: a.get("id") for a in data.get("actors", [])}
    counts: dict[str, int] = {}
    for count in data.get("counts", []):
        value = count.get("low") if count.get("low") is not None else count.get("value")
        if value is not None:
            counts[count["category"]] = max(counts.get(count["category"], 0), int(value))
    return {
        "type": data["type"],
        "date_start": date.fromisoformat(when["start"]) if when.get("start") else None,
        "date_end": date.fromisoformat(when["end"]) if when.get("end") else None,
        "date_precision": when.get("precision") or "unknown",
        "geonameid": location.get("geonameid"),
        "place_name": location.get("name"),
        "place_name_ar": location.get("name_ar"),
        "country": location.get("country"),
        "admin1": location.get("admin1"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "geo_precision": location.get("precision"),
        "certainty": data.get("certainty") or "reported",
        "actor1": roles.get("actor1"),
        "actor2": roles.get("actor2"),
        "killed": counts.get("killed"),
        "injured": counts.get("injured"),
        "people": counts.get("people"),
    }


class Store:
    def __init__(self, url: str | None = None, *, user: str | None = None, role: str | None = None) -> None:
        self.url = settings.database_url(url)
        self.engine, self._sessions, self._writers = open_sessions(self.url)
        self.user = user or settings.user_name()
        self.role = role or settings.role()
        self._sources: dict[str, int] = {}  # outlet name → id, once committed

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A writing transaction: committed at the end, rolled back on an error."""
        with self._writers.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries; it never waits for a writer (SQLite in WAL mode reads a snapshot)."""
        with self._sessions() as session:
            yield session

    # documents -----------------------------------------------------------------

    def has_document(self, sha256: str) -> int | None:
        with self._sessions() as session:
            return session.scalar(select(Document.id).where(Document.sha256 == sha256))

    def add_document(self, doc: InputDocument, events: Iterable[dict[str, Any]], *, language: str = "ar") -> Stored:
        """Store a document with its extracted events, once: the same exact text again is a duplicate."""
        # the unique hash decides: a duplicate's insert fails and its transaction leaves no trace
        digest = audit.text_sha256(doc.text)
        at = now()
        try:
            with self.transaction() as session:
                source_id = self._source_id(session, doc.outlet, at) if doc.outlet else None
                row = Document(doc_key=doc.doc_id, source_id=source_id, url=doc.url, title=doc.title,
                               published=doc.published, language=language, text=doc.text, sha256=digest,
                               origin=doc.source, ingested_at=at, ingested_by=self.user)
                session.add(row)
                session.flush()
                stored = self._add_events(session, row.id, list(events), at)
                audit.append(session, self.user, "ingest", f"document:{row.id}",
                             {"document": row.id, "sha256": digest, "doc_key": doc.doc_id, "origin": doc.source,
                              "events": stored})
            if source_id is not None and doc.outlet:
                self._sources[doc.outlet] = source_id
            return Stored(row.id, "new", stored)
        except IntegrityError:
            # another ingest stored the same text between our check and our insert
            existing = self.has_document(digest)
            if existing is None:
                raise
            return Stored(existing, "duplicate", 0)

    def _source_id(self, session: Session, name: str, at: datetime) -> int:
        if name in self._sources:
            return self._sources[name]
        found = session.scalar(select(Source.id).where(Source.name == name))
        if found is not None:
            return found
        source = Source(name=name, created_at=at)
        session.add(source)
        session.flush()
        return source.id

    def _add_events(self, session: Session, document_id: int, events: list[dict[str, Any]], at: datetime) -> int:
        rows = [Event(event_key=f"{document_id}:{data['event_id']}", document_id=document_id, state="new", revision=1,
                      data=data, updated_at=at, **event_columns(data)) for data in events]
        session.add_all(rows)
        session.flush()  # one batched INSERT ... RETURNING gives every event its id
        session.add_all(EventRevision(event_id=row.id, revision=1, at=at, author=self.user, reason="extracted",
                                      state="new", data=row.data) for row in rows)
        return len(rows)

    def document(self, document_id: int) -> Document:
        with self._sessions() as session:
            row = session.get(Document, document_id)
            if row is None:
                raise NotFoundError(f"document {document_id} is not in the store.", hint="list documents with rasd stats.")
            return row

    def count(self, what: type[Any]) -> int:
        with self._sessions() as session:
            return int(session.scalar(select(func.count()).select_from(what)) or 0)

    # events: review and history ------------------------------------------------

    def event(self, event_id: int) -> Event:
        with self._sessions() as session:
            return self._event(session, event_id)

    @staticmethod
    def _event(session: Session, event_id: int) -> Event:
        row = session.get(Event, event_id)
        if row is None:
            raise NotFoundError(f"event {event_id} is not in the store.", hint="find event ids with rasd export --format csv.")
        return row

    def review_event(self, event_id: int, state: str, reason: str) -> Event:
        """Move an event to a review state (new, reviewed, verified, rejected); the change is a new revision."""
        if state not in REVIEW_STATES:
            raise ReviewError(f"state {state!r} is not a review state.", hint=f"use one of {', '.join(REVIEW_STATES)}.")
        return self._revise(event_id, reason, state=state)

    def edit_event(self, event_id: int, changes: dict[str, Any], reason: str) -> Event:
        """Correct an event's facts (type, location, date, actors, counts, certainty ...) as a new revision."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ReviewError(f"fields {', '.join(sorted(unknown))} cannot be edited.",
                              hint=f"edit only {', '.join(sorted(EDITABLE))}.")
        return self._revise(event_id, reason, changes=changes)

    def _revise(self, event_id: int, reason: str, *, state: str | None = None,
                changes: dict[str, Any] | None = None) -> Event:
        if not reason.strip():
            raise ReviewError("every change needs a reason.", hint="say why, e.g. --reason 'two sources confirm'.")
        at = now()
        with self.transaction() as session:
            event = self._event(session, event_id)
            data = copy.deepcopy(event.data)
            if changes:
                data.update(changes)
            new_state = state or event.state
            event.revision += 1
            event.state = new_state
            event.data = data
            event.updated_at = at
            for key, value in event_columns(data).items():
                setattr(event, key, value)
            session.add(EventRevision(event_id=event.id, revision=event.revision, at=at, author=self.user, reason=reason,
                                      state=new_state, data=data))
            audit.append(session, self.user, "edit" if changes else "review", f"event:{event.id}",
                         {"revision": event.revision, "state": new_state, "reason": reason,
                          "changed": sorted(changes) if changes else [],
                          "data_sha256": audit.text_sha256(audit.canonical_json(data))})
            return event

    def history(self, event_id: int) -> list[EventRevision]:
        with self._sessions() as session:
            self._event(session, event_id)
            return list(session.scalars(select(EventRevision).where(EventRevision.event_id == event_id)
                                        .order_by(EventRevision.revision)))

    def review_incident(self, incident_id: int, state: str, reason: str) -> Incident:
        if state not in REVIEW_STATES:
            raise ReviewError(f"state {state!r} is not a review state.", hint=f"use one of {', '.join(REVIEW_STATES)}.")
        if not reason.strip():
            raise ReviewError("every change needs a reason.", hint="say why, e.g. --reason 'two sources confirm'.")
        at = now()
        with self.transaction() as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFoundError(f"incident {incident_id} is not in the store.", hint="list incidents with rasd incidents.")
            incident.revision += 1
            incident.state = state
            incident.updated_at = at
            session.add(IncidentRevision(incident_id=incident.id, revision=incident.revision, at=at, author=self.user,
                                         reason=reason, state=state, grade=incident.grade))
            audit.append(session, self.user, "review", f"incident:{incident.id}",
                         {"revision": incident.revision, "state": state, "reason": reason})
            return incident

    # incidents -----------------------------------------------------------------------

    def link_incidents(self) -> incidents.LinkReport:
        """One linking pass: reports of the same happening in different documents become one incident."""
        with self.transaction() as session:
            return incidents.link(session, self.user, now())

    def unlink(self, event_id: int, reason: str) -> int:
        """Undo an event's link to its incident; the pair stays apart in later passes."""
        if not reason.strip():
            raise ReviewError("every change needs a reason.", hint="say why the reports are not the same happening.")
        with self.transaction() as session:
            self._event(session, event_id)
            incident_id = incidents.unlink(session, event_id, self.user, reason, now())
            if incident_id is None:
                raise NotFoundError(f"event {event_id} is in no incident.", hint="rasd incidents lists the incidents.")
            return incident_id

    def merge_incidents(self, keep: int, fold: int, reason: str) -> list[int]:
        """Join two incidents an analyst knows are one happening; the second stays, rejected, with its history."""
        if not reason.strip():
            raise ReviewError("every change needs a reason.", hint="say why the two incidents are one happening.")
        if keep == fold:
            raise ReviewError(f"incident {keep} cannot be merged into itself.", hint="name two different incidents.")
        with self.transaction() as session:
            for incident_id in (keep, fold):
                if session.get(Incident, incident_id) is None:
                    raise NotFoundError(f"incident {incident_id} is not in the store.",
                                        hint="rasd incidents list shows the incidents.")
            return incidents.merge(session, keep, fold, self.user, reason, now())

    def incident(self, incident_id: int) -> dict[str, Any]:
        with self._sessions() as session:
            row = session.get(Incident, incident_id)
            if row is None:
                raise NotFoundError(f"incident {incident_id} is not in the store.", hint="rasd incidents lists the incidents.")
            return {"type": row.type, "state": row.state, "revision": row.revision, **incidents.summary(session, incident_id)}

    def incident_ids(self, grades: tuple[str, ...] = ()) -> list[int]:
        with self._sessions() as session:
            query = select(Incident.id).order_by(Incident.id)
            if grades:
                query = query.where(Incident.grade.in_(grades))
            return list(session.scalars(query))

    def incident_of_events(self) -> dict[int, int]:
        with self._sessions() as session:
            return incidents.current_links(session)

    # people ----------------------------------------------------------------------

    def add_person(self, name: str | None, details: dict[str, Any] | None = None) -> str:
        """Record a person; returns the pseudonym that stands for them everywhere outside this table."""
        at = now()
        with self.transaction() as session:
            number = int(session.scalar(select(func.count()).select_from(Person)) or 0) + 1
            person = Person(pseudonym=f"P-{number:05d}", name=name, details=details or {}, created_at=at,
                            created_by=self.user)
            session.add(person)
            session.flush()
            audit.append(session, self.user, "add_person", f"person:{person.pseudonym}", {"with_name": name is not None})
            return person.pseudonym

    def attach_person(self, event_id: int, pseudonym: str, role: str) -> None:
        with self.transaction() as session:
            event = self._event(session, event_id)
            person = self._person(session, pseudonym)
            session.add(EventPerson(event_id=event.id, person_id=person.id, role=role))
            audit.append(session, self.user, "attach_person", f"event:{event.id}", {"person": pseudonym, "role": role})

    @staticmethod
    def _person(session: Session, pseudonym: str) -> Person:
        person = session.scalar(select(Person).where(Person.pseudonym == pseudonym))
        if person is None:
            raise NotFoundError(f"person {pseudonym} is not in the store.", hint="pseudonyms look like P-00001.")
        return person

    def read_person(self, pseudonym: str) -> dict[str, Any]:
        """A person's record; the name only for a role allowed to see it. Every read is audited."""
        with self.transaction() as session:
            person = self._person(session, pseudonym)
            with_name = self.role in NAME_ROLES
            audit.append(session, self.user, "read_person", f"person:{pseudonym}", {"role": self.role, "name_shown": with_name})
            out: dict[str, Any] = {"pseudonym": person.pseudonym, "details": person.details}
            if with_name:
                out["name"] = person.name
            return out

    def require_names_allowed(self) -> None:
        if self.role not in NAME_ROLES:
            raise PermissionDenied(f"role {self.role!r} may not see people's names.",
                                   hint="names are shown only to a custodian (RASD_ROLE=custodian); exports use pseudonyms.")

    def people_of_events(self, event_ids: Iterable[int], with_names: bool) -> dict[int, list[dict[str, str]]]:
        """People linked to each event, by pseudonym (and name when asked by an allowed role; the read is audited)."""
        ids = list(event_ids)
        if with_names:
            self.require_names_allowed()
        out: dict[int, list[dict[str, str]]] = {}
        with self.transaction() as session:
            rows = session.execute(select(EventPerson.event_id, EventPerson.role, Person.pseudonym, Person.name)
                                   .join(Person, Person.id == EventPerson.person_id)
                                   .where(EventPerson.event_id.in_(ids)))
            shown = []
            for event_id, role, pseudonym, name in rows:
                entry = {"pseudonym": pseudonym, "role": role}
                if with_names:
                    entry["name"] = name or ""
                    shown.append(pseudonym)
                out.setdefault(event_id, []).append(entry)
            if shown:
                audit.append(session, self.user, "read_person", "export", {"people": sorted(set(shown)), "role": self.role})
        return out

    # audit -------------------------------------------------------------------------

    def record(self, action: str, target: str, details: dict[str, Any]) -> None:
        with self.transaction() as session:
            audit.append(session, self.user, action, target, details)

    def verify(self) -> list[audit.Problem]:
        with self._sessions() as session:
            return audit.verify(session)

    def audit_head(self) -> str | None:
        with self._sessions() as session:
            return audit.head(session)
