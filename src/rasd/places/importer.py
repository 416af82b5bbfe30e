"""Import places into the user's gazetteer from local files:

- a GeoNames dump (a country file such as SY.txt, or allCountries.txt,
  optionally with alternateNamesV2.txt);
- the Syrian Archive's places file (``locations.json`` of mnemonicorg/syrianarchive-api):
  its own rows, neighbourhoods, checkpoints and landmarks. Its OCHA rows are
  packaged already; its own are GPL-licensed, so rasd reads them from a user's
  copy instead of shipping them.

The packaged data reaches towns of 500 people and Syria's communities; a team
that needs more imports it once, from a local file. Rows without an Arabic
name are skipped (nothing in Arabic text could match them); a malformed row is
counted and skipped, never fatal.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rasd.errors import DocumentError
from rasd.places.gazetteer import KIND_ADMIN1, KIND_CITY, KIND_REGION, KIND_VILLAGE, Place, is_arabic_name

# GeoNames "geoname" table columns
_ID, _NAME, _ALTERNATES, _LAT, _LON, _CLASS, _CODE, _COUNTRY, _ADMIN1, _POPULATION = 0, 1, 3, 4, 5, 6, 7, 8, 10, 14
_COLUMNS = 19
_KEPT_CLASSES = frozenset("PALTHS")  # populated places, areas, regions, terrain, water, spots (camps, airports)
VILLAGE_POPULATION = 1000


class GeoNamesFormatError(DocumentError):
    code = "E205"


@dataclass
class ImportReport:
    rows: int = 0
    kept: int = 0
    without_arabic: int = 0
    malformed: int = 0
    examples_of_malformed: list[str] = field(default_factory=list)


def read_arabic_alternate_names(path: Path) -> dict[int, list[str]]:
    """Arabic names by geonameid from alternateNamesV2.txt (language ``ar``)."""
    names: dict[int, list[str]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4 or parts[2] != "ar" or not is_arabic_name(parts[3]):
                continue
            try:
                names.setdefault(int(parts[1]), []).append(parts[3])
            except ValueError:
                continue
    return names


def _kind(feature_class: str, feature_code: str, population: int) -> str:
    if feature_class == "A":
        return KIND_ADMIN1 if feature_code == "ADM1" else KIND_REGION
    if feature_class == "P":
        return KIND_CITY if population >= VILLAGE_POPULATION else KIND_VILLAGE
    if feature_class == "S":
        return "facility"
    return KIND_REGION


def parse_geonames(path: Path, arabic_names: dict[int, list[str]], report: ImportReport) -> Iterator[tuple[Place, list[str]]]:
    with path.open(encoding="utf-8") as lines:
        for lineno, line in enumerate(lines, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            report.rows += 1
            parts = line.rstrip("\n").split("\t")
            try:
                if len(parts) != _COLUMNS:
                    raise ValueError(f"{len(parts)} columns, expected {_COLUMNS}")
                geonameid = int(parts[_ID])
                lat, lon = float(parts[_LAT]), float(parts[_LON])
                population = int(parts[_POPULATION] or 0)
            except ValueError as exc:
                report.malformed += 1
                if len(report.examples_of_malformed) < 5:
                    report.examples_of_malformed.append(f"line {lineno}: {exc}")
                continue
            if parts[_CLASS] not in _KEPT_CLASSES:
                continue
            names = [n for n in parts[_ALTERNATES].split(",") if n and is_arabic_name(n)]
            names += arabic_names.get(geonameid, [])
            if not names:
                report.without_arabic += 1
                continue
            report.kept += 1
            yield Place(
                key=f"gn:{geonameid}", geonameid=geonameid, name=parts[_NAME], name_ar=names[0], lat=lat, lon=lon,
                country=parts[_COUNTRY], admin1=parts[_ADMIN1] or None,
                kind=_kind(parts[_CLASS], parts[_CODE], population), population=population,
            ), list(dict.fromkeys(names))


# what the Syrian Archive appends to a label: " --- English" and a row count "(((12)))"
ARCHIVE_LABEL_SUFFIX = re.compile(r"\s*---.*$|\s*\(\(\(\d+\)\)\)\s*$")
_ARCHIVE_CUES = ("حي", "حاجز", "دوار", "ساحة", "شارع", "جسر", "مشفى", "مستشفى", "فندق", "طريق", "معبر", "مطار", "سجن")


def parse_syrian_archive(path: Path, report: ImportReport) -> Iterator[tuple[Place, list[str]]]:
    """The Syrian Archive's own rows (no OCHA community code): "مدينة حلب : حي الجلوم" gives حي الجلوم,
    and, without its cue word, الجلوم."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(rows, list):
            raise ValueError("the file holds no list of places")
    except (ValueError, UnicodeDecodeError) as exc:
        raise GeoNamesFormatError(f"{path} is not the Syrian Archive's places file: {exc}",
                                  hint="give data/locations.json of mnemonicorg/syrianarchive-api.", source=str(path)) from exc
    for row in rows:
        report.rows += 1
        try:
            if str(row.get("sa_loc_only")).upper() != "TRUE":
                continue  # an OCHA community: packaged already
            lat, lon = float(row["lat"]), float(row["lon"])
            label = ARCHIVE_LABEL_SUFFIX.sub("", str(row.get("old_sa_name") or row.get("search_name_ar") or ""))
            name = " ".join(label.split(":")[-1].split())
            identifier = int(row["id"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            report.malformed += 1
            if len(report.examples_of_malformed) < 5:
                report.examples_of_malformed.append(f"row {report.rows}: {exc}")
            continue
        if not is_arabic_name(name):
            report.without_arabic += 1
            continue
        names = [name]
        first, _, rest = name.partition(" ")
        if first in _ARCHIVE_CUES and rest:
            names.append(rest)
        report.kept += 1
        yield Place(key=f"sa:{identifier}", geonameid=None, name=str(row.get("search_name_en") or name).split(" --- ")[0],
                    name_ar=name, lat=lat, lon=lon, country="SY", admin1=None,
                    kind="neighbourhood" if first == "حي" else "facility"), names


def import_syrian_archive(source: Path, target: Path) -> ImportReport:
    """Merge the Syrian Archive's own places (neighbourhoods, landmarks) into the user gazetteer."""
    if not source.is_file():
        raise GeoNamesFormatError(f"{source} does not exist.", hint="give the path of the Syrian Archive's locations.json.",
                                  source=str(source))
    report = ImportReport()
    _merge_into(target, parse_syrian_archive(source, report))
    return report


def _merge_into(target: Path, places: Iterator[tuple[Place, list[str]]]) -> None:
    """Add ``places`` to the user gazetteer (JSON Lines, one place a line), replacing those of the same key."""
    entries: dict[str, dict[str, object]] = {}
    if target.exists():
        with target.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                entries[record["key"]] = record
    for place, names in places:
        entries[place.key] = {**place.to_dict(), "names_ar": names}
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".gazetteer-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        for record in entries.values():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(tmp, target)


def import_geonames(dump: Path, target: Path, alternate_names: Path | None = None) -> ImportReport:
    """Merge the places of ``dump`` into the user gazetteer at ``target`` (JSON Lines)."""
    for source in (dump, alternate_names):
        if source is not None and not source.is_file():
            raise GeoNamesFormatError(
                f"{source} does not exist.", hint="give the path of a GeoNames dump file.", source=str(source)
            )
    report = ImportReport()
    arabic_names = read_arabic_alternate_names(alternate_names) if alternate_names else {}
    places = list(parse_geonames(dump, arabic_names, report))
    if report.rows and not report.kept and report.malformed == report.rows:
        raise GeoNamesFormatError(
            f"{dump} has no GeoNames rows ({report.malformed} malformed).",
            hint="give a GeoNames country or allCountries dump (tab-separated, 19 columns).", source=str(dump))
    _merge_into(target, iter(places))
    return report
