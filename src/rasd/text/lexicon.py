"""Phrase lexicons: many multi-word entries matched over tokens in one pass.

An entry is a phrase of one or more words. Its first word may carry
proclitics in text (بستة، والعام الماضي), so every written form of the first
word is compiled into one dictionary; the following words must match exactly.
Lookup at a token is a dictionary access, and the longest phrase wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rasd.text.clitics import CliticAnalyser
from rasd.text.tokens import Token

PayloadT = TypeVar("PayloadT")


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[PayloadT]):
    """A lexicon phrase found at tokens ``[first, last]`` (inclusive)."""

    first: int
    last: int
    payload: PayloadT
    prefix: str
    phrase: str

    @property
    def next(self) -> int:
        return self.last + 1


class PhraseLexicon(Generic[PayloadT]):
    """Compiled phrase lookup. Build once per resource; lookups are read-only."""

    def __init__(
        self,
        entries: Iterable[tuple[str, PayloadT]],
        normalise_term: Callable[[str], str],
        clitics: CliticAnalyser | None,
        without_article: Iterable[str] = (),
    ) -> None:
        """``without_article``: entries that never take the article (verbs)."""
        bare = {normalise_term(w) for w in without_article}
        index: dict[str, list[tuple[tuple[str, ...], PayloadT, str, str]]] = {}
        self.longest = 0
        for phrase, payload in entries:
            words = normalise_term(phrase).split()
            if not words:
                continue
            self.longest = max(self.longest, len(words))
            forms = clitics.prefixed_forms(words[0], article=" ".join(words) not in bare) if clitics else [(words[0], "")]
            for written, prefix in forms:
                index.setdefault(written, []).append((tuple(words[1:]), payload, prefix, " ".join(words)))
        for candidates in index.values():
            # the longest phrase first, and for equal length the form needing no prefix
            candidates.sort(key=lambda c: (-len(c[0]), len(c[2])))
        self._index = index

    def __contains__(self, word: str) -> bool:
        return word in self._index

    def single_words(self, payloads: Iterable[PayloadT]) -> frozenset[str]:
        """Every written form of the one-word entries whose payload is in ``payloads``."""
        wanted = set(payloads)
        return frozenset(written for written, candidates in self._index.items()
                         if any(not rest and payload in wanted for rest, payload, _, _ in candidates))

    def first_words(self) -> frozenset[str]:
        """Every written form that can start an entry (to skip tokens cheaply)."""
        return frozenset(self._index)

    def match_at(self, tokens: Sequence[Token], i: int) -> PhraseMatch[PayloadT] | None:
        """Longest entry starting at token ``i``, or None."""
        candidates = self._index.get(tokens[i].text)
        if not candidates:
            return None
        n = len(tokens)
        for rest, payload, prefix, phrase in candidates:
            last = i + len(rest)
            if last >= n:
                continue
            if all(tokens[i + 1 + k].text == word for k, word in enumerate(rest)):
                return PhraseMatch(i, last, payload, prefix, phrase)
        return None
