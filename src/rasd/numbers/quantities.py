"""Find quantities: digits or number words, with qualifier, range and kind.

A number that is part of a date, a year, an age, a percentage, an amount of
money, a measure, a duration or an identifier (الفرقة 17) is labelled so,
and only ``count`` quantities are offered to the events stage as counts.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from rasd import records
from rasd.numbers.context import QuantityContext
from rasd.numbers.words import NumberWords, ParsedNumber
from rasd.records import DateClaim, Quantity
from rasd.text.analysed import AnalysedText
from rasd.text.lexicon import PhraseMatch
from rasd.text.tokens import NUMBER, WORD, Token

_OPENERS = {'"': '"', "(": ")", "[": "]"}
_CLOSERS = frozenset({'"', ")", "]"})
_AGE_CUE_WINDOW = 5


class QuantityFinder:
    def __init__(self, words: NumberWords, context: QuantityContext) -> None:
        self.words = words
        self.context = context
        self._number_first_words = words.lexicon.first_words()
        self._dual_words = context.duals.first_words()
        self._qualifier_first_words = context.before.first_words()

    def find(self, doc: AnalysedText, claims: Sequence[DateClaim] = ()) -> list[Quantity]:
        tokens = doc.tokens
        ctx = self.context
        claims = sorted(claims, key=lambda c: c.start)
        claim_starts = [c.start for c in claims]
        found: list[Quantity] = []
        number_words = self._number_first_words
        duals = self._dual_words
        i = 0
        n = len(tokens)
        while i < n:
            token = tokens[i]
            parsed: ParsedNumber | None = None
            kind = token.kind
            if kind == NUMBER:
                parsed = self._digits(tokens, i)
            elif kind == WORD:
                if token.text in number_words:
                    parsed = self.words.parse(tokens, i)
                elif token.text in duals:
                    s, e, quote = doc.token_span(i, i)
                    found.append(Quantity(quote, s, e, 2, 2, None, "exact", records.COUNT))
                    i += 1
                    continue
            if parsed is None:
                i += 1
                continue
            quantity, i = self._build(doc, parsed, claims, claim_starts)
            found.append(quantity)
        return found

    def _digits(self, tokens: Sequence[Token], i: int) -> ParsedNumber:
        value = tokens[i].number_value()
        scale = self.words.scale_after(tokens, i + 1)
        if scale is not None:
            return ParsedNumber(i, i + 1, value * scale.value, None)
        return ParsedNumber(i, i, value, None)

    def _next_number(self, tokens: Sequence[Token], j: int) -> ParsedNumber | None:
        if j >= len(tokens):
            return None
        if tokens[j].is_number:
            return self._digits(tokens, j)
        if tokens[j].is_word and tokens[j].text in self.words.lexicon:
            return self.words.parse(tokens, j)
        return None

    def _range_tail(self, tokens: Sequence[Token], parsed: ParsedNumber, opened: bool) -> ParsedNumber | None:
        """The second number of a range (10-15، 10 إلى 15، بين 10 و15، 3 أو 4)."""
        j = parsed.last + 1
        if j >= len(tokens):
            return None
        joiner = tokens[j].text
        second: ParsedNumber | None = None
        if joiner in self.context.range_join and joiner != "و":
            second = self._next_number(tokens, j + 1)
        elif opened and joiner == "و":
            second = self._next_number(tokens, j + 1)
        elif opened and tokens[j].is_word and joiner.startswith("و"):
            # بين عشرة وخمسة عشر: the و is a clitic of the second number word
            match = self.words.lexicon.match_at(tokens, j)
            if match is not None and match.prefix == "و":
                second = self.words.parse(tokens, j)
        if second is None or (second.high or second.low) <= parsed.low:
            return None
        return second

    def _build(
        self,
        doc: AnalysedText,
        parsed: ParsedNumber,
        claims: Sequence[DateClaim],
        claim_starts: Sequence[int],
    ) -> tuple[Quantity, int]:
        tokens = doc.tokens
        ctx = self.context
        first, last = parsed.first, parsed.last
        low, high = parsed.low, parsed.high
        qualifier = "exact" if high is None else "range"

        before = first - 1
        while before >= 0 and tokens[before].text in _OPENERS:
            before -= 1
        opener = tokens[first - 1].text if first > 0 and tokens[first - 1].text in _OPENERS else None
        span_first = first
        opened_range = before >= 0 and tokens[before].text in ctx.range_open
        second = self._range_tail(tokens, parsed, opened_range)
        if second is not None:
            high = second.high if second.high is not None else second.low
            qualifier = "range"
            last = second.last
            if opened_range:
                span_first = before
        else:
            match = self._qualifier_ending_at(tokens, before)
            if match is not None and qualifier == "exact":
                qualifier = match.payload
                span_first = match.first

        after = last + 1
        span_last = last
        kind = records.COUNT
        claim = self._claim(tokens[first].start, tokens[last].end, claims, claim_starts)
        if claim is not None:
            if claim.kind == "duration":
                kind = records.DURATION
            elif tokens[first].is_number and len(tokens[first].text) == 4 and first == last:
                kind = records.YEAR
            else:
                kind = records.DATE_PART
        elif self._is_time(tokens, after):
            kind = records.TIME
            span_last = after = after + 1
            after += 1
        else:
            closer = after if opener and after < len(tokens) and tokens[after].text == _OPENERS[opener] else None
            unit_at = after + 1 if closer is not None else after
            unit = ctx.after_kind.match_at(tokens, unit_at) if unit_at < len(tokens) else None
            if unit is not None:
                kind = unit.payload
                span_last = after = unit.last
                after += 1
                if kind == records.DURATION and tokens[unit.first].text in ctx.age_units and self._age_cue(tokens, first, opener):
                    kind = records.AGE
            elif before >= 0 and tokens[before].text in ctx.identifier_before and tokens[first].is_number:
                kind = records.IDENTIFIER
        if opener and after < len(tokens) and tokens[after].text == _OPENERS[opener]:
            # quote the number with its quotes or brackets: نحو “8”، (4)، (80 %)
            span_last = after
            after += 1
            if span_first == first:
                span_first = first - 1
        if qualifier == "exact" and kind == records.COUNT:
            qualifier, span_last = self._after_qualifier(tokens, after, qualifier, span_last)

        s, e, quote = doc.token_span(span_first, span_last)
        next_token = last + 1 if kind == records.COUNT else span_last + 1
        return Quantity(quote, s, e, low, low, high, qualifier, kind), next_token

    def _qualifier_ending_at(self, tokens: Sequence[Token], last: int) -> PhraseMatch[str] | None:
        """The longest qualifier phrase (نحو، ما لا يقل عن) whose last word is token ``last``.

        Looked up only before numbers, which are rare, instead of scanning the
        whole text for frequent words such as ما and على.
        """
        if last < 0:
            return None
        first_words = self._qualifier_first_words
        for k in range(max(0, last - self.context.before.longest + 1), last + 1):
            if tokens[k].text in first_words:
                match = self.context.before.match_at(tokens, k)
                if match is not None and match.last == last:
                    return match
        return None

    def _after_qualifier(self, tokens: Sequence[Token], after: int, qualifier: str, span_last: int) -> tuple[str, int]:
        """على الأقل، تقريبا after the number or after its noun (8 أشخاص على الأقل)."""
        for k in (after, after + 1):
            if k >= len(tokens):
                break
            match = self.context.after.match_at(tokens, k)
            if match is not None:
                return match.payload, match.last
            if not tokens[k].is_word:
                break
        return qualifier, span_last

    @staticmethod
    def _is_time(tokens: Sequence[Token], after: int) -> bool:
        return after + 1 < len(tokens) and tokens[after].text == ":" and tokens[after + 1].is_number

    def _age_cue(self, tokens: Sequence[Token], first: int, opener: str | None) -> bool:
        if opener == "(":
            return True
        cues = self.context.age_cues
        for k in range(max(0, first - _AGE_CUE_WINDOW), first):
            if tokens[k].text in cues:
                return True
        return False

    @staticmethod
    def _claim(start: int, end: int, claims: Sequence[DateClaim], starts: Sequence[int]) -> DateClaim | None:
        """The date claim containing ``[start, end)``; claims are sorted and disjoint."""
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and end <= claims[k].end:
            return claims[k]
        return None
