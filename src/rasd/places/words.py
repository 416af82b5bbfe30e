"""Compiled place vocabulary: cues, directions, stoplist (``place_cues.yaml``, ``place_stoplist.yaml``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pydantic import BaseModel

from rasd.text.clitics import CliticAnalyser
from rasd.text.lexicon import PhraseLexicon

NEAR = "near"
DIRECTION = "direction"
STREET = "street"  # the cue kind of شارع، ساحة: where in a town, not a place of its own


def definite(prefix: str) -> bool:
    """Whether a cue's prefix holds the article (المدينة، بالحي، للحي where ل and ال fuse): the cue then
    refers to a place already named, it introduces no name."""
    return "ال" in prefix or prefix.endswith("لل")


class PlaceCuesSpec(BaseModel):
    """Schema of ``place_cues.yaml``."""

    version: int
    cues: dict[str, list[str]]
    near: list[str]
    directions: list[str]
    near_suffixes: list[str]
    actor_words: list[str]
    joinable: list[str]
    country_adjectives: dict[str, list[str]]
    name_second_words: list[str]
    not_names: list[str]
    strong_cues: list[str]
    list_openers: list[str] = []
    title_openers: list[str] = []
    title_cues: list[str] = []
    area_prepositions: list[str] = []
    list_cues: list[str] = []
    antecedent_openers: list[str] = []
    origin_words: list[str] = []
    person_titles: list[str] = []
    phrase_not_place: dict[str, list[str]] = {}
    origin_kinds: list[str] = []


class StoplistSpec(BaseModel):
    """Schema of ``place_stoplist.yaml``."""

    version: int
    words: list[str]


class PlaceWords:
    def __init__(
        self,
        cues: PlaceCuesSpec,
        stoplist: StoplistSpec,
        other_words: Iterable[str],
        normalise_term: Callable[[str], str],
        clitics: CliticAnalyser,
    ) -> None:
        n = normalise_term
        before = [(w, kind) for kind, words in cues.cues.items() for w in words]
        before += [(w, NEAR) for w in cues.near] + [(w, DIRECTION) for w in cues.directions]
        self.before: PhraseLexicon[str] = PhraseLexicon(before, n, clitics)
        self.before_first_words = self.before.first_words()
        self.near_suffixes: PhraseLexicon[str] = PhraseLexicon([(w, NEAR) for w in cues.near_suffixes], n, None)
        self.joinable = frozenset(n(w) for w in cues.joinable)
        self.name_second_words = frozenset(n(w) for w in cues.name_second_words)
        self.not_names = frozenset(n(w) for w in cues.not_names)
        self.strong_cues = frozenset(n(w) for w in cues.strong_cues)
        self.area_prepositions = frozenset(n(w) for w in cues.area_prepositions)
        self.list_cues = frozenset(n(w) for w in cues.list_cues)
        self.antecedent_openers = frozenset(n(w) for w in cues.antecedent_openers)
        self.origin_words = frozenset(n(w) for w in cues.origin_words)
        self.origin_kinds = frozenset(cues.origin_kinds)
        self.person_titles = frozenset(f for w in cues.person_titles for f, _ in clitics.prefixed_forms(n(w)))
        self.phrase_not_place = {n(name): frozenset(n(w) for w in words) for name, words in cues.phrase_not_place.items()}
        self.settlement_cues = frozenset(n(w) for kind in ("city", "town", "village") for w in cues.cues.get(kind, ()))
        self.list_openers: PhraseLexicon[str] = PhraseLexicon([(w, "list") for w in cues.list_openers], n, None)
        self.title_openers = frozenset(f for w in cues.title_openers for f, _ in clitics.prefixed_forms(n(w)))
        self.title_cues = frozenset(f for w in cues.title_cues for f, _ in clitics.prefixed_forms(n(w)))
        self.country_adjectives: PhraseLexicon[str] = PhraseLexicon(
            [(w, iso) for iso, words in cues.country_adjectives.items() for w in words], n, clitics
        )
        self.actor_words = frozenset(f for w in cues.actor_words for f, _ in clitics.prefixed_forms(n(w)))
        stop = {n(w) for w in stoplist.words} | {n(w) for w in other_words}
        self.stoplist = frozenset(stop)
