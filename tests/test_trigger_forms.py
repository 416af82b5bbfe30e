"""Trigger lexicons as lemmas: the forms reports write are generated (scripts/generate_trigger_forms.py),
and every one of them finds its event. The sentences are written for rasd."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import load_script, run

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "rasd" / "data" / "ar"


def test_nouns_and_participles_take_the_sound_affixes():
    generate = load_script("generate_trigger_forms")
    assert {"مظاهرات", "مظاهرتين", "مظاهرتان", "مظاهراتها", "مظاهرته"} <= generate.noun_forms("مظاهرة")
    assert {"هجوما", "هجومين", "هجومهم"} <= generate.noun_forms("هجوم")
    assert {"متظاهرون", "متظاهرين", "متظاهرة", "متظاهرات"} <= generate.participle_forms("متظاهر")
    assert generate.plural_forms("غارات") == {"غارات", "غاراته", "غاراتها", "غاراتهم"}


def test_a_form_written_by_hand_is_not_generated_for_another_type():
    forms = yaml.safe_load((DATA / "event_trigger_forms.yaml").read_text(encoding="utf-8"))["types"]
    hand = yaml.safe_load((DATA / "event_triggers.yaml").read_text(encoding="utf-8"))["types"]
    written = {w for words in hand.values() for w in words}
    generated = {kind: set(f["verbs"]) | set(f["nouns"]) for kind, f in forms.items()}
    assert not written & {w for words in generated.values() for w in words}
    lemmas = yaml.safe_load((DATA / "event_lemmas.yaml").read_text(encoding="utf-8"))["types"]
    assert set(forms) == set(lemmas)
    for kind, spec in lemmas.items():  # what a lemma says is no trigger stays out
        assert not set(spec.get("except", [])) & generated[kind]


def test_a_verb_form_never_takes_the_article(extractor):
    """جنّد gives جند (he recruited), which is no trigger as الجند (the soldiers)."""
    assert "recruitment" in {e.type for e in run(extractor, "جند التنظيم عشرات الأطفال في مدينة الرقة").events}
    assert "recruitment" not in {e.type for e in run(extractor, "انتشر الجند في مدينة الرقة").events}


# (sentence, the event type its inflected trigger gives)
INFLECTED = [
    ("اعتقلوهم في مدينة دوما فجر اليوم", "arrest"),  # past, plural, with an object pronoun
    ("مسلحون مجهولون اختطفوه قرب مدينة السويداء", "abduction"),
    ("تظاهروا في مدينة إدلب للمطالبة بالإفراج عن المعتقلين", "protest"),
    ("واصل المعتصمون اعتصامهم أمام مبنى المحافظة في مدينة السويداء", "protest"),
    ("استأنفت الطائرات الروسية غاراتها على مدينة جسر الشغور", "air_strike"),  # a plural with a possessive
    ("ألقت مروحية برميلين على بلدة كفرنبل", "air_strike"),  # a dual
    ("يحتشد الأهالي في ساحة مدينة درعا", "protest"),  # the present
    ("هجّر النظام سكان بلدة داريا", "displacement"),
]


@pytest.mark.parametrize("sentence,kind", INFLECTED, ids=[c[0] for c in INFLECTED])
def test_inflected_triggers_find_their_event(extractor, sentence, kind):
    assert kind in {e.type for e in run(extractor, sentence).events}


def test_casualty_words_are_generated_from_their_lemmas_and_validated():
    from pydantic import ValidationError

    from rasd.events.lexicons import TriggerFormsSpec

    forms = yaml.safe_load((DATA / "event_trigger_forms.yaml").read_text(encoding="utf-8"))["casualties"]
    assert {"قتلت", "قتلوا", "يقتل", "استشهدت"} <= set(forms["killed"]["verbs"])
    assert {"أصيبت", "أصيبوا", "جرحت", "يصاب"} <= set(forms["injured"]["verbs"])
    assert {"مصابين", "جريحين", "إصابات"} <= set(forms["injured"]["nouns"])
    with pytest.raises(ValidationError, match="casualty categories"):
        TriggerFormsSpec.model_validate({"version": 1, "types": {}, "casualties": {"wounded": {"verbs": ["جرح"]}}})


# nouns in ة whose folded spelling a generated verb form shares, and that mean the same happening
SAME_HAPPENING_NOUNS = {"سرقة", "استعادة", "هجرة", "صادرة"}  # theft, recapture, migration; صادرة kept as data decided


def test_no_generated_verb_form_is_a_frequent_noun_once_folded():
    """Folding ة into ه makes أسرة (a family) read as أسره (captured him): a generated verb form ending in
    ه must not be a commoner noun in ة, unless the noun tells the same happening."""
    from wordfreq import zipf_frequency

    forms = yaml.safe_load((DATA / "event_trigger_forms.yaml").read_text(encoding="utf-8"))["types"]
    clashes = []
    for kind, spec in forms.items():
        for form in spec["verbs"]:
            if not form.endswith("ه"):
                continue
            noun = form[:-1] + "ة"
            if noun not in SAME_HAPPENING_NOUNS and zipf_frequency(noun, "ar") >= 2.5 \
                    and zipf_frequency(noun, "ar") > zipf_frequency(form, "ar"):
                clashes.append((kind, form, noun))
    assert not clashes, f"add these forms to their lemma's except list in event_lemmas.yaml: {clashes}"
