"""Normalisation with offsets, clitic readings, tokens and sentences."""

from __future__ import annotations

import random

import pytest

from rasd.lang.arabic import arabic
from rasd.text.tokens import tokenize

NORMALISE = [
    ("إدلب", "ادلب"),
    ("أنطاكية", "انطاكيه"),
    ("آذار", "اذار"),
    ("حوالى", "حوالي"),
    ("مُدُنٌ", "مدن"),
    ("عاماً", "عاما"),
    ("انشقــــاق", "انشقاق"),
    ("هيئة تحـ ـريـ ـر الـ ـشـ ـام", "هيئه تحرير الشام"),  # a word cut by tatweel and a space is one word
    ("حلبـ  ـإدلب", "حلبادلب"),
    ("حلب ـ إدلب", "حلب  ادلب"),  # a lone tatweel between words is a dash, not a cut word
    ("١٦", "16"),
    ("#دير_الزور", " دير الزور"),  # a hashtag's marks separate words
    ("۱۶", "16"),
    ("٣٠٪", "30%"),
    ("١٫٥", "1.5"),
    ("ماذا؟", "ماذا?"),
    ("حلب، إدلب؛ حماة", "حلب, ادلب; حماه"),
    ("“8”", '"8"'),
    ("«داعش»", '"داعش"'),
    ("\u200fتدمر\u200e", "تدمر"),
    ("تد\u200cمر", "تدمر"),
    ("\ufeffتدمر", "تدمر"),
    ("ﻻ", "لا"),
    ("ﺗﺪﻣﺮ", "تدمر"),
    ("ISIS", "isis"),
    ("کرد", "كرد"),
    ("ی", "ي"),
]


@pytest.mark.parametrize("text,expected", NORMALISE)
def test_normalise(text, expected):
    assert arabic().normaliser.normalise(text).text == expected


def test_normalise_is_idempotent():
    n = arabic().normaliser
    for text, _ in NORMALISE:
        once = n.normalise(text).text
        assert n.normalise(once).text == once


ALPHABET = list("ابتثجحخدذرسشصضطظعغفقكلمنهويةىءأإآؤئ ٠١٢٣٤٥٦٧٨٩0123456789.,،؛؟") + [
    "\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0640", "\u200f", "\u200e", "\u200c", "\u202b",
    "\ufeff", "ﻻ", "ﻷ", "ﺗ", "ﷲ", "“", "”",
]


def test_every_normalised_character_maps_back_to_the_character_it_came_from():
    """Property: on random text, each normalised character points at an original
    character whose own normalisation holds it, in order; spans stay in bounds."""
    n = arabic().normaliser
    rng = random.Random(7)
    for _ in range(500):
        original = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 40)))
        norm = n.normalise(original)
        previous = -1
        for i, char in enumerate(norm.text):
            o = norm.original_offset(i)
            assert o >= previous
            previous = o
            assert char in n.normalise(original[o]).text, (original, i)
        for _ in range(5):
            if not norm.text:
                break
            s = rng.randrange(len(norm.text))
            e = rng.randrange(s, len(norm.text)) + 1
            o_start, o_end = norm.to_original(s, e)
            assert 0 <= o_start < o_end <= len(original)
            assert norm.text[s:e] in n.normalise(original[o_start:o_end]).text


def test_original_offsets_of_many_positions_match_one_at_a_time():
    """The one-walk mapping used for every token of a document agrees with the single lookup."""
    n = arabic().normaliser
    rng = random.Random(11)
    for _ in range(300):
        original = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 60)))
        norm = n.normalise(original)
        positions = sorted(rng.randrange(len(norm.text) + 3) for _ in range(rng.randint(1, 20)))
        assert norm.original_offsets(positions) == [norm.original_offset(p) for p in positions]


def test_a_word_cut_by_tatweel_is_quoted_whole():
    n = arabic().normaliser
    original = "اعتقلت هيئة تحـ ـريـ ـر الـ ـشـ ـام شابا"
    norm = n.normalise(original)
    start = norm.text.index("تحرير")
    s, e = norm.to_original(start, start + len("تحرير"))
    assert original[s:e] == "تحـ ـريـ ـر"


def test_offsets_of_a_match_quote_the_original():
    n = arabic().normaliser
    original = "قُتِلَ ثمانيةُ عناصرٍ في إدلبَ"
    norm = n.normalise(original)
    start = norm.text.index("ادلب")
    s, e = norm.to_original(start, start + 4)
    assert original[s:e] == "إدلبَ"  # the trailing fatha belongs to the word


CLITICS = [
    ("بمدينة", "مدينه"),
    ("وتدمر", "تدمر"),
    ("بإدلب", "ادلب"),
    ("والرقة", "رقه"),
    ("للرقة", "رقه"),
    ("لدمشق", "دمشق"),
    ("فبالمدينة", "مدينه"),
    ("سيقتل", "يقتل"),
    ("كالمعتاد", "معتاد"),
]


@pytest.mark.parametrize("word,stem", CLITICS)
def test_clitic_readings_include_the_stem(word, stem):
    a = arabic()
    readings = a.clitics.readings(a.normaliser.normalise_term(word))
    assert stem in [s for _, s in readings]


@pytest.mark.parametrize("word", ["تدمر", "بلدة", "لبنان", "سوريا", "كفرنبل"])
def test_whole_word_is_always_the_first_reading(word):
    a = arabic()
    term = a.normaliser.normalise_term(word)
    assert a.clitics.readings(term)[0] == ("", term)


def test_names_are_not_stemmed_beyond_clitics():
    a = arabic()
    stems = [s for _, s in a.clitics.readings("تدمر")]
    assert "دمر" not in stems  # ت is not a proclitic
    assert "قتل" not in [s for _, s in a.clitics.readings("سقتل")]  # س only before يـ تـ نـ أ


@pytest.mark.parametrize("stem,form", [("الرقه", "للرقه"), ("الرقه", "وللرقه"), ("الرقه", "بالرقه"), ("حلب", "وبحلب")])
def test_prefixed_forms_of_lexicon_entries(stem, form):
    assert form in [f for f, _ in arabic().clitics.prefixed_forms(stem)]


TOKENS = [
    ("قتل 16 شخصاً", ["قتل", "16", "شخصا"]),
    ("نحو “8” شباب", ["نحو", '"', "8", '"', "شباب"]),
    ("1,500 و2.5", ["1,500", "و", "2.5"]),
    ("http://wp.me/p73rpU-1m1 انتهى", ["http://wp.me/p73rpu-1m1", "انتهي"]),
    ("(80 %)", ["(", "80", "%", ")"]),
]


@pytest.mark.parametrize("text,expected", TOKENS)
def test_tokens(text, expected):
    norm = arabic().normaliser.normalise(text)
    assert [t.text for t in tokenize(norm.text)] == expected


SENTENCES = [
    ("قتل خمسة. وأصيب ثلاثة.", ["قتل خمسة.", "وأصيب ثلاثة."]),
    ("هل قتل؟ نعم قتل!", ["هل قتل؟", "نعم قتل!"]),
    ("قال د. محمد إن القصف مستمر.", ["قال د. محمد إن القصف مستمر."]),
    ("بلغت النسبة 2.5 بالمئة. ثم ارتفعت", ["بلغت النسبة 2.5 بالمئة.", "ثم ارتفعت"]),
    ("في 12.3.2017 قصفت المدينة. وقتل", ["في 12.3.2017 قصفت المدينة.", "وقتل"]),
    ("العنوان\nالنص الأول؛ النص الثاني", ["العنوان", "النص الأول؛", "النص الثاني"]),
    ("انتهى.وبدأ غيره", ["انتهى.", "وبدأ غيره"]),
    ("رابط: http://wp.me/p73 انتهى", ["رابط: http://wp.me/p73 انتهى"]),
    ("قال: “انسحبنا.” ثم صمت", ["قال: “انسحبنا.”", "ثم صمت"]),
]


@pytest.mark.parametrize("text,expected", SENTENCES)
def test_sentences(text, expected):
    doc = arabic().analyse(text)
    assert [doc.original_span(s.start, s.end)[2] for s in doc.sentences] == expected


@pytest.mark.parametrize("text,word,expected", [
    ("اعتقلت قوات النظام شابا", "شابا", True),  # the verb three words before, in the clause
    ("اعتقلت قوات النظام، شابا", "شابا", False),  # a comma ends the clause
    ("اعتقلت دورية تابعة لقوات النظام في المدينة شابا", "شابا", False),  # too far
])
def test_a_word_before_in_the_same_clause(text, word, expected):
    from rasd.text.tokens import tokenize, word_before_in_clause

    tokens = tokenize(arabic().normaliser.normalise(text).text)
    i = next(k for k, t in enumerate(tokens) if t.text == arabic().normaliser.normalise_term(word))
    assert word_before_in_clause(tokens, i, {"اعتقلت"}, 4) is expected


@pytest.mark.parametrize("text,index,expected", [
    ("قصفت وحلب", 6, 5),  # after the و of وحلب: the word begins at the و
    ("قصفت وحلب", 5, 5),  # at a word's first letter
    ("، والقراطي", 4, 2),  # punctuation and a space stop it
    ("حلب", 3, 0),
])
def test_word_start(text, index, expected):
    from rasd.text.tokens import word_start

    assert word_start(text, index) == expected
