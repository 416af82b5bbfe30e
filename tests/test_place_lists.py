"""The lists of places a report writes, read on the original text (rasd.events.place_lists), each function
alone. The sentences are written for rasd."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from rasd.events.place_lists import listed_next, nearest_list, opens_examples, roster_neighbours
from rasd.records import PlaceMention


@dataclass
class _At:
    start: int
    end: int


def mentions(text: str, *names: str) -> list[PlaceMention]:
    """Mentions of ``names`` at their first places in ``text`` after the one before."""
    out, at = [], 0
    for name in names:
        start = text.index(name, at)
        at = start + len(name)
        out.append(PlaceMention(name, start, at, f"test:{name}", None, name, name, None, None, "SY", None, "place", "village"))
    return out


# (text, the trigger word, the places named, the places the trigger's list takes)
LISTS = [
    ("قصفت الطائرات بلدات كنصفرة وحزارين وكفرعويد", "قصفت", ("كنصفرة", "حزارين", "كفرعويد"), {"كنصفرة", "حزارين", "كفرعويد"}),
    ("قصفت الطائرات كنصفرة. ثم وصلت التعزيزات إلى حزارين", "قصفت", ("كنصفرة", "حزارين"), {"كنصفرة"}),  # a sentence apart
    ("اعتقلت القوات الشاب سامي من بلدة كنصفرة، والشاب ماهر من قرية حزارين", "اعتقلت", ("كنصفرة", "حزارين"),
     {"كنصفرة"}),  # a roster is read only when asked for
]


@pytest.mark.parametrize("text,trigger,names,taken", LISTS, ids=[c[0] for c in LISTS])
def test_the_list_a_trigger_takes(text, trigger, names, taken):
    start = text.index(trigger)
    places = mentions(text, *names)
    assert {p.text for p in nearest_list(text, _At(start, start + len(trigger)), places)} == taken


def test_a_roster_s_places_each_come_after_min():
    text = "اعتقلت القوات الشاب سامي من بلدة كنصفرة، والشاب ماهر من قرية حزارين"
    a, b = mentions(text, "كنصفرة", "حزارين")
    assert roster_neighbours(text, a, b)
    start = text.index("اعتقلت")
    assert {p.text for p in nearest_list(text, _At(start, start + 6), [a, b], roster=True)} == {"كنصفرة", "حزارين"}
    plain = "قصفت الطائرات كنصفرة في الصباح الباكر قبل أن تنتقل إلى حزارين"
    assert not roster_neighbours(plain, *mentions(plain, "كنصفرة", "حزارين"))


@pytest.mark.parametrize("words,expected", [
    (["مثل"], "directly"),
    (["وبعض", "المناطق", "مثل"], "after words"),
    (["جنوب", "البلاد", "اضافه", "الي", "مدن"], "adds"),  # a phrase adds the next places, past its cue
    (["جنوب", "البلاد"], ""),
])
def test_what_the_words_between_two_places_do(words, expected):
    assert opens_examples(words, frozenset({("مثل",)}), frozenset({("اضافه", "الي")}), frozenset({"مدن"})) == expected


def test_places_listed_next_to_each_other():
    text = "نزح المدنيون من كنصفرة، حزارين. ووصلوا إلى كفرعويد"
    a, b, c = mentions(text, "كنصفرة", "حزارين", "كفرعويد")
    assert listed_next(text, a, b) and not listed_next(text, b, c)
