"""Find quantities: digits or number words, with qualifier, range and kind.

A number that is part of a date, a year, an age, a percentage, an amount of
money, a measure, a duration or an identifier (الفرقة 17) is labelled so,
and only ``count`` quantities are offered to the events stage as counts.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from rasd import records
from rasd.numbers.context import QuantityContext
from rasd.numbers.words import NumberWords, ParsedNumber
from rasd.records import DateClaim, Quantity
from rasd.text.analysed import AnalysedText
from rasd.text.lexicon import PhraseMatch
from rasd.text.tokens import NUMBER, WORD, Token, word_before_in_clause

_OPENERS = {'"': '"', "(": ")", "[": "]"}
_CLOSERS = frozenset({'"', ")", "]"})
_AGE_CUE_WINDOW = 5
PERSON_NAME_WORDS = 3  # words of a person's name between them and the next person joined (الشاب سامي العلي وزوجته)
SINGULAR_WINDOW = 6  # tokens from اعتقلت to شاباً (اعتقلت دورية تابعة لقوات النظام شاباً)


@dataclass(slots=True)
class _Reading:
    """What has been read around one number so far (token indices)."""

    first: int
    last: int
    before: int  # the token before the number, past any opening quote or bracket
    opener: str | None
    high: float | None
    qualifier: str
    span_first: int
    span_last: int
    after: int = 0
    kind: str = records.COUNT


class QuantityFinder:
    def __init__(self, words: NumberWords, context: QuantityContext) -> None:
        self.words = words
        self.context = context
        self._number_first_words = words.lexicon.first_words()
        self._dual_words = context.duals.first_words()
        self._qualifier_first_words = context.before.first_words()

    def find(self, doc: AnalysedText, claims: Sequence[DateClaim] = ()) -> list[Quantity]:
        tokens = doc.tokens
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
                    if parsed is not None and parsed.last == i and parsed.low == 1 and self._one_of_a_thing(tokens, i):
                        i += 1
                        continue  # من أسرة واحدة، دفعة واحدة: "one" describes the noun before it, it counts no one
                elif token.text in duals:
                    s, e, quote = doc.token_span(i, i)
                    found.append(Quantity(quote, s, e, 2, 2, None, "exact", records.COUNT))
                    i += 1
                    continue
                elif self._one_person(tokens, i):
                    # مقتل امرأة وطفلتها، اعتقال شاب ووالده: each person joined by و counts one more
                    last, people = i, 1
                    if last + 1 < n and tokens[last + 1].text in self.words.one_forms:
                        last += 1  # شخص واحد: the number says the noun's one again, it adds no one
                    while (joined := self._next_joined_person(tokens, last)) is not None:
                        last, people = joined, people + 1
                    s, e, quote = doc.token_span(i, last)
                    found.append(Quantity(quote, s, e, people, people, None, "exact", records.COUNT))
                    i = last + 1
                    continue
            if parsed is None:
                i += 1
                continue
            quantity, i = self._build(doc, parsed, claims, claim_starts)
            found.append(quantity)
        return found

    def _one_person(self, tokens: Sequence[Token], i: int) -> bool:
        """A singular noun naming one person that what happened to them counts: after the happening
        (اعتقل شاباً، مقتل مدني) or before its verb (امرأة قتلت)."""
        text = tokens[i].text
        context = self.context
        if text in context.singular_people:
            if i > 0 and (tokens[i - 1].is_number or tokens[i - 1].text in self.words.lexicon):
                return False  # انشق 16 عنصراً: the noun after a number is what is counted, not one more person
            # اعتقلت قوات النظام شاباً، مقتل طفل: shortly after what happened to them, in the same clause
            return word_before_in_clause(tokens, i, context.singular_after, SINGULAR_WINDOW) or (
                i + 1 < len(tokens) and tokens[i + 1].text in context.singular_before)
        return text in context.singular_after_casualty and i > 0 and tokens[i - 1].text in context.casualty_words

    def _next_joined_person(self, tokens: Sequence[Token], last: int) -> int | None:
        """The token of one more person joined to the one ending at ``last``: right after it (امرأة وطفلتها)
        or after the person's name (الشاب سامي العلي وزوجته)."""
        for k in range(last + 1, min(len(tokens), last + 2 + PERSON_NAME_WORDS)):
            token = tokens[k]
            if token.kind == WORD and self._joined_person(token.text):
                return k
            if token.kind != WORD or token.text.startswith("و") or token.text in self.words.lexicon \
                    or token.text in self.context.singular_after:
                return None
        return None

    def _one_of_a_thing(self, tokens: Sequence[Token], i: int) -> bool:
        """واحدة agreeing with the feminine noun before it that names no person (أسرة واحدة، دفعة واحدة، غارة
        واحدة) is its adjective; after a verb (اعتقل واحد) or a person (امرأة واحدة) it counts one."""
        if i == 0 or tokens[i - 1].kind != WORD or not tokens[i].text.endswith("ه"):
            return False
        before = tokens[i - 1].text
        return before.endswith("ه") and before not in self.context.person_words \
            and before not in self.context.singular_after_casualty

    def _joined_person(self, text: str) -> bool:
        """وزوجته، وطفلتها، وشاب: one more person joined to the one before."""
        if not text.startswith("و"):
            return False
        rest = text[1:]
        return rest in self.context.singular_people or rest in self.context.companions

    def _digits(self, tokens: Sequence[Token], i: int) -> ParsedNumber:
        value = tokens[i].number_value()
        scale = self.words.scale_after(tokens, i + 1)
        if scale is not None:
            total = value * scale.value
            # 173 ألف و584: the smaller part after و adds to the thousands
            if i + 3 < len(tokens) and tokens[i + 2].text == "و" and tokens[i + 3].is_number \
                    and tokens[i + 3].number_value() < scale.value and self.words.scale_after(tokens, i + 4) is None:
                return ParsedNumber(i, i + 3, total + tokens[i + 3].number_value(), None)
            return ParsedNumber(i, i + 1, total, None)
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
        if (joiner in self.context.range_join and joiner != "و") or (opened and joiner == "و"):
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
        """Read what surrounds a number: range or qualifier, kind, enclosing quotes."""
        tokens = doc.tokens
        reading = self._qualify(tokens, parsed)
        claim = self._claim(tokens[parsed.first].start, tokens[reading.last].end, claims, claim_starts)
        self._classify(tokens, reading, claim)
        self._enclose(tokens, reading)
        if reading.qualifier == "exact" and reading.kind == records.COUNT:
            reading.qualifier, reading.span_last = self._after_qualifier(
                tokens, reading.after, reading.qualifier, reading.span_last
            )
        s, e, quote = doc.token_span(reading.span_first, reading.span_last)
        quantity = Quantity(quote, s, e, parsed.low, parsed.low, reading.high, reading.qualifier, reading.kind)
        next_token = reading.last + 1 if reading.kind == records.COUNT else reading.span_last + 1
        return quantity, next_token

    def _qualify(self, tokens: Sequence[Token], parsed: ParsedNumber) -> _Reading:
        """A second number making a range (بين 10 و15), or a qualifier before (نحو 8)."""
        first = parsed.first
        before = first - 1
        while before >= 0 and tokens[before].text in _OPENERS:
            before -= 1
        opener = tokens[first - 1].text if first > 0 and tokens[first - 1].text in _OPENERS else None
        reading = _Reading(
            first=first, last=parsed.last, before=before, opener=opener, high=parsed.high,
            qualifier="exact" if parsed.high is None else "range", span_first=first, span_last=parsed.last,
        )
        opened_range = before >= 0 and tokens[before].text in self.context.range_open
        second = self._range_tail(tokens, parsed, opened_range)
        if second is not None:
            reading.high = second.high if second.high is not None else second.low
            reading.qualifier = "range"
            reading.last = reading.span_last = second.last
            if opened_range:
                reading.span_first = before
        elif reading.qualifier == "exact":
            match = self._qualifier_ending_at(tokens, before)
            if match is not None:
                reading.qualifier = match.payload
                reading.span_first = match.first
        reading.after = reading.last + 1
        return reading

    def _classify(self, tokens: Sequence[Token], reading: _Reading, claim: DateClaim | None) -> None:
        """What kind of number it is: part of a date, a time, a unit after it, an identifier."""
        ctx = self.context
        first, after = reading.first, reading.after
        if claim is not None:
            if claim.kind == "duration":
                reading.kind = records.DURATION
            elif tokens[first].is_number and len(tokens[first].text) == 4 and first == reading.last:
                reading.kind = records.YEAR
            else:
                reading.kind = records.DATE_PART
            return
        if self._is_time(tokens, after):
            reading.kind = records.TIME
            reading.span_last = after + 1
            reading.after = after + 2
            return
        opener = reading.opener
        closed = opener is not None and after < len(tokens) and tokens[after].text == _OPENERS[opener]
        unit_at = after + 1 if closed else after  # “16″ عاماً: the unit may follow the closing quote
        unit = ctx.after_kind.match_at(tokens, unit_at) if unit_at < len(tokens) else None
        if unit is not None:
            reading.kind = unit.payload
            reading.span_last = unit.last
            reading.after = unit.last + 1
            if (reading.kind == records.DURATION and tokens[unit.first].text in ctx.age_units
                    and self._age_cue(tokens, first, opener)):
                reading.kind = records.AGE
        elif reading.before >= 0 and tokens[first].is_number and (
                tokens[reading.before].text in ctx.identifier_before
                # جهاز الـ 107: the article written apart, after a word that names by number
                or (tokens[reading.before].text == "ال" and reading.before > 0
                    and tokens[reading.before - 1].text in ctx.identifier_before)):
            reading.kind = records.IDENTIFIER

    @staticmethod
    def _enclose(tokens: Sequence[Token], reading: _Reading) -> None:
        """Quote the number with its quotes or brackets: نحو “8”، (4)، (80 %)."""
        opener, after = reading.opener, reading.after
        if opener and after < len(tokens) and tokens[after].text == _OPENERS[opener]:
            reading.span_last = after
            reading.after = after + 1
            if reading.span_first == reading.first:
                reading.span_first = reading.first - 1

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
        return any(tokens[k].text in cues for k in range(max(0, first - _AGE_CUE_WINDOW), first))

    @staticmethod
    def _claim(start: int, end: int, claims: Sequence[DateClaim], starts: Sequence[int]) -> DateClaim | None:
        """The date claim containing ``[start, end)``; claims are sorted and disjoint."""
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and end <= claims[k].end:
            return claims[k]
        return None
