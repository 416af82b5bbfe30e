"""Proclitic analysis: which stems a written word can stand for.

Arabic attaches conjunctions, prepositions, the future particle and the
article to the next word (وبالمدينة = و + ب + ال + مدينة). Matching a lexicon
needs the stem, but names must never be cut by a root stemmer, so only the
closed set of proclitics in ``clitics.yaml`` is removed, and the whole word is
always tried first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel


class FutureSpec(BaseModel):
    forms: list[str]
    before: list[str]


class CliticSpec(BaseModel):
    """Schema of ``clitics.yaml``."""

    version: int
    conjunctions: list[str]
    prepositions: list[str]
    future: FutureSpec
    article: str
    fused_article: dict[str, str] = {}
    min_stem: int = 2


@dataclass(frozen=True, slots=True)
class Prefix:
    """One proclitic sequence as written, and what it contains."""

    written: str
    has_article: bool
    needs_verb: bool


class CliticAnalyser:
    """Generates the (prefix, stem) readings of a word, longest stem first."""

    def __init__(self, spec: CliticSpec, normalise_term: Callable[[str], str]) -> None:
        n = normalise_term
        article = n(spec.article)
        self.article = article
        self.conjunctions = frozenset(n(c) for c in spec.conjunctions)
        prefixes: dict[str, Prefix] = {}
        for conj in [""] + [n(c) for c in spec.conjunctions]:
            middles = [("", False)] + [(n(p), False) for p in spec.prepositions]
            middles += [(n(f), True) for f in spec.future.forms]
            for middle, is_future in middles:
                for with_article in (False, True):
                    if is_future and with_article:
                        continue
                    if with_article:
                        fused = spec.fused_article.get(middle)
                        written = conj + (n(fused) if fused else middle + article)
                    else:
                        written = conj + middle
                    if written:
                        prefixes[written] = Prefix(written, with_article, is_future)
        self.prefixes: tuple[Prefix, ...] = tuple(sorted(prefixes.values(), key=lambda p: len(p.written)))
        self.verb_letters = frozenset(n(c) for c in spec.future.before)
        self.min_stem = spec.min_stem

    def readings(self, word: str) -> list[tuple[str, str]]:
        """All ``(prefix, stem)`` readings of ``word``: the whole word first, then shorter stems."""
        result = [("", word)]
        for prefix in self.prefixes:
            written = prefix.written
            if len(word) - len(written) < self.min_stem or not word.startswith(written):
                continue
            stem = word[len(written):]
            if prefix.needs_verb and stem[0] not in self.verb_letters:
                continue
            result.append((written, stem))
        return result

    def prefixed_forms(self, stem: str, article: bool = True) -> list[tuple[str, str]]:
        """Every ``(written form, prefix)`` a lexicon ``stem`` may take in text.

        ``article=False`` leaves out the forms with the article (a verb never takes it: الجند is "the
        soldiers", not جنّد). ل before the article is written لل (للرقة, not لالرقة). A stem that
        looks as if it had the article may only look so after folding (آلاف is
        الاف), so the plain prefixed forms are kept for it too.
        """
        forms = [(stem, "")]
        has_article = stem.startswith(self.article)
        for prefix in self.prefixes:
            if prefix.needs_verb or (prefix.has_article and not article):
                continue
            forms.append((prefix.written + stem, prefix.written))
            if has_article and not prefix.has_article and prefix.written.endswith("ل"):
                forms.append((prefix.written + stem[1:], prefix.written))
        return forms
