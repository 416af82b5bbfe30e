"""Counts for a study: events by type, governorate and month, and movement flows (origin → destination)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from rasd.store.exports import figure
from rasd.store.schema import Document, Event
from rasd.store.store import Store

MOVEMENT_TYPES = ("defection", "displacement")


@dataclass
class Flow:
    origin: str
    destination: str
    events: int = 0
    people: int = 0  # the sum of stated counts; events without one add nothing


@dataclass
class Stats:
    documents: int = 0
    events: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    # stated figures by type; a figure the words give to several events together is counted once
    killed: Counter[str] = field(default_factory=Counter)
    injured: Counter[str] = field(default_factory=Counter)
    people: Counter[str] = field(default_factory=Counter)
    by_governorate: Counter[str] = field(default_factory=Counter)
    by_month: Counter[str] = field(default_factory=Counter)
    flows: list[Flow] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "events": self.events, "by_type": dict(self.by_type.most_common()),
                "killed": dict(self.killed.most_common()), "injured": dict(self.injured.most_common()),
                "people": dict(self.people.most_common()),
                "by_governorate": dict(self.by_governorate.most_common()), "by_month": dict(sorted(self.by_month.items())),
                "flows": [f.__dict__ for f in self.flows]}


def _place_label(place: dict[str, Any] | None) -> str:
    if not place:
        return "(not stated)"
    name = place.get("name") or place.get("text") or "?"
    return f"{name} ({place['precision']})" if place.get("precision") == "near" else str(name)


def compute(store: Store, *, include_rejected: bool = False) -> Stats:
    stats = Stats()
    flows: dict[tuple[str, str], Flow] = {}
    with store.reading() as session:
        stats.documents = len(session.scalars(select(Document.id)).all())
        query = select(Event)
        if not include_rejected:
            query = query.where(Event.state != "rejected")
        counted_groups: set[tuple[int, str]] = set()
        for event in session.scalars(query):
            stats.events += 1
            stats.by_type[event.type] += 1
            for category, total in (("killed", stats.killed), ("injured", stats.injured), ("people", stats.people)):
                value, _, group = figure(event.data, category)
                key = (event.document_id, group or "")
                if value is None or (group is not None and key in counted_groups):
                    continue
                if group is not None:
                    counted_groups.add(key)
                total[event.type] += value
            stats.by_governorate[event.admin1 or "(unknown)"] += 1
            dated = event.date_start is not None and event.date_precision in ("day", "month")
            stats.by_month[event.date_start.strftime("%Y-%m") if dated and event.date_start else "(unknown)"] += 1
            if event.type not in MOVEMENT_TYPES:
                continue
            # a movement's origin is its stated origin, else where it happened (a defection from a town)
            origin = _place_label(event.data.get("origin") or event.data.get("location"))
            for destination in event.data.get("destinations") or []:
                target = _place_label(destination)
                if target == origin:
                    continue
                flow = flows.setdefault((origin, target), Flow(origin, target))
                flow.events += 1
                flow.people += event.people or 0
    stats.flows = sorted(flows.values(), key=lambda f: (-f.events, -f.people, f.origin, f.destination))
    return stats
