"""Arabic number words and their compounds (ستة وعشرون، ثلاثة آلاف وخمسمائة).

Parsing keeps a running (low, high) pair so that vague words (عشرات، بضعة)
and the scales after them (عشرات الآلاف) give ranges by the same arithmetic
as exact numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, model_validator

from rasd.text.clitics import CliticAnalyser
from rasd.text.lexicon import PhraseLexicon
from rasd.text.tokens import Token

WordKind = Literal["unit", "ten", "tens", "hundred", "scale", "scale_dual", "scale_plural", "vague", "few"]


class NumberWordEntry(BaseModel):
    value: int
    kind: WordKind
    forms: list[str]
    standalone: bool = True
    low: int | None = None
    high: int | None = None

    @model_validator(mode="after")
    def _ranges_have_bounds(self) -> NumberWordEntry:
        if self.kind in ("vague", "few") and (self.low is None or self.high is None):
            raise ValueError(f"{self.kind} entry {self.forms[:1]} needs low and high")
        return self


class NumberWordsSpec(BaseModel):
    """Schema of ``numbers.yaml``."""

    version: int
    words: list[NumberWordEntry]


@dataclass(frozen=True, slots=True)
class NumberWord:
    value: int
    kind: str
    standalone: bool
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number read from tokens ``first..last``; ``high`` is None when exact."""

    first: int
    last: int
    low: float
    high: float | None


class NumberWords:
    """Compiled number-word lexicon and compound parser."""

    def __init__(self, spec: NumberWordsSpec, normalise_term: Callable[[str], str], clitics: CliticAnalyser) -> None:
        entries: list[tuple[str, NumberWord]] = []
        for entry in spec.words:
            if entry.kind == "scale_plural":
                low, high = 2 * entry.value, 10 * entry.value - 1
            else:
                low = entry.low if entry.low is not None else entry.value
                high = entry.high if entry.high is not None else entry.value
            word = NumberWord(entry.value, entry.kind, entry.standalone, low, high)
            entries.extend((form, word) for form in entry.forms)
        self.lexicon: PhraseLexicon[NumberWord] = PhraseLexicon(entries, normalise_term, clitics)
        # واحد، واحدة: "one" that stands by itself, as written after a noun (شخص واحد); not أحد (one of)
        self.one_forms = frozenset(normalise_term(form) for entry in spec.words
                                   if entry.value == 1 and entry.kind == "unit" and entry.standalone for form in entry.forms)

    def is_number_word(self, token: Token) -> bool:
        return token.text in self.lexicon

    def parse(self, tokens: Sequence[Token], i: int) -> ParsedNumber | None:
        """Read the longest number-word compound starting at token ``i``."""
        lexicon = self.lexicon
        first = lexicon.match_at(tokens, i)
        if first is None:
            return None
        state = _Compound()
        if not state.start(first.payload):
            return None
        last = i
        j = i + 1
        n = len(tokens)
        while j < n:
            match = lexicon.match_at(tokens, j)
            if match is None or not state.extend(match.payload, match.prefix):
                break
            last = j
            j += 1
        if not first.payload.standalone and last == i:
            return None
        low, high = state.result()
        return ParsedNumber(i, last, low, None if high == low else high)

    def scale_after(self, tokens: Sequence[Token], j: int) -> NumberWord | None:
        """A scale word (ألف، آلاف، مليون) at token ``j`` multiplying digits before it."""
        if j >= len(tokens):
            return None
        match = self.lexicon.match_at(tokens, j)
        if match is None or match.prefix not in ("", "ال"):
            return None
        if match.payload.kind in ("scale", "scale_plural"):
            return match.payload
        return None


class _Compound:
    """Running state of a compound number: finished thousands groups plus the current block."""

    def __init__(self) -> None:
        self.total_low = 0.0
        self.total_high = 0.0
        self.block_low = 0.0
        self.block_high = 0.0
        self.last_kind = ""
        self.last_unit = 0
        self.last_scale = 0
        self.ranged = False

    def start(self, word: NumberWord) -> bool:
        if word.kind in ("scale_plural", "vague", "few"):
            self.block_low, self.block_high = word.low, word.high
            self.ranged = True
        elif word.kind in ("scale", "scale_dual"):
            # ألف، ألفان: a completed thousands group that و may continue
            self.total_low = self.total_high = word.value
            self.last_scale = word.value if word.kind == "scale" else word.value // 2
        else:
            self.block_low = self.block_high = word.value
        if word.kind == "unit":
            self.last_unit = word.value
        self.last_kind = word.kind
        return True

    def extend(self, word: NumberWord, prefix: str) -> bool:
        kind = word.kind
        if prefix == "و":
            return self._join_with_and(word)
        if prefix not in ("", "ال"):
            return False
        last = self.last_kind
        if prefix == "" and kind == "ten" and last == "unit":
            self._add(10, 10)  # ستة عشر: a teen
            self.last_kind = "teen"
            return True
        if prefix == "" and kind == "hundred" and word.value == 100 and last == "unit":
            extra = self.last_unit * 99  # ثلاث مئة: the unit becomes a count of hundreds
            self._add(extra, extra)
            self.last_kind = "hundred"
            return True
        if kind in ("scale", "scale_plural") and last in ("unit", "ten", "teen", "tens", "hundred", "vague", "few"):
            if prefix == "ال" and last not in ("vague", "few"):
                return False
            if kind == "scale_plural" and last not in ("unit", "ten", "vague", "few"):
                return False
            self._apply_scale(word.value)
            self.last_kind = "scale"
            return True
        return False

    def _join_with_and(self, word: NumberWord) -> bool:
        """و + number word continues the compound only in the standard order."""
        if self.ranged:
            return False
        kind = word.kind
        block = self.block_low
        if block == 0:
            # after a completed thousands group: ألف وخمسمائة
            ok = self.total_low > 0 and kind in ("unit", "ten", "tens", "hundred") and word.value < self.last_scale
        elif kind == "tens":
            # units before tens (ستة وعشرون، مئة وستة وعشرون), or tens after hundreds (مئة وخمسون)
            ok = (0 < block % 100 < 10 and self.last_kind == "unit") or block % 100 == 0
        else:
            # a unit or ten after whole hundreds: مئة وستة
            ok = kind in ("unit", "ten") and block % 100 == 0
        if not ok:
            return False
        if kind == "unit":
            self.last_unit = word.value
        self._add(word.value, word.value)
        self.last_kind = kind
        return True

    def _add(self, low: float, high: float) -> None:
        self.block_low += low
        self.block_high += high

    def _apply_scale(self, scale: int) -> None:
        low = self.block_low or 1
        high = self.block_high or 1
        self.total_low += low * scale
        self.total_high += (high + 1) * scale - 1 if self.ranged else high * scale
        self.block_low = self.block_high = 0
        self.last_scale = scale

    def result(self) -> tuple[float, float]:
        return self.total_low + self.block_low, self.total_high + self.block_high
