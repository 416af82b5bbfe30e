"""Reconcile a document's events: one event per happening, then the codebook's conventions across them.

The assembler proposes an event per trigger and place; this stage merges the mentions of one happening
(same type, place and time), drops the loser's side of a takeover and the coarse telling of a happening
whose sub-places are named, and marks a figure several events share so that totals count it once.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from rasd.places.gazetteer import great_circle_km
from rasd.records import Event, EventCount, PlaceMention, SharedFigure

# where an event's date was told: its sentence, its paragraph, the report's lead; or none was, and the day
# of publication is offered
SENTENCE, PARAGRAPH, REPORT, PUBLICATION = "sentence", "paragraph", "report", "publication"
DATE_RANK = {SENTENCE: 0, PARAGRAPH: 1, REPORT: 2, PUBLICATION: 3}


def reconcile(events: list[Event], doc_id: str) -> list[Event]:
    """The document's events after merging, the codebook's conventions, and shared figures marked."""
    return _mark_shared_figures(_named_sub_places(_losers_withdrawals(_merge(events))), doc_id)


CERTAINTY_RANK = {"confirmed": 0, "reported": 1, "unconfirmed": 2, "suspected": 3}


AREA_RADIUS_KM = {"near": 30.0, "region": 150.0}


def _merge(events: list[Event]) -> list[Event]:
    """One event per happening: same type, same place, overlapping dates."""
    position: dict[tuple[str, str], int] = {}
    out: list[Event] = []
    for event in events:
        # without a place, the same type in the same sentence is the same happening
        key = (event.type, event.location.key if event.location else f"sentence:{event.sentence.start}")
        k = position.get(key)
        if k is None or not _same_time(out[k], event):
            position[key] = len(out)
            out.append(event)
            continue
        first = out[k]
        # every figure stated for this happening is kept (about 8 new ... 16 in all, 6 of them security men);
        # counts inherited from a paragraph only when no mention states its own
        own = [c for c in first.counts + event.counts if not c.inherited]
        if own:
            by_words: dict[int, EventCount] = {}
            for count in own:
                by_words.setdefault(count.quantity.start, count)  # one figure quoted twice is one
            counts = tuple(by_words.values())
        else:
            counts = first.counts or event.counts
        known = {f.key for f in first.destinations}
        destinations = first.destinations + tuple(d for d in event.destinations if d.key not in known)
        # what the report states plainly somewhere is not made doubtful by a headline's hedge
        # (a mention that only refers back, وأدى القصف إلى ..., restates no source)
        surer = CERTAINTY_RANK[event.certainty] < CERTAINTY_RANK[first.certainty] and not event.location_referred_back
        certainty, cue = (event.certainty, event.certainty_cue) if surer else (first.certainty, first.certainty_cue)
        # the date told closest to the happening speaks for it: its sentence's over a lent default
        dated = min((first, event), key=_date_rank)
        out[k] = Event(
            first.event_id, first.type, first.acled, first.location, first.origin or event.origin,
            destinations, dated.date,
            first.actors or event.actors, counts, certainty, cue,
            first.sentence, first.trigger, first.more_evidence + (event.trigger,) + event.more_evidence,
            first.location_referred_back and event.location_referred_back,
            dated.date_from,
        )
    return out


def _date_rank(event: Event) -> int:
    """Lower is closer to the happening: a sentence's own date before one lent by its paragraph,
    report or publication; an event without a date last."""
    if event.date is None:
        return len(DATE_RANK) + 1
    return DATE_RANK.get(event.date_from or "", len(DATE_RANK))


def _same_time(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None or a.date.date_start is None or b.date.date_start is None:
        return True
    if a.date_from in (REPORT, PUBLICATION) or b.date_from in (REPORT, PUBLICATION):
        return True  # a day lent to a detail says nothing against it being the same happening
    assert a.date.date_end is not None and b.date.date_end is not None
    return a.date.date_start <= b.date.date_end and b.date.date_start <= a.date.date_end


def _losers_withdrawals(events: list[Event]) -> list[Event]:
    """When the report tells a takeover of a place, the other side's withdrawal from it at that time is
    the same happening told from the loser's side (سيطر التنظيم على تدمر ... انسحبت القوات النظامية منها)."""
    takeovers: dict[str, list[Event]] = {}  # by place, so a long report stays linear
    for e in events:
        if e.type == "territory_change" and e.location is not None:
            takeovers.setdefault(e.location.key, []).append(e)

    def actor1(event: Event) -> str | None:
        return next((a.id for a in event.actors if a.role == "actor1"), None)

    def losers(event: Event) -> bool:
        return event.type == "withdrawal" and event.location is not None and any(
            _same_time(t, event) and actor1(t) != actor1(event) for t in takeovers.get(event.location.key, ()))

    return [e for e in events if not losers(e)]


def _named_sub_places(events: list[Event]) -> list[Event]:
    """The codebook's named sub-places: when a report tells a happening at villages or neighbourhoods,
    an event of the same type and time at the area they lie in (ريف إدلب، المحافظة) is the same
    happening told coarsely, unless it has figures of its own."""
    fine: dict[str, list[Event]] = {}
    for e in events:
        if e.location is not None and e.location.precision == "place":
            fine.setdefault(e.type, []).append(e)

    def told_finer(event: Event) -> bool:
        area = event.location
        if area is None or area.precision == "place" or any(not c.inherited for c in event.counts):
            return False
        return any(_inside_area(f.location, area) and _same_time(f, event) for f in fine.get(event.type, ())
                   if f.location is not None)

    return [e for e in events if not told_finer(e)]


def _inside_area(place: PlaceMention, area: PlaceMention) -> bool:
    """Whether a named place lies in an area named coarsely (ريف إدلب، محافظة حلب، سوريا)."""
    if place.within == area.key:
        return True
    if place.lat is None or area.lat is None or place.lon is None or area.lon is None:
        return False
    radius = AREA_RADIUS_KM.get(area.precision)
    return radius is not None and great_circle_km(place.lat, place.lon, area.lat, area.lon) <= radius


def _mark_shared_figures(events: list[Event], doc_id: str) -> list[Event]:
    """A figure the same words give to several events (قتل 22 في غارات على أربع قرى) is one figure: each
    event keeps it, marked with the group, so that totals, maps and exports count it once."""
    holders: dict[tuple[str, int, int], list[int]] = {}
    for k, event in enumerate(events):
        for count in event.counts:
            key = (count.category, count.quantity.start, count.quantity.end)
            if k not in holders.setdefault(key, []):
                holders[key].append(k)
    shared = {key: ks for key, ks in holders.items() if len(ks) > 1}
    if not shared:
        return events
    out = []
    for k, event in enumerate(events):
        counts = []
        for count in event.counts:
            key = (count.category, count.quantity.start, count.quantity.end)
            if key in shared:
                group = hashlib.sha1(f"{doc_id}|{key[0]}|{key[1]}|{key[2]}".encode()).hexdigest()[:12]
                count = replace(count, shared=SharedFigure(group, len(shared[key]), shared[key].index(k)))
            counts.append(count)
        out.append(replace(event, counts=tuple(counts)))
    return out
