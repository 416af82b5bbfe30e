"""Sentence segmentation for news Arabic.

Splits on . ? ! ; (in their Arabic forms too, after normalisation) and on
line breaks, but not inside numbers and dates (2.5، 12.3.2017) nor after an
abbreviation (د. محمد). Offsets are into the normalised text; the caller maps
them back through the :class:`~rasd.text.normalise.NormalisedText`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel


class SegmentationSpec(BaseModel):
    """Schema of ``segmentation.yaml``."""

    version: int
    terminators: list[str]
    abbreviations: list[str]


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    start: int
    end: int


class SentenceSplitter:
    def __init__(self, spec: SegmentationSpec, normalise_term: Callable[[str], str]) -> None:
        terms = "".join(re.escape(t) for t in spec.terminators)
        # a run of terminators (and closing quotes/brackets) then space or end;
        # or any line break
        # a run of terminators (with closing quotes/brackets) followed by space,
        # the end, or an Arabic letter (news often omits the space); or a line
        # break. A dot between digits is never followed by those.
        self._boundary = re.compile(rf"[{terms}]+[\"\)\]]*(?=\s|$|[\u0621-\u064A])|\n+")
        self._abbreviations = frozenset(normalise_term(a) for a in spec.abbreviations)
        self._word_before = re.compile(r"([^\W\d_]+)$")

    def split(self, text: str) -> list[SentenceSpan]:
        spans: list[SentenceSpan] = []
        start = 0
        for match in self._boundary.finditer(text):
            cut = match.end()
            mark = match.group()
            if mark[0] == "." and mark.rstrip("\")]") == ".":
                before = self._word_before.search(text, max(start, match.start() - 12), match.start())
                if before and before.group(1) in self._abbreviations:
                    continue
            self._add(text, start, cut, spans)
            start = cut
        self._add(text, start, len(text), spans)
        return spans

    @staticmethod
    def _add(text: str, start: int, end: int, spans: list[SentenceSpan]) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(SentenceSpan(start, end))


