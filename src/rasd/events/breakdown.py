"""A toll broken down by place: "توزعوا كالآتي: 2 في بانياس، 7 في قرية بصرمون"، "(بغداد 8، ميسان 9)"،
and lists of lines ("– اللاذقية: 836." / "10 من قرية كوجو").

Monitors give a total, then the figure for each place. Each (figure, place) pair is an event of the
total's type at that place, with that figure: the codebook's one event per named place, each with the
count the text gives it. This module only reads the pairs; the assembler decides whose breakdown it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rasd.records import PlaceMention, Quantity

MAX_LINK_WORDS = 2  # words between a figure and its place: في، من، قرية (2 في قرية X)
MIN_PAIRS = 2  # one figure beside one place is a sentence, not a breakdown
_AFTER_PLACE = re.compile(r"^[\s:\-–]*$")  # بغداد 8، اللاذقية: 836


def place_figures(text: str, places: Sequence[PlaceMention], counts: Sequence[Quantity],
                  is_link: Callable[[str], bool]) -> list[tuple[PlaceMention, Quantity]]:
    """The (place, figure) pairs of a stretch of text: a figure right before its place with only link words
    (``is_link``: في، من، a place cue) between them, or right after it with nothing but a colon or a dash."""
    pairs: list[tuple[PlaceMention, Quantity]] = []
    used: set[int] = set()
    ordered = sorted(counts, key=lambda q: q.start)
    for place in sorted(places, key=lambda p: p.start):
        before = [q for q in ordered if q.end <= place.start and id(q) not in used]
        if before and _linked(text[before[-1].end:place.start], is_link):
            pairs.append((place, before[-1]))
            used.add(id(before[-1]))
            continue
        after = [q for q in ordered if q.start >= place.end and id(q) not in used]
        if after and _AFTER_PLACE.match(text[place.end:after[0].start]):
            pairs.append((place, after[0]))
            used.add(id(after[0]))
    return pairs


def _linked(between: str, is_link: Callable[[str], bool]) -> bool:
    if any(mark in between for mark in ",،.;؛\n"):
        return False
    words = between.split()
    return 0 < len(words) <= MAX_LINK_WORDS and all(is_link(w) for w in words)
