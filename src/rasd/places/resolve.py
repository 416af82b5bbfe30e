"""Choose, for each place name found, the gazetteer entry a careful analyst would.

Evidence, in order of weight: the document's country focus (countries it
names and places that can only be in one country), closeness to the other
places it names, the cue word (محافظة -> a governorate, قرية -> a village),
the kind of entry, and population. A small place far from the document's
focus is dropped rather than placed on another continent.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Mapping, Sequence

from rasd.places.gazetteer import KIND_ADMIN1, KIND_COUNTRY, KIND_REGION, KIND_VILLAGE, AdminArea, Place, km
from rasd.places.recognise import PlaceHit
from rasd.places.unknown import UnknownName
from rasd.records import PlaceMention
from rasd.text.analysed import AnalysedText
from rasd.text.lexicon import PhraseLexicon

FOCUS_BONUS = 4.0
HOME_BONUS = 1.0
NEAR_ANCHOR_KM = 150.0
NEAR_ANCHOR_BONUS = 2.5  # for a place next to another the document names, less with distance
SAME_SENTENCE_BONUS = 2.0  # more when the other place is in the same sentence
CAPITAL_BONUS = 2.0  # a national capital is the usual referent of its name (أستانة)
_LATITUDE_WINDOW = NEAR_ANCHOR_KM / 111.0 + 0.01  # degrees: NEAR_ANCHOR_KM north or south, and a little more
SUPPORT_KM = 60.0  # a weak name is kept when a place this close is named in its sentence
KIND_BONUS = {KIND_COUNTRY: 3.0, KIND_ADMIN1: 1.5, KIND_REGION: 1.5}
BIG_CITY = 1_000_000  # a city this big is believed far from the document's focus (موسكو، القاهرة)
_ADMIN_CUES = frozenset({"admin"})
_SETTLEMENT_CUES = frozenset({"city", "town", "village", "neighbourhood"})
_VILLAGE_CUES = frozenset({"town", "village"})


class _Anchors:
    """The places a document names, for distances: each distinct place once, so
    a long report naming the same towns a thousand times stays linear."""

    def __init__(self, anchors: Sequence[tuple[Place, int]]) -> None:
        self.places = list({p.key: p for p, _ in anchors}.values())
        self.by_sentence: dict[int, list[Place]] = {}
        for place, sentence in anchors:
            bucket = self.by_sentence.setdefault(sentence, [])
            if place not in bucket:
                bucket.append(place)
        self._nearest: dict[str, float] = {}
        self._nearest_in_sentence: dict[tuple[str, int], float] = {}

    def nearest(self, place: Place) -> float:
        """Distance to the nearest other named place (km), or inf when none is within NEAR_ANCHOR_KM."""
        if place.key not in self._nearest:
            self._nearest[place.key] = _nearest_within(place, self.places)
        return self._nearest[place.key]

    def nearest_in_sentence(self, place: Place, sentence: int) -> float:
        key = (place.key, sentence)
        if key not in self._nearest_in_sentence:
            self._nearest_in_sentence[key] = _nearest_within(place, self.by_sentence.get(sentence, ()))
        return self._nearest_in_sentence[key]


def _nearest_within(place: Place, others: Sequence[Place]) -> float:
    """The nearest of ``others`` within NEAR_ANCHOR_KM (beyond it a distance counts for nothing), else inf.

    A degree of latitude is 111 km anywhere, so most far candidates are skipped without trigonometry.
    """
    if place.lat is None:
        return math.inf
    best = math.inf
    for other in others:
        if other.key == place.key or other.lat is None or abs(other.lat - place.lat) > _LATITUDE_WINDOW:
            continue
        best = min(best, km(other, place))
    return best if best <= NEAR_ANCHOR_KM else math.inf


class PlaceResolver:
    def __init__(
        self,
        places: Sequence[Place],
        home_countries: frozenset[str],
        admin1_names: dict[tuple[str, str], str],
        actor_words: frozenset[str],
        capitals: frozenset[int],
        country_adjectives: PhraseLexicon[str],
        admin_areas: Mapping[str, AdminArea] | None = None,
    ) -> None:
        self.admin_areas = admin_areas or {}
        self.country_adjectives = country_adjectives
        self._adjective_first_words = country_adjectives.first_words()
        self.places = places
        self.capitals = capitals
        self.home = home_countries
        self.admin1_names = admin1_names
        self.actor_words = actor_words

    def resolve(self, doc: AnalysedText, hits: Sequence[PlaceHit]) -> list[PlaceMention]:
        places = self.places
        hits = [h for h in hits if not self._acts(doc, h)]
        # the countries the document's places are in decide what is believable;
        # adjectives (جوي روسي) only weigh in choosing among candidates
        focus = self._focus([h for h in hits if not h.weak])
        # adjectives (الجيش السوري) and the countries of places only one entry can be lean the choice
        anchored = {places[h.ids[0]].country for h in hits if len(h.ids) == 1 and not h.weak
                    and places[h.ids[0]].kind != KIND_COUNTRY}
        leaning = focus | self._adjective_countries(doc)
        sentence_of = self._sentences(doc, hits)
        # two rounds: first against the places only one entry can be, then
        # against every place chosen in the first round (صوران near مارع)
        anchors = _Anchors([(places[h.ids[0]], sentence_of[k]) for k, h in enumerate(hits) if len(h.ids) == 1 and not h.weak])
        chosen: list[int] = []
        for _ in range(2):
            chosen = [
                h.ids[0] if len(h.ids) == 1
                else max(h.ids, key=lambda i: self._score(places[i], h, leaning, anchors, sentence_of[k], i, anchored))
                for k, h in enumerate(hits)
            ]
            anchors = _Anchors([(places[i], sentence_of[k]) for k, i in enumerate(chosen) if not hits[k].weak])
        mentions: list[PlaceMention] = []
        for k, (hit, best) in enumerate(zip(hits, chosen, strict=True)):
            if not self._believable(best, hit, focus, anchored):
                continue
            if hit.weak and anchors.nearest_in_sentence(places[best], sentence_of[k]) > SUPPORT_KM:
                continue
            mentions.append(self._mention(doc, hit, places[best]))
        return mentions

    @staticmethod
    def _sentences(doc: AnalysedText, hits: Sequence[PlaceHit]) -> list[int]:
        ends = [s.end for s in doc.sentences]
        return [bisect.bisect_left(ends, h.start + 1) for h in hits]

    def _focus(self, hits: Sequence[PlaceHit]) -> set[str]:
        """Countries the document's places are in: named outright (2 votes), or holding two of its places.

        Places vote by distinct name, and only a place believable by itself
        votes (a home country's, or a big city), so common words that spell
        small towns abroad (أنا، كنت) cannot pull the focus to another continent.
        """
        votes: Counter[str] = Counter()
        seen: set[str] = set()
        for hit in hits:
            if hit.name in seen:
                continue  # a name repeated is one piece of evidence
            seen.add(hit.name)
            candidates = [self.places[i] for i in hit.ids]
            countries = {p.country for p in candidates}
            if len(countries) != 1:
                continue
            (country,) = countries
            if any(p.kind == KIND_COUNTRY for p in candidates):
                votes[country] += 2
            elif country in self.home or any(p.population >= BIG_CITY for p in candidates):
                votes[country] += 1
        return {c for c, v in votes.items() if v >= 2}

    def _adjective_countries(self, doc: AnalysedText) -> set[str]:
        """Countries named by adjective (الجيش السوري، القوات العراقية)."""
        found: set[str] = set()
        first_words = self._adjective_first_words
        for k, token in enumerate(doc.tokens):
            if token.text in first_words:
                match = self.country_adjectives.match_at(doc.tokens, k)
                if match is not None:
                    found.add(match.payload)
        return found

    def _score(
        self, place: Place, hit: PlaceHit, focus: set[str], anchors: _Anchors, sentence: int,
        index: int, anchored: set[str] | frozenset[str] = frozenset(),
    ) -> float:
        score = math.log10(place.population + 10) * 0.5 + KIND_BONUS.get(place.kind, 0.0)
        if index in self.capitals:
            score += CAPITAL_BONUS
        if place.country in focus or (place.kind == KIND_VILLAGE and place.country in anchored):
            # a village of the country the report's unambiguous places are in, over a town abroad
            score += FOCUS_BONUS
        elif not focus and place.country in self.home:
            score += HOME_BONUS
        score += NEAR_ANCHOR_BONUS * max(0.0, 1 - anchors.nearest(place) / NEAR_ANCHOR_KM)
        score += SAME_SENTENCE_BONUS * max(0.0, 1 - anchors.nearest_in_sentence(place, sentence) / NEAR_ANCHOR_KM)
        if hit.cue in _ADMIN_CUES:
            score += 3.0 if place.kind == KIND_ADMIN1 else 0.0
        elif hit.cue in _SETTLEMENT_CUES and place.kind in (KIND_ADMIN1, KIND_COUNTRY):
            score -= 3.0
        elif hit.cue in _VILLAGE_CUES and index in self.capitals:
            score -= 3.0  # قرية الرياض، بلدة القاهرة: a village, not the capital that shares its name
        elif hit.cue in _VILLAGE_CUES and place.kind == KIND_VILLAGE:
            score += 1.0
        return score

    def _believable(self, index: int, hit: PlaceHit, focus: set[str], anchored: set[str] | frozenset[str] = frozenset()) -> bool:
        """Outside the focus only countries, capitals, big cities written bare, and towns of the
        countries rasd covers that a cue introduces (نزحوا من مدينة سراقب إلى تركيا) are believed.

        باباً is a door, not Aba in Nigeria: far from the focus a common word
        that merely spells a town is far likelier than the town. And a village
        (قرية دار السلام بريف إدلب) is not a city abroad: after a village cue, in a
        report whose places are in other countries, the name is a village the
        gazetteer lacks.
        """
        place = self.places[index]
        if place.kind == KIND_COUNTRY or place.country in focus:
            return True
        if hit.cue in _VILLAGE_CUES and (focus or anchored) and place.country not in anchored:
            return False
        if not focus and place.country in self.home:
            return True
        if place.country in self.home and hit.cue is not None and not hit.weak:
            return True
        return index in self.capitals or (place.population >= BIG_CITY and hit.prefix in ("", "و"))

    def _acts(self, doc: AnalysedText, hit: PlaceHit) -> bool:
        """طيران النظام وروسيا: a country joined by و to an actor acts; it is not a location."""
        if not all(self.places[i].kind == KIND_COUNTRY for i in hit.ids):
            return False
        name_start = hit.start - len(hit.prefix)  # before وروسيا's و
        before = doc.text[max(0, name_start - 40):name_start].rstrip()
        if not hit.prefix.startswith("و"):
            if not before.endswith("و"):
                return False
            before = before[:-1].rstrip()
        words = before.split()
        return bool(words) and words[-1] in self.actor_words

    def unplaced(self, doc: AnalysedText, names: Sequence[UnknownName], mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
        """Places the gazetteer lacks: put, marked approximate, at the known place they lie in (the one
        the text says, else the nearest named in their sentence), or without coordinates when none is named."""
        countries = Counter(m.country for m in mentions if m.precision != "country")
        country = countries.most_common(1)[0][0] if countries else ""
        by_start = {m.start: m for m in mentions}
        starts = [m.start for m in mentions]
        sentence_ends = [s.end for s in doc.sentences]
        out = []
        for name in names:
            s, e, quote = doc.original_span(name.start, name.end)
            precision = "region" if name.cue in _ADMIN_CUES else "place"
            within = by_start.get(doc.original_span(name.enclosing, name.enclosing + 1)[0]) if name.enclosing is not None \
                else None
            if within is None:
                within = self._nearest_in_sentence(doc, mentions, starts, sentence_ends, name.start, s)
            key = f"unplaced:{doc.text[name.start:name.end]}"
            if within is None:
                out.append(PlaceMention(quote, s, e, key, None, quote, quote, None, None, country, None, precision,
                                        "unplaced", 0))
            else:
                out.append(PlaceMention(quote, s, e, key, None, quote, quote, within.lat, within.lon, within.country,
                                        within.admin1, precision, "unplaced", 0, approximate=True, within=within.key,
                                        admin2=within.admin2, admin3=within.admin3))
        return out

    @staticmethod
    def _nearest_in_sentence(doc: AnalysedText, mentions: Sequence[PlaceMention], starts: list[int],
                             sentence_ends: list[int], normalised_start: int, start: int) -> PlaceMention | None:
        """The named place nearest ``start`` in its sentence (after it first), a town or an area, not a country."""
        sentence = bisect.bisect_right(sentence_ends, normalised_start)
        lo = doc.original_span(doc.sentences[sentence].start, doc.sentences[sentence].start)[0] \
            if sentence < len(doc.sentences) else 0
        hi = doc.original_span(doc.sentences[sentence].end, doc.sentences[sentence].end)[0] \
            if sentence < len(doc.sentences) else 1 << 62
        k = bisect.bisect_left(starts, start)
        candidates = [m for m in mentions[k:k + 3] if m.start < hi]
        candidates += [m for m in reversed(mentions[max(0, k - 3):k]) if m.start >= lo]
        usable = [m for m in candidates if m.precision != "country" and m.lat is not None]
        return min(usable, key=lambda m: abs(m.start - start)) if usable else None

    def _mention(self, doc: AnalysedText, hit: PlaceHit, place: Place) -> PlaceMention:
        s, e, quote = doc.original_span(hit.start, hit.end)
        if hit.near:
            precision = "near"
        elif place.kind == KIND_COUNTRY:
            precision = "country"
        elif place.kind in (KIND_ADMIN1, KIND_REGION):
            precision = "region"
        else:
            precision = "place"
        admin1 = self.admin1_names.get((place.country, place.admin1 or ""), place.admin1)
        district = self.admin_areas.get(place.admin2 or "")
        subdistrict = self.admin_areas.get(place.admin3 or "")
        return PlaceMention(
            quote, s, e, place.key, place.geonameid, place.name, place.name_ar, place.lat, place.lon,
            place.country, admin1, precision, place.kind, len(hit.ids),
            admin2=district.name if district else None, admin3=subdistrict.name if subdistrict else None,
        )
