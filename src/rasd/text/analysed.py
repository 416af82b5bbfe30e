"""A document's text after the text layer: normalised, tokenised, segmented."""

from __future__ import annotations

from dataclasses import dataclass

from rasd.text.normalise import NormalisedText
from rasd.text.sentences import SentenceSpan
from rasd.text.tokens import Token


@dataclass(frozen=True, slots=True)
class AnalysedText:
    """Normalised text with its tokens and sentence spans (normalised offsets).

    :meth:`original_span` is the one place where a normalised span becomes
    the original offsets and words reported to users.
    """

    normalised: NormalisedText
    tokens: list[Token]
    sentences: list[SentenceSpan]

    @property
    def text(self) -> str:
        return self.normalised.text

    def original_span(self, start: int, end: int) -> tuple[int, int, str]:
        """``(start, end, quote)`` in the original text for a normalised span."""
        s, e = self.normalised.to_original(start, end)
        return s, e, self.normalised.original[s:e]

    def token_span(self, first: int, last: int) -> tuple[int, int, str]:
        """Original span covering tokens ``first..last`` (inclusive)."""
        return self.original_span(self.tokens[first].start, self.tokens[last].end)
