"""Typed records passed between pipeline stages and written as output.

Offsets (``start``/``end``) are always into the original, un-normalised text,
so ``text[start:end] == record.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# quantity kinds; only COUNT is offered to later stages as a count of people or things
COUNT = "count"
PERCENTAGE = "percentage"
AGE = "age"
YEAR = "year"
DATE_PART = "date_part"
DURATION = "duration"
MONEY = "money"
MEASURE = "measure"
IDENTIFIER = "identifier"
TIME = "time"

QUALIFIERS = ("exact", "approx", "at_least", "more_than", "less_than", "range")
PRECISIONS = ("day", "month", "year", "unknown")


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in the text with its qualifier and what kind of number it is."""

    text: str
    start: int
    end: int
    value: float
    low: float
    high: float | None
    qualifier: str
    kind: str = COUNT

    @property
    def is_count(self) -> bool:
        return self.kind == COUNT

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": _number(self.value),
            "low": _number(self.low),
            "high": None if self.high is None else _number(self.high),
            "qualifier": self.qualifier,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time (حوالي ستة أشهر): value in ``unit``s, with its qualifier."""

    value: float
    unit: str
    qualifier: str = "exact"
    high: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": _number(self.value),
            "high": None if self.high is None else _number(self.high),
            "unit": self.unit,
            "qualifier": self.qualifier,
        }


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression as an interval ``date_start..date_end`` with a precision.

    ``kind`` is ``absolute`` (أيار 2015), ``relative`` (العام الفائت, resolved
    against the reference date when there is one) or ``duration`` (a length
    of time, not a point: no interval). ``resolved`` is False when the
    interval could not be computed (a relative expression without reference).
    """

    text: str
    start: int
    end: int
    date_start: date | None
    date_end: date | None
    precision: str
    kind: str = "absolute"
    resolved: bool = True
    calendar: str = "gregorian"
    part: str | None = None
    qualifier: str = "exact"
    duration: Duration | None = None
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "date_start": self.date_start.isoformat() if self.date_start else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "precision": self.precision,
            "kind": self.kind,
            "resolved": self.resolved,
            "calendar": self.calendar,
            "qualifier": self.qualifier,
        }
        if self.part:
            out["part"] = self.part
        if self.duration is not None:
            out["duration"] = self.duration.to_dict()
        if self.notes:
            out["notes"] = list(self.notes)
        return out


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text, resolved to a gazetteer entry.

    ``precision`` is ``place`` (the town itself), ``near`` (its countryside,
    outskirts, or a direction from it), ``region`` (a governorate or wider
    area) or ``country``. ``candidates`` counts the gazetteer entries the
    name could have meant.
    """

    text: str
    start: int
    end: int
    key: str
    geonameid: int | None
    name: str
    name_ar: str
    lat: float | None
    lon: float | None
    country: str
    admin1: str | None
    precision: str
    kind: str
    candidates: int = 1
    approximate: bool = False  # a place no gazetteer knows, put at the known place it lies in
    within: str | None = None  # the key of that place
    admin2: str | None = None  # district (Syria: from OCHA's admin path)
    admin3: str | None = None  # subdistrict

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text, "start": self.start, "end": self.end, "geonameid": self.geonameid,
            "name": self.name, "name_ar": self.name_ar, "lat": self.lat, "lon": self.lon,
            "country": self.country, "admin1": self.admin1, "precision": self.precision,
            "key": self.key, "kind": self.kind, "candidates": self.candidates,
        }
        if self.approximate:
            out["approximate"] = True
            out["within"] = self.within
        if self.admin2:
            out["admin2"] = self.admin2
        if self.admin3:
            out["admin3"] = self.admin3
        return out


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in the text, normalised to a canonical actor."""

    text: str
    start: int
    end: int
    id: str
    name: str
    type: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "id": self.id, "name": self.name, "type": self.type}


@dataclass(frozen=True, slots=True)
class DateClaim:
    """A date expression's span in the normalised text (between stages only):
    numbers inside it are date parts, not counts."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EventActor:
    role: str  # actor1 | actor2
    actor: ActorMention | None
    name: str
    id: str | None = None
    type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"role": self.role, "id": self.id, "name": self.name, "type": self.type}
        if self.actor is not None:
            out.update(text=self.actor.text, start=self.actor.start, end=self.actor.end)
        else:
            out["implied"] = True  # e.g. protesters of a protest no actor word names
        return out


@dataclass(frozen=True, slots=True)
class SharedFigure:
    """A figure the text gives for several events together (22 killed in raids on four villages): each
    event carries it, and a total counts it once. ``index`` orders the events of the group, so that a
    share can be computed from any one of them (ACLED divides a shared toll among its events)."""

    group: str
    events: int
    index: int

    def share(self, value: int) -> int:
        """This event's part of ``value`` divided among the group (the remainder to the first ones)."""
        return value // self.events + (1 if self.index < value % self.events else 0)

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "events": self.events, "index": self.index}


@dataclass(frozen=True, slots=True)
class EventCount:
    category: str  # killed | injured | people
    quantity: Quantity
    inherited: bool = False  # stated in an earlier sentence of the paragraph
    shared: SharedFigure | None = None  # the same words give this figure to other events too

    def to_dict(self) -> dict[str, Any]:
        q = self.quantity.to_dict()
        out = {"category": self.category, "value": q["value"], "low": q["low"], "high": q["high"],
               "qualifier": q["qualifier"], "text": q["text"], "start": q["start"], "end": q["end"]}
        if self.inherited:
            out["inherited"] = True
        if self.shared is not None:
            out["shared"] = self.shared.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Event:
    """One happening of one codebook type at one place, with the words for every fact."""

    event_id: str
    type: str
    acled: tuple[str, str]
    location: PlaceMention | None
    origin: PlaceMention | None
    destinations: tuple[PlaceMention, ...]
    date: DateMention | None
    actors: tuple[EventActor, ...]
    counts: tuple[EventCount, ...]
    certainty: str
    certainty_cue: Span | None
    sentence: Span
    trigger: Span
    more_evidence: tuple[Span, ...] = ()
    location_referred_back: bool = False  # the sentence said "the town" (المدينة); the place is the report's town
    date_from: str | None = None  # where the date was told: sentence, paragraph, report (its lead) or publication

    @property
    def date_inherited(self) -> bool:
        """The date was lent by an earlier sentence, the report's lead or the publication day."""
        return self.date is not None and self.date_from not in (None, "sentence")

    def to_dict(self) -> dict[str, Any]:
        if self.date is not None and self.date.kind != "duration":
            told = self.date.kind != "default"  # the day of publication, offered when the text tells none
            date_out: dict[str, Any] = {
                "start": self.date.date_start.isoformat() if self.date.date_start else None,
                "end": self.date.date_end.isoformat() if self.date.date_end else None,
                "precision": self.date.precision if self.date.date_start else "unknown",
                "text": self.date.text if told else None, "text_start": self.date.start if told else None,
                "text_end": self.date.end if told else None,
                "inherited": self.date_inherited, "from": self.date_from,
            }
        else:
            date_out = {"start": None, "end": None, "precision": "unknown", "text": None}
        return {
            "event_id": self.event_id,
            "type": self.type,
            "acled": {"event_type": self.acled[0], "sub_event_type": self.acled[1]},
            "location": (self.location.to_dict() | ({"referred_back": True} if self.location_referred_back else {}))
            if self.location else None,
            "origin": self.origin.to_dict() if self.origin else None,
            "destinations": [d.to_dict() for d in self.destinations],
            "date": date_out,
            "actors": [a.to_dict() for a in self.actors],
            "counts": [c.to_dict() for c in self.counts],
            "certainty": self.certainty,
            "certainty_cue": self.certainty_cue.to_dict() if self.certainty_cue else None,
            "evidence": {
                "sentence": self.sentence.text, "start": self.sentence.start, "end": self.sentence.end,
                "trigger": self.trigger.to_dict(),
                "more": [m.to_dict() for m in self.more_evidence],
            },
        }
