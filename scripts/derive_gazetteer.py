"""Derive rasd's packaged Syrian gazetteer layers from the public source files.

    python scripts/derive_gazetteer.py [--shared ../shared] [--out src/rasd/data/gazetteer]

Reads ``shared/data/gazetteer`` (see its SOURCES.md) and writes:

- ``sy_admin.tsv``: Syria's governorates, districts and subdistricts (Open-Syria, CC BY 4.0):
  OCHA P-code, level, parent P-code, GeoNames admin1 code, English name, Arabic names, centroid;
- ``sy_communities.tsv``: the OCHA populated places (communities, P-codes C####) of the
  Syrian Archive's places file (CC BY 3.0 IGO), each with its subdistrict's P-code.

The Syrian Archive's own rows (neighbourhoods and landmarks, no OCHA P-code) are
GPL-licensed and are not shipped; ``rasd gazetteer import`` reads them from a
user's copy. The output is deterministic, so the evaluation gate can re-derive it
and check that the packaged files are what this script makes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from rasd.places.gazetteer import SY_ADMIN_COLUMNS, SY_COMMUNITY_COLUMNS, great_circle_km
from rasd.places.importer import ARCHIVE_LABEL_SUFFIX

# the columns the package reads, and the Syrian Archive's label suffixes, as the package defines them
ADMIN_HEADER = list(SY_ADMIN_COLUMNS)
COMMUNITY_HEADER = list(SY_COMMUNITY_COLUMNS)
_SUFFIX = ARCHIVE_LABEL_SUFFIX
_PAREN = re.compile(r"\s*\([^)]*\)\s*")
_LEVEL_WORDS = ("ناحية", "منطقة", "محافظة", "مركز", "مدينة")


def _fold(name: str) -> str:
    """A loose key for matching admin names across the two sources (not rasd's normaliser: a change
    to how rasd folds text must not change the data derived for it)."""
    name = re.sub("[\u064b-\u0652\u0640]", "", name)
    name = re.sub("[إأآٱ]", "ا", name).replace("ة", "ه").replace("ى", "ي")
    words = [w for w in name.split() if w not in ("ناحيه", "منطقه", "محافظه", "مركز", "مدينه")]
    name = "".join(words)
    return name[2:] if name.startswith("ال") and len(name) > 4 else name


def _arabic_names(record: dict[str, Any]) -> list[str]:
    names = [record["name"]["ar"]] + [a["value"] for a in record.get("aliases", []) if a.get("language") == "ar"]
    out: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if name and name not in out:
            out.append(name)
    return out


def _bare(name: str) -> str:
    """ناحية مركز الحسكة -> الحسكة: the name a report writes."""
    words = name.split()
    while len(words) > 1 and words[0] in _LEVEL_WORDS:
        words = words[1:]
    return " ".join(words)


def _admin1_codes(governorates: list[dict[str, Any]], admin1_yaml: str) -> dict[str, str]:
    """Open-Syria governorate id -> GeoNames admin1 code, by the Arabic names in rasd's admin1.yaml."""
    codes: dict[str, str] = {}
    for line in admin1_yaml.splitlines():
        match = re.search(r'country: SY, code: "(\d+)".*names_ar: \[(.*?)\]', line)
        if match:
            for name in re.findall(r'"([^"]+)"', match.group(2)):
                codes[_fold(name)] = match.group(1)
    out: dict[str, str] = {}
    for gov in governorates:
        for name in _arabic_names(gov):
            if _fold(name) in codes:
                out[gov["id"]] = codes[_fold(name)]
                break
        else:
            raise SystemExit(f"no GeoNames admin1 code for governorate {gov['id']}: add its name to admin1.yaml")
    return out


def _row(values: list[Any]) -> str:
    cells = []
    for v in values:
        cell = f"{v:.5f}" if isinstance(v, float) else str(v)
        if "\t" in cell or "\n" in cell:
            raise ValueError(f"a tab or newline in {cell!r}")
        cells.append(cell)
    return "\t".join(cells)


def derive(source: Path, admin1_yaml: str) -> dict[str, str]:
    """Return ``{file name: text}`` for the packaged layers."""
    governorates = json.loads((source / "open-syria-governorates.json").read_text(encoding="utf-8"))
    districts = json.loads((source / "open-syria-districts.json").read_text(encoding="utf-8"))
    subdistricts = json.loads((source / "open-syria-subdistricts.json").read_text(encoding="utf-8"))
    locations = json.loads((source / "syrian-archive-locations.json").read_text(encoding="utf-8"))
    admin1 = _admin1_codes(governorates, admin1_yaml)

    pcode = {r["id"]: r["externalIds"]["ochaPcode"] for r in governorates + districts + subdistricts}
    district_of = {r["id"]: r for r in districts}
    admin_rows = []
    for level, records, parent_key in (("governorate", governorates, None), ("district", districts, "governorateId"),
                                       ("subdistrict", subdistricts, "districtId")):
        for r in records:
            gov_id = r["id"] if level == "governorate" else r["governorateId"]
            names = _arabic_names(r)
            for bare in [_bare(n) for n in names]:
                if bare not in names:
                    names.append(bare)
            admin_rows.append([pcode[r["id"]], level, pcode[r[parent_key]] if parent_key else "", admin1[gov_id],
                               r["name"]["en"], "|".join(names), float(r["centroid"]["latitude"]),
                               float(r["centroid"]["longitude"])])

    # subdistricts by (district id, folded name); districts by folded name
    district_by_name: dict[str, str] = {}
    for r in districts:
        for name in _arabic_names(r):
            district_by_name.setdefault(_fold(name), r["id"])
    sub_by_name: dict[tuple[str, str], dict[str, Any]] = {}
    for r in subdistricts:
        for name in _arabic_names(r):
            sub_by_name.setdefault((r["districtId"], _fold(name)), r)

    def nearest_subdistrict(lat: float, lon: float, within: str | None) -> dict[str, Any]:
        pool = [s for s in subdistricts if within is None or s["districtId"] == within] or subdistricts
        return min(pool, key=lambda s: great_circle_km(lat, lon, s["centroid"]["latitude"], s["centroid"]["longitude"]))

    community_rows = []
    by_name_match = 0
    for loc in locations:
        code = str(loc.get("closest_geonames_post_code") or "")
        if loc.get("sa_loc_only") != "FALSE" or not re.fullmatch(r"C\d+", code):
            continue  # the Syrian Archive's own rows: GPL, not shipped
        try:
            lat, lon = float(loc["lat"]), float(loc["lon"])
        except (TypeError, ValueError):
            continue
        path = [p.strip() for p in _SUFFIX.sub("", loc["search_name_ar"]).split(" - ")]
        name_part, sub_name, district_name = path[0], path[-2], path[-1]
        district_id = district_by_name.get(_fold(district_name))
        sub = sub_by_name.get((district_id, _fold(sub_name))) if district_id else None
        if sub is None:
            sub = nearest_subdistrict(lat, lon, district_id)
        else:
            by_name_match += 1
        names = []
        # alternates are joined by "_"; one that is only the district's or subdistrict's name
        # (جب الخفي_منبج) qualifies the name and is no name of the village itself
        qualifiers = {_fold(sub_name), _fold(district_name)}
        for k, alternate in enumerate(name_part.split("_")):
            alternate = " ".join(_PAREN.sub(" ", alternate).split())
            if alternate and alternate not in names and (k == 0 or _fold(alternate) not in qualifiers):
                names.append(alternate)
        if not names:
            continue
        name_en = " ".join(_PAREN.sub(" ", _SUFFIX.sub("", loc["search_name_en"]).split(" - ")[0]).split())
        community_rows.append([code, pcode[sub["id"]], name_en, "|".join(names), lat, lon])
    if by_name_match < 0.9 * len(community_rows):
        raise SystemExit(f"only {by_name_match} of {len(community_rows)} communities matched their subdistrict by name")
    assert all(r["districtId"] in district_of for r in subdistricts)

    admin_rows.sort(key=lambda r: (("governorate", "district", "subdistrict").index(r[1]), r[0]))
    community_rows.sort(key=lambda r: int(r[0][1:]))
    return {
        "sy_admin.tsv": "\n".join(_row(r) for r in [ADMIN_HEADER, *admin_rows]) + "\n",
        "sy_communities.tsv": "\n".join(_row(r) for r in [COMMUNITY_HEADER, *community_rows]) + "\n",
    }


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=root.parent / "shared")
    parser.add_argument("--out", type=Path, default=root / "src" / "rasd" / "data" / "gazetteer")
    parser.add_argument("--check", action="store_true", help="compare with the files in --out instead of writing")
    args = parser.parse_args(argv)
    admin1_yaml = (root / "src" / "rasd" / "data" / "gazetteer" / "admin1.yaml").read_text(encoding="utf-8")
    files = derive(args.shared / "data" / "gazetteer", admin1_yaml)
    stale = []
    for name, text in files.items():
        target = args.out / name
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target} ({text.count(chr(10)) - 1} rows)")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python scripts/derive_gazetteer.py", file=sys.stderr)
        return 1
    if args.check:
        print(f"{', '.join(files)} are what the sources derive")
    return 0


if __name__ == "__main__":
    sys.exit(main())
