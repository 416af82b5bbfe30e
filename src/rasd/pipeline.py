"""The extract pipeline: text in, typed mentions (and later events) out.

Pure functions over text: no I/O, no database, no global state beyond the
immutable compiled language resources, so an :class:`Extractor` pickles and
runs unchanged in a worker pool.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from rasd.dates.finder import DateFinder
from rasd.events.assemble import EventAssembler
from rasd.events.decisions import Models, Trace, packaged_models
from rasd.lang.arabic import Arabic, arabic
from rasd.numbers.quantities import QuantityFinder
from rasd.places.gazetteer import admin1_names, load_supplement, syria_admin_areas
from rasd.places.index import GazetteerIndex, load_index
from rasd.places.recognise import PlaceRecogniser
from rasd.places.resolve import PlaceResolver
from rasd.places.unknown import UnknownPlaceReader
from rasd.records import ActorMention, DateMention, Event, PlaceMention, Quantity, Sentence


@dataclass(frozen=True, slots=True)
class Extraction:
    """What rasd found in one document."""

    doc_id: str
    published: date | None
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def counts(self) -> list[Quantity]:
        """Quantities that are counts (not years, ages, percentages ...)."""
        return [q for q in self.quantities if q.is_count]

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "published": self.published.isoformat() if self.published else None,
            "mentions": {
                "places": [p.to_dict() for p in self.places],
                "dates": [d.to_dict() for d in self.dates],
                "quantities": [q.to_dict() for q in self.quantities],
                "actors": [a.to_dict() for a in self.actors],
            },
            "events": [e.to_dict() for e in self.events],
        }


class Extractor:
    """The pipeline stages, built once from the language resources."""

    def __init__(self, language: Arabic, gazetteer: GazetteerIndex | None = None, models: Models | None = None) -> None:
        """``gazetteer`` defaults to the cached index (built on first use); ``models`` to the packaged fitted
        decisions (``Models()``: the rules decide alone)."""
        if gazetteer is None:
            gazetteer = load_index(language.normaliser.normalise_term, language.places.joinable,
                                   settlement_cues=language.places.settlement_cues)
        if models is None:
            models = packaged_models()
        self.language = language
        self.dates = DateFinder(language.dates, language.number_words, language.quantity_context.before)
        self.quantities = QuantityFinder(language.number_words, language.quantity_context)
        self.events = EventAssembler(language.events, models, air_capable=language.actors.air_capable,
                                     adjective_actor=language.actors.named_by_adjective,
                                     antecedent_openers=language.places.antecedent_openers)
        self.place_names = PlaceRecogniser(gazetteer, language.places, language.clitics)
        self.unknown_places = UnknownPlaceReader(
            gazetteer, language.places, language.clitics,
            language.events.single_trigger_words | language.quantity_context.person_words)
        supplement = load_supplement()
        self.place_resolver = PlaceResolver(
            gazetteer.places, frozenset(supplement.home_countries), admin1_names(gazetteer.places), language.places.actor_words,
            gazetteer.capitals, language.places.country_adjectives, syria_admin_areas(),
        )

    def extract(self, text: str, *, published: date | None = None, doc_id: str = "", trace: Trace | None = None) -> Extraction:
        """``trace``, when given, receives every decision the event stage weighed (to fit or explain it)."""
        doc = self.language.analyse(text)
        sentences = []
        for span in doc.sentences:
            s, e, quote = doc.original_span(span.start, span.end)
            sentences.append(Sentence(quote, s, e))
        dates, claims = self.dates.find(doc, published)
        quantities = self.quantities.find(doc, claims)
        hits = self.place_names.find(doc)
        places = self.place_resolver.resolve(doc, hits)
        # the hits that became places (by their original start), and those that are towns
        resolved = {p.start: p.precision == "place" for p in places}
        kept = [(h.start, h.end, resolved[s]) for h in hits if (s := doc.original_span(h.start, h.end)[0]) in resolved]
        known = [(s, e) for s, e, _ in kept]
        parts = [(s, e) for s, e, town in kept if town]
        unplaced = self.place_resolver.unplaced(doc, self.unknown_places.find(doc, known, parts), places)
        # a town's name that an unknown place's name contains (حلب in حلب الجديدة) is not a mention of its own
        places = [p for p in places if not any(u.start <= p.start and p.end <= u.end for u in unplaced)]
        places = sorted(places + unplaced, key=lambda p: p.start)
        countries = [c for c, _ in Counter(p.country for p in places if p.precision != "country").most_common()]
        actors = self.language.actors.find(doc, countries)
        # a place named inside an actor's name (قوات سوريا الديمقراطية) is not a place mention
        places = [p for p in places if not any(a.start <= p.start and p.end <= a.end for a in actors)]
        events = self.events.assemble(doc, sentences, dates, quantities, places, actors, doc_id, trace, published)
        return Extraction(doc_id, published, sentences, dates, quantities, places, actors, events)


@cache
def default_extractor() -> Extractor:
    return Extractor(arabic())


def extract(text: str, *, published: date | str | None = None, doc_id: str = "") -> Extraction:
    """Extract mentions from one Arabic text; ``published`` resolves relative dates."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return default_extractor().extract(text, published=published, doc_id=doc_id)
