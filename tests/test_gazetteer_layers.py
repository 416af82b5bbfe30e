"""The packaged Syrian layers: derived by a script from the public sources, validated on load,
merged with GeoNames, and every village carrying its admin path."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_script

from rasd.errors import DataFileError
from rasd.lang.loader import parse_table
from rasd.places.gazetteer import (
    KIND_CITY,
    SY_COMMUNITY_COLUMNS,
    Place,
    gazetteer_sources,
    syria_admin_areas,
    syria_community_entries,
)
from rasd.places.index import _with_communities

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).parent / "fixtures" / "gazetteer_sources"  # small files in the sources' shapes, written for rasd


def test_the_script_derives_communities_with_their_subdistrict_and_leaves_the_archives_own_rows_out():
    derive = load_script("derive_gazetteer")
    admin1_yaml = (ROOT / "src" / "rasd" / "data" / "gazetteer" / "admin1.yaml").read_text(encoding="utf-8")
    files = derive.derive(SOURCES, admin1_yaml)
    communities = {r["pcode"]: r for r in parse_table(files["sy_communities.tsv"], "test", SY_COMMUNITY_COLUMNS)}
    assert set(communities) == {"C9001", "C9002", "C9003"}  # the Syrian Archive's own row (no C-code) is not shipped
    assert communities["C9001"]["subdistrict"] == "SY070300"
    assert communities["C9002"]["names_ar"] == "الزيزفونة|زيزفون"  # alternates joined by _
    assert communities["C9003"]["names_ar"] == "تل الغزلان"  # _منبج named its district, not the village
    admin = {r["pcode"]: r for r in parse_table(files["sy_admin.tsv"], "test", derive.ADMIN_HEADER)}
    assert admin["SY07"]["admin1"] == "12" and admin["SY02"]["admin1"] == "09"  # GeoNames' admin1 codes
    assert admin["SY070303"]["parent"] == "SY0703" and "قورقنيا" in admin["SY070303"]["names_ar"].split("|")
    assert derive.derive(SOURCES, admin1_yaml) == files  # deterministic: the gate re-derives and compares


@pytest.mark.parametrize(("text", "problem"), [
    ("pcode\tname\nC1\tx\n", "header"),
    ("pcode\tsubdistrict\tname_en\tnames_ar\tlat\tlon\nC1\tSY1\tx\n", "line 2 has 3 cells"),
])
def test_a_broken_table_fails_naming_the_file_and_the_line(text, problem):
    with pytest.raises(DataFileError) as caught:
        parse_table(text, "data/gazetteer/sy_communities.tsv", SY_COMMUNITY_COLUMNS)
    assert "[E101]" in str(caught.value) and "sy_communities.tsv" in str(caught.value) and problem in str(caught.value)


def test_every_packaged_village_has_its_admin_path_up_to_a_syrian_governorate():
    areas = syria_admin_areas()
    villages = list(syria_community_entries(areas))
    assert len(villages) > 5000
    governorates = {a.admin1 for a in areas.values() if a.level == "governorate"}
    assert len(governorates) == 14
    for place, names in villages:
        subdistrict = areas[place.admin3]
        assert subdistrict.level == "subdistrict" and subdistrict.parent == place.admin2
        assert areas[place.admin2].level == "district" and place.admin1 in governorates
        assert place.country == "SY" and names and 32 < place.lat < 37.5 and 35.5 < place.lon < 42.5


def _place(key: str, name: str, lat: float, lon: float, kind: str = KIND_CITY) -> Place:
    return Place(key, None, name, name, lat, lon, "SY", "09", kind)


def test_a_community_geonames_has_nearby_is_merged_into_it_and_another_is_added():
    town = _place("gn:1", "Manbij", 36.526, 37.955)
    same = _place("ocha:C1", "Menbij", 36.530, 37.951, "village")
    same = Place(**{**same.to_dict(), "admin2": "SY0205", "admin3": "SY020500"})
    namesake = _place("ocha:C2", "Manbij", 36.80, 37.60, "village")  # a village of the same name 40 km away
    merged = _with_communities([(town, ["منبج"])], [(same, ["منبج", "منبج الكبيرة"]), (namesake, ["منبج"])], str)
    assert [p.key for p, _ in merged] == ["gn:1", "ocha:C2"]
    (kept, names), _ = merged
    assert (kept.admin2, kept.admin3) == ("SY0205", "SY020500") and names == ["منبج", "منبج الكبيرة"]


def test_the_sources_and_their_licences_are_told():
    sources = dict(gazetteer_sources())
    assert any("OCHA" in s and "CC BY 3.0 IGO" in licence for s, licence in sources.items())
    assert any("Open-Syria" in s and "CC BY 4.0" in licence for s, licence in sources.items())
