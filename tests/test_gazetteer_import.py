"""rasd gazetteer import: a local GeoNames dump reaches village level."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasd.cli import app
from rasd.lang.arabic import arabic
from rasd.pipeline import Extractor
from rasd.places.importer import ImportReport, import_geonames, parse_geonames

FIXTURES = Path(__file__).parent / "fixtures"
DUMP = FIXTURES / "geonames_sample.txt"
ALTERNATES = FIXTURES / "alternate_names_sample.txt"


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("RASD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("RASD_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def test_parse_keeps_arabic_named_places_and_counts_the_rest():
    report = ImportReport()
    places = {p.name: (p, names) for p, names in parse_geonames(DUMP, {9900002: ["خربة الفكتية"]}, report)}
    assert set(places) == {"Tall Rasd", "Khirbat al-Fiktiya", "Wadi Tajriba"}  # the road (class R) is not kept
    tall, names = places["Tall Rasd"]
    assert (tall.geonameid, tall.country, tall.admin1, tall.kind, tall.lat) == (9900001, "SY", "12", "village", 35.91)
    assert names == ["تل رصد"]
    assert places["Wadi Tajriba"][0].kind == "region"
    assert (report.rows, report.kept, report.malformed) == (6, 3, 2)
    assert report.without_arabic == 0


def test_import_then_extract_finds_the_village(isolated):
    text = "قصفت الطائرات قرية تل رصد وخربة الفكتية في ريف إدلب"
    before = Extractor(arabic()).extract(text).places
    assert not any(p.name == "Tall Rasd" for p in before)

    result = CliRunner().invoke(app, ["gazetteer", "import", str(DUMP), "--alternate-names", str(ALTERNATES)])
    assert result.exit_code == 0, result.output
    assert "kept 3 places" in result.output and "2 malformed" in result.output

    after = Extractor(arabic()).extract(text).places
    by_name = {p.name: p for p in after}
    assert by_name["Tall Rasd"].geonameid == 9900001 and by_name["Tall Rasd"].text == "تل رصد"
    assert by_name["Khirbat al-Fiktiya"].country == "SY"  # its Arabic name came from alternateNamesV2
    for p in after:
        assert text[p.start:p.end] == p.text


def test_import_twice_keeps_one_entry_per_place(isolated):
    target = isolated / "g.jsonl"
    import_geonames(DUMP, target)
    import_geonames(DUMP, target, ALTERNATES)
    keys = [json.loads(line)["key"] for line in target.read_text(encoding="utf-8").splitlines()]
    assert sorted(keys) == ["gn:9900001", "gn:9900002", "gn:9900003"]


def test_missing_dump_is_a_clear_error(isolated):
    result = CliRunner().invoke(app, ["gazetteer", "import", str(isolated / "SY.txt")])
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_not_a_geonames_file(isolated):
    bad = isolated / "notes.txt"
    bad.write_text("just some notes\nmore notes\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["gazetteer", "import", str(bad)])
    assert result.exit_code == 2 and "E205" in result.stderr


ARCHIVE = FIXTURES / "gazetteer_sources" / "syrian-archive-locations.json"  # rows in the Syrian Archive's shape


def test_the_syrian_archives_own_places_come_in_from_a_users_copy(isolated):
    text = "اشتباكات في حي الزيزفونة بحلب"
    result = CliRunner().invoke(app, ["gazetteer", "import", str(ARCHIVE)])
    assert result.exit_code == 0, result.output
    # its own row is kept; the OCHA rows are packaged already; a row without coordinates is malformed
    assert "kept 1 places" in result.output and "1 malformed" in result.output
    records = [json.loads(line) for line in (isolated / "data" / "gazetteer.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["key"], r["names_ar"], r["kind"]) for r in records] == [("sa:4", ["حي الزيزفونة", "الزيزفونة"], "neighbourhood")]
    (place,) = [p for p in Extractor(arabic()).extract(text).places if "الزيزفونة" in p.text]
    assert (place.key, place.text, place.country, place.approximate) == ("sa:4", "حي الزيزفونة", "SY", False)


def test_not_the_syrian_archives_file(isolated):
    bad = isolated / "places.json"
    bad.write_text('{"type": "FeatureCollection"}', encoding="utf-8")
    result = CliRunner().invoke(app, ["gazetteer", "import", str(bad)])
    assert result.exit_code == 2 and "E205" in result.stderr and "Syrian Archive" in result.stderr
