"""Offset-preserving Arabic normalisation.

One :class:`Normaliser` folds both the lexicons and the input, so the same
word always meets itself. Every normalised character remembers the original
character it came from, so a match found on the normalised text is quoted
exactly as ``original[start:end]``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, field_validator

_CODEPOINT = re.compile(r"^U\+([0-9A-Fa-f]{4,6})(?:-U\+([0-9A-Fa-f]{4,6}))?$")


def _expand_chars(spec: str) -> list[str]:
    """``"U+0640"``, ``"U+064B-U+065F"`` or literal characters -> list of characters."""
    match = _CODEPOINT.match(spec)
    if not match:
        return list(spec)
    first = int(match.group(1), 16)
    last = int(match.group(2), 16) if match.group(2) else first
    if last < first:
        raise ValueError(f"range {spec} ends before it starts")
    return [chr(cp) for cp in range(first, last + 1)]


class NormalisationSpec(BaseModel):
    """Schema of ``normalisation.yaml``."""

    version: int
    delete: list[str]
    fold: dict[str, list[str]]
    lowercase_ascii: bool = True
    fold_presentation_forms: bool = True
    rejoin_split_words: bool = False

    @field_validator("fold")
    @classmethod
    def _targets_are_single_characters(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for target in value:
            if len(target) != 1:
                raise ValueError(f"fold target {target!r} must be one character")
        return value


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """Normalised text with the map back to the original.

    The map is a list of pieces: piece ``k`` starts at normalised offset
    ``norm_starts[k]`` and at original offset ``orig_starts[k]``; inside a piece
    the original offset advances by ``steps[k]`` per character (1 for copied
    text, 0 for the letters a ligature expanded into).
    """

    original: str
    text: str
    norm_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]
    steps: tuple[int, ...]

    def original_offset(self, position: int) -> int:
        """Original offset of the normalised character at ``position``."""
        if position >= len(self.text):
            return len(self.original)
        if len(self.norm_starts) == 1:
            return position  # nothing was deleted or expanded: offsets are the same
        k = bisect.bisect_right(self.norm_starts, position) - 1
        return self.orig_starts[k] + self.steps[k] * (position - self.norm_starts[k])

    def original_offsets(self, positions: Sequence[int]) -> list[int]:
        """``original_offset`` of each of the ascending ``positions``, in one walk (every token of a document)."""
        if len(self.norm_starts) == 1:
            return [min(p, len(self.original)) if p < len(self.text) else len(self.original) for p in positions]
        out = []
        k = 0
        starts, last = self.norm_starts, len(self.norm_starts) - 1
        for position in positions:
            if position >= len(self.text):
                out.append(len(self.original))
                continue
            while k < last and starts[k + 1] <= position:
                k += 1
            out.append(self.orig_starts[k] + self.steps[k] * (position - starts[k]))
        return out

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span ``[start, end)`` to the original span quoting it.

        Combining marks that follow the last character (tanween on ``عاماً``)
        belong to the quoted word, so the end is extended over them.
        """
        if end <= start:
            pos = self.original_offset(start)
            return pos, pos
        orig_start = self.original_offset(start)
        orig_end = self.original_offset(end - 1) + 1
        original = self.original
        while orig_end < len(original) and _is_attached_mark(original[orig_end]):
            orig_end += 1
        return orig_start, orig_end

    def quote(self, start: int, end: int) -> str:
        """Original text of a normalised span."""
        s, e = self.to_original(start, end)
        return self.original[s:e]


# تحـ ـريـ ـر: a word cut into pieces by tatweel and a space (to slip past filters) is one word
_SPLIT_WORD = "\u0640[ \u00a0]+\u0640"


def _is_attached_mark(char: str) -> bool:
    return char == "\u0640" or unicodedata.category(char) == "Mn"


class Normaliser:
    """Compiled from a :class:`NormalisationSpec`; use :meth:`normalise` on text."""

    def __init__(self, spec: NormalisationSpec) -> None:
        table: dict[int, str] = {}
        if spec.fold_presentation_forms:
            table.update(self._presentation_forms())
        if spec.lowercase_ascii:
            table.update({ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
        for target, sources in spec.fold.items():
            for source in sources:
                for char in _expand_chars(source):
                    table[ord(char)] = target
        # A fold into a character that is itself folded is resolved here, so
        # the table is applied once and is idempotent.
        for key, value in list(table.items()):
            table[key] = value.translate(table) if len(value) == 1 else value
        self._table = table
        special: dict[str, str] = {}
        for source in spec.delete:
            for char in _expand_chars(source):
                special[char] = ""
        if spec.fold_presentation_forms:
            for char, expansion in self._ligatures().items():
                special[char] = expansion.translate(table)
        for char in special:
            table.pop(ord(char), None)
        self._special = special
        alternatives = []
        if spec.rejoin_split_words:
            alternatives.append(_SPLIT_WORD)
        if special:
            alternatives.append("[" + "".join(re.escape(c) for c in sorted(special)) + "]")
        self._special_re = re.compile("|".join(alternatives)) if alternatives else None

    @staticmethod
    def _presentation_forms() -> dict[int, str]:
        folds: dict[int, str] = {}
        for start, end in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE)):
            for cp in range(start, end + 1):
                decomposed = unicodedata.normalize("NFKC", chr(cp))
                if len(decomposed) == 1 and decomposed != chr(cp):
                    folds[cp] = decomposed
        return folds

    @staticmethod
    def _ligatures() -> dict[str, str]:
        ligatures: dict[str, str] = {}
        for start, end in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE)):
            for cp in range(start, end + 1):
                decomposed = unicodedata.normalize("NFKC", chr(cp))
                if len(decomposed) > 1:
                    ligatures[chr(cp)] = "".join(c for c in decomposed if not unicodedata.combining(c))
        return ligatures

    def normalise(self, original: str) -> NormalisedText:
        """Normalise ``original`` and keep the offset map."""
        norm_starts = [0]
        orig_starts = [0]
        steps = [1]
        if self._special_re is None:
            return NormalisedText(original, original.translate(self._table), (0,), (0,), (1,))
        parts: list[str] = []
        pos = 0
        npos = 0
        special = self._special
        for match in self._special_re.finditer(original):
            i, j = match.span()
            parts.append(original[pos:i])
            npos += i - pos
            replacement = special.get(match.group(), "")  # a split word's tatweels and spaces go whole
            if replacement:
                parts.append(replacement)
                norm_starts.append(npos)
                orig_starts.append(i)
                steps.append(0)
                npos += len(replacement)
            norm_starts.append(npos)
            orig_starts.append(j)
            steps.append(1)
            pos = j
        parts.append(original[pos:])
        text = "".join(parts).translate(self._table)
        return NormalisedText(original, text, tuple(norm_starts), tuple(orig_starts), tuple(steps))

    def normalise_term(self, term: str) -> str:
        """Normalise a lexicon entry: same folding, whitespace collapsed."""
        return " ".join(self.normalise(term).text.split())
