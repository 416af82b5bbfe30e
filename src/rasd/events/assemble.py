"""Assemble events from triggers and the mentions around them, sentence by sentence.

For each trigger: drop it when negated or only intended (لم، نفى، يعتزم);
turn a bare bombardment (قصف) into an air strike or shelling from the words
that say how; apply the codebook's priority rules (the means over the
consequence, a battle that changes hands is a territory change); then attach
its arguments from the sentence: places (one event per place, origin and
destinations for movement), the date (else the paragraph's last explicit
date, marked inherited), actors, counts with their category, and certainty.
Events of one type at one place and time are merged, keeping every piece of
evidence.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from rasd.events.breakdown import MIN_PAIRS, place_figures
from rasd.events.decisions import Candidate, Choice, Models, Trace, bucket
from rasd.events.lexicons import BOMBARDMENT, FLIGHT, NOT_AN_EVENT, TARGETING, EventWords
from rasd.events.place_lists import listed_next, listed_with, nearest_list, opens_examples
from rasd.events.reconcile import PARAGRAPH, PUBLICATION, REPORT, SENTENCE, reconcile
from rasd.records import (
    ActorMention,
    DateMention,
    Event,
    EventActor,
    EventCount,
    PlaceMention,
    Quantity,
    Sentence,
    Span,
)
from rasd.text.analysed import AnalysedText
from rasd.text.tokens import PUNCT, Token, word_before_in_clause, word_start

MOVEMENT = frozenset({"displacement", "defection"})
ARMED_TYPES = frozenset({"state forces", "rebel group", "political militia", "identity militia", "external/other forces"})
CONSEQUENCES = frozenset({"killing"})  # قتل 5 ... جراء قصف: what an attack caused, not a happening of its own
VIOLENT = frozenset({"air_strike", "shelling", "explosion", "chemical_attack", "armed_clash", "killing", "territory_change"})
MEANS = frozenset({"air_strike", "shelling", "explosion", "chemical_attack"})
FIGHTING = frozenset({"armed_clash", "territory_change", "air_strike", "shelling", BOMBARDMENT})
PEOPLE_TYPES = frozenset({"arrest", "abduction", "displacement", "defection", "recruitment", "protest", "riot", "killing"})
# whose events carry killed and injured counts: the attacks, and protests and riots (protesters killed by
# forces are the protest's toll)
CASUALTY_TYPES = VIOLENT | {"protest", "riot"}
COUNTED_TYPES = CASUALTY_TYPES | PEOPLE_TYPES  # whose figures a toll broken down by place may give
CIVILIAN_TARGET_TYPES = frozenset({"air_strike", "shelling", "explosion", "chemical_attack", "killing", "property"})
MUNITION_GAP = 6  # tokens from an air strike's words to the missiles it fired (غارات جوية على البلدة بصواريخ)
BLOCKER_WINDOW = 4  # tokens before a trigger where لم، نفى، يعتزم cancel it
SUBJECT_WINDOW = 8  # tokens after a verb where its subject (the acting actor) stands
COUNT_WINDOW = 3
CHAIN_GAP = 16  # characters: "قرية X بريف Y" names one place, not two
ENCLOSING_GAP = 5  # characters from a list to the area it lies in (قرى A وB بريف إدلب)
NEAR_CLAUSE_CHARS = 60  # a trigger whose clause names no place takes one this close, or none
LIST_LINE_WORDS = 8  # words of a line in a list of places below a colon (- قرية كفرصفرة: 12 منزلا)
ROSTER_TYPES = frozenset({"arrest", "abduction", "killing"})  # happenings a report lists people of, each with their place
DISTANCE_EDGES = (0, 2, 5, 10, 20)  # token gaps between a trigger and a place, as the model sees them
BREAKDOWN_LINES = 12  # lines after a total that may each give one place's figure (– اللاذقية: 836.)
JOINED_GAP = 5  # tokens from a joining word to the protest joined (انضمت مدينة البصرة إلى الاحتجاجات)
LEAD_SENTENCES = 2  # a report's lead: the day it gives is the day of the details told after it without one
RIOTERS = "rioters"  # a riot's actor1, an ACLED actor type of its own
DEFECTORS = "defectors"  # a defection's actor1: the members who left a side, named after it (Islamic State defectors)
NOT_ACTORS = frozenset({"civilians", "protesters"})
RIOT_TURNS = frozenset({"protest", "property", "armed_clash"})  # what protesters' violence is told as
_LIST_PART_END = re.compile(r"[،,.؛;:]")
_OBJECT_MARKERS = frozenset({"على", "ضد", "من", "في", "مع", "بين", "عن", "إلى", "الى", "لدى", "بحق", "تجاه", "نحو"})


@dataclass(slots=True)
class _DocContext:
    """Per-document lookups computed once (the extractor runs on 10 MB documents too)."""

    doc: AnalysedText
    token_original_starts: list[int]
    sentence_tokens: list[tuple[int, int]]  # token index range [first, last) of each sentence
    certainty: dict[tuple[int, int], tuple[str, Span | None]]  # by (sentence, end of the trigger's clause)
    clause_starts: list[int]  # original offsets where a clause begins (after ، كما ...)
    last_actor: dict[str, ActorMention]  # the last actor1 seen per event type, for sentences naming none
    paragraph_actor: ActorMention | None = None
    typical_actor: dict[str, ActorMention] = field(default_factory=dict)
    last_origin: dict[str, PlaceMention] = field(default_factory=dict)  # per movement type, for "the defectors" later
    trigger_starts: list[int] = field(default_factory=list)  # original offsets of every kept trigger, sorted
    trigger_kinds: dict[int, str] = field(default_factory=dict)
    towns: list[PlaceMention] = field(default_factory=list)  # towns and villages named, for المدينة referring back
    town_starts: list[int] = field(default_factory=list)
    main_town: list[PlaceMention] = field(default_factory=list)  # per town mention: the most named so far
    last_location: dict[str, tuple[PlaceMention, int]] = field(default_factory=dict)  # per type: where, which sentence
    paragraphs: list[int] = field(default_factory=list)  # paragraph of each sentence
    place_counts: Counter[str] = field(default_factory=Counter)  # mentions of each place in the document
    main_country: str = ""
    trace: Trace | None = None  # every decision weighed, when asked for (fitting, explaining)
    sentences: Sequence[Sentence] = ()
    attributions: dict[int, Span] | None = None  # per sentence, its first "reported" cue (computed when needed)
    attributed: list[int] = field(default_factory=list)  # those sentences, in order
    sentence_first_tokens: list[int] = field(default_factory=list)
    means_sentences: dict[str, set[int]] = field(default_factory=dict)  # the sentences naming each means
    places_in: dict[int, list[PlaceMention]] = field(default_factory=dict)  # usable places by sentence
    first_mention: dict[str, PlaceMention] = field(default_factory=dict)  # by key, the first usable mention
    main_place: str | None = None  # the key of the place the report names most
    sentence_roles: dict[int, tuple[set[str], set[int]]] = field(default_factory=dict)


@dataclass(slots=True)
class _Trigger:
    kind: str
    first: int  # token indices
    last: int
    start: int  # original offsets
    end: int
    text: str
    sentence: int


class EventAssembler:
    def __init__(self, words: EventWords, models: Models | None = None, air_capable: frozenset[str] = frozenset(),
                 adjective_actor: Callable[[AnalysedText, int], ActorMention | None] | None = None,
                 antecedent_openers: frozenset[str] = frozenset()) -> None:
        """``air_capable``: the ids of the actors with aircraft or drones, the only ones an air strike is by;
        ``adjective_actor``: the actor a nationality adjective at a token names (القصف التركي), if any;
        ``antecedent_openers``: the words (وهي، وهما) that open the names of places counted just before."""
        self.words = words
        self.antecedent_openers = antecedent_openers
        self.air_capable = air_capable
        self.adjective_actor = adjective_actor
        self.models = models or Models()
        self.attachment = self.models.attachment
        self._means_first_words = words.means.first_words()
        self._movement_words = words.destination | words.origin
        self._count_first_words = words.count_words.first_words()
        self._certainty_first_words = words.certainty.first_words()
        self._leader_markers = frozenset(tuple(m.split()) for m in words.leader_markers)
        # بين قريتي X وY: the cue word may stand between بين and the place
        self._between = frozenset((b,) for b in words.between) | frozenset(
            (b, cue) for b in words.between for cue in words.between_cues
        )
        # the last word of each phrase set's phrases, to rule most places out at one look
        self._last_words = {phrases: frozenset(p[-1] for p in phrases if p) for phrases in (self._leader_markers, self._between)}

    def assemble(
        self,
        doc: AnalysedText,
        sentences: Sequence[Sentence],
        dates: Sequence[DateMention],
        quantities: Sequence[Quantity],
        places: Sequence[PlaceMention],
        actors: Sequence[ActorMention],
        doc_id: str = "",
        trace: Trace | None = None,
        published: date | None = None,
    ) -> list[Event]:
        """The document's events; ``trace``, when given, receives every decision the models were (or
        would be) asked about, with its features and outcome (to fit or explain them)."""
        if not sentences:
            return []
        ends = [s.end for s in sentences]

        def sentence_of(offset: int) -> int:
            return min(bisect.bisect_right(ends, offset), len(sentences) - 1)

        blocked = [(a.start, a.end) for a in actors] + [(p.start, p.end) for p in places]
        count_ends = sorted(q.end for q in quantities if q.is_count)
        triggers = self._triggers(doc, sentence_of, blocked, actors, count_ends)
        if not triggers:
            return []
        token_starts = [t.start for t in doc.tokens]
        ctx = _DocContext(
            doc,
            token_starts if len(doc.normalised.norm_starts) == 1 else doc.normalised.original_offsets(token_starts),
            [(bisect.bisect_left(token_starts, sp.start), bisect.bisect_left(token_starts, sp.end)) for sp in doc.sentences],
            {},
            [m.end() for m in self.words.clause_boundary.finditer(doc.normalised.original)],
            {},
        )
        ctx.trace = trace
        ctx.sentences = sentences
        ctx.sentence_first_tokens = [first for first, _ in ctx.sentence_tokens]
        ctx.place_counts = Counter(p.key for p in places)
        ctx.main_place = ctx.place_counts.most_common(1)[0][0] if ctx.place_counts else None
        countries = Counter(p.country for p in places if p.precision != "country")
        ctx.main_country = countries.most_common(1)[0][0] if countries else ""
        paragraphs = self._paragraphs(doc.normalised.original, sentences)
        ctx.paragraphs = paragraphs
        text = doc.normalised.original
        # a dateline (بنغازي - (وكالات)) or a leader (بزعامة واشنطن) is not where it happened
        usable = [p for p in places if not _dateline(text, p) and not self._preceded_by(ctx, p, self._leader_markers)]
        places_in = _group(usable, sentence_of)
        ctx.places_in = places_in
        for place in usable:
            ctx.first_mention.setdefault(place.key, place)
        doc_means = self._document_means(ctx, sentence_of)
        fighting_sentences = {t.sentence for t in triggers if t.kind in FIGHTING}
        protester_starts = sorted(a.start for a in actors if a.name == "protesters")
        by_sentence: dict[int, list[_Trigger]] = {}
        kept: list[_Trigger] = []
        for trigger in triggers:
            if trigger.kind == TARGETING:
                means = self._means_near(ctx, trigger)
                if means is None:
                    continue
                trigger.kind = means
            elif trigger.kind == BOMBARDMENT:
                trigger.kind = self._bombardment_kind(ctx, trigger, doc_means, sentences)
            elif trigger.kind == FLIGHT:
                trigger.kind = "defection" if self._fighters_flee(ctx, trigger) else "displacement"
            elif trigger.kind == "withdrawal" and trigger.sentence in fighting_sentences:
                trigger.kind = "territory_change"  # انسحبت بعد تعرضها للقصف: ground lost by force
            elif trigger.kind in RIOT_TURNS:
                # متظاهرون يحرقون بنكاً: a violent demonstration; أحرقوا الإطارات: a road block, a protest
                trigger.kind = self._protesters_act(ctx, trigger, protester_starts) or trigger.kind
            if trigger.kind == "shelling" and self._munition_of_a_strike(ctx, trigger, kept):
                continue  # غارات جوية بصواريخ: the missiles an aircraft fired, not a shelling of their own
            kept.append(trigger)
            second = self._second_means(ctx, trigger)
            if second is not None:
                kept.append(second)  # قصف جوي وصاروخي: one event per means
        kept = _joining_told_otherwise(kept, self.words.joining)
        for trigger in kept:
            by_sentence.setdefault(trigger.sentence, []).append(trigger)
        ctx.trigger_starts = sorted(t.start for t in kept)
        ctx.trigger_kinds = {t.start: t.kind for t in kept}
        # triggers right after بعد/عقب (عقب معارك ضارية): a battle told as what came before
        after_starts = {t.start for t in kept if t.first > 0 and doc.tokens[t.first - 1].text in self.words.after_words}

        ctx.towns = [p for p in usable if p.precision == "place" and p.geonameid is not None]
        ctx.town_starts = [p.start for p in ctx.towns]
        # the town named most often up to each mention (the latest of equals), computed once
        town_counts: Counter[int | None] = Counter()
        for town in ctx.towns:
            town_counts[town.geonameid] += 1
            best = ctx.main_town[-1] if ctx.main_town else town
            ctx.main_town.append(town if town_counts[town.geonameid] >= town_counts[best.geonameid] else best)
        dates_in = _group([d for d in dates if d.kind != "duration"], sentence_of)
        report_date = next((d for k in range(min(LEAD_SENTENCES, len(sentences))) for d in dates_in.get(k, ())
                            if d.date_start is not None and d.precision == "day"), None)
        # a detail told without a date happened on the day the report's lead gives; when the lead gives none,
        # on the day of publication: both offered as defaults and marked so (date "from": report, publication)
        default_date = (report_date, REPORT) if report_date is not None else (
            (DateMention("", 0, 0, published, published, "day", kind="default"), PUBLICATION) if published else None)
        counts_in = _group([q for q in quantities if q.is_count], sentence_of)
        actors_in = _group(actors, sentence_of)

        events: list[Event] = []
        acting_in = {k: [a for a in v if a.name not in NOT_ACTORS] for k, v in actors_in.items()}
        # who usually does each kind of thing in this report, for sentences that name no one
        typical: dict[str, Counter[str]] = {}
        named: dict[str, ActorMention] = {}
        for trigger in kept:
            subject = self._subject(doc, trigger, self._able(trigger.kind, acting_in.get(trigger.sentence, [])))
            if subject is not None:
                typical.setdefault(trigger.kind, Counter())[subject.id] += 1
                named.setdefault(subject.id, subject)
        ctx.typical_actor = {kind: named[c.most_common(1)[0][0]] for kind, c in typical.items()}
        for index, sentence_triggers in sorted(by_sentence.items()):
            sentence = sentences[index]
            ctx.paragraph_actor = self._paragraph_actor(index, acting_in, paragraphs)
            sentence_events: list[Event] = []
            for trigger in sentence_triggers:
                quantities = counts_in.get(index, [])
                inherited: list[Quantity] = []
                if trigger.kind in CASUALTY_TYPES and not any(self._count_category(ctx, q) != "people" for q in quantities):
                    inherited = self._paragraph_casualties(ctx, index, counts_in, paragraphs, by_sentence)
                date = self._date_for(index, dates_in, paragraphs)
                if date is not None and date[1] == SENTENCE and _date_belongs_to_another(trigger, date[0], sentence_triggers):
                    date = None
                if date is None and default_date is not None:
                    date = default_date
                listed = [] if trigger.kind in MOVEMENT else self._listed_below(ctx, index, by_sentence)
                sentence_events.extend(self._events_for(
                    ctx, index, trigger, sentence, listed or places_in.get(index, []), date,
                    actors_in.get(index, []), quantities, doc_id, inherited, listed=bool(listed),
                ))
            sentence_events = self._with_breakdown(ctx, index, sentence_events, by_sentence, counts_in, doc_id)
            for event in sentence_events:
                if event.location is not None:
                    ctx.last_location[event.type] = (event.location, index)
                actor1 = next((a.actor for a in event.actors if a.role == "actor1" and a.actor is not None), None)
                if actor1 is not None and actor1.name not in NOT_ACTORS:
                    ctx.last_actor[event.type] = actor1
            events.extend(_prioritise(sentence_events, after_starts))
        return reconcile(self._place_the_placeless(ctx, events, sentence_of), doc_id)

    @staticmethod
    def _place_the_placeless(ctx: _DocContext, events: list[Event], sentence_of: Callable[[int], int]) -> list[Event]:
        """A kind of happening the report tells, with its figures, only in sentences naming no place (قتل 17
        مدنيا برصاص قوات الأمن after a paragraph on one town) happened where the paragraph, else the report,
        is: its first telling takes that place, marked as referred back. Without a figure a placeless word is
        as often a passing mention (the fitted sets: 17 such events right, 60 wrong)."""
        located = {e.type for e in events if e.location is not None}
        placed: set[str] = set()
        out = []
        for event in events:
            if event.location is None and event.counts and event.type not in located and event.type not in placed:
                places = EventAssembler._context_places(ctx, sentence_of(event.sentence.start))
                place = places.get("paragraph") or places.get("report")
                if place is not None:
                    placed.add(event.type)
                    event = replace(event, location=place, location_referred_back=True)
            out.append(event)
        return out

    def _listed_below(self, ctx: _DocContext, index: int, by_sentence: dict[int, list[_Trigger]]) -> list[PlaceMention]:
        """The places of the lines a sentence ending in a colon introduces (نهبت المنازل في القرى التالية:
        then "- قرية A"، "- قرية B"): short lines telling no happening of their own, one place or more each;
        or of the next sentence when it opens with وهي and names them (سيطرت على 10 قرى. وهي A، B وC)."""
        sentences = ctx.sentences
        if index + 1 < len(sentences) and index + 1 not in by_sentence and ctx.places_in.get(index + 1) \
                and ctx.doc.tokens[ctx.sentence_tokens[index + 1][0]].text in self.antecedent_openers:
            # ... أكثر من 10 قرى. وهي A، B وC: the next sentence names the places, and tells nothing else
            return list(ctx.places_in[index + 1])
        if not sentences[index].text.rstrip().endswith((":", "：")):
            return []
        text = ctx.doc.normalised.original
        found: list[PlaceMention] = []
        k = index + 1
        while k < len(sentences) and k not in by_sentence:
            line = sentences[k]
            if "\n" not in text[sentences[k - 1].end:line.start + 1] and not found:
                break  # the list begins on a line of its own
            words = line.text.split()
            if len(words) > LIST_LINE_WORDS:
                break
            places = ctx.places_in.get(k, [])
            if not places and any(ch.isalpha() for ch in line.text):
                break  # a line naming no place ends the list ("1." numbers an item)
            found.extend(places)
            k += 1
        return found

    def _with_breakdown(self, ctx: _DocContext, index: int, told: list[Event], by_sentence: dict[int, list[_Trigger]],
                        counts_in: dict[int, list[Quantity]], doc_id: str) -> list[Event]:
        """A total, then its figure for each place (توزعوا كالآتي: 2 في بانياس، 7 في قرية بصرمون؛ بمعدل
        (بغداد 8، ميسان 9)), after the trigger in its sentence or in the lines that follow and tell no
        happening: each place's event (the one the trigger gave it, or a new one of the total's type) takes
        its own figure instead of the total."""
        parent = next((e for e in reversed(told) if e.type in COUNTED_TYPES), None)
        if parent is None:
            return told
        text = ctx.doc.normalised.original
        after = parent.trigger.end
        own_category = parent.counts[0].category if parent.counts else ("killed" if parent.type in VIOLENT else "people")
        pairs: list[tuple[int, PlaceMention, Quantity, str | None]] = []
        given: set[tuple[str, str]] = set()  # (place, category) the breakdown has given a figure
        k = index
        while k < len(ctx.sentences) and k - index <= BREAKDOWN_LINES and (k == index or k not in by_sentence):
            if k == index:  # after the trigger in its own sentence
                places = [p for p in ctx.places_in.get(k, []) if p.start > after]
                counts = [q for q in counts_in.get(k, []) if q.start > after]
            else:  # a following line that tells no happening
                places, counts = ctx.places_in.get(k, []), counts_in.get(k, [])
            found = place_figures(text, places, counts, self.words.is_breakdown_link)
            if not found and k != index:
                break
            category = own_category
            if k != index:
                # a line's own total says what its figures count (فيما ارتفع عدد الجرحى إلى 50، بمعدل ...)
                category = next((c for q in counts if (c := self._count_category(ctx, q)) != "people"), own_category)
            line = []
            for place, q in found:
                told_category = self._count_category(ctx, q)
                line.append((k, place, q, told_category if told_category != "people" else category))
            k += 1
            if any((place.key, told) in given for _, place, _, told in line):
                # a second figure for a place in the same category: this line counts something its words do
                # not name (بغداد 8 ... ثم بغداد 1493: the wounded); its places keep the happening, not a
                # guessed figure
                pairs.extend((line_k, place, q, None) for line_k, place, q, _ in line)
                continue
            given.update((place.key, told) for _, place, _, told in line)
            pairs.extend(line)
        if len(pairs) < MIN_PAIRS:
            return told
        out = list(told)
        at_place: dict[str, list[int]] = {}  # several triggers of the sentence may have given a place its event
        for i, e in enumerate(out):
            if e.type == parent.type and e.location is not None:
                at_place.setdefault(e.location.key, []).append(i)
        broken: set[str] = set()  # places whose counts now come from the breakdown
        for k, place, q, counted_as in pairs:
            counted = () if counted_as is None else (EventCount(counted_as, q),)
            if place.key in at_place:
                if counted_as is None:
                    continue
                for i in at_place[place.key]:
                    kept = tuple(c for c in out[i].counts if place.key in broken and c.category != counted_as)
                    out[i] = replace(out[i], counts=kept + counted)
            else:
                sentence = ctx.sentences[k]
                event_id = hashlib.sha1(f"{doc_id}|{parent.type}|{place.key}|{q.start}".encode()).hexdigest()[:16]
                out.append(replace(
                    parent, event_id=event_id, location=place, origin=None, destinations=(), counts=counted,
                    sentence=Span(sentence.text, sentence.start, sentence.end), more_evidence=(),
                    location_referred_back=False,
                ))
                at_place[place.key] = [len(out) - 1]
            broken.add(place.key)
        return out

    # --------------------------------------------------------------- triggers
    def _triggers(self, doc: AnalysedText, sentence_of: Callable[[int], int], blocked: list[tuple[int, int]],
                  actors: Sequence[ActorMention], count_ends: Sequence[int] = ()) -> list[_Trigger]:
        """The trigger words of the text; ``count_ends``: the original end offsets of the counts, sorted (a
        participle naming people is a trigger only right after one)."""
        tokens = doc.tokens
        words = self.words
        blocked = sorted(blocked)
        blocked_starts = [b[0] for b in blocked]
        actor_spans = sorted((a.start, a.end) for a in actors)
        actor_starts = [b[0] for b in actor_spans]
        found: list[_Trigger] = []
        i = 0
        while i < len(tokens):
            if tokens[i].text not in words.trigger_first_words:
                i += 1
                continue
            match = words.triggers.match_at(tokens, i)
            if match is None:
                i += 1
                continue
            s, e, quote = doc.token_span(i, match.last)
            # inside an actor's or a place's name (هيئة تحرير الشام) a word is no trigger,
            # except aviation (طيران النظام): it says how the actor struck
            if _inside(s, e, blocked, blocked_starts) and not (
                match.payload == "air_strike" and _inside(s, e, actor_spans, actor_starts)
            ):
                i = match.next
                continue
            if match.last == i and words.counted_participles.get(tokens[i].text) == match.payload \
                    and not _counted(s, count_ends):
                i = match.next
                continue
            if match.payload != NOT_AN_EVENT and not self._blocked(tokens, i, match.last) \
                    and not (match.payload in words.attempt_types  # في محاولة للسيطرة على: an aim, not a change
                             and word_before_in_clause(tokens, i, words.attempts, BLOCKER_WINDOW)):
                found.append(_Trigger(match.payload, i, match.last, s, e, quote, sentence_of(s)))
            i = match.next
        return found

    def _blocked(self, tokens: Sequence[Token], i: int, last: int) -> bool:
        """لم، نفى، يعتزم just before the trigger, or المحتملة right after it."""
        blockers = self.words.blockers
        if any(tokens[k].text in blockers for k in range(max(0, i - BLOCKER_WINDOW), i)):
            return True
        return last + 1 < len(tokens) and tokens[last + 1].text in self.words.blockers_after

    def _protesters_act(self, ctx: _DocContext, trigger: _Trigger, protester_starts: list[int]) -> str | None:
        """What protesters' violence in a clause is: a riot (خرج متظاهرون وأحرقوا مقر البلدية، اقتحم محتجون
        مبنى), or, when what burns is a road block's tyres, the protest itself; None when no protester acts."""
        first, last = self._clause_tokens(ctx, trigger)
        words = {t.text for t in ctx.doc.tokens[first:last]}
        if not words & self.words.riot_violence and trigger.kind not in ("property", "armed_clash"):
            return None
        start, end = ctx.token_original_starts[first], ctx.token_original_starts[last - 1] if last > first else 0
        k = bisect.bisect_left(protester_starts, start)
        protesters = k < len(protester_starts) and protester_starts[k] <= end
        if trigger.kind == "armed_clash" and protesters and not words & self.words.riot_violence:
            return "protest"  # مواجهات بين قوات الأمن والمتظاهرين: a protest met by force, no armed clash
        if not (protesters or trigger.kind == "protest"):
            return None
        if words & self.words.protest_props:
            return "protest"
        return "riot" if words & self.words.riot_violence else None

    @staticmethod
    def _munition_of_a_strike(ctx: _DocContext, trigger: _Trigger, kept: list[_Trigger]) -> bool:
        """A shelling word written with the instrumental ب (بصواريخ، بقذائف) shortly after an air strike's
        words in its sentence says what the aircraft fired."""
        if not ctx.doc.tokens[trigger.first].text.startswith("ب"):
            return False
        return any(t.kind == "air_strike" and t.sentence == trigger.sentence and 0 <= trigger.first - t.last <= MUNITION_GAP
                   for t in kept[-3:])

    def _second_means(self, ctx: _DocContext, trigger: _Trigger) -> _Trigger | None:
        """قصف جوي وصاروخي، غارات جوية وقصف مدفعي: the other means, joined right after an air strike's or a
        shelling's words, is a trigger of its own."""
        if trigger.kind not in ("air_strike", "shelling"):
            return None
        tokens = ctx.doc.tokens
        for k in range(trigger.last + 1, min(len(tokens), trigger.last + 3)):
            word = tokens[k].text
            if not word.startswith("و") or len(word) < 4:
                continue
            match = self.words.means.match_at(tokens, k)
            if match is not None and match.payload != trigger.kind and match.prefix == "و":
                s, e, quote = ctx.doc.token_span(k, match.last)
                return _Trigger(match.payload, k, match.last, s, e, quote, trigger.sentence)
        return None

    def _bombardment_kind(self, ctx: _DocContext, trigger: _Trigger, doc_means: Counter[str],
                          sentences: Sequence[Sentence]) -> str:
        """A قصف's means: the rules' answer (the nearest means word in the sentence, else the report's
        usual means), or the fitted model's, from the means words at each distance."""
        near = self._means_near(ctx, trigger)
        rule = near or (doc_means.most_common(1)[0][0] if doc_means else "shelling")
        model = self.models.bombardment
        if model is None and ctx.trace is None:
            return rule
        f: dict[str, float] = {}
        if near:
            f[f"sentence={near}"] = 1.0
        first, last = ctx.sentence_tokens[trigger.sentence] if trigger.sentence < len(ctx.sentence_tokens) else (0, 0)
        for k in range(first, last):
            if ctx.doc.tokens[k].text in self._means_first_words:
                match = self.words.means.match_at(ctx.doc.tokens, k)
                if match is not None:
                    f[f"in_sentence={match.payload}"] = 1.0
        paragraph = ctx.paragraphs[trigger.sentence] if trigger.sentence < len(ctx.paragraphs) else -1
        definite = _definite(trigger.text)
        for kind, sentences_with in ctx.means_sentences.items():
            if any(ctx.paragraphs[k] == paragraph and k != trigger.sentence for k in sentences_with):
                f[f"in_paragraph={kind}"] = 1.0
            if trigger.sentence - 1 in sentences_with:
                f[f"previous_sentence={kind}"] = 1.0
                if definite:
                    f[f"definite_previous={kind}"] = 1.0  # شمل القصف ...: the bombardment just told
        total = sum(doc_means.values())
        for kind in ("air_strike", "shelling"):
            share = doc_means[kind] / total if total else 0.0
            f[f"report_share={kind}:{bucket(int(share * 4), (0, 1, 2, 3))}"] = 1.0
        if definite:
            f["definite"] = 1.0
        outcome = rule
        probability = None
        if model is not None:
            probability = model.probability(f)
            outcome = "air_strike" if probability >= model.threshold else "shelling"
        if ctx.trace is not None:
            sentence = sentences[trigger.sentence]
            ctx.trace.choices.append(Choice("bombardment", trigger.start, trigger.end, sentence.start, sentence.end, f,
                                            outcome, probability, tuple(ctx.places_in.get(trigger.sentence, ()))))
        return outcome

    def _means_near(self, ctx: _DocContext, trigger: _Trigger) -> str | None:
        """How a قصف was carried out: the nearest means word in its sentence."""
        if trigger.sentence >= len(ctx.sentence_tokens):
            return None
        first, last = ctx.sentence_tokens[trigger.sentence]
        tokens = ctx.doc.tokens
        best: tuple[int, str] | None = None
        first_words = self._means_first_words
        for k in range(first, last):
            if tokens[k].text not in first_words:
                continue
            match = self.words.means.match_at(tokens, k)
            if match is not None and (best is None or abs(k - trigger.first) < best[0]):
                best = (abs(k - trigger.first), match.payload)
        return best[1] if best else None

    def _drop_chained(self, ctx: _DocContext, places: list[PlaceMention], *, moving: bool) -> list[PlaceMention]:
        """قرية X بريف Y، مدينة منبج شرقي حلب، السخنة الواقعة إلى الشرق من تدمر: the second place only
        says where the first is; but من الميادين إلى الحسكة names the two places of one movement."""
        text = ctx.doc.normalised.original
        kept: list[PlaceMention] = []
        for place in places:
            if kept:
                gap = text[kept[-1].end:place.start]
                words = _words_between(ctx, kept[-1].end, place.start)
                # a list (A، B؛ A/ B؛ A وB), not "X بريف Y"; a dash sets an aside apart (ذيبان - مسقط رأس ...)
                joined = any(mark in gap for mark in (",", "،")) or any(w.startswith("و") for w in words) \
                    or (gap.strip() == "/" and gap != "/")  # a tight أبو راسين/زركان is one place
                located = tuple(words) in self.words.located_by
                if (len(gap) <= CHAIN_GAP or located) and not joined and "\n" not in gap \
                        and not (moving and any(w in self._movement_words for w in words)):
                    continue
            kept.append(place)
        return kept

    def _fighters_flee(self, ctx: _DocContext, trigger: _Trigger) -> bool:
        """Whether a flight's clause names fighters (محاولات العناصر للهرب) rather than civilians."""
        first, last = self._clause_tokens(ctx, trigger)
        return any(t.text in self.words.combatants for t in ctx.doc.tokens[first:last])

    @staticmethod
    def _clause_tokens(ctx: _DocContext, trigger: _Trigger) -> tuple[int, int]:
        """Token range of the trigger's clause, within its sentence (a clause runs on to the next
        boundary, which may be far away in a long document of short sentences)."""
        start, end = _clause_of(ctx.clause_starts, trigger)
        first = bisect.bisect_left(ctx.token_original_starts, start)
        last = bisect.bisect_left(ctx.token_original_starts, end)
        if trigger.sentence < len(ctx.sentence_tokens):
            sentence_first, sentence_last = ctx.sentence_tokens[trigger.sentence]
            first, last = max(first, sentence_first), min(last, sentence_last)
        return first, last

    def _document_means(self, ctx: _DocContext, sentence_of: Callable[[int], int]) -> Counter[str]:
        """The means words of the whole report, counted by kind; and (in ``ctx``) the sentences holding each."""
        doc = ctx.doc
        votes: Counter[str] = Counter()
        for k in range(len(doc.tokens)):
            if doc.tokens[k].text not in self._means_first_words:
                continue
            match = self.words.means.match_at(doc.tokens, k)
            if match is not None:
                votes[match.payload] += 1
                ctx.means_sentences.setdefault(match.payload, set()).add(sentence_of(ctx.token_original_starts[k]))
        return votes

    # -------------------------------------------------------------- arguments
    def _events_for(
        self, ctx: _DocContext, index: int, trigger: _Trigger, sentence: Sentence, places: list[PlaceMention],
        date: tuple[DateMention, str] | None, actors: list[ActorMention], quantities: list[Quantity], doc_id: str,
        inherited_quantities: Sequence[Quantity] = (), listed: bool = False,
    ) -> list[Event]:
        """``listed``: ``places`` are the lines listed below the sentence, each where the event happened."""
        doc = ctx.doc
        text = doc.normalised.original
        named = places
        places = self._drop_chained(ctx, places, moving=trigger.kind in MOVEMENT)
        referred_back = False
        # a trigger's numbers are those of its reach: (4) منهم of an earlier clause are not the ones who
        # tried to flee, and ، فيما نزح 1500 شخص are not hurt by the shelling before
        clause_start = _clause_of(ctx.clause_starts, trigger)[0]
        reach_start = self._reach_start(ctx, trigger, sentence)
        reach_end = self._attribution_end(ctx, trigger, sentence)
        quantities = [q for q in quantities if reach_start <= q.start < reach_end]
        origin: PlaceMention | None = None
        destinations: list[PlaceMention] = []
        locations = places
        if trigger.kind in MOVEMENT:
            # a sentence can tell two movements (they reached X and Y, ... while others tried to flee from Z):
            # the trigger's own clause has its places, when it names any
            own = [p for p in places if clause_start <= p.start < reach_end] or places
            roles = self._movement_roles(text, own)
            origins = [p for p, role in zip(own, roles, strict=True) if role == "origin"]
            destinations = [p for p, role in zip(own, roles, strict=True) if role == "destination"]
            origin = origins[0] if origins else None
            staying = [p for p, role in zip(own, roles, strict=True) if role == "location"]
            if origins:
                ctx.last_origin[trigger.kind] = origins[0]
            elif not staying and destinations and trigger.kind in ctx.last_origin:
                # "the defectors reached Idlib": the origin is the one the report is about
                origin = ctx.last_origin[trigger.kind]
            locations = origins or staying[:1] or ([origin] if origin else destinations[:1])
        elif listed:
            locations = places
        else:
            # a whole country is the location only when the sentence names nothing more specific
            specific = [p for p in places if p.precision != "country"]
            candidates = specific or places
            clause = _clause_of(ctx.clause_starts, trigger)
            in_clause = [p for p in candidates if clause[0] <= p.start < clause[1]]
            if not in_clause:
                in_clause = [p for p in candidates if _gap(p, trigger) <= NEAR_CLAUSE_CHARS]
            if not in_clause:
                # خطف مسلحون ثلاثة مدنيين، وأطلقوا النار على أحدهم ...، في ريف السويداء: a place after the
                # sentence's last happening is where all of them happened
                last = ctx.trigger_starts[bisect.bisect_left(ctx.trigger_starts, sentence.end) - 1]
                in_clause = [p for p in candidates if p.start > last]
            # the nearest place comes from the trigger's clause; its list may run on
            # past a comma (بلدات X وY، وقرى Z وW)
            locations = nearest_list(text, trigger, candidates, in_clause,
                                      lambda start, end: opens_examples(_words_between(ctx, start, end), self.words.elaboration,
                                                                         self.words.list_continuations,
                                                                         self.words.target_cues),
                                      roster=trigger.kind in ROSTER_TYPES)
            if locations and self._preceded_by(ctx, locations[0], self._between):
                locations = locations[:1]  # بين قريتي X وY: one spot between two places
            elif locations:
                locations = locations + self._coordinated_targets(ctx, trigger, sentence, candidates, locations, named)
        if not locations and _definite(trigger.text) and trigger.kind in ctx.last_location:
            # وأسفر الانفجار عن إصابة 7: "the explosion" is the one just told (in the sentence before, or
            # in this paragraph), where it was
            told, told_in = ctx.last_location[trigger.kind]
            if index - told_in <= 1 or ctx.paragraphs[told_in] == ctx.paragraphs[index]:
                locations = [told]
                referred_back = True
        if not locations:
            referred = self._place_referred_back(ctx, trigger)
            locations = [referred] if referred else []
            referred_back = referred is not None
        locations = self._decide_places(ctx, index, trigger, named, places, locations)
        # a place the sentence does not name (the paragraph's, the report's) is marked as referred back
        referred_back = bool(locations) and (referred_back or any(p not in named for p in locations))
        if not locations:
            locations_or_none: list[PlaceMention | None] = [None]
        else:
            locations_or_none = list(locations)
        fallback = ctx.typical_actor.get(trigger.kind) or ctx.last_actor.get(trigger.kind) or ctx.paragraph_actor
        fighters_move = trigger.kind == "displacement" and self._fighters_flee(ctx, trigger)
        event_actors = self._actors(doc, trigger, actors, fallback, fighters_move)
        inherited = self._counts(ctx, trigger, list(inherited_quantities), places)
        counts = self._counts(ctx, trigger, quantities, places) + tuple(
            EventCount(c.category, c.quantity, inherited=True) for c in inherited
        )
        if (index, reach_end) not in ctx.certainty:
            ctx.certainty[(index, reach_end)] = self._certainty(ctx, index, reach_end)
        certainty, cue = ctx.certainty[(index, reach_end)]
        acled = self.words.acled.get(trigger.kind, ("", ""))
        out = []
        for location in locations_or_none:
            place_counts = _counts_for_place(counts, location, locations_or_none)
            key = location.key if location else "-"
            event_id = hashlib.sha1(f"{doc_id}|{trigger.kind}|{key}|{trigger.start}".encode()).hexdigest()[:16]
            out.append(Event(
                event_id, trigger.kind, acled, location, origin, tuple(destinations),
                date[0] if date else None, event_actors, place_counts, certainty, cue,
                Span(sentence.text, sentence.start, sentence.end), Span(trigger.text, trigger.start, trigger.end),
                location_referred_back=referred_back, date_from=date[1] if date else None,
            ))
        return out

    def _coordinated_targets(self, ctx: _DocContext, trigger: _Trigger, sentence: Sentence, places: list[PlaceMention],
                             taken: list[PlaceMention], named: list[PlaceMention]) -> list[PlaceMention]:
        """More targets of the trigger after the places it took, each opened by "، وقرية" and told with where it
        lies (استهدف القصف قرية A شمال ناحية X، وقرية B شمال شرق X، وقريتي C وD), until another happening."""
        text = ctx.doc.normalised.original
        k = bisect.bisect_right(ctx.trigger_starts, trigger.start)
        stop = min(sentence.end, ctx.trigger_starts[k]) if k < len(ctx.trigger_starts) else sentence.end
        last = max(p.end for p in taken)
        found: list[PlaceMention] = []
        for place in places:
            if place.start <= last or place.start >= stop or place in taken or place in found:
                continue
            # "، وقرية" right before the place: the comma, then the cue with its و
            window = text[max(sentence.start, place.start - 20):place.start]
            words = window.split()
            if not words or not (self.words.is_coordinated_cue(words[-1])
                                 or self._after_enclosing_area(text, place, named, last)) \
                    or not window.rsplit(words[-1], 1)[0].rstrip().endswith((",", "،")):
                continue
            # the target and the places listed after it (وقريتي C وD), not the description before its comma
            found.extend(p for p in nearest_list(text, trigger, places, [place])
                         if p.start >= place.start and p not in taken and p not in found)
        return found

    @staticmethod
    def _after_enclosing_area(text: str, place: PlaceMention, places: list[PlaceMention], last: int) -> bool:
        """قرى A وB بريف إدلب، وC وD بريف المعرة: a list closed by the area it lies in goes on after "، و"
        with the next place itself."""
        begins = word_start(text, place.start)
        if not text[begins:place.start].startswith("و"):
            return False
        comma = begins - 1  # the comma before "و" (a bounded look, not a copy of the text before it)
        while comma >= 0 and text[comma].isspace():
            comma -= 1
        area = next((p for p in places if p.end <= comma and p.start >= last), None)
        return area is not None and area.precision in ("near", "region") and area.start - last <= ENCLOSING_GAP \
            and not text[area.end:comma].strip()

    def _decide_places(self, ctx: _DocContext, index: int, trigger: _Trigger, named: list[PlaceMention],
                       unchained: list[PlaceMention], proposed: list[PlaceMention]) -> list[PlaceMention]:
        """The places the trigger's event happened at: the fitted model's choice among the sentence's
        places and the rules' proposal, or the proposal itself when there is no model."""
        if self.attachment is None and ctx.trace is None:
            return proposed
        pool = list(named) + [p for p in proposed if p not in named]
        fallbacks: dict[str, PlaceMention] = {}
        if not proposed:
            # a sentence telling no place happened where its paragraph or its report is
            fallbacks = self._context_places(ctx, index)
            pool += [p for p in fallbacks.values() if p not in pool]
        model = self.attachment
        if model is not None and ctx.trace is None:
            keep = model.threshold if model.keep_threshold is None else model.keep_threshold
            if keep <= 0.0:  # the rules' places stay whatever the model says: weigh only the others
                pool = [p for p in pool if p not in proposed]
            if model.threshold > 1.0:
                pool = []
        if not pool:
            return proposed
        ranks = {id(p): r for r, p in enumerate(sorted(named, key=lambda p: _gap(p, trigger)))}
        candidates = [self._candidate(ctx, index, trigger, p, named, unchained, proposed, ranks) for p in pool]
        for c in candidates:
            for source, place in fallbacks.items():
                if c.place is place:
                    c.features[f"fallback={source}"] = 1.0
                    c.features[f"type_fallback={c.kind}:{source}"] = 1.0
        chosen = proposed
        if model is not None:
            # a place the rules proposed stays unless the model is fairly sure it is wrong; another
            # place is added only when the model is fairly sure it is right
            keep = model.threshold if model.keep_threshold is None else model.keep_threshold
            weighed = {id(c.place) for c in candidates}
            chosen = [p for p in proposed if id(p) not in weighed]  # kept without weighing (keep <= 0)
            for c in candidates:
                c.probability = model.probability(c.features)
                if c.probability >= (keep if c.place in proposed else model.threshold):
                    chosen.append(c.place)
            chosen.sort(key=lambda p: p.start)
        if ctx.trace is not None:
            for c in candidates:
                c.chosen = c.place in chosen
            ctx.trace.candidates.extend(candidates)
        return chosen

    @staticmethod
    def _context_places(ctx: _DocContext, index: int) -> dict[str, PlaceMention]:
        """The last place named earlier in the paragraph, and the report's most named place (not a country
        when anything more precise is named)."""
        out: dict[str, PlaceMention] = {}
        k = index - 1
        while k >= 0 and ctx.paragraphs[k] == ctx.paragraphs[index]:
            named = [p for p in ctx.places_in.get(k, ()) if p.precision != "country"]
            if named:
                out["paragraph"] = named[-1]
                break
            k -= 1
        ranked = [key for key, _ in ctx.place_counts.most_common()]
        for key in ranked:
            place = ctx.first_mention.get(key)
            if place is not None and (place.precision != "country" or len(ranked) == 1):
                out["report"] = place
                break
        return out

    def _candidate(self, ctx: _DocContext, index: int, trigger: _Trigger, place: PlaceMention, named: list[PlaceMention],
                   unchained: list[PlaceMention], proposed: list[PlaceMention], ranks: dict[int, int]) -> Candidate:
        """Features of one (trigger, place) pair that say, in any report, whether it happened there."""
        kind = trigger.kind
        f: dict[str, float] = {"bias_" + kind: 1.0}
        in_sentence = place in named
        after = place.start >= trigger.end
        starts = ctx.token_original_starts
        p_token = bisect.bisect_right(starts, place.start) - 1
        if in_sentence:
            gap_tokens = max(0, p_token - trigger.last - 1) if after else max(0, trigger.first - p_token - 1)
            side = "after" if after else "before"
            distance = bucket(gap_tokens, DISTANCE_EDGES)
            f[f"side={side}"] = 1.0
            f[f"dist={side}:{distance}"] = 1.0
            f[f"type_side={kind}:{side}"] = 1.0
            lo, hi = (trigger.end, place.start) if after else (place.end, trigger.start)
            between = [p for p in named if lo <= p.start and p.end <= hi]
            f[f"places_between={bucket(len(between), (0, 1, 2))}"] = 1.0
            clauses = bisect.bisect_right(ctx.clause_starts, hi) - bisect.bisect_right(ctx.clause_starts, lo)
            f[f"clauses_between={bucket(clauses, (0, 1, 2))}"] = 1.0
            others = bisect.bisect_left(ctx.trigger_starts, hi) - bisect.bisect_right(ctx.trigger_starts, lo)
            if others > 0:
                f["trigger_between"] = 1.0
                f[f"type_trigger_between={kind}"] = 1.0
            gap = ctx.doc.normalised.original[lo:hi]
            if "," in gap or "،" in gap:
                f["comma_between"] = 1.0
            f[f"rank={bucket(ranks[id(place)], (0, 1, 2))}"] = 1.0
        else:
            f["other_sentence"] = 1.0
        f[f"prep={self._preposition(ctx, place, p_token)}"] = 1.0
        f[f"kind={place.kind}"] = 1.0
        f[f"precision={place.precision}"] = 1.0
        f[f"type_precision={kind}:{place.precision}"] = 1.0
        if place.approximate:
            f["approximate"] = 1.0
        if place in proposed:
            f["rule"] = 1.0
            f[f"type_rule={kind}"] = 1.0
        if in_sentence and place not in unchained:
            f["chained"] = 1.0
        enclosing, listed = self._sentence_roles(ctx, index, named)
        if place.key in enclosing or (place.precision in ("near", "region", "country") and "place" in enclosing):
            f["encloses_other"] = 1.0
        if id(place) in listed:
            f["in_list"] = 1.0
        f[f"places_in_sentence={bucket(len(named), (1, 2, 4))}"] = 1.0
        f[f"mentions={bucket(ctx.place_counts[place.key], (1, 2, 4))}"] = 1.0
        if place.key == ctx.main_place:
            f["main_place"] = 1.0
        if place.country and place.country != ctx.main_country:
            f["foreign"] = 1.0
        if index == 0:
            f["first_sentence"] = 1.0
        sentence = ctx.sentences[index]
        return Candidate(trigger.start, trigger.end, kind, place, sentence.start, sentence.end, f)

    @staticmethod
    def _sentence_roles(ctx: _DocContext, index: int, named: list[PlaceMention]) -> tuple[set[str], set[int]]:
        """Per sentence, once: the keys other places lie within (and "place" when a town is named), and the
        places standing in a list."""
        if index not in ctx.sentence_roles:
            enclosing = {p.within for p in named if p.within} | ({"place"} if any(p.precision == "place" for p in named)
                                                                  else set())
            text = ctx.doc.normalised.original
            listed = {id(p) for p in named if len(named) > 1 and listed_with(text, p, named)}
            ctx.sentence_roles[index] = ({k for k in enclosing if k}, listed)
        return ctx.sentence_roles[index]

    def _preposition(self, ctx: _DocContext, place: PlaceMention, p_token: int) -> str:
        """The word or proclitic just before a place (في، ب، على، من، إلى ...), or "other"."""
        tokens = ctx.doc.tokens
        if p_token < 0:
            return "none"
        offset = place.start - ctx.token_original_starts[p_token]
        word = tokens[p_token].text[:offset] if offset > 0 else (tokens[p_token - 1].text if p_token > 0 else "")
        if offset > 0:
            word = word[:-2] if word.endswith("ال") else word  # بال -> ب
            word = word[1:] if len(word) > 1 and word[0] in "وف" else word
        return word if word in self.words.place_prepositions else "other"

    def _preceded_by(self, ctx: _DocContext, place: PlaceMention, phrases: frozenset[tuple[str, ...]]) -> bool:
        """Whether the normalised words right before ``place`` end with one of ``phrases``."""
        k = bisect.bisect_left(ctx.token_original_starts, place.start)
        tokens = ctx.doc.tokens
        if k == 0 or tokens[k - 1].text not in self._last_words.get(phrases, ()):
            return False
        for phrase in phrases:
            n = len(phrase)
            if k - n >= 0 and tuple(t.text for t in tokens[k - n:k]) == phrase:
                return True
        return False

    def _place_referred_back(self, ctx: _DocContext, trigger: _Trigger) -> PlaceMention | None:
        """معاناة الأهالي من القصف ... في المدينة: "the town" of a clause naming none is the town the
        report is about: the one named most often so far (the latest of equals)."""
        first, last = self._clause_tokens(ctx, trigger)
        if not any(t.text in self.words.place_refers_back for t in ctx.doc.tokens[first:last]):
            return None
        k = bisect.bisect_left(ctx.town_starts, trigger.start)
        if not k:
            return None
        return ctx.main_town[k - 1]

    def _movement_roles(self, text: str, places: list[PlaceMention]) -> list[str]:
        """Each place's role; places listed after a destination are destinations too
        (وصلوا إلى ريف إدلب، ومدن تركية منها مرسين وأنطاكية، وبالأخص ألمانيا) until من names an origin."""
        roles: list[str] = []
        carried = "location"
        for k, place in enumerate(places):
            role = self._role(text, place)
            if role == "location":
                role = carried
                if role == "location" and k and roles[-1] == "origin" and listed_next(text, places[k - 1], place):
                    role = "origin"  # نزحوا من مناطق (الحويجة، تل عبطة، قوسيات): the list goes on
            else:
                carried = role if role == "destination" else "location"
            roles.append(role)
        return roles

    def _role(self, text: str, place: PlaceMention) -> str:
        """origin (من X) or destination (إلى X، باتجاه X) from the words before a place, within its
        part of the list (إلى المناطق المحررة وتركيا: Turkey too)."""
        window = _LIST_PART_END.split(text[max(0, place.start - 45):place.start])[-1]
        before = window.split()
        for word in reversed(before[-5:]):
            w = word.strip('"“”«»()،,')
            if w in self.words.destination or any(w.endswith(d) for d in ("الى", "إلى")):
                return "destination"
            if w in self.words.origin:
                return "origin"
        return "location"

    def _actors(self, doc: AnalysedText, trigger: _Trigger, actors: list[ActorMention],
                fallback: ActorMention | None = None, fighters_move: bool = False) -> tuple[EventActor, ...]:
        acting = [a for a in actors if a.name not in NOT_ACTORS]
        roles: list[EventActor] = []
        if trigger.kind in ("protest", "riot"):
            # the protesters act, or riot; whom they protest against or clash with is the other side
            protesters = next((a for a in actors if a.name == "protesters"), None)
            crowd = "protesters" if trigger.kind == "protest" else RIOTERS
            roles.append(EventActor("actor1", protesters, crowd, crowd, crowd))
            if acting:
                roles.append(EventActor("actor2", acting[0], acting[0].name, acting[0].id, acting[0].type))
            return tuple(roles)
        if trigger.kind == "displacement":
            armed = [a for a in acting if a.type in ARMED_TYPES]
            if fighters_move and armed:
                # حافلات تقل المقاتلين المعارضين: the fighters' side moves (an evacuation)
                roles.append(EventActor("actor1", armed[0], armed[0].name, armed[0].id, armed[0].type))
                return tuple(roles)
            displaced = next((a for a in actors if a.name == "civilians"), None)
            roles.append(EventActor("actor1", displaced, "civilians", "civilians", "civilians"))
            return tuple(roles)
        able = self._able(trigger.kind, acting)
        if fallback is not None and not self._able(trigger.kind, [fallback]):
            fallback = None
        actor1 = self._named_after(doc, trigger) or self._subject(doc, trigger, able) or fallback
        if trigger.kind == "defection" and actor1 is not None:
            # those who leave act; the side they leave is the other (انشق عناصر من التنظيم)
            roles.append(EventActor("actor1", actor1, f"{actor1.name} {DEFECTORS}", f"{actor1.id}:{DEFECTORS}", actor1.type))
            roles.append(EventActor("actor2", actor1, actor1.name, actor1.id, actor1.type))
            return tuple(roles)
        if actor1 is not None:
            roles.append(EventActor("actor1", actor1, actor1.name, actor1.id, actor1.type))
        civilians = [a for a in actors if a.name == "civilians"]
        if trigger.kind in CIVILIAN_TARGET_TYPES and civilians:
            roles.append(EventActor("actor2", civilians[0], "civilians", civilians[0].id, civilians[0].type))
        else:
            others = [a for a in acting if actor1 is None or a.id != actor1.id]
            if others and trigger.kind in VIOLENT:
                roles.append(EventActor("actor2", others[0], others[0].name, others[0].id, others[0].type))
        return tuple(roles)

    def _named_after(self, doc: AnalysedText, trigger: _Trigger) -> ActorMention | None:
        """القصف التركي، الغارات الجوية الروسية: a nationality adjective right after the happening's words
        (past a word saying how) names who did it."""
        if self.adjective_actor is None:
            return None
        k = trigger.last + 1
        if k < len(doc.tokens) and doc.tokens[k].text in self._means_first_words:
            k += 1
        actor = self.adjective_actor(doc, k)
        if actor is None or not self._able(trigger.kind, [actor]):
            return None
        return actor

    def _able(self, kind: str, actors: list[ActorMention]) -> list[ActorMention]:
        """The actors that can have done a happening of this kind: an air strike needs aircraft (the
        opposition named in its sentence was struck, it did not strike)."""
        if kind != "air_strike" or not self.air_capable:
            return actors
        return [a for a in actors if a.id in self.air_capable]

    def _subject(self, doc: AnalysedText, trigger: _Trigger, acting: list[ActorMention]) -> ActorMention | None:
        """Who acted: the actor right after a verb (قصفت قوات النظام), unless a preposition
        makes it the object (على جيوب التنظيم); else the nearest actor before the trigger."""
        text = doc.normalised.original
        # the trigger inside an actor's name (أغار الطيران السوري): the aviation is the actor that struck
        containing = next((a for a in acting if a.start <= trigger.start and trigger.end <= a.end), None)
        if containing is not None:
            return containing
        for actor in (a for a in acting if a.start >= trigger.end):
            if self._token_distance(doc, trigger.end, actor.start) > SUBJECT_WINDOW:
                break
            before = text[max(0, actor.start - 12):actor.start].split()
            marker = before[-1].strip('"“”«»') if before else ""
            if marker == "بين" and trigger.kind == "armed_clash":
                return actor  # اشتباكات بين X وY: both sides, X first
            if marker in ("من", "عن") and trigger.kind == "defection":
                return actor  # انشق عناصر من التنظيم: the group they left
            if marker in _OBJECT_MARKERS:
                continue
            if text[actor.start - 1:actor.start] in ("ب", "ل"):
                if trigger.kind == "air_strike" and text[actor.start - 1] == "ل" \
                        and self._token_distance(doc, trigger.end, actor.start) <= 1:
                    return actor  # غارة للطائرات الروسية: the raid of the aircraft (only aircraft are left here)
                continue
            return actor
        before_trigger = [a for a in acting if a.end <= trigger.start and not self._is_object(text, a)]
        return before_trigger[-1] if before_trigger else None

    @staticmethod
    def _is_object(text: str, actor: ActorMention) -> bool:
        """معارضة للنظام، على جيوب التنظيم: an actor after a preposition is acted upon."""
        if text[actor.start - 1:actor.start] in ("ب", "ل"):
            return True
        before = text[max(0, actor.start - 12):actor.start].split()
        return bool(before) and before[-1].strip('"“”«»') in _OBJECT_MARKERS - {"بين"}

    @staticmethod
    def _token_distance(doc: AnalysedText, start: int, end: int) -> int:
        return len(doc.normalised.original[start:end].split())

    def _counts(self, ctx: _DocContext, trigger: _Trigger, quantities: list[Quantity],
                places: list[PlaceMention]) -> tuple[EventCount, ...]:
        counts = []
        text = ctx.doc.normalised.original
        last_casualty: str | None = None
        for q in sorted(quantities, key=lambda q: q.start):
            if any(0 <= q.start - p.end <= 1 and not text[p.end:q.start].strip() for p in places):
                continue  # السويداء 24: a number after a place name is part of a name
            category = self._count_category(ctx, q)
            if category == "people" and last_casualty is not None:
                category = last_casualty  # 22 قتيلا، بينهم 13 ... و4: a breakdown of the toll
            elif category != "people":
                last_casualty = category
            if category == "people" and trigger.kind == "killing":
                category = "killed"  # أعدم التنظيم خمسة مدنيين: the victims of a killing
            if category == "people" and trigger.kind not in PEOPLE_TYPES:
                continue
            if category in ("killed", "injured") and trigger.kind not in CASUALTY_TYPES:
                continue  # casualties belong to the attack, not to the flight it caused
            counts.append(EventCount(category, q))
        return tuple(counts)

    def _count_category(self, ctx: _DocContext, q: Quantity) -> str:
        """killed, injured or people, from the nearest count word (قتل 5، 5 قتلى، إصابة 3)."""
        tokens = ctx.doc.tokens
        at = bisect.bisect_left(ctx.token_original_starts, q.start)
        end = bisect.bisect_left(ctx.token_original_starts, q.end)
        # the word right after the number (5 قتلى), then the words before it
        # (مقتل 5، قتل نحو 5), then further after (5 مدنيين قتلى)
        order = [end, *range(at - 1, max(-1, at - COUNT_WINDOW - 2), -1), *range(end + 1, end + COUNT_WINDOW)]
        for k in order:
            if not 0 <= k < len(tokens):
                continue
            if tokens[k].text in self._count_first_words:
                match = self.words.count_words.match_at(tokens, k)
                if match is not None and not (k >= end and match.prefix.startswith("و")):
                    return match.payload  # وإصابة after a number begins the next clause
        return "people"

    @staticmethod
    def _reach_start(ctx: _DocContext, trigger: _Trigger, sentence: Sentence) -> int:
        """Where a trigger's reach begins: the sentence's start when no other happening is told before it
        (قتل 5 مدنيين، وأصيب 10 آخرون جراء قصف: a death toll is the consequence, not another), else its clause."""
        start = _clause_of(ctx.clause_starts, trigger)[0]
        lo = bisect.bisect_left(ctx.trigger_starts, sentence.start)
        hi = bisect.bisect_left(ctx.trigger_starts, start)
        if any(ctx.trigger_kinds[s] not in CONSEQUENCES for s in ctx.trigger_starts[lo:hi]):
            return max(start, sentence.start)
        return sentence.start

    @staticmethod
    def _attribution_end(ctx: _DocContext, trigger: _Trigger, sentence: Sentence) -> int:
        """Where a trigger's reach ends: its clause and the clauses after it that tell no other happening
        (، وفق المرصد؛ ، فوصل أربعة منهم إلى إدلب), but not a clause with its own (، كما وردت أنباء عن هروب)."""
        end = _clause_of(ctx.clause_starts, trigger)[1]
        while end < sentence.end:
            following = bisect.bisect_right(ctx.clause_starts, end)
            next_end = ctx.clause_starts[following] if following < len(ctx.clause_starts) else sentence.end
            k = bisect.bisect_left(ctx.trigger_starts, end)
            if k < len(ctx.trigger_starts) and ctx.trigger_starts[k] < min(next_end, sentence.end):
                break
            end = next_end
        return end

    def _certainty(self, ctx: _DocContext, index: int, clause_end: int) -> tuple[str, Span | None]:
        """From the cues of the sentence up to the end of the trigger's clause: a later clause's
        attribution (، كما وردت أنباء عن ...) speaks for its own happening, not for this one."""
        tokens = ctx.doc.tokens
        found: dict[str, Span] = {}
        first, last = ctx.sentence_tokens[index] if index < len(ctx.sentence_tokens) else (0, 0)
        scope = min(last, bisect.bisect_left(ctx.token_original_starts, clause_end))
        for k in range(first, last):
            if tokens[k].text not in self._certainty_first_words:
                continue
            match = self.words.certainty.match_at(tokens, k)
            if match is None or (k >= scope and match.phrase not in self.words.sentence_wide_attribution):
                continue
            if match.payload not in found:
                s, e, quote = ctx.doc.token_span(k, match.last)
                found[match.payload] = Span(quote, s, e)
        for level in ("unconfirmed", "suspected", "reported"):
            if level in found:
                return level, found[level]
        # a sentence naming no source speaks with the source named earlier in its paragraph (قال ناشطون إن
        # ... ، وأضافوا ... . وسقطت قذائف ...)
        lent = self._attributed_before(ctx, index)
        if lent is not None:
            return "reported", lent
        return "confirmed", None

    def _attributed_before(self, ctx: _DocContext, index: int) -> Span | None:
        """The last "reported" cue of the sentences before ``index`` in its paragraph."""
        if ctx.attributions is None:
            ctx.attributions = {}
            tokens = ctx.doc.tokens
            for k, token in enumerate(tokens):
                if token.text in self._certainty_first_words:
                    match = self.words.certainty.match_at(tokens, k)
                    if match is not None and match.payload == "reported":
                        sentence = bisect.bisect_right(ctx.sentence_first_tokens, k) - 1
                        if sentence not in ctx.attributions:
                            s, e, quote = ctx.doc.token_span(k, match.last)
                            ctx.attributions[sentence] = Span(quote, s, e)
            ctx.attributed = sorted(ctx.attributions)
        k = bisect.bisect_left(ctx.attributed, index) - 1
        if k < 0:
            return None
        source = ctx.attributed[k]
        if ctx.paragraphs[source] != ctx.paragraphs[index] and not (
                source == index - 1 and ctx.doc.tokens[ctx.sentence_first_tokens[index]].text in self.words.continuation_openers):
            return None
        return ctx.attributions[source]

    def _paragraph_casualties(self, ctx: _DocContext, index: int, counts_in: dict[int, list[Quantity]],
                              paragraphs: list[int], by_sentence: dict[int, list[_Trigger]]) -> list[Quantity]:
        """Casualties the paragraph stated earlier (قُتل مدنيان ... ثم: قصفت الميليشيات الأحياء), else those
        of the next sentence when it tells no happening of its own (قصفت الطائرات البلدة. وأسفر ذلك عن ...)."""
        k = index - 1
        while k >= 0 and paragraphs[k] == paragraphs[index]:
            casualties = [q for q in counts_in.get(k, []) if self._count_category(ctx, q) != "people"]
            if casualties:
                return casualties
            k -= 1
        following = index + 1
        if following < len(paragraphs) and paragraphs[following] == paragraphs[index] and not by_sentence.get(following):
            return [q for q in counts_in.get(following, []) if self._count_category(ctx, q) != "people"]
        return []

    @staticmethod
    def _paragraph_actor(index: int, acting_in: dict[int, list[ActorMention]], paragraphs: list[int]) -> ActorMention | None:
        """The last acting actor named earlier in the paragraph."""
        k = index - 1
        while k >= 0 and paragraphs[k] == paragraphs[index]:
            if acting_in.get(k):
                return acting_in[k][-1]
            k -= 1
        return None

    # ----------------------------------------------------------------- dates
    @staticmethod
    def _paragraphs(text: str, sentences: Sequence[Sentence]) -> list[int]:
        paragraph = 0
        out = []
        previous_end = 0
        for s in sentences:
            if "\n" in text[previous_end:s.start]:
                paragraph += 1
            out.append(paragraph)
            previous_end = s.end
        return out

    @staticmethod
    def _date_for(index: int, dates_in: dict[int, list[DateMention]], paragraphs: list[int]) -> tuple[DateMention, str] | None:
        """The sentence's date, else the paragraph's last one (and where it came from)."""
        if dates_in.get(index):
            # a relative date that nothing resolves (اليوم, with no publication date) says less than
            # a resolved one in the same sentence (منذ الـ17 من آب 2023)
            resolved = [d for d in dates_in[index] if d.date_start is not None]
            return (resolved or dates_in[index])[0], SENTENCE
        k = index - 1
        while k >= 0 and paragraphs[k] == paragraphs[index]:
            if dates_in.get(k):
                return dates_in[k][-1], PARAGRAPH
            k -= 1
        return None


def _date_belongs_to_another(trigger: _Trigger, date: DateMention, triggers: list[_Trigger]) -> bool:
    """الانشقاقات ... بعد انسحاب التنظيم في شهر آذار: a date after another kind of happening is that one's."""
    return any(other.kind != trigger.kind and trigger.end <= other.start and other.end <= date.start for other in triggers)


MentionT = TypeVar("MentionT", PlaceMention, DateMention, Quantity, ActorMention)


def _group(items: Sequence[MentionT], sentence_of: Callable[[int], int]) -> dict[int, list[MentionT]]:
    grouped: dict[int, list[MentionT]] = {}
    for item in items:
        grouped.setdefault(sentence_of(item.start), []).append(item)
    return grouped


def _inside(start: int, end: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``[start, end)`` lies inside one of the sorted, mostly disjoint ``spans``."""
    k = bisect.bisect_right(starts, start) - 1
    return any(spans[j][0] <= start and end <= spans[j][1] for j in range(max(0, k - 2), k + 1))


def _prioritise(events: list[Event], after_starts: set[int] | frozenset[int] = frozenset()) -> list[Event]:
    """The codebook's priority rules among one sentence's events at the same place."""
    kinds_at: dict[str, set[str]] = {}
    for event in events:
        kinds_at.setdefault(event.location.key if event.location else "-", set()).add(event.type)
    every_kind = {event.type for event in events}
    kept = []
    for event in events:
        kinds = kinds_at[event.location.key if event.location else "-"]
        if event.type == "armed_clash" and "territory_change" in kinds:
            continue  # a battle that changes control is a territory change
        if event.type in ("killing", "armed_clash") and kinds & MEANS:
            continue  # the means over the consequence; an attack told with its means is that means
        if event.type == "displacement" and "defection" in kinds:
            continue  # فرار عناصر: defectors flee
        if event.type == "withdrawal" and "territory_change" in kinds:
            continue
        if event.type == "arrest" and "abduction" in kinds:
            continue  # مسلحون داهموا مزرعة وخطفوا حارسها: a raid to kidnap is a kidnapping
        if event.type == "killing" and "abduction" in kinds and not any(c.category == "killed" for c in event.counts):
            continue  # خطفوا ثلاثة وأطلقوا النار على أحدهم فأصابوه: shots in a kidnapping that killed no one
        if event.type == "armed_clash" and "territory_change" in every_kind and event.trigger.start in after_starts:
            continue  # سيطرت على X عقب معارك ضارية: the battle that won X is the territory change
        kept.append(event)
    return kept


def _definite(word: str) -> bool:
    """الانفجار، وأسفر القصف، بالهجوم: a definite noun refers to a happening already told; a sound
    plural of people (المنشقين، النازحين) names people, not the happening."""
    if not word.strip():
        return False
    first = word.split()[0].lstrip("وفب")
    return first.startswith("ال") and not first.endswith(("ين", "ون"))


def _joining_told_otherwise(triggers: list[_Trigger], joining: frozenset[str]) -> list[_Trigger]:
    """Joining (``joining``: the letters its words share, نضم، لتحق) is no recruitment when it is the other
    half of a defection (انشق عن التنظيم والتحق بالفصائل), or what is joined is a protest (تنضم إلى
    الاحتجاجات)."""
    defected_at: dict[int, int] = {}  # sentence -> start of its first defection
    for t in triggers:
        if t.kind == "defection":
            defected_at.setdefault(t.sentence, t.start)
    protest_firsts = {t.first for t in triggers if t.kind == "protest"}

    def told_otherwise(trigger: _Trigger) -> bool:
        if trigger.kind != "recruitment" or not any(stem in trigger.text for stem in joining):
            return False
        # joined after defecting, with و or ل (انشق ... والتحق، انشق لينضم): not المنشقين ... انضموا قبل
        after_defecting = trigger.start > defected_at.get(trigger.sentence, trigger.start) and trigger.text[:1] in "ول"
        return after_defecting or any(k in protest_firsts for k in range(trigger.last + 1, trigger.last + 1 + JOINED_GAP))

    return [t for t in triggers if not told_otherwise(t)]


def _dateline(text: str, place: PlaceMention) -> bool:
    """بنغازي - (وكالات): where the report was filed, at the start of a line, is not where it happened."""
    line_start = text.rfind("\n", 0, place.start) + 1
    if text[line_start:place.start].strip():
        return False
    after = text[place.end:place.end + 4].lstrip()
    return after[:1] in ("-", "–", "(", ":") or (after[:1].isdigit())


def _counts_for_place(counts: tuple[EventCount, ...], location: PlaceMention | None,
                      locations: Sequence[PlaceMention | None]) -> tuple[EventCount, ...]:
    """بينهم 13 في قرى X وY، و4 في بلدة Z: with several counts of one category, each
    place takes the one stated just before its part of the list."""
    if location is None or len(locations) < 2:
        return counts
    by_category: dict[str, list[EventCount]] = {}
    for count in counts:
        by_category.setdefault(count.category, []).append(count)
    chosen: list[EventCount] = []
    for group in by_category.values():
        own = [c for c in group if not c.inherited]
        if len(own) < 2:
            chosen.extend(group)
            continue
        before = [c for c in own if c.quantity.end <= location.start]
        chosen.append(max(before, key=lambda c: c.quantity.end) if before else own[0])
    return tuple(chosen)


def _clause_of(clause_starts: list[int], trigger: _Trigger) -> tuple[int, int]:
    k = bisect.bisect_right(clause_starts, trigger.start)
    start = clause_starts[k - 1] if k > 0 else 0
    end = clause_starts[k] if k < len(clause_starts) else 1 << 62
    return start, end


def _counted(start: int, count_ends: Sequence[int]) -> bool:
    """A count ends right before ``start`` (500 نازح، آلاف النازحين)."""
    k = bisect.bisect_right(count_ends, start) - 1
    return k >= 0 and start - count_ends[k] <= 2


def _gap(place: PlaceMention, trigger: _Trigger) -> int:
    return place.start - trigger.end if place.start >= trigger.end else trigger.start - place.end


def _words_between(ctx: _DocContext, start: int, end: int) -> list[str]:
    """The normalised words (not punctuation) between two original offsets."""
    first = bisect.bisect_left(ctx.token_original_starts, start)
    last = bisect.bisect_left(ctx.token_original_starts, end)
    return [t.text for t in ctx.doc.tokens[first:last] if t.kind != PUNCT]


