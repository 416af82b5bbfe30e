"""Exports load where analysts load them: ACLED columns in pandas, GeoJSON in QGIS, CSV in Excel, Parquet."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import geojson
import pandas as pd
import pytest

from rasd.errors import OptionError, PermissionDenied
from rasd.ingest import ingest
from rasd.store import EventFilter, Store
from rasd.store.exports import FLAT_COLUMNS, acled_conventions, export, time_precision
from rasd.store.schema import Event
from rasd.store.stats import compute
from tests.store_helpers import ARREST, DEFECTION, STRIKE_A, STRIKE_B, STRIKE_C_FAR, write_reports


@pytest.fixture
def filled(store: Store, extractor, tmp_path: Path) -> Store:
    ingest(store, [str(write_reports(tmp_path / "in", STRIKE_A, STRIKE_B, STRIKE_C_FAR, ARREST, DEFECTION))], extractor)
    store.link_incidents()
    return store


def test_acled_export_round_trips_through_pandas_with_acled_columns(filled: Store, tmp_path: Path) -> None:
    target = tmp_path / "acled.csv"
    report = export(filled, "acled", target, EventFilter())
    frame = pd.read_csv(target, encoding="utf-8-sig")
    assert list(frame.columns) == acled_conventions().columns
    assert len(frame) == report.rows
    strikes = frame[frame.sub_event_type == "Air/drone strike"]
    # the two reports of the Saraqib strike are one row with both outlets and the lower toll, as ACLED codes them
    saraqib = strikes[strikes.location == "Saraqib"]
    assert len(saraqib) == 1
    row = saraqib.iloc[0]
    assert (row.fatalities, row.time_precision, row.geo_precision, row.event_date) == (12, 1, 1, "2017-03-01")
    assert row.source.count(";") == 1
    assert (row.iso, row.country, row.region, row.disorder_type) == (760, "Syria", "Middle East", "Political violence")
    arrest = frame[frame.event_type == "Strategic developments"]
    assert set(arrest.inter1) <= {1, 2, 3, 4, 5, 6, 7, 8}


@pytest.mark.parametrize(("start", "end", "expected"), [
    (date(2017, 3, 1), date(2017, 3, 1), 1),
    (date(2017, 3, 1), date(2017, 3, 7), 2),
    (date(2017, 3, 1), date(2017, 3, 31), 3),
    (date(2016, 1, 1), date(2016, 12, 31), 3),
])
def test_acled_time_precision(start: date, end: date, expected: int) -> None:
    assert time_precision(start, end) == expected


def test_geojson_export_is_valid_geojson(filled: Store, tmp_path: Path) -> None:
    target = tmp_path / "events.geojson"
    report = export(filled, "geojson", target, EventFilter())
    collection = geojson.loads(target.read_text(encoding="utf-8"))
    assert collection.is_valid, collection.errors()
    assert len(collection["features"]) == report.rows > 0
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 35 < lon < 43 and 32 < lat < 38  # Syria, in GeoJSON's longitude-first order


def test_csv_export_has_a_bom_and_arabic_evidence(filled: Store, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    export(filled, "csv", target, EventFilter())
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the file as UTF-8 only with the BOM
    frame = pd.read_csv(target, encoding="utf-8-sig")
    assert list(frame.columns) == FLAT_COLUMNS
    assert frame.evidence.str.contains("سراقب").any()


def test_parquet_and_jsonl_exports_hold_every_event(filled: Store, tmp_path: Path) -> None:
    export(filled, "parquet", tmp_path / "e.parquet", EventFilter())
    export(filled, "jsonl", tmp_path / "e.jsonl", EventFilter())
    frame = pd.read_parquet(tmp_path / "e.parquet")
    lines = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(frame) == len(lines) == filled.count(Event)
    assert {line["store"]["incident_grade"] for line in lines} >= {"corroborated", "single_source"}
    assert all(line["evidence"]["trigger"]["text"] for line in lines)


FILTERS = [
    (EventFilter(types=("arrest",)), {"arrest"}),
    (EventFilter(place="سراقب"), {"air_strike"}),
    (EventFilter(place="Saraqib"), {"air_strike"}),
    (EventFilter(date_from=date(2018, 1, 1)), {"arrest"}),
    (EventFilter(date_to=date(2016, 12, 31)), {"defection"}),
    (EventFilter(grades=("corroborated",)), {"air_strike"}),
    (EventFilter(states=("verified",)), set()),
]


@pytest.mark.parametrize(("filters", "types"), FILTERS)
def test_export_filters(filled: Store, tmp_path: Path, filters: EventFilter, types: set[str]) -> None:
    export(filled, "jsonl", tmp_path / "f.jsonl", filters)
    found = {json.loads(line)["type"] for line in (tmp_path / "f.jsonl").read_text(encoding="utf-8").splitlines()}
    assert found == types


def test_names_only_for_custodians_and_pseudonyms_otherwise(filled: Store, store_url: str, tmp_path: Path) -> None:
    pseudonym = filled.add_person("سامر الخطيب")
    filled.attach_person(1, pseudonym, "witness")
    export(filled, "csv", tmp_path / "p.csv", EventFilter())
    text = (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
    assert pseudonym in text and "سامر" not in text
    with pytest.raises(PermissionDenied):
        export(filled, "csv", tmp_path / "n.csv", EventFilter(), with_names=True)
    custodian = Store(store_url, user="custodian1", role="custodian")
    export(custodian, "csv", tmp_path / "n.csv", EventFilter(), with_names=True)
    assert "سامر الخطيب" in (tmp_path / "n.csv").read_text(encoding="utf-8-sig")
    custodian.close()


def test_unknown_format_is_refused(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(OptionError):
        export(filled, "xlsx", tmp_path / "x", EventFilter())


def test_stats_count_by_type_governorate_month_and_flows(filled: Store) -> None:
    stats = compute(filled)
    assert stats.documents == 5
    assert stats.by_type["air_strike"] == 3 and stats.by_type["arrest"] == 1
    assert stats.by_month["2017-03"] == 3 and stats.by_month["2016-06"] == 1
    assert sum(stats.by_governorate.values()) == stats.events
    assert [(f.origin, f.destination, f.people) for f in stats.flows] == [("Tadmur", "Idlib", 8)]
    filled.review_event(1, "rejected", "not an air strike")
    assert compute(filled).events == stats.events - 1


# one toll over four villages (the codebook's shared figures): each event carries it, totals count it once
SHARED_TOLL = ("قتل 22 مدنياً يوم الأربعاء الأول من آذار 2017 في غارات جوية على قرى كنصفرة وحزارين وكفرعويد والبارة بريف إدلب.",
               "2017-03-02", "شبكة الرصد")


def test_a_toll_shared_by_four_villages_is_divided_in_exports_and_counted_once(store: Store, extractor, tmp_path: Path) -> None:
    ingest(store, [str(write_reports(tmp_path / "in", SHARED_TOLL))], extractor)
    acled_target, csv_target = tmp_path / "acled.csv", tmp_path / "events.csv"
    export(store, "acled", acled_target, EventFilter())
    export(store, "csv", csv_target, EventFilter())
    acled = pd.read_csv(acled_target, encoding="utf-8-sig")
    flat = pd.read_csv(csv_target, encoding="utf-8-sig")
    villages = flat[flat.type == "air_strike"]
    assert len(villages) == 4 and set(villages.killed) == {22}  # each event states the figure of its words
    assert villages.shared_group.nunique() == 1
    assert villages.fatalities.sum() == 22 and sorted(villages.fatalities) == [5, 5, 6, 6]
    strikes = acled[acled.sub_event_type == "Air/drone strike"]
    assert strikes.fatalities.sum() == 22
    # the villages' districts and subdistricts, from OCHA's admin path, fill ACLED's admin2 and admin3
    assert set(strikes.admin2) == {"Maarrat al-Nu'man", "Ariha"} and strikes.admin3.notna().all()
    assert compute(store).killed["air_strike"] == 22  # not 88
