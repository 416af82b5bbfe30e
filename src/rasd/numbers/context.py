"""Language data around numbers: qualifiers, the kinds of number, dual nouns."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from rasd.text.clitics import CliticAnalyser
from rasd.text.lexicon import PhraseLexicon


class QualifierPhrases(BaseModel):
    approx: list[str] = []
    at_least: list[str] = []
    more_than: list[str] = []
    less_than: list[str] = []


class RangeWords(BaseModel):
    open: list[str]
    join: list[str]


class QualifiersSpec(BaseModel):
    """Schema of ``qualifiers.yaml``."""

    version: int
    before: QualifierPhrases
    after: QualifierPhrases
    range: RangeWords


class AfterWords(BaseModel):
    percentage: list[str]
    money: list[str]
    measure: list[str]
    duration: list[str]


class QuantityContextSpec(BaseModel):
    """Schema of ``quantity_context.yaml``."""

    version: int
    after: AfterWords
    age_units: list[str]
    age_cues: list[str]
    identifier_before: list[str]


class DualsSpec(BaseModel):
    """Schema of ``duals.yaml``."""

    version: int
    broken_plural: list[str]
    sound_plural: list[str]
    extra_forms: list[str] = []
    singular_people: list[str] = []
    titles: list[str] = []
    singular_after: list[str] = []
    singular_after_types: list[str] = []
    singular_after_casualty: list[str] = []
    companions: list[str] = []


def _phrases(spec: QualifierPhrases) -> list[tuple[str, str]]:
    return [(phrase, qualifier) for qualifier, phrases in spec.model_dump().items() for phrase in phrases]


POSSESSIVES = ("ه", "ها", "هم")


def _possessed(noun: str) -> list[str]:
    """زوجة -> زوجته، زوجتها؛ والد -> والده (written before normalisation, which may fold ة)."""
    stem = noun[:-1] + "ت" if noun.endswith("ة") else noun
    return [stem + p for p in POSSESSIVES]


def dual_forms(nouns: list[str], normalise_term: Callable[[str], str], *, oblique: bool) -> list[str]:
    """Dual forms of singular nouns: شخص -> شخصان (+ شخصين when ``oblique``); امرأة -> امرأتان/امرأتين."""
    forms: list[str] = []
    for noun in nouns:
        stem = normalise_term(noun)
        feminine = stem.endswith("ه")  # taa marbuta, folded to ه, becomes ت before the ending
        if feminine:
            stem = stem[:-1] + "ت"
        forms.append(stem + "ان")
        if oblique or feminine:
            forms.append(stem + "ين")
    return forms


class QuantityContext:
    """Compiled lexicons used by the quantity finder."""

    def __init__(
        self,
        qualifiers: QualifiersSpec,
        context: QuantityContextSpec,
        duals: DualsSpec,
        normalise_term: Callable[[str], str],
        clitics: CliticAnalyser,
        happening_words: frozenset[str] = frozenset(),
        casualty_words: frozenset[str] = frozenset(),
        casualty_verbs: frozenset[str] = frozenset(),
    ) -> None:
        """``happening_words``: the written forms of what happens to people (the trigger words of the event
        types ``duals.singular_after_types`` names), after which one person named by a singular noun counts one;
        ``casualty_words``: the forms of the words that say someone was killed or injured (مقتل، أصيبت), after
        which one does too; ``casualty_verbs``: their verbs, which count one person named just before them
        (امرأة قتلت)."""
        n = normalise_term
        self.before: PhraseLexicon[str] = PhraseLexicon(_phrases(qualifiers.before), n, clitics)
        self.after: PhraseLexicon[str] = PhraseLexicon(_phrases(qualifiers.after), n, None)
        self.range_open = frozenset(n(w) for w in qualifiers.range.open)
        self.range_join = frozenset(n(w) for w in qualifiers.range.join)
        after_kinds = [(w, kind) for kind, words in context.after.model_dump().items() for w in words]
        self.after_kind: PhraseLexicon[str] = PhraseLexicon(after_kinds, n, None)
        self.age_units = frozenset(n(w) for w in context.age_units)
        self.age_cues = frozenset(n(w) for w in context.age_cues)
        self.identifier_before = frozenset(n(w) for w in context.identifier_before)
        dual_words = (
            dual_forms(duals.broken_plural, n, oblique=True)
            + dual_forms(duals.sound_plural, n, oblique=False)
            + [n(w) for w in duals.extra_forms]
        )
        self.duals: PhraseLexicon[int] = PhraseLexicon([(w, 2) for w in dual_words], n, clitics)
        # the singular and its accusative (شاب، شابا); feminine nouns keep one form
        self.singular_people = frozenset(
            form for w in duals.singular_people for form in (n(w), n(w) + "ا", n("ال" + w)) if not form.endswith("ها")
        ) | frozenset(n(w) for w in duals.titles)
        self.singular_after = frozenset(f for w in duals.singular_after for f, _ in clitics.prefixed_forms(n(w))) \
            | happening_words | casualty_words
        self.singular_before = casualty_verbs
        self.casualty_words = casualty_words
        # kin and companions with a possessive (زوجته، طفلتها، مرافقه): one more person after و
        self.companions = frozenset(n(form) for w in duals.companions for form in _possessed(w))
        # nouns that are adjectives too (مدني، عسكري): one person only right after a casualty word
        self.singular_after_casualty = frozenset(
            form for w in duals.singular_after_casualty for form in (n(w), n(w) + "ا"))
        # the nouns that name people, with their clitics (الشقيقان، والشاب): never a place's name
        nouns = [n(w) for w in duals.singular_people] + dual_words + [n(w) for w in duals.companions]
        self.person_words = frozenset(form for noun in nouns for form, _ in clitics.prefixed_forms(noun))
