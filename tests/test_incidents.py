"""The linking rules, one case per line, and the blocking that keeps a pass fast without missing pairs."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from rasd.store.incidents import Candidate, assess, candidate_pairs, km_between, same_happening

SARAQIB = Candidate(1, 10, "air_strike", date(2017, 3, 1), date(2017, 3, 1), True, 170017, "SY", 35.8647, 36.8044, "place",
                    "ru_forces")


def other(**changes: object) -> Candidate:
    return replace(SARAQIB, **{"event_id": 2, "document_id": 20, **changes})  # type: ignore[arg-type]


CASES = [
    ("the same strike in another report", other(), True),
    ("the same document", other(document_id=10), False),
    ("another type", other(type="shelling"), False),
    ("a day later (yesterday / today across reports)", other(start=date(2017, 3, 2), end=date(2017, 3, 2), day_exact=True), True),
    ("three days later", other(start=date(2017, 3, 4), end=date(2017, 3, 4)), False),
    ("in March 2017 (month precision)", other(start=date(2017, 3, 1), end=date(2017, 3, 31), day_exact=False), True),
    ("Sarmin, 7 km away", other(geonameid=163345, lat=35.9033, lon=36.7256), True),
    ("Idlib city, 17 km away", other(geonameid=169388, lat=35.9306, lon=36.6339), False),
    ("Idlib countryside (near), 17 km away", other(geonameid=169388, lat=35.9306, lon=36.6339, precision="near"), True),
    ("Aleppo, 50 km away", other(geonameid=170063, lat=36.2021, lon=37.1343), False),
    ("Idlib governorate (region), 30 km away", other(geonameid=169387, lat=35.75, lon=36.5, precision="region"), True),
    ("no perpetrator named", other(actor1=None), True),
    ("another perpetrator at the same place the same day", other(actor1="sy_gov"), True),
    ("another perpetrator 7 km away", other(actor1="sy_gov", geonameid=163345, lat=35.9033, lon=36.7256), False),
    ("another perpetrator in the same month", other(actor1="sy_gov", start=date(2017, 3, 1), end=date(2017, 3, 31),
                                                    day_exact=False), False),
]


@pytest.mark.parametrize(("what", "b", "expected"), CASES, ids=[c[0] for c in CASES])
def test_same_happening(what: str, b: Candidate, expected: bool) -> None:
    assert same_happening(SARAQIB, b) is expected
    assert same_happening(b, SARAQIB) is expected  # the rule is symmetric


def test_distance() -> None:
    assert km_between(SARAQIB, other(lat=36.2021, lon=37.1343)) == pytest.approx(47.8, abs=0.5)


def test_blocking_finds_every_pair_that_brute_force_finds() -> None:
    rng = random.Random(7)
    candidates = []
    for n in range(400):
        start = date(2017, 1, 1) + timedelta(days=rng.randrange(60))
        span = rng.choice([0, 0, 0, 6, 30])
        candidates.append(Candidate(n, rng.randrange(80), rng.choice(["air_strike", "shelling"]), start, start + timedelta(span),
                                    span == 0, rng.randrange(5), "SY", rng.uniform(32.0, 37.5), rng.uniform(35.5, 42.0),
                                    rng.choice(["place", "near", "region"]), rng.choice([None, "a", "b"])))
    blocked = {(min(a.event_id, b.event_id), max(a.event_id, b.event_id)) for a, b in candidate_pairs(candidates)
               if same_happening(a, b)}
    brute = {(a.event_id, b.event_id) for i, a in enumerate(candidates) for b in candidates[i + 1:] if same_happening(a, b)}
    assert blocked == brute and len(brute) > 20
    pairs = [(a.event_id, b.event_id) for a, b in candidate_pairs(candidates)]
    assert len(pairs) == len({tuple(sorted(p)) for p in pairs})  # each pair once


def _source(outlet: str | None, actor1: str | None, **counts: tuple[int, int]) -> dict[str, object]:
    return {"outlet": outlet, "actor1": actor1, "counts": counts}


GRADES = [
    ("one outlet", [_source("A", "x", killed=(12, 12))], "single_source"),
    ("one outlet twice", [_source("A", "x", killed=(12, 12)), _source("A", "x", killed=(12, 12))], "single_source"),
    ("two outlets that agree", [_source("A", "x", killed=(12, 12)), _source("B", None, killed=(15, 15))], "corroborated"),
    ("two outlets, different perpetrators", [_source("A", "x"), _source("B", "y")], "contested"),
    ("a toll more than twice another", [_source("A", None, killed=(12, 12)), _source("B", None, killed=(30, 30))], "contested"),
    ("exactly twice is not more than half", [_source("A", None, killed=(15, 15)), _source("B", None, killed=(30, 30))],
     "corroborated"),
    ("tens against 40", [_source("A", None, killed=(20, 99)), _source("B", None, killed=(40, 40))], "corroborated"),
]


@pytest.mark.parametrize(("what", "sources", "grade"), GRADES, ids=[g[0] for g in GRADES])
def test_grades(what: str, sources: list[dict[str, object]], grade: str) -> None:
    assert assess(sources)["grade"] == grade
