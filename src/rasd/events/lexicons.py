"""Compiled event vocabulary (``event_triggers.yaml``, ``event_context.yaml``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from pydantic import BaseModel, field_validator

from rasd.text.clitics import CliticAnalyser
from rasd.text.lexicon import PhraseLexicon

BOMBARDMENT = "bombardment"  # قصف without its means: becomes air_strike or shelling
TARGETING = "targeting"  # استهدف: an air strike or shelling only when its sentence names the means
FLIGHT = "flight"  # هرب، فرار: a defection when fighters flee, else displacement
NOT_AN_EVENT = "none"  # phrases with a trigger word that describe a state (الخاضعة لسيطرة)
CODEBOOK_TYPES = (
    "armed_clash", "territory_change", "withdrawal", "air_strike", "shelling", "explosion", "chemical_attack",
    "killing", "abduction", "arrest", "protest", "riot", "agreement", "property", "defection", "recruitment",
    "displacement", "base_established",
)
CASUALTIES = ("killed", "injured")  # count categories a word can name; any other number counts people


def _check_types(value: Mapping[str, object]) -> None:
    unknown = set(value) - set(CODEBOOK_TYPES) - {BOMBARDMENT, TARGETING, FLIGHT, NOT_AN_EVENT}
    if unknown:
        raise ValueError(f"types not in the codebook: {sorted(unknown)}")


class TriggersSpec(BaseModel):
    """Schema of ``event_triggers.yaml``."""

    version: int
    types: dict[str, list[str]]
    acled: dict[str, tuple[str, str]]

    @field_validator("types")
    @classmethod
    def _known_types(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        _check_types(value)
        listed: dict[str, str] = {}
        for kind, phrases in value.items():
            for phrase in phrases:
                if listed.setdefault(phrase, kind) != kind:
                    raise ValueError(f"{phrase!r} is listed under {listed[phrase]} and {kind}: a phrase names one type")
        return value


class GeneratedForms(BaseModel):
    verbs: list[str] = []
    nouns: list[str] = []


class TriggerFormsSpec(BaseModel):
    """Schema of ``event_trigger_forms.yaml`` (generated from ``event_lemmas.yaml``)."""

    version: int
    casualties: dict[str, GeneratedForms] = {}
    types: dict[str, GeneratedForms]

    @field_validator("casualties")
    @classmethod
    def _known_categories(cls, value: dict[str, GeneratedForms]) -> dict[str, GeneratedForms]:
        unknown = set(value) - set(CASUALTIES)
        if unknown:
            raise ValueError(f"casualty categories must be {list(CASUALTIES)}, not {sorted(unknown)}")
        return value

    @field_validator("types")
    @classmethod
    def _known_types(cls, value: dict[str, GeneratedForms]) -> dict[str, GeneratedForms]:
        _check_types(value)
        return value


class CertaintyWords(BaseModel):
    reported: list[str]
    unconfirmed: list[str]
    suspected: list[str]


class EventContextSpec(BaseModel):
    """Schema of ``event_context.yaml``."""

    version: int
    certainty: CertaintyWords
    negation: list[str]
    modality: list[str]
    modality_after: list[str]
    means: dict[str, list[str]]
    counts: dict[str, list[str]]
    origin: list[str]
    destination: list[str]
    clause_openers: list[str]
    leader_markers: list[str] = []
    between: list[str] = []
    between_cues: list[str] = []
    coordinated_cues: list[str] = []
    list_continuations: list[str] = []
    sentence_wide_attribution: list[str] = []
    continuation_openers: list[str] = []
    combatants: list[str] = []
    place_refers_back: list[str] = []
    elaboration: list[str] = []
    located_by: list[str] = []
    located_by_then: list[str] = []
    after_words: list[str] = []
    place_prepositions: list[str] = []
    riot_violence: list[str] = []
    protest_props: list[str] = []
    joining: list[str] = []
    breakdown_links: list[str] = []
    attempts: list[str] = []
    attempt_types: list[str] = []
    counted_participles: dict[str, list[str]] = {}


def _participle_forms(participle: str) -> list[str]:
    """نازح -> نازح، نازحين، نازحون، نازحه، نازحات (normalised: ة is ه)."""
    return [participle + ending for ending in ("", "ين", "ون", "ه", "ات", "ان")]


class EventWords:
    def __init__(
        self, triggers: TriggersSpec, context: EventContextSpec, normalise_term: Callable[[str], str], clitics: CliticAnalyser,
        forms: TriggerFormsSpec | None = None,
    ) -> None:
        n = normalise_term
        entries = [(w, kind) for kind, words in triggers.types.items() for w in words]
        by_hand = {n(w) for w, _ in entries}
        verbs: list[str] = []
        if forms is not None:  # generated forms of the lemmas; a phrase written by hand wins
            for kind, generated in forms.types.items():
                entries += [(w, kind) for w in generated.nouns + generated.verbs if n(w) not in by_hand]
                verbs += generated.verbs
        self.triggers: PhraseLexicon[str] = PhraseLexicon(entries, n, clitics, without_article=verbs)
        self.trigger_first_words = self.triggers.first_words()
        # the words that are triggers by themselves (not the first word of a phrase, not a phrase that
        # names no event): never an unknown place's name
        self.single_trigger_words = self.triggers.single_words({kind for _, kind in entries} - {NOT_AN_EVENT})
        self.acled = triggers.acled
        certainty = [(w, level) for level, words in context.certainty.model_dump().items() for w in words]
        self.certainty: PhraseLexicon[str] = PhraseLexicon(certainty, n, clitics)
        self.sentence_wide_attribution = frozenset(n(w) for w in context.sentence_wide_attribution)
        self.continuation_openers = frozenset(n(w) for w in context.continuation_openers)
        # phrases matched on the normalised words between two places
        self.elaboration = frozenset(tuple(n(w).split()) for w in context.elaboration)
        self.located_by = frozenset((n(w),) for w in context.located_by) | frozenset(
            (n(w), n(then)) for w in context.located_by for then in context.located_by_then)
        self.after_words = frozenset(n(w) for w in context.after_words)
        self.place_prepositions = frozenset(n(w) for w in context.place_prepositions)
        self.riot_violence = frozenset(f for w in context.riot_violence for f, _ in clitics.prefixed_forms(n(w)))
        self.joining = frozenset(n(w) for w in context.joining)
        links = {n(w) for w in context.breakdown_links}
        self.breakdown_links = frozenset(links | {"و" + w for w in links})
        self._normalise = n
        self.protest_props = frozenset(f for w in context.protest_props for f, _ in clitics.prefixed_forms(n(w)))
        self.place_refers_back = frozenset(f for w in context.place_refers_back for f, _ in clitics.prefixed_forms(n(w)))
        self.combatants = frozenset(f for w in context.combatants for f, _ in clitics.prefixed_forms(n(w)))
        self.blockers = frozenset(n(w) for w in context.negation) | frozenset(
            f for w in context.modality for f, _ in clitics.prefixed_forms(n(w))
        )
        self.blockers_after = frozenset(n(w) for w in context.modality_after)
        self.attempts = frozenset(f for w in context.attempts for f, _ in clitics.prefixed_forms(n(w)))
        self.attempt_types = frozenset(context.attempt_types)
        # النازحين، المهجرون: the people a type happens to, an event only when counted (وصل 500 نازح)
        self.counted_participles = {
            f: kind for kind, words in context.counted_participles.items() for w in words
            for form in _participle_forms(n(w)) for f, _ in clitics.prefixed_forms(form)
        }
        self.means: PhraseLexicon[str] = PhraseLexicon(
            [(w, kind) for kind, words in context.means.items() for w in words], n, clitics
        )
        count_entries = [(w, kind) for kind, words in context.counts.items() for w in words]
        casualty_verbs: list[str] = []
        for category, generated in (forms.casualties if forms is not None else {}).items():
            count_entries += [(w, category) for w in generated.nouns + generated.verbs]
            casualty_verbs += generated.verbs
        self.count_words: PhraseLexicon[str] = PhraseLexicon(count_entries, n, clitics, without_article=casualty_verbs)
        # what was done to someone told after them (امرأة قتلت، شاب أصيب)
        self.casualty_verbs = frozenset(f for w in casualty_verbs for f, _ in clitics.prefixed_forms(n(w), article=False))
        openers = "|".join(re.escape(w) for w in sorted(context.clause_openers, key=len, reverse=True))
        # on the original text: a comma or semicolon, then و/ف joined to a word, or an opener word
        self.clause_boundary = re.compile(rf"[،,؛;]\s*(?=[وف][^\s،,]{{2,}}|(?:{openers})\b)")
        self.leader_markers = tuple(n(w) for w in context.leader_markers)
        self.between = frozenset(n(w) for w in context.between)
        self.between_cues = frozenset(n(w) for w in context.between_cues)
        self.target_cues = frozenset(n(w) for w in context.coordinated_cues)
        self.coordinated_cues = frozenset("و" + w for w in self.target_cues)
        self.list_continuations = frozenset(tuple(n(w).split()) for w in context.list_continuations)
        self.origin = frozenset(f for w in context.origin for f, _ in clitics.prefixed_forms(n(w)))
        self.destination = frozenset(f for w in context.destination for f, _ in clitics.prefixed_forms(n(w)))

    def is_coordinated_cue(self, word: str) -> bool:
        """Whether a word of the original text opens one more target of a trigger (وقرية، وقريتي، وحي)."""
        return self._normalise(word.strip('"“”«»(')) in self.coordinated_cues

    def is_breakdown_link(self, word: str) -> bool:
        """Whether a word of the original text may stand between a figure and its place (في، من، قرية)."""
        return self._normalise(word) in self.breakdown_links
