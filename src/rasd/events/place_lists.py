"""Lists of places in a report's words: which places one list names, and where a list goes on.

A report names the places of one happening as a list (بلدات خان شيخون والتمانعة وبدامة), past a marker
(في بعض المناطق، مثل X وY), across an aside (إضافة إلى مدن Z)، or as a roster of people each with the place
they come from (الشاب X من بلدة A، وY من قرية B). These functions read such lists on the original text;
the event stage decides which trigger takes which list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from rasd.records import PlaceMention

ELABORATION_GAP = 60  # characters from a place to the examples that follow it (وبعض المناطق في ريف المحافظة، مثل)
LIST_GAP = 20  # characters between two places of one list (وبدامة، وقرى: one unread name may stand between)
ROSTER_GAP = 60  # characters between two places of a roster (الشاب X من بلدة A، وY من قرية B)


class Spanned(Protocol):
    """Anything with original offsets (a trigger)."""

    start: int
    end: int


def listed_with(text: str, place: PlaceMention, named: list[PlaceMention]) -> bool:
    """Whether a place stands in a list with another (X وY، X، Y)."""
    for other in named:
        if other is place:
            continue
        a, b = (other, place) if other.start < place.start else (place, other)
        gap = text[a.end:b.start]
        if len(gap) <= LIST_GAP and any(j in gap for j in ("و", ",", "،")) and "\n" not in gap:
            return True
    return False


def listed_next(text: str, a: PlaceMention, b: PlaceMention) -> bool:
    """b follows a in one list: a comma or و, and little else, between them."""
    gap = text[a.end:b.start]
    return len(gap) <= LIST_GAP and any(j in gap for j in ("و", ",", "،")) and "\n" not in gap and "." not in gap


def nearest_list(text: str, trigger: Spanned, places: list[PlaceMention], pool: list[PlaceMention] | None = None,
                 marker_between: Callable[[int, int], str] = lambda start, end: "", roster: bool = False) -> list[PlaceMention]:
    """The place nearest the trigger, with the places listed with it (بلدات خان شيخون والتمانعة وبدامة);
    ``marker_between(start, end)`` says what the words between two places do (``opens_examples``);
    with ``roster``, also those of a list of people each named with where they are from (اعتقال الشاب X
    من بلدة A، وY من قرية B).

    A long sentence names places of several happenings; an event takes the
    ones its own words point at, not all of them.
    """
    if not places:
        return []

    def distance(p: PlaceMention) -> int:
        # places after the trigger are what it acts on (قصفت ... بلدة X); a little preferred
        return p.start - trigger.end if p.start >= trigger.end else (trigger.start - p.end) * 2

    pool = places if pool is None else pool
    if not pool:
        return []
    nearest = places.index(min(pool, key=distance))
    group = [places[nearest]]
    for step in (-1, 1):
        k = nearest
        while 0 <= k + step < len(places):
            a, b = (places[k], places[k + step]) if step == 1 else (places[k + step], places[k])
            gap = text[a.end:b.start]
            opened = step == 1 and len(gap) <= ELABORATION_GAP and "\n" not in gap and "." not in gap \
                and marker_between(a.end, b.start)
            if opened:
                # في بعض المناطق، مثل X وY؛ ريف حلب الغربي، بينها دارة عزة: the examples name where it
                # happened; an area they directly elaborate gives way to them
                if opened == "directly" and len(group) > 1:
                    group.remove(a)
            elif (len(gap) > LIST_GAP or not any(j in gap for j in ("و", ",", "،", "-", "–", "/")) or "\n" in gap) \
                    and not (roster and roster_neighbours(text, a, b)):
                break
            group.insert(0 if step == -1 else len(group), places[k + step])
            k += step
    return group


_FROM_BEFORE = re.compile(r"(?:^|\s)من\s+(?:\S+\s+)?$")


def roster_neighbours(text: str, a: PlaceMention, b: PlaceMention) -> bool:
    """Two places of a roster: each right after من (and a cue), a person's name and a comma or و between."""
    gap = text[a.end:b.start]
    return len(gap) <= ROSTER_GAP and any(j in gap for j in ("و", ",", "،")) and not any(j in gap for j in ".\n:؛") \
        and all(_FROM_BEFORE.search(text, max(0, p.start - 20), p.start) for p in (a, b))


def opens_examples(words: list[str], elaboration: frozenset[tuple[str, ...]],
                    continuations: frozenset[tuple[str, ...]] = frozenset(), cues: frozenset[str] = frozenset()) -> str:
    """"directly" when the (normalised) ``words`` between two places are only a marker (، بينها),
    "after words" when words come before it (وبعض المناطق في ريف المحافظة، مثل), "adds" when they end in
    a phrase adding the next place to the list (إضافة إلى مدن), "" otherwise."""
    adding = words[:-1] if words and words[-1] in cues else words
    for size in (3, 2, 1):
        if len(adding) >= size and tuple(adding[-size:]) in continuations:
            return "adds"
    for size in (2, 1):
        if len(words) >= size and tuple(words[-size:]) in elaboration:
            return "directly" if len(words) == size else "after words"
    return ""
