"""Compiled date vocabulary from ``months.yaml``, ``weekdays.yaml`` and ``date_words.yaml``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, field_validator, model_validator

from rasd.text.clitics import CliticAnalyser
from rasd.text.lexicon import PhraseLexicon

Unit = Literal["day", "week", "month", "year"]


class NamedEntry(BaseModel):
    names: list[str]
    ambiguous: list[str] = []

    @model_validator(mode="after")
    def _ambiguous_are_names(self) -> NamedEntry:
        unknown = [a for a in self.ambiguous if a not in self.names]
        if unknown:
            raise ValueError(f"ambiguous names {unknown} are not among the names")
        return self


class MonthsSpec(BaseModel):
    """Schema of ``months.yaml``."""

    version: int
    gregorian: dict[int, NamedEntry]
    hijri: dict[int, NamedEntry]

    @field_validator("gregorian", "hijri")
    @classmethod
    def _twelve_months(cls, value: dict[int, NamedEntry]) -> dict[int, NamedEntry]:
        if sorted(value) != list(range(1, 13)):
            raise ValueError("months must be numbered 1 to 12, each once")
        return value


class WeekdaysSpec(BaseModel):
    """Schema of ``weekdays.yaml``."""

    version: int
    days: dict[int, NamedEntry]

    @field_validator("days")
    @classmethod
    def _seven_days(cls, value: dict[int, NamedEntry]) -> dict[int, NamedEntry]:
        if sorted(value) != list(range(7)):
            raise ValueError("weekdays must be numbered 0 (Monday) to 6 (Sunday)")
        return value


class UnitSpec(BaseModel):
    days: int = 0
    months: int = 0
    precision: Literal["day", "month", "year"]
    singular: list[str]
    plural: list[str]
    dual: list[str]


class RelativeSpec(BaseModel):
    unit: Unit
    offset: int
    phrases: list[str]


class FuzzySpec(BaseModel):
    days: tuple[int, int]
    months: tuple[int, int]
    phrases: list[str]


class DateWordsSpec(BaseModel):
    """Schema of ``date_words.yaml``."""

    version: int
    units: dict[Unit, UnitSpec]
    ago: list[str]
    duration: list[str]
    relative: list[RelativeSpec]
    previous: list[str]
    next: list[str]
    current: list[str] = []
    ordinal_days: dict[int, list[str]] = {}
    fuzzy: dict[Literal["early", "mid", "late"], FuzzySpec]
    month_word: list[str]
    year_words: list[str]
    linkers: list[str]
    day_words: list[str]
    time_of_day: list[str]
    year_prepositions: list[str]
    gregorian_era: list[str]
    hijri_era: list[str]
    year_range: tuple[int, int]
    hijri_year_range: tuple[int, int]


@dataclass(frozen=True, slots=True)
class MonthName:
    calendar: str
    month: int
    ambiguous: bool


@dataclass(frozen=True, slots=True)
class WeekdayName:
    weekday: int
    ambiguous: bool


@dataclass(frozen=True, slots=True)
class UnitWord:
    unit: str
    count: int | None  # 1 singular, 2 dual, None plural (a few)


@dataclass(frozen=True, slots=True)
class RelativePhrase:
    unit: str
    offset: int


@dataclass(frozen=True, slots=True)
class FuzzyPart:
    name: str
    days: tuple[int, int]
    months: tuple[int, int]


class DateLexicons:
    """All date vocabulary, compiled into phrase lexicons and word sets."""

    def __init__(
        self,
        months: MonthsSpec,
        weekdays: WeekdaysSpec,
        words: DateWordsSpec,
        normalise_term: Callable[[str], str],
        clitics: CliticAnalyser,
    ) -> None:
        n = normalise_term
        month_entries: list[tuple[str, MonthName]] = []
        for calendar, table in (("gregorian", months.gregorian), ("hijri", months.hijri)):
            for number, entry in table.items():
                ambiguous = {n(a) for a in entry.ambiguous}
                month_entries += [(name, MonthName(calendar, number, n(name) in ambiguous)) for name in entry.names]
        self.months: PhraseLexicon[MonthName] = PhraseLexicon(month_entries, n, clitics)
        weekday_entries: list[tuple[str, WeekdayName]] = []
        for number, entry in weekdays.days.items():
            ambiguous = {n(a) for a in entry.ambiguous}
            weekday_entries += [(name, WeekdayName(number, n(name) in ambiguous)) for name in entry.names]
        self.weekdays: PhraseLexicon[WeekdayName] = PhraseLexicon(weekday_entries, n, clitics)
        unit_entries: list[tuple[str, UnitWord]] = []
        for unit, spec in words.units.items():
            unit_entries += [(w, UnitWord(unit, 1)) for w in spec.singular]
            unit_entries += [(w, UnitWord(unit, 2)) for w in spec.dual]
            unit_entries += [(w, UnitWord(unit, None)) for w in spec.plural]
        self.units: PhraseLexicon[UnitWord] = PhraseLexicon(unit_entries, n, clitics)
        self.unit_specs: dict[str, UnitSpec] = {str(unit): spec for unit, spec in words.units.items()}
        self.relative: PhraseLexicon[RelativePhrase] = PhraseLexicon(
            [(p, RelativePhrase(r.unit, r.offset)) for r in words.relative for p in r.phrases], n, clitics
        )
        self.fuzzy: PhraseLexicon[FuzzyPart] = PhraseLexicon(
            [(p, FuzzyPart(name, f.days, f.months)) for name, f in words.fuzzy.items() for p in f.phrases], n, clitics
        )
        self.ago: PhraseLexicon[str] = PhraseLexicon([(w, "ago") for w in words.ago], n, clitics)
        self.duration: PhraseLexicon[str] = PhraseLexicon([(w, "duration") for w in words.duration], n, clitics)
        self.time_of_day: PhraseLexicon[str] = PhraseLexicon([(w, "time") for w in words.time_of_day], n, clitics)
        self.previous = frozenset(n(w) for w in words.previous)
        self.current = frozenset(n(w) for w in words.current)
        self.ordinal_days: PhraseLexicon[int] = PhraseLexicon(
            [(w, day) for day, forms in words.ordinal_days.items() for w in forms], n, clitics
        )
        self.next = frozenset(n(w) for w in words.next)
        self.month_word = frozenset(w for word in words.month_word for w, _ in clitics.prefixed_forms(n(word)))
        self.year_words = frozenset(w for word in words.year_words for w, _ in clitics.prefixed_forms(n(word)))
        self.linkers = frozenset(n(w) for w in words.linkers)
        self.day_words = frozenset(w for word in words.day_words for w, _ in clitics.prefixed_forms(n(word)))
        self.year_prepositions = frozenset(n(w) for w in words.year_prepositions)
        self.gregorian_era = frozenset(n(w) for w in words.gregorian_era)
        self.hijri_era = frozenset(n(w) for w in words.hijri_era)
        self.year_range = words.year_range
        self.hijri_year_range = words.hijri_year_range
