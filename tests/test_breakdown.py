"""The (place, figure) pairs of a toll broken down by place, read alone (events/breakdown.py).
One case per line: the text, its places, its numbers, and the pairs expected."""

from __future__ import annotations

import pytest

from rasd.events.breakdown import place_figures
from rasd.records import PlaceMention, Quantity

LINKS = frozenset({"في", "من", "قرية", "وفي", "ومن"})

CASES = [
    ("2 في بانياس، 7 في قرية بصرمون", ["بانياس", "بصرمون"], ["2", "7"], [("بانياس", "2"), ("بصرمون", "7")]),
    ("(بغداد 8، ميسان 9)", ["بغداد", "ميسان"], ["8", "9"], [("بغداد", "8"), ("ميسان", "9")]),
    ("– اللاذقية: 836.", ["اللاذقية"], ["836"], [("اللاذقية", "836")]),
    ("10 من قرية كوجو", ["كوجو"], ["10"], [("كوجو", "10")]),
    ("3 في قرية الشراشير، و38 في الشلفاطية", ["الشراشير", "الشلفاطية"], ["3", "38"],
     [("الشراشير", "3"), ("الشلفاطية", "38")]),
    ("قتل 5 مدنيين في قصف على بانياس", ["بانياس"], ["5"], []),  # words between the figure and the place
    ("قتل 5، وفي بانياس", ["بانياس"], ["5"], []),  # a comma ends the pair
    ("بانياس والقرى المجاورة 12", ["بانياس"], ["12"], []),  # words after the place
]


def _place(text: str, words: str) -> PlaceMention:
    start = text.index(words)
    return PlaceMention(words, start, start + len(words), f"test:{words}", None, words, words, None, None, "SY", None,
                        "place", "city")


def _number(text: str, words: str) -> Quantity:
    start = text.index(words)
    return Quantity(words, start, start + len(words), float(words), float(words), None, "exact")


@pytest.mark.parametrize("text,places,numbers,expected", CASES, ids=[c[0] for c in CASES])
def test_place_figures(text, places, numbers, expected):
    pairs = place_figures(text, [_place(text, p) for p in places], [_number(text, n) for n in numbers],
                          lambda word: word in LINKS)
    assert [(p.text, q.text) for p, q in pairs] == expected
    for place, figure in pairs:
        assert text[place.start:place.end] == place.text and text[figure.start:figure.end] == figure.text
