"""Link reports of the same happening across documents into incidents, and grade them.

Two events are the same happening when they have the same type, places
within a distance that grows with the coarser of their two precisions,
overlapping date intervals, and compatible actors. An event without a date
in its text is taken to have happened in the week before its document was
published (reports are rarely later than that); one without coordinates is
never linked automatically. When both events name a perpetrator and the two
differ, they are linked only if they name the same place on the same day:
then the incident is graded ``contested``.

Linking is a suggestion: an analyst can undo a link, and the pair is then
vetoed so that no later pass joins the two events again.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rasd.places.gazetteer import great_circle_km
from rasd.store import audit
from rasd.store.schema import Document, Event, Incident, IncidentLink, IncidentRevision, LinkVeto, Source

# how far apart two mentions of one happening may be placed, by the coarser precision of the two
DISTANCE_KM = {"place": 10.0, "near": 30.0, "region": 120.0}
UNDATED_WINDOW = timedelta(days=7)
DATE_SLACK = timedelta(days=1)  # "yesterday" in one report, the date in another, across midnight or time zones
GRADES = ("single_source", "corroborated", "contested")
PRECISION_RANK = {"place": 0, "near": 1, "region": 2, "country": 3}


@dataclass(frozen=True, slots=True)
class Candidate:
    event_id: int
    document_id: int
    type: str
    start: date
    end: date
    day_exact: bool
    geonameid: int | None
    country: str | None
    lat: float
    lon: float
    precision: str
    actor1: str | None


def km_between(a: Candidate, b: Candidate) -> float:
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)


def same_happening(a: Candidate, b: Candidate) -> bool:
    if a.type != b.type or a.document_id == b.document_id:
        return False
    if a.start > b.end + DATE_SLACK or b.start > a.end + DATE_SLACK:
        return False
    coarser = max(a.precision, b.precision, key=lambda p: PRECISION_RANK.get(p, 3))
    if coarser == "country" or coarser not in DISTANCE_KM:
        near = a.country is not None and a.country == b.country and a.precision == b.precision == "country"
    else:
        near = km_between(a, b) <= DISTANCE_KM[coarser]
    if not near:
        return False
    if a.actor1 and b.actor1 and a.actor1 != b.actor1:
        # disagreeing perpetrators: only the same named place on the same day makes them one happening
        return a.geonameid is not None and a.geonameid == b.geonameid and a.day_exact and b.day_exact
    return True


CANDIDATE_COLUMNS = (Event.id, Event.document_id, Event.type, Event.state, Event.date_start, Event.date_end,
                     Event.date_precision, Event.geonameid, Event.country, Event.lat, Event.lon, Event.geo_precision,
                     Event.actor1)
# A grid for blocking: 1.2 degrees of latitude (133 km) is more than the largest linking distance, so a
# match is at most one row away; a degree of longitude shrinks with latitude, so two columns either side
# are searched (2.4 degrees is at least 120 km up to 63 degrees north or south).
CELL_DEGREES = 1.2
COLUMNS_AROUND = 2


def candidate(event: Any, published: date | None) -> Candidate | None:
    """A linkable event (a row of CANDIDATE_COLUMNS), or None without coordinates or any date to go on."""
    if event.lat is None or event.lon is None or event.state == "rejected":
        return None
    if event.date_start is not None:
        start, end = event.date_start, event.date_end or event.date_start
    elif published is not None:
        start, end = published - UNDATED_WINDOW, published
    else:
        return None
    return Candidate(event.id, event.document_id, event.type, start, end, event.date_precision == "day" and start == end,
                     event.geonameid, event.country, event.lat, event.lon, event.geo_precision or "place", event.actor1)


def candidate_pairs(candidates: list[Candidate]) -> Iterator[tuple[Candidate, Candidate]]:
    """Every pair of the same type, in neighbouring grid cells, whose dates can overlap; each pair once.

    Blocking by type, place and time keeps a pass over a whole archive from comparing everything with everything.
    """
    cells: dict[tuple[str, int, int], list[Candidate]] = defaultdict(list)
    for c in candidates:
        cells[(c.type, math.floor(c.lat / CELL_DEGREES), math.floor(c.lon / CELL_DEGREES))].append(c)
    starts: dict[tuple[str, int, int], list[date]] = {}
    for key, members in cells.items():
        members.sort(key=lambda c: (c.start, c.event_id))
        starts[key] = [c.start for c in members]
    for (kind, row, col), members in cells.items():
        for a in members:
            for dr in (-1, 0, 1):
                for dc in range(-COLUMNS_AROUND, COLUMNS_AROUND + 1):
                    key = (kind, row + dr, col + dc)
                    others = cells.get(key)
                    if not others:
                        continue
                    # pairs are taken from the one that starts first (ties by id), so each is seen once
                    for b in others[bisect_left(starts[key], a.start):]:
                        if b.start > a.end + DATE_SLACK:
                            break
                        if (b.start, b.event_id) > (a.start, a.event_id):
                            yield a, b


@dataclass
class LinkReport:
    compared: int = 0
    new_incidents: int = 0
    new_links: int = 0
    regraded: int = 0
    links: list[tuple[int, int]] = field(default_factory=list)  # (incident, event)


def current_links(session: Session) -> dict[int, int]:
    """event id → incident id, for links whose latest row says linked."""
    latest: dict[tuple[int, int], str] = {}
    for incident_id, event_id, status in session.execute(
            select(IncidentLink.incident_id, IncidentLink.event_id, IncidentLink.status).order_by(IncidentLink.id)):
        latest[(incident_id, event_id)] = status
    return {event_id: incident_id for (incident_id, event_id), status in latest.items() if status == "linked"}


def vetoes(session: Session) -> set[tuple[int, int]]:
    return {(a, b) for a, b in session.execute(select(LinkVeto.event_a, LinkVeto.event_b))}


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def link(session: Session, user: str, at: Any) -> LinkReport:
    """One linking pass over every event: attach new matches to incidents, found incidents for new groups."""
    report = LinkReport()
    published = {doc_id: day for doc_id, day in session.execute(select(Document.id, Document.published))}
    candidates = []
    for event in session.execute(select(*CANDIDATE_COLUMNS)):
        found = candidate(event, published.get(event.document_id))
        if found is not None:
            candidates.append(found)
    linked = current_links(session)
    vetoed = vetoes(session)
    members: dict[int, set[int]] = defaultdict(set)
    for event_id, incident_id in linked.items():
        members[incident_id].add(event_id)
    docs_of: dict[int, int] = {}
    group_of: dict[int, int] = {}  # event → incident id (existing, or negative for a new group)
    groups: dict[int, set[int]] = {k: set(v) for k, v in members.items()}
    for incident_id, events in members.items():
        for e in events:
            group_of[e] = incident_id
    next_new = -1

    def can_join(event_id: int, group: set[int]) -> bool:
        return all(_pair(event_id, other) not in vetoed and docs_of.get(other) != docs_of[event_id] for other in group)

    for c in candidates:
        docs_of[c.event_id] = c.document_id
    for a, b in candidate_pairs(candidates):
        report.compared += 1
        if not same_happening(a, b):
            continue
        ga, gb = group_of.get(a.event_id), group_of.get(b.event_id)
        if ga is not None and ga == gb:
            continue
        if ga is None and gb is None:
            if _pair(a.event_id, b.event_id) in vetoed:
                continue
            group_of[a.event_id] = group_of[b.event_id] = next_new
            groups[next_new] = {a.event_id, b.event_id}
            next_new -= 1
        elif ga is not None and gb is None:
            if can_join(b.event_id, groups[ga]):
                group_of[b.event_id] = ga
                groups[ga].add(b.event_id)
        elif gb is not None and ga is None:
            if can_join(a.event_id, groups[gb]):
                group_of[a.event_id] = gb
                groups[gb].add(a.event_id)
        elif ga is not None and gb is not None and (ga < 0 or gb < 0):
            # a group found in this pass joins another group when every pair is allowed; two stored
            # incidents are never merged automatically: that is an analyst's call
            keep, fold = (gb, ga) if ga < 0 else (ga, gb)
            if all(can_join(e, groups[keep]) for e in groups[fold]):
                for e in groups.pop(fold):
                    group_of[e] = keep
                    groups[keep].add(e)
    for group_id, events in groups.items():
        fresh = sorted(e for e in events if linked.get(e) != group_id)
        if not fresh:
            continue
        if group_id < 0:
            first = session.get(Event, fresh[0])
            assert first is not None
            incident = Incident(type=first.type, state="new", revision=0, grade="single_source", created_at=at, updated_at=at)
            session.add(incident)
            session.flush()
            report.new_incidents += 1
            incident_id = incident.id
        else:
            incident_id = group_id
        for e in fresh:
            session.add(IncidentLink(incident_id=incident_id, event_id=e, status="linked", at=at, author=user,
                                     reason="same type, place and time"))
            report.links.append((incident_id, e))
        report.new_links += len(fresh)
        if regrade(session, incident_id, user, at, "linked automatically", events):
            report.regraded += 1
    if report.new_links:
        audit.append(session, user, "link", "incidents", {"new_incidents": report.new_incidents, "links": report.links})
    return report


def unlink(session: Session, event_id: int, user: str, reason: str, at: Any) -> int | None:
    """Take an event out of its incident and veto it against the incident's other events; returns the incident."""
    incident_id = current_links(session).get(event_id)
    if incident_id is None:
        return None
    others = [e for e, i in current_links(session).items() if i == incident_id and e != event_id]
    session.add(IncidentLink(incident_id=incident_id, event_id=event_id, status="undone", at=at, author=user, reason=reason))
    known = vetoes(session)
    for other in others:
        a, b = _pair(event_id, other)
        if (a, b) not in known:
            session.add(LinkVeto(event_a=a, event_b=b, at=at, author=user))
    session.flush()
    regrade(session, incident_id, user, at, f"event {event_id} unlinked: {reason}")
    audit.append(session, user, "unlink", f"incident:{incident_id}", {"event": event_id, "reason": reason, "vetoed": others})
    return incident_id


def merge(session: Session, keep: int, fold: int, user: str, reason: str, at: Any) -> list[int]:
    """An analyst's merge: ``fold``'s events join ``keep``; ``fold`` stays, empty and rejected, with its history.

    Returns the events moved. Vetoes between the two incidents' events are lifted by nothing: a pair an
    analyst kept apart must be unlinked again by hand if it should stay apart.
    """
    links = current_links(session)
    moved = sorted(e for e, i in links.items() if i == fold)
    for event_id in moved:
        session.add(IncidentLink(incident_id=fold, event_id=event_id, status="undone", at=at, author=user,
                                 reason=f"merged into incident {keep}: {reason}"))
        session.add(IncidentLink(incident_id=keep, event_id=event_id, status="linked", at=at, author=user,
                                 reason=f"merged from incident {fold}: {reason}"))
    folded = session.get(Incident, fold)
    assert folded is not None
    folded.state = "rejected"
    folded.revision += 1
    folded.updated_at = at
    session.add(IncidentRevision(incident_id=fold, revision=folded.revision, at=at, author=user,
                                 reason=f"merged into incident {keep}: {reason}", state="rejected", grade=folded.grade))
    session.flush()
    members = [e for e, i in links.items() if i == keep] + moved
    regrade(session, keep, user, at, f"incident {fold} merged in: {reason}", members)
    audit.append(session, user, "merge", f"incident:{keep}", {"from": fold, "events": moved, "reason": reason})
    return moved


def summary(session: Session, incident_id: int, members: Iterable[int] | None = None) -> dict[str, Any]:
    """Every source of an incident with its own figures, the range of each count, outlets and grade.

    ``members`` (the incident's linked events) saves a scan of every link when the caller knows them.
    """
    if members is None:
        members = (e for e, i in current_links(session).items() if i == incident_id)
    event_ids = sorted(members)
    rows = session.execute(select(Event, Document, Source.name).join(Document, Document.id == Event.document_id)
                           .outerjoin(Source, Source.id == Document.source_id).where(Event.id.in_(event_ids))
                           .order_by(Event.id)).all()
    sources = []
    for event, document, outlet in rows:
        sources.append({
            "event_id": event.id, "document_id": document.id, "doc_key": document.doc_key, "outlet": outlet,
            "url": document.url, "published": document.published.isoformat() if document.published else None,
            "date": [d.isoformat() if d else None for d in (event.date_start, event.date_end)],
            "place": event.place_name, "actor1": event.actor1, "certainty": event.certainty,
            "counts": {c["category"]: [c.get("low", c["value"]), c.get("high") or c["value"]]
                       for c in event.data.get("counts", [])},
        })
    return {"incident_id": incident_id, "sources": sources, **assess(sources)}


def assess(sources: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Count ranges, independent outlets and the grade, from the sources' own figures."""
    listed = list(sources)
    ranges: dict[str, list[int]] = {}
    # per category, the highest lower bound and the lowest upper bound of the sources: when the first is more
    # than twice the second, no single figure is within half of every source (12 against 30, not 40 against عشرات)
    bounds: dict[str, list[int]] = {}
    for source in listed:
        for category, (low, high) in source["counts"].items():
            if low is None:
                continue
            high = high if high is not None else low
            span = ranges.setdefault(category, [low, high])
            span[0], span[1] = min(span[0], low), max(span[1], high)
            bound = bounds.setdefault(category, [low, high])
            bound[0], bound[1] = max(bound[0], low), min(bound[1], high)
    outlets = {source["outlet"] or "(unnamed outlet)" for source in listed}
    perpetrators = {source["actor1"] for source in listed if source["actor1"]}
    counts_disagree = any(highest_low > 2 * lowest_high for highest_low, lowest_high in bounds.values())
    if len(perpetrators) > 1 or (len(listed) > 1 and counts_disagree):
        grade = "contested"
    elif len(outlets) >= 2:
        grade = "corroborated"
    else:
        grade = "single_source"
    return {"counts": {k: {"min": v[0], "max": v[1]} for k, v in ranges.items()}, "outlets": sorted(outlets),
            "independent_outlets": len(outlets), "grade": grade}


def regrade(session: Session, incident_id: int, user: str, at: Any, reason: str, members: Iterable[int] | None = None) -> bool:
    incident = session.get(Incident, incident_id)
    assert incident is not None
    grade = summary(session, incident_id, members)["grade"]
    if grade == incident.grade and incident.revision > 0:
        return False
    incident.grade = grade
    incident.revision += 1
    incident.updated_at = at
    session.add(IncidentRevision(incident_id=incident_id, revision=incident.revision, at=at, author=user, reason=reason,
                                 state=incident.state, grade=grade))
    return True
