"""The Arabic language resources, loaded from data files and compiled once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rasd.dates.lexicons import DateLexicons, DateWordsSpec, MonthsSpec, WeekdaysSpec
from rasd.events.actors import ActorFinder, ActorsSpec
from rasd.events.lexicons import CASUALTIES, EventContextSpec, EventWords, TriggerFormsSpec, TriggersSpec
from rasd.lang.loader import load_data_file
from rasd.numbers.context import DualsSpec, QualifiersSpec, QuantityContext, QuantityContextSpec
from rasd.numbers.words import NumberWords, NumberWordsSpec
from rasd.places.words import PlaceCuesSpec, PlaceWords, StoplistSpec
from rasd.text.analysed import AnalysedText
from rasd.text.clitics import CliticAnalyser, CliticSpec
from rasd.text.normalise import NormalisationSpec, Normaliser
from rasd.text.sentences import SegmentationSpec, SentenceSplitter
from rasd.text.tokens import tokenize

LANG = "ar"


@dataclass(frozen=True)
class Arabic:
    """Every compiled Arabic resource the pipeline stages use (read-only)."""

    normaliser: Normaliser
    clitics: CliticAnalyser
    sentences: SentenceSplitter
    number_words: NumberWords
    quantity_context: QuantityContext
    dates: DateLexicons
    places: PlaceWords
    events: EventWords
    actors: ActorFinder

    @classmethod
    def load(cls) -> Arabic:
        normaliser = Normaliser(load_data_file(LANG, "normalisation", NormalisationSpec))
        term = normaliser.normalise_term
        clitics = CliticAnalyser(load_data_file(LANG, "clitics", CliticSpec), term)
        number_words = NumberWords(load_data_file(LANG, "numbers", NumberWordsSpec), term, clitics)
        dates = DateLexicons(
            load_data_file(LANG, "months", MonthsSpec),
            load_data_file(LANG, "weekdays", WeekdaysSpec),
            load_data_file(LANG, "date_words", DateWordsSpec),
            term,
            clitics,
        )
        events = EventWords(
            load_data_file(LANG, "event_triggers", TriggersSpec),
            load_data_file(LANG, "event_context", EventContextSpec),
            term,
            clitics,
            load_data_file(LANG, "event_trigger_forms", TriggerFormsSpec),
        )
        duals = load_data_file(LANG, "duals", DualsSpec)
        # words of the other lexicons are never place names on their own
        other_words = (
            number_words.lexicon.first_words() | dates.months.first_words() | dates.weekdays.first_words()
            | dates.units.first_words() | dates.relative.first_words()
        )
        return cls(
            normaliser=normaliser,
            clitics=clitics,
            sentences=SentenceSplitter(load_data_file(LANG, "segmentation", SegmentationSpec), term),
            number_words=number_words,
            quantity_context=QuantityContext(
                load_data_file(LANG, "qualifiers", QualifiersSpec),
                load_data_file(LANG, "quantity_context", QuantityContextSpec),
                duals,
                term,
                clitics,
                events.triggers.single_words(duals.singular_after_types),
                events.count_words.single_words(CASUALTIES),
                events.casualty_verbs,
            ),
            dates=dates,
            places=PlaceWords(
                load_data_file(LANG, "place_cues", PlaceCuesSpec),
                load_data_file(LANG, "place_stoplist", StoplistSpec),
                other_words,
                term,
                clitics,
            ),
            events=events,
            actors=ActorFinder(load_data_file(LANG, "actors", ActorsSpec), term, clitics),
        )

    def analyse(self, text: str) -> AnalysedText:
        """Normalise, tokenise and segment ``text``."""
        normalised = self.normaliser.normalise(text)
        return AnalysedText(normalised, tokenize(normalised.text), self.sentences.split(normalised.text))


@cache
def arabic() -> Arabic:
    """The Arabic resources, compiled on first use and shared (they are immutable)."""
    return Arabic.load()
