"""Actors: canonical actors with Arabic aliases, found in text (``actors.yaml``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from rasd.records import ActorMention
from rasd.text.analysed import AnalysedText
from rasd.text.clitics import CliticAnalyser
from rasd.text.lexicon import PhraseLexicon


class PeriodName(BaseModel):
    name: str
    until: int
    aliases: list[str]


class ActorEntry(BaseModel):
    id: str
    name: str
    type: str
    country: str | None
    aliases: list[str]
    refers_back: list[str] = []
    names_by_period: list[PeriodName] = []
    air_strikes: bool = False  # has aircraft or drones: only such an actor carries out an air strike
    adjectives: list[str] = []  # name the actor right after a happening's word (القصف التركي)


class ActorsSpec(BaseModel):
    """Schema of ``actors.yaml``."""

    version: int
    actors: list[ActorEntry]


@dataclass(frozen=True, slots=True)
class _Alias:
    actors: tuple[int, ...]
    refers_back: bool


class ActorFinder:
    def __init__(self, spec: ActorsSpec, normalise_term: Callable[[str], str], clitics: CliticAnalyser) -> None:
        self.actors = spec.actors
        by_alias: dict[tuple[str, bool], list[int]] = {}
        for k, actor in enumerate(spec.actors):
            for alias in actor.aliases:
                by_alias.setdefault((normalise_term(alias), False), []).append(k)
            for alias in actor.refers_back:
                by_alias.setdefault((normalise_term(alias), True), []).append(k)
        entries = [(alias, _Alias(tuple(ids), back)) for (alias, back), ids in by_alias.items()]
        self.lexicon: PhraseLexicon[_Alias] = PhraseLexicon(entries, normalise_term, clitics)
        self._first_words = self.lexicon.first_words()
        self.air_capable = frozenset(actor.id for actor in spec.actors if actor.air_strikes)
        self._adjectives = {normalise_term(a): k for k, actor in enumerate(spec.actors) for a in actor.adjectives}

    def named_by_adjective(self, doc: AnalysedText, token: int) -> ActorMention | None:
        """The actor a nationality adjective at ``token`` names (الروسية in الغارات الروسية); only a happening's
        word before it makes it one, which the caller knows."""
        if not 0 <= token < len(doc.tokens):
            return None
        k = self._adjectives.get(doc.tokens[token].text)
        if k is None:
            return None
        actor = self.actors[k]
        s, e, quote = doc.token_span(token, token)
        return ActorMention(quote, s, e, actor.id, actor.name, actor.type)

    def find(self, doc: AnalysedText, countries: Sequence[str] = ()) -> list[ActorMention]:
        """Actor mentions; a shared alias goes to the actor of the document's ``countries``."""
        tokens = doc.tokens
        raw: list[tuple[int, int, _Alias, str]] = []
        i = 0
        while i < len(tokens):
            if tokens[i].text in self._first_words:
                match = self.lexicon.match_at(tokens, i)
                if match is not None:
                    raw.append((i, match.last, match.payload, match.prefix))
                    i = match.next
                    continue
            i += 1
        named = {k for _, _, alias, _ in raw if not alias.refers_back for k in alias.actors}
        mentions = []
        for first, last, alias, prefix in raw:
            candidates = [k for k in alias.actors if not alias.refers_back or k in named]
            if not candidates:
                continue
            k = self._choose(candidates, countries)
            actor = self.actors[k]
            # the conjunction or preposition of وقوات is not part of the name; the article is
            skip = len(prefix) - (2 if prefix.endswith("ال") else 1 if prefix.endswith("لل") else 0)
            s, e, quote = doc.original_span(tokens[first].start + skip, tokens[last].end)
            mentions.append(ActorMention(quote, s, e, actor.id, actor.name, actor.type))
        return mentions

    def _choose(self, candidates: list[int], countries: Sequence[str]) -> int:
        for country in countries:
            for k in candidates:
                if self.actors[k].country == country:
                    return k
        return candidates[0]
