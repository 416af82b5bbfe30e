"""Find date expressions in analysed text and resolve them to intervals.

Each path below reads one family of expressions starting at a token; the
finder tries them in a fixed order at every token that can start a date and
keeps the first that reads. Relative expressions are resolved against the
reference date (the document's publication date); without one they are
still reported, unresolved.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rasd.dates import calendar as cal
from rasd.dates.lexicons import DateLexicons, MonthName
from rasd.numbers.words import NumberWords
from rasd.records import DateClaim, DateMention, Duration
from rasd.text.analysed import AnalysedText
from rasd.text.lexicon import PhraseLexicon
from rasd.text.tokens import NUMBER, Token

_DMY = re.compile(r"(?<![\d/.\-])(\d{1,2}) ?([/.\-]) ?(\d{1,2}) ?\2 ?(\d{4})(?![\d/\-]|\.\d)")
_YMD = re.compile(r"(?<![\d/.\-])(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})(?![\d/\-]|\.\d)")
_DIGIT = re.compile(r"\d")
_COARSER = {"day": "month", "month": "month", "year": "year"}


@dataclass(slots=True)
class Found:
    """A date read from tokens ``first..last`` (internal, before quoting)."""

    first: int
    last: int
    start: date | None
    end: date | None
    precision: str
    kind: str = "absolute"
    resolved: bool = True
    calendar: str = "gregorian"
    part: str | None = None
    qualifier: str = "exact"
    duration: Duration | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _MonthCore:
    """A month name with what follows it: a year, a relative year, or a direction."""

    first: int
    last: int
    name: MonthName
    year: int | None = None
    year_offset: int | None = None
    direction: int = 0  # -1 الماضي, +1 المقبل
    explicit: bool = False  # شهر before it, or a paired name: not an ordinary word


class DateFinder:
    def __init__(self, lex: DateLexicons, numbers: NumberWords, qualifiers: PhraseLexicon[str]) -> None:
        self.lex = lex
        self.numbers = numbers
        self.qualifiers = qualifiers
        # Each path with the words that can start it, so that a token is
        # offered only to the paths it can begin (most tokens begin none).
        paths = [
            (self._fuzzy, lex.fuzzy.first_words(), False),
            (self._weekday, lex.time_of_day.first_words() | lex.day_words | lex.weekdays.first_words(), False),
            (self._relative, lex.relative.first_words(), False),
            (self._ago, lex.ago.first_words(), False),
            (self._duration, lex.duration.first_words(), False),
            (self._day_month, lex.day_words | lex.ordinal_days.first_words(), True),
            (self._month, lex.month_word | lex.months.first_words(), False),
            (self._year, lex.year_words | lex.year_prepositions, True),
        ]
        self._paths = paths
        self._starters = frozenset().union(*(words for _, words, _ in paths))

    # ------------------------------------------------------------------ public
    def find(self, doc: AnalysedText, reference: date | None) -> tuple[list[DateMention], list[DateClaim]]:
        """Date mentions, and their normalised spans for the later stages."""
        tokens = doc.tokens
        found = self._numeric(doc)
        claimed = {k for f in found for k in range(f.first, f.last + 1)}
        starters = self._starters
        i = 0
        n = len(tokens)
        while i < n:
            token = tokens[i]
            if i in claimed or not (token.kind == NUMBER or token.text in starters):
                i += 1
                continue
            result = self._read(tokens, i, reference)
            if result is None or any(k in claimed for k in range(result.first, result.last + 1)):
                i += 1
                continue
            found.append(result)
            i = result.last + 1
        found.sort(key=lambda f: f.first)
        claims = [DateClaim(tokens[f.first].start, tokens[f.last].end, f.kind) for f in found]
        return [self._mention(doc, f) for f in found], claims

    def _mention(self, doc: AnalysedText, f: Found) -> DateMention:
        s, e, quote = doc.token_span(f.first, f.last)
        return DateMention(
            quote, s, e, f.start, f.end, f.precision, f.kind, f.resolved, f.calendar, f.part, f.qualifier,
            f.duration, tuple(f.notes),
        )

    def _read(self, tokens: Sequence[Token], i: int, ref: date | None) -> Found | None:
        text = tokens[i].text
        is_number = tokens[i].kind == NUMBER
        for path, first_words, takes_numbers in self._paths:
            if (is_number and takes_numbers) or text in first_words:
                result = path(tokens, i, ref)
                if result is not None:
                    return result
        return None

    # ------------------------------------------------------------- numeric dates
    def _numeric(self, doc: AnalysedText) -> list[Found]:
        text = doc.text
        if _DIGIT.search(text) is None:
            return []
        found: list[Found] = []
        starts = [t.start for t in doc.tokens]
        for regex, order in ((_DMY, "dmy"), (_YMD, "ymd")):
            for m in regex.finditer(text):
                if order == "dmy":
                    day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
                    if month > 12 and day <= 12:
                        day, month = month, day  # month/day/year, as some outlets write
                else:
                    year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
                first = bisect.bisect_left(starts, m.start())
                last = bisect.bisect_left(starts, m.end()) - 1
                if any(f.first <= last and first <= f.last for f in found):
                    continue
                result = self._full_date(year, month, day, first, last, doc.tokens)
                if result is not None:
                    found.append(result)
        return found

    def _full_date(self, year: int, month: int, day: int, first: int, last: int, tokens: Sequence[Token]) -> Found | None:
        era = tokens[last + 1].text if last + 1 < len(tokens) else ""
        lo, hi = self.lex.hijri_year_range
        if era in self.lex.hijri_era or (lo <= year <= hi and era not in self.lex.gregorian_era):
            last = last + 1 if era in self.lex.hijri_era else last
            try:
                day_date = cal.hijri_to_gregorian(year, month, day)
            except (ValueError, OverflowError):
                return None
            return Found(first, last, day_date, day_date, "day", calendar="hijri")
        if era in self.lex.gregorian_era:
            last += 1
        lo, hi = self.lex.year_range
        if not (lo <= year <= hi and cal.valid_day(year, month, day)):
            return None
        d = date(year, month, day)
        return Found(first, last, d, d, "day")

    # ----------------------------------------------------------- shared pieces
    def _number(self, tokens: Sequence[Token], i: int) -> tuple[float, float | None, int] | None:
        """``(low, high, last)`` of a number in digits or words at ``i``."""
        if i >= len(tokens):
            return None
        if tokens[i].is_number:
            return tokens[i].number_value(), None, i
        if tokens[i].is_word and tokens[i].text in self.numbers.lexicon:
            parsed = self.numbers.parse(tokens, i)
            if parsed is not None:
                return parsed.low, parsed.high, parsed.last
        return None

    def _year_number(self, tokens: Sequence[Token], i: int, calendar: str = "gregorian") -> tuple[int, str, int] | None:
        """``(year, calendar, last)`` for a four-digit year at ``i``, with its era word.

        A Hijri year needs its era word (1438 هـ) unless a Hijri month named it.
        """
        if i >= len(tokens) or not tokens[i].is_number or len(tokens[i].text) != 4 or not tokens[i].text.isdigit():
            return None
        year = int(tokens[i].text)
        era = tokens[i + 1].text if i + 1 < len(tokens) else ""
        hijri_era = era in self.lex.hijri_era
        if (hijri_era or calendar == "hijri") and self.lex.hijri_year_range[0] <= year <= self.lex.hijri_year_range[1]:
            return year, "hijri", i + 1 if hijri_era else i
        lo, hi = self.lex.year_range
        if lo <= year <= hi:
            return year, "gregorian", i + 1 if era in self.lex.gregorian_era else i
        return None

    def _year_after(self, tokens: Sequence[Token], k: int, calendar: str) -> tuple[int, str, int] | None:
        """A year after a month: أيار 2015، أيار من عام 2015، أيار، 2015."""
        j = k
        for _ in range(2):
            if j < len(tokens) and tokens[j].text in self.lex.linkers:
                j += 1
        if j < len(tokens) and tokens[j].text in self.lex.year_words:
            j += 1
        return self._year_number(tokens, j, calendar)

    def _relative_year_after(self, tokens: Sequence[Token], k: int) -> tuple[int, int] | None:
        """``(offset, last)`` for من العام الفائت after a month."""
        j = k
        if j < len(tokens) and tokens[j].text in self.lex.linkers:
            j += 1
        if j >= len(tokens):
            return None
        match = self.lex.relative.match_at(tokens, j)
        if match is None or match.payload.unit != "year":
            return None
        return match.payload.offset, match.last

    def _direction(self, tokens: Sequence[Token], k: int) -> int:
        if k < len(tokens):
            if tokens[k].text in self.lex.previous:
                return -1
            if tokens[k].text in self.lex.next:
                return 1
        return 0

    def _month_core(self, tokens: Sequence[Token], i: int) -> _MonthCore | None:
        j = i + 1 if tokens[i].text in self.lex.month_word else i
        if j >= len(tokens):
            return None
        match = self.lex.months.match_at(tokens, j)
        if match is None:
            return None
        core = _MonthCore(i, match.last, match.payload, explicit=j > i)
        k = match.next
        # paired names: آذار/مارس، آذار (مارس)، كانون الثاني - يناير
        if k + 1 < len(tokens) and tokens[k].text in ("/", "(", "-"):
            pair = self.lex.months.match_at(tokens, k + 1)
            if pair is not None and pair.payload.month == core.name.month and pair.payload.calendar == core.name.calendar:
                core.last = pair.last
                k = pair.next
                if k < len(tokens) and tokens[k].text == ")":
                    core.last = k
                    k += 1
                core.explicit = True
        year = self._year_after(tokens, k, core.name.calendar)
        if year is not None:
            core.year, calendar, core.last = year
            if calendar != core.name.calendar:
                return None
            return core
        relative = self._relative_year_after(tokens, k)
        if relative is not None:
            core.year_offset, core.last = relative
            return core
        if k < len(tokens) and tokens[k].text in self.lex.current:
            core.year_offset, core.last = 0, k  # أيار الجاري: this year's May
            return core
        direction = self._direction(tokens, k)
        if direction:
            core.direction = direction
            core.last = k
        return core

    # ----------------------------------------------------------------- paths
    def _fuzzy(self, tokens: Sequence[Token], i: int, ref: date | None) -> Found | None:
        """أوائل/منتصف/أواخر + a month, a year, or a relative month or year."""
        match = self.lex.fuzzy.match_at(tokens, i)
        if match is None or match.next >= len(tokens):
            return None
        part = match.payload
        j = match.next
        inner = self._month(tokens, j, ref, needs_context=False)
        if inner is None:
            inner = self._relative(tokens, j, ref) or self._year(tokens, j, ref, bare=True)
        if inner is None or inner.kind == "duration" or inner.precision == "day":
            return None  # أول أمس is a day, not the early part of one
        inner.first = i
        inner.part = part.name
        if inner.start is None or inner.end is None:
            return inner
        span_days = (inner.end - inner.start).days
        if inner.precision == "month" and span_days >= 27:
            if inner.calendar == "hijri":
                start = inner.start + timedelta(days=part.days[0] - 1)
                inner.start, inner.end = start, min(inner.end, inner.start + timedelta(days=part.days[1] - 1))
            else:
                inner.start, inner.end = cal.narrow_month(inner.start.year, inner.start.month, part.days)
        elif inner.precision == "year" and inner.calendar == "gregorian" and span_days >= 364:
            inner.start, inner.end = cal.narrow_year(inner.start.year, part.months)
            inner.precision = "month"
        return inner

    def _weekday(self, tokens: Sequence[Token], i: int, ref: date | None) -> Found | None:
        """(يوم|صباح|مساء) الخميس [الماضي] [، 12 آذار 2017]."""
        j = i
        cued = False
        time_word = self.lex.time_of_day.match_at(tokens, j)
        if time_word is not None:
            j, cued = time_word.next, True
        if j < len(tokens) and tokens[j].text in self.lex.day_words:
            j, cued = j + 1, True
        if j >= len(tokens):
            return None
        match = self.lex.weekdays.match_at(tokens, j)
        if match is None:
            return None
        k = match.next
        after = k + 1 if k < len(tokens) and tokens[k].text == "," else k
        dated = self._day_month(tokens, after, ref) if after < len(tokens) else None
        if dated is not None and dated.precision == "day":
            dated.first = i
            return dated
        direction = self._direction(tokens, k)
        commas = i > 0 and tokens[i - 1].text == "," and k < len(tokens) and tokens[k].text == ","
        if match.payload.ambiguous and not (cued or direction or commas):
            return None
        last = k if direction else match.last
        weekday = match.payload.weekday
        if ref is None:
            return Found(i, last, None, None, "day", kind="relative", resolved=False)
        if direction > 0:
            day = cal.next_weekday(ref, weekday)
        else:
            day = cal.last_weekday(ref, weekday, strictly_before=direction < 0)
        return Found(i, last, day, day, "day", kind="relative")

    def _relative(self, tokens: Sequence[Token], i: int, ref: date | None) -> Found | None:
        match = self.lex.relative.match_at(tokens, i)
        if match is None:
            return None
        unit, offset = match.payload.unit, match.payload.offset
        return self._resolve_period(i, match.last, unit, offset, ref)

    def _resolve_period(self, first: int, last: int, unit: str, offset: int, ref: date | None) -> Found:
        precision = {"day": "day", "week": "month", "month": "month", "year": "year"}[unit]
        if ref is None:
            return Found(first, last, None, None, precision, kind="relative", resolved=False)
        if unit == "day":
            start = end = ref + timedelta(days=offset)
        elif unit == "week":
            start, end = cal.week_interval(ref, offset)
        elif unit == "month":
            start, end = cal.month_interval(*cal.shift_month(ref.year, ref.month, offset))
        else:
            start, end = cal.year_interval(ref.year + offset)
        return Found(first, last, start, end, precision, kind="relative")

    def _amount_of_units(self, tokens: Sequence[Token], j: int) -> tuple[str, float, float | None, str, int] | None:
        """``(unit, low, high, qualifier, last)`` for [نحو] ستة أشهر، يومين، أيام."""
        qualifier = "exact"
        q = self.qualifiers.match_at(tokens, j) if j < len(tokens) else None
        if q is not None:
            qualifier, j = q.payload, q.next
        if j >= len(tokens):
            return None
        unit_match = self.lex.units.match_at(tokens, j)
        if unit_match is not None:
            if "ال" in unit_match.prefix or self._starts_date(tokens, j):
                return None  # خلال الأسبوع الماضي، خلال شهر آذار: a date follows, not a length
            count = unit_match.payload.count
            if count is None:  # أيام، أشهر: a few
                return unit_match.payload.unit, 2, 10, "range", unit_match.last
            return unit_match.payload.unit, count, None, qualifier, unit_match.last
        number = self._number(tokens, j)
        if number is None:
            return None
        low, high, last = number
        if last + 1 >= len(tokens):
            return None
        unit_match = self.lex.units.match_at(tokens, last + 1)
        if unit_match is None or unit_match.prefix:
            return None
        if high is not None and qualifier == "exact":
            qualifier = "range"
        return unit_match.payload.unit, low, high, qualifier, unit_match.last

    def _starts_date(self, tokens: Sequence[Token], j: int) -> bool:
        """Whether a month name, a year or a relative phrase starts at (or right after) ``j``."""
        if self.lex.relative.match_at(tokens, j) is not None:
            return True
        k = j + 1
        if k >= len(tokens):
            return False
        return self.lex.months.match_at(tokens, k) is not None or self._year_number(tokens, k) is not None

    def _ago(self, tokens: Sequence[Token], i: int, ref: date | None) -> Found | None:
        """قبل ستة أشهر، منذ ثلاثة أيام، قبل يومين، منذ أيام."""
        match = self.lex.ago.match_at(tokens, i)
        if match is None:
            return None
        amount = self._amount_of_units(tokens, match.next)
        if amount is None:
            return None
        unit, low, high, qualifier, last = amount
        if self._year_number(tokens, last + 1) is not None:
            return None  # منذ عام 2011 is a year, not "a year ago"
        spec = self.lex.unit_specs[unit]
        precision = spec.precision if qualifier == "exact" and unit != "week" else _COARSER[spec.precision]
        found = Found(i, last, None, None, precision, kind="relative", qualifier=qualifier)
        if ref is None:
            found.resolved = False
            return found
        far = high if high is not None else low
        if qualifier == "approx":
            low, far = low * 0.8, far * 1.2
        found.start, found.end = self._back(ref, unit, far)[0], self._back(ref, unit, low)[1]
        if unit == "week" and qualifier == "exact":
            found.start -= timedelta(days=3)
            found.end += timedelta(days=3)
        return found

    @staticmethod
    def _back(ref: date, unit: str, amount: float) -> tuple[date, date]:
        """The day, month or year ``amount`` units before ``ref``, as an interval."""
        if unit in ("day", "week"):
            day = ref - timedelta(days=round(amount * (7 if unit == "week" else 1)))
            return day, day
        if unit == "month":
            return cal.month_interval(*cal.shift_month(ref.year, ref.month, -round(amount)))
        return cal.year_interval(ref.year - round(amount))

    def _duration(self, tokens: Sequence[Token], i: int, ref: date | None) -> Found | None:
        """لمدة ستة أشهر، بعد حوالي ستة أشهر: a length of time, not a point."""
        match = self.lex.duration.match_at(tokens, i)
        if match is None:
            return None
        amount = self._amount_of_units(tokens, match.next)
        if amount is None:
            return None
        unit, low, high, qualifier, last = amount
        if self._year_number(tokens, last + 1) is not None:
            return None
        return Found(
            match.next, last, None, None, "unknown", kind="duration", resolved=False, qualifier=qualifier,
            duration=Duration(low, unit, qualifier, high),
        )

    def _day_month(self, tokens: Sequence[Token], i: int, ref: date | None) -> Found | None:
        """[يوم|بتاريخ] 12 [من] [شهر] آذار [2017]، or 12 من الشهر الجاري."""
        j = i + 1 if tokens[i].text in self.lex.day_words and i + 1 < len(tokens) else i
        ordinal = self.lex.ordinal_days.match_at(tokens, j)
        if ordinal is not None:
            # الخامس من آذار: an ordinal is a day only before من + a month
            day, after = ordinal.payload, ordinal.next
            if after + 1 >= len(tokens) or tokens[after].text != "من":
                return None
        elif tokens[j].is_number and len(tokens[j].text) <= 2 and tokens[j].text.isdigit():
            day, after = int(tokens[j].text), j + 1
        else:
            return None
        if not 1 <= day <= 31 or after >= len(tokens):
            return None
        k = after
        if tokens[k].text in self.lex.linkers and k + 1 < len(tokens):
            k += 1
        core = self._month_core(tokens, k)
        if core is None:
            relative = self.lex.relative.match_at(tokens, k)
            if relative is None or relative.payload.unit != "month":
                return None
            return self._day_in_relative_month(i, relative.last, day, relative.payload.offset, ref)
        return self._resolve_core(core, i, ref, day)

    def _day_in_relative_month(self, first: int, last: int, day: int, offset: int, ref: date | None) -> Found | None:
        if ref is None:
            return Found(first, last, None, None, "day", kind="relative", resolved=False)
        year, month = cal.shift_month(ref.year, ref.month, offset)
        if not cal.valid_day(year, month, day):
            return None
        d = date(year, month, day)
        return Found(first, last, d, d, "day", kind="relative")

    def _month(self, tokens: Sequence[Token], i: int, ref: date | None, needs_context: bool = True) -> Found | None:
        core = self._month_core(tokens, i)
        if core is None:
            return None
        has_context = core.explicit or core.year is not None or core.year_offset is not None or core.direction
        if needs_context and core.name.ambiguous and not has_context:
            return None
        if core.name.calendar == "hijri" and core.year is None and not core.explicit:
            return None
        return self._resolve_core(core, i, ref, None)

    def _resolve_core(self, core: _MonthCore, first: int, ref: date | None, day: int | None) -> Found | None:
        month = core.name.month
        precision = "day" if day is not None else "month"
        hijri = core.name.calendar == "hijri"
        year = core.year
        kind = "absolute"
        if year is None:
            if ref is None:
                return Found(first, core.last, None, None, precision, kind="relative", resolved=False,
                             calendar=core.name.calendar)
            kind = "relative"
            year = self._infer_year(core, ref, day)
        try:
            if hijri:
                if day is not None:
                    start = end = cal.hijri_to_gregorian(year, month, day)
                else:
                    start, end = cal.hijri_month_interval(year, month)
            elif day is not None:
                if not cal.valid_day(year, month, day):
                    return None
                start = end = date(year, month, day)
            else:
                start, end = cal.month_interval(year, month)
        except (ValueError, OverflowError):
            return Found(first, core.last, None, None, precision, resolved=False, calendar=core.name.calendar,
                         notes=["date outside the convertible Hijri range"])
        return Found(first, core.last, start, end, precision, kind=kind, calendar=core.name.calendar)

    @staticmethod
    def _infer_year(core: _MonthCore, ref: date, day: int | None) -> int:
        """The year of a month named without one, from the reference date."""
        if core.name.calendar == "hijri":
            ref_year, ref_month, ref_day = cal.gregorian_to_hijri(ref)
        else:
            ref_year, ref_month, ref_day = ref.year, ref.month, ref.day
        if core.year_offset is not None:
            return ref_year + core.year_offset
        month = core.name.month
        if core.direction > 0:
            return ref_year if month > ref_month else ref_year + 1
        later = (month, day or 1) > (ref_month, ref_day)
        if core.direction < 0:
            return ref_year - 1 if month >= ref_month else ref_year
        return ref_year - 1 if later else ref_year

    def _year(self, tokens: Sequence[Token], i: int, ref: date | None, bare: bool = False) -> Found | None:
        """عام 2015، سنة 1438 هـ، 2017م، في 2015."""
        text = tokens[i].text
        if text in self.lex.year_words or (text in self.lex.year_prepositions and not tokens[i].is_number):
            first = i if text in self.lex.year_words else i + 1
            year = self._year_number(tokens, i + 1)
        elif tokens[i].is_number:
            year = self._year_number(tokens, i)
            first = i
            if year is not None and year[2] == i and not bare:
                return None  # a bare number needs a year word, an era or a preposition
        else:
            return None
        if year is None:
            return None
        number, calendar, last = year
        if calendar == "hijri":
            try:
                start, end = cal.hijri_year_interval(number)
            except (ValueError, OverflowError):
                return Found(first, last, None, None, "year", resolved=False, calendar="hijri",
                             notes=["year outside the convertible Hijri range"])
            return Found(first, last, start, end, "year", calendar="hijri")
        start, end = cal.year_interval(number)
        return Found(first, last, start, end, "year")
