"""Events: one line per case. Add a case by adding a line.

Columns: sentence, then the expected event: type, the words of its place,
actor1 (canonical name or None), certainty. The sentences are written for
rasd in the style of monitoring reports.
"""

from __future__ import annotations

import pytest
from conftest import run

N = None
CASES = [
    # means decide the type of a bombardment
    ("قصفت قوات النظام بالمدفعية بلدة كفرنبل", "shelling", "كفرنبل", "Syrian government forces", "confirmed"),
    ("قصف الطيران الحربي مدينة معرة النعمان", "air_strike", "معرة النعمان", N, "confirmed"),
    ("ألقى الطيران المروحي براميل متفجرة على مدينة داريا", "air_strike", "داريا", N, "confirmed"),
    ("شنت الطائرات الروسية غارات على مدينة جسر الشغور", "air_strike", "جسر الشغور", "Russian forces", "confirmed"),
    ("سقطت قذائف هاون على حي في مدينة درعا", "shelling", "درعا", N, "confirmed"),
    # التحالف is the coalition fighting in the report's country
    ("شن طيران التحالف غارات على مدينة الرقة", "air_strike", "الرقة", "International Coalition", "confirmed"),
    ("شن طيران التحالف غارات على مدينة صعدة اليمنية", "air_strike", "صعدة", "Saudi-led coalition", "confirmed"),
    ("استهدف طيران العدوان بغارتين مديرية باقم", "air_strike", "باقم", "Saudi-led coalition", "confirmed"),
    ("قصفت الميليشيات الإيرانية بالمدفعية بلدة الميادين", "shelling", "الميادين", "Iranian-backed militias", "confirmed"),
    ("هدمت جرافات الاحتلال منزلين في بلدة سلوان", "property", "سلوان", "Israeli forces", "confirmed"),
    # only an actor with aircraft carries out an air strike
    ("قصفت الطائرات الحربية مواقع فصائل المعارضة في بلدة كفرنبل", "air_strike", "كفرنبل", N, "confirmed"),
    ("أصيب مدني إثر غارة جوية للطائرات الحربية الروسية على قرية كفرنبل", "air_strike", "كفرنبل", "Russian forces",
     "confirmed"),  # ل after a raid names whose it was
    ("شنت مقاتلات حربية روسية غارات على بلدة كنصفرة", "air_strike", "كنصفرة", "Russian forces", "confirmed"),
    ("استهدفت قوات النظام بالصواريخ بلدة الهبيط", "shelling", "الهبيط", "Syrian government forces", "confirmed"),
    # other types
    ("اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام في مدينة حلب", "armed_clash", "حلب", "Syrian opposition factions", "confirmed"),
    ("سيطر تنظيم الدولة على مدينة تدمر", "territory_change", "تدمر", "Islamic State", "confirmed"),
    ("انسحب تنظيم الدولة من مدينة تدمر", "withdrawal", "تدمر", "Islamic State", "confirmed"),
    ("انسحب التنظيم من مدينة تدمر", "withdrawal", "تدمر", N, "confirmed"),  # التنظيم alone names no one
    ("انفجرت عبوة ناسفة في مدينة منبج", "explosion", "منبج", N, "confirmed"),
    ("انفجرت سيارة مفخخة في مدينة أعزاز", "explosion", "أعزاز", N, "confirmed"),
    ("أعدم تنظيم داعش خمسة مدنيين في مدينة الرقة", "killing", "الرقة", "Islamic State", "confirmed"),
    ("اغتال مسلحون مجهولون قيادياً في مدينة درعا", "killing", "درعا", "unidentified gunmen", "confirmed"),
    ("اختطف مسلحون مجهولون ثلاثة مدنيين في مدينة السويداء", "abduction", "السويداء", "unidentified gunmen", "confirmed"),
    ("شنت قوات النظام حملة اعتقالات في مدينة دوما", "arrest", "دوما", "Syrian government forces", "confirmed"),
    ("خرجت مظاهرات في مدينة إدلب ضد الهيئة", "protest", "إدلب", "protesters", "confirmed"),
    ("تم التوصل إلى اتفاق تسوية في مدينة التل", "agreement", "التل", N, "confirmed"),
    ("أعلنت قسد سيطرتها على بلدة هجين عقب معارك ضارية مع التنظيم", "territory_change", "هجين", "Syrian Democratic Forces", "reported"),
    # a place after the sentence's last happening is where each of them happened
    ("خطف مسلحون ثلاثة مدنيين، وأطلقوا النار على أحدهم، في ريف السويداء الغربي", "abduction", "ريف السويداء الغربي",
     "unidentified gunmen", "confirmed"),
    ("استولى مسلحون على منازل المدنيين في مدينة عفرين", "property", "عفرين", "unidentified gunmen", "confirmed"),
    ("أسرت فصائل المعارضة جنديين من قوات النظام في بلدة كنصفرة", "arrest", "كنصفرة", "Syrian opposition factions",
     "confirmed"),  # captured fighters: an arrest by the captors
    ("أطلقت الشرطة الغاز المسيل للدموع على المحتجين في مدينة صيدا", "protest", "صيدا", "protesters", "confirmed"),
    ("خرج متظاهرون في مدينة صيدا وأحرقوا مقر البلدية", "riot", "صيدا", "rioters", "confirmed"),  # a riot's crowd
    ("أعلن الجيش السوداني السيطرة على مدينة بارا. وقال الجيش إنه استعاد بلدة كنصفرة.", "territory_change", "كنصفرة",
     "Sudanese Armed Forces", "reported"),  # "the army" refers back to the army the report named
    ("أعلنت القوة المشتركة سيطرتها على مدينة مليط", "territory_change", "مليط", "Joint Force of Darfur armed movements",
     "reported"),
    # a nationality adjective right after the happening's words names who did it; elsewhere it names no one
    ("قتل 5 مدنيين في غارات جوية روسية على مدينة إدلب", "air_strike", "إدلب", "Russian forces", "confirmed"),
    ("واستهدف القصف التركي قرية كنصفرة", "shelling", "كنصفرة", "Turkish forces", "confirmed"),
    ("قصفت قوات النظام قرية كنصفرة قرب الحدود التركية", "shelling", "كنصفرة", "Syrian government forces", "confirmed"),
    ("أغار الطيران السوري على بلدة كفرنبل", "air_strike", "كفرنبل", "Syrian government forces", "confirmed"),  # aviation acts
    ("قصفت المقاتلات السورية مدينة القصير", "air_strike", "القصير", "Syrian government forces", "confirmed"),
    ("انشق عشرة عناصر من تنظيم الدولة في مدينة تدمر", "defection", "تدمر", "Islamic State defectors", "confirmed"),  # those who left, named after their side
    ("جندت ميليشيا الحوثي عشرات الأطفال في محافظة إب", "recruitment", "محافظة إب", "Houthis", "confirmed"),
    ("نزح آلاف المدنيين من مدينة معرة النعمان", "displacement", "معرة النعمان", "civilians", "confirmed"),
    ("حولت الفصائل المنزل إلى مقر عسكري في مدينة عفرين", "base_established", "عفرين", N, "confirmed"),
    # certainty from the words around the event
    ("قالت مصادر محلية إن قوات النظام اعتقلت خمسة شبان في مدينة درعا", "arrest", "درعا", "Syrian government forces", "reported"),
    ("أفاد ناشطون بخروج مظاهرات في مدينة سراقب", "protest", "سراقب", "protesters", "reported"),
    ("وردت أنباء عن اشتباكات في مدينة الميادين", "armed_clash", "الميادين", N, "unconfirmed"),
    ("وتثار شكوك حول انشقاق عناصر من التنظيم في مدينة الرقة وسط مخاوف من إرسالهم بمهمات", "defection", "الرقة", N, "suspected"),
    # one event per place named in a list
    ("قصفت الطائرات بلدات خان شيخون والتمانعة وكفرنبل", "air_strike", "التمانعة", N, "confirmed"),
    ("قصفت الطائرات بلدات خان شيخون والتمانعة وكفرنبل", "air_strike", "خان شيخون", N, "confirmed"),
    # a village the gazetteer lacks, after a cue
    ("قصفت قوات النظام بالمدفعية قرية الزعفرانة الغربية", "shelling", "الزعفرانة الغربية", "Syrian government forces", "confirmed"),
]

# Sentences that must give no event of the type.
NO_EVENT = [
    ("نفى المرصد وقوع اشتباكات في مدينة حلب", "armed_clash"),
    ("لم يتم اعتقال أي شخص في مدينة درعا", "arrest"),
    ("تعتزم قوات النظام اقتحام مدينة درعا", "armed_clash"),
    ("تقع المدينة الخاضعة لسيطرة قوات النظام شرق حلب", "territory_change"),
    ("وصل النازحون إلى مناطق سيطرة قوات سوريا الديمقراطية في ريف دير الزور", "territory_change"),
    ("تسيطر قوات سوريا الديمقراطية على مدينة منبج منذ عام 2016", "territory_change"),
    ("قتل 3 مدنيين بقصف مدفعي على مدينة درعا", "killing"),  # the means over the consequence
    ("انفجار استهدف سيارة في مدينة منبج", "shelling"),  # targeted, by a bomb: not shelling
    ("هيئة تحرير الشام تصدر بيانا في مدينة إدلب", "territory_change"),  # تحرير inside an actor's name
    ("تتصاعد المواجهة السياسية في طرابلس بشأن السيطرة على الحكومة", "territory_change"),  # control of a government
    ("وقال إن معظم الجرحى غادروا المستشفى في مدينة طرابلس", "displacement"),
    ("بدأ الجيش إزالة السواتر تمهيدا لإجلاء المسلحين إلى ريف إدلب", "displacement"),  # preparing, not yet
    ("اعتقلت القوات عشرات الشبان بهدف الزج بهم في معارك درعا", "armed_clash"),  # a purpose, not a battle
    ("تتركز نقاط الاشتباك بين القوى الإقليمية في شرق سوريا", "armed_clash"),  # front lines, not fighting
    ("خطف مسلحون ثلاثة مدنيين، وأطلقوا النار على أحدهم مما أدى لإصابته، في ريف السويداء الغربي", "killing"),
    ("داهم مسلحون مزرعة قرب قرية كناكر وخطفوا حارسها", "arrest"),  # a raid to kidnap is a kidnapping
    ("أعلنت قسد سيطرتها على بلدة هجين عقب معارك ضارية مع التنظيم", "armed_clash"),  # the battle that won it
    # the loser's withdrawal is the other side of a takeover
    ("سيطر تنظيم الدولة على مدينة تدمر. وقال المرصد إن قوات النظام انسحبت من مدينة تدمر", "withdrawal"),
    ("توعد الرئيس بشن هجوم على مدينة منبج", "armed_clash"),  # a threat, not a happening
    ("استهدفت الطائرات مقرا عسكريا في مدينة عفرين", "base_established"),  # a base that stands is no new base
    ("تتمركز قوات النظام في ثكنة قرب مدينة عفرين", "base_established"),
    ("يواصل الاحتلال استهداف مداخل بلدة بيت حانون", "territory_change"),  # the occupation names an actor
    ("انشق قائد عن التنظيم في مدينة الطبقة والتحق بالفصائل", "recruitment"),  # the other half of the defection
    ("انضمت مدينة البصرة إلى الاحتجاجات بقوة", "recruitment"),  # a protest joined
    ("تسود مخاوف في المنطقة في ظل التهديدات المتواصلة بشن هجوم على مدينة منبج", "armed_clash"),
    # the displaced named, not displaced: a camp for them, a ministry for them
    ("وزعت المنظمة سللا غذائية في مخيمات النازحين في مدينة مأرب", "displacement"),
    ("وقالت وزارة الهجرة والمهجرين إن الأوضاع في مدينة الموصل صعبة", "displacement"),
    ("نقلت القوات التركية عشرات من أسر المسلحين من مدينة عفرين", "arrest"),  # أسر: families, not captured
    ("قتل ثلاثة أفراد من أسرة واحدة في قصف على مدينة إدلب", "arrest"),  # أسرة (family) folds to أسره (captured him)
    ("عادت العائلات إلى أسرها في مدينة حلب", "arrest"),
    ("بدأت رحلة الوفد إلى مدينة حلب", "displacement"),  # رحلة (a trip) folds to رحله (deported him)
    ("دوت صفارات الإنذار في مدينة الرقة خوفا من الطيران الروسي", "air_strike"),  # feared, not struck
    # an aim or an attempt is no change of control
    ("شنت قوات النظام هجوما في محاولة للسيطرة على بلدة كفرنبل", "territory_change"),
    ("بدأت الفصائل حملة تهدف إلى استعادة مدينة منبج", "territory_change"),
    ("تظاهر المئات في ساحة التحرير وسط مدينة بغداد", "territory_change"),  # a square's name
    ("اتفق الطرفان على تسليم السلاح الثقيل في مدينة درعا", "withdrawal"),  # arms handed over, not a place
    ("وذكر بيان صادر عن المجلس المحلي في مدينة درعا أن الأسواق مغلقة", "property"),  # a statement issued by
    ("تزج الميليشيا بالأطفال في جبهات القتال في محافظة إب", "armed_clash"),  # where fighters are sent
    ("تغيرت خريطة السيطرة في محافظة إدلب خلال العام", "territory_change"),  # who holds what, no change told
    ("رفض العناصر المشاركة في القتال ضد الفصائل في ريف حلب", "armed_clash"),  # a refusal, no battle told
]


@pytest.mark.parametrize("sentence,kind,place,actor1,certainty", CASES, ids=[f"{c[0]}|{c[2]}" for c in CASES])
def test_event(extractor, sentence, kind, place, actor1, certainty):
    events = [e for e in run(extractor, sentence, "2017-01-15").events if e.type == kind]
    assert events, f"no {kind} event; got {[(e.type, e.location and e.location.text) for e in run(extractor, sentence).events]}"
    at_place = [e for e in events if e.location is not None and place in e.location.text]
    assert at_place, [(e.location and e.location.text) for e in events]
    event = at_place[0]
    names = [a.name for a in event.actors if a.role == "actor1"]
    assert (names[0] if names else None) == actor1
    assert event.certainty == certainty
    assert sentence[event.trigger.start:event.trigger.end] == event.trigger.text
    assert sentence[event.sentence.start:event.sentence.end] == event.sentence.text


@pytest.mark.parametrize("sentence,kind", NO_EVENT, ids=[c[0] for c in NO_EVENT])
def test_no_event(extractor, sentence, kind):
    assert all(e.type != kind for e in run(extractor, sentence, "2017-01-15").events)


def test_a_defection_is_by_the_members_who_left_against_the_side_they_left(extractor):
    (event,) = [e for e in run(extractor, "انشق ضابطان عن قوات النظام في مدينة درعا").events if e.type == "defection"]
    roles = {a.role: (a.name, a.id) for a in event.actors}
    assert roles == {"actor1": ("Syrian government forces defectors", "sy_gov:defectors"),
                     "actor2": ("Syrian government forces", "sy_gov")}


def test_a_happening_told_with_figures_but_no_place_takes_the_paragraph_s_place_marked(extractor):
    text = "تشهد مدينة كفرنبل توترا منذ أيام. وقالت مصادر إن قوات الأمن اعتقلت 12 شابا."
    (event,) = [e for e in run(extractor, text).events if e.type == "arrest"]
    assert event.location is not None and event.location.text == "كفرنبل" and event.location_referred_back
    # without a figure, a placeless word is as often a passing mention: it stays without a place
    text = "تشهد مدينة كفرنبل توترا منذ أيام. وقالت مصادر إن حملة الاعتقالات مستمرة."
    assert all(e.location is None for e in run(extractor, text).events if e.type == "arrest")


def test_counts_take_their_category():
    from rasd.pipeline import default_extractor

    sentence = "قصفت الطائرات مدينة أريحا ما أدى إلى مقتل 5 مدنيين وإصابة 12 آخرين"
    (event,) = [e for e in default_extractor().extract(sentence).events if e.type == "air_strike"]
    assert {(c.category, c.quantity.value) for c in event.counts} == {("killed", 5), ("injured", 12)}


# the counts an event takes: text, the event's type, {(category, value)}
EVENT_COUNTS = [
    ("قتلت امرأة وأصيبت اثنتان في انفجار لغم بقرية الزيزفونة.", "explosion", {("killed", 1), ("injured", 2)}),
    ("امرأة قتلت وأصيب طفل في انفجار لغم بقرية الزيزفونة.", "explosion", {("killed", 1), ("injured", 1)}),
    ("أصيب مدني بجروح إثر غارة جوية على مدينة أريحا.", "air_strike", {("injured", 1)}),
    ("أسفر قصف مدفعي على مدينة أريحا عن مقتل امرأة وطفلتها.", "shelling", {("killed", 2)}),
    ("قتل شخص وجرح آخران في قصف مدفعي على مدينة أريحا.", "shelling", {("killed", 1), ("injured", 2)}),
    ("استشهدت طفلتان وجرحت امرأة بقصف مدفعي على مدينة أريحا.", "shelling", {("killed", 2), ("injured", 1)}),
    # protesters killed by forces: the protest's toll (codebook 1.1)
    ("قتل 3 متظاهرين وأصيب 20 خلال مظاهرة في مدينة البصرة.", "protest", {("killed", 3), ("injured", 20)}),
    # the next sentence tells the toll and no happening of its own
    ("قصفت الطائرات الحربية مدينة أريحا. وأسفر ذلك عن مقتل خمسة مدنيين.", "air_strike", {("killed", 5)}),
    # a flight keeps its own number, not the attack's toll
    ("نزح 200 شخص من مدينة أريحا بعد قصف قتل فيه 5 مدنيين.", "displacement", {("people", 200)}),
    # one person named by a title or a noun with the article, then by name
    ("اغتال مسلحون مجهولون الشيخ سامي العلي في مدينة أريحا.", "killing", {("killed", 1)}),
    ("اعتقلت دورية الشاب سامي والشاب ماهر في مدينة أريحا.", "arrest", {("people", 2)}),
]


@pytest.mark.parametrize("text,kind,expected", EVENT_COUNTS, ids=[c[0] for c in EVENT_COUNTS])
def test_the_counts_an_event_takes(extractor, text, kind, expected):
    events = [e for e in run(extractor, text).events if e.type == kind and e.location is not None]
    assert events, f"no {kind} event"
    assert {(c.category, c.quantity.value) for c in events[0].counts} == expected
    for count in events[0].counts:
        assert text[count.quantity.start:count.quantity.end] == count.quantity.text


# a total, then each place's figure: text, the events' type, {place words: {(category, value)}}
BREAKDOWNS = [
    ("قتل 16 شخصا في قصف مدفعي على محافظة طرطوس، توزعوا كالآتي: 2 في بانياس، 7 في قرية بصرمون.", "shelling",
     {"بانياس": {("killed", 2)}, "بصرمون": {("killed", 7)}}),
    ("ارتفع عدد القتلى إلى 20 في المواجهات بين الأمن والمتظاهرين، بمعدل (بغداد 8، البصرة 12).", "protest",
     {"بغداد": {("killed", 8)}, "البصرة": {("killed", 12)}}),
    ("قتل 50 مدنيا في غارات جوية على الساحل السوري.\n– اللاذقية: 30.\n– طرطوس: 20.", "air_strike",
     {"اللاذقية": {("killed", 30)}, "طرطوس": {("killed", 20)}}),
    # a second line for the same places counts what its words do not name: the places, no guessed figure
    ("قتل 20 في المواجهات بين الأمن والمتظاهرين، بمعدل (بغداد 8، البصرة 12).\nوبلغ العدد (بغداد 140، البصرة 90، "
     "الناصرية 30).", "protest", {"بغداد": {("killed", 8)}, "البصرة": {("killed", 12)}, "الناصرية": set()}),
]


@pytest.mark.parametrize("text,kind,expected", BREAKDOWNS, ids=[c[0][:40] for c in BREAKDOWNS])
def test_each_place_of_a_breakdown_takes_its_figure(extractor, text, kind, expected):
    events = {e.location.text: e for e in run(extractor, text).events if e.type == kind and e.location is not None}
    for place, counts in expected.items():
        assert place in events, f"no {kind} event at {place}; got {sorted(events)}"
        assert {(c.category, c.quantity.value) for c in events[place].counts} == counts
        assert all(text[c.quantity.start:c.quantity.end] == c.quantity.text for c in events[place].counts)


def test_a_resolved_date_beats_an_unresolvable_one_in_the_sentence(extractor):
    text = "وتعتبر المظاهرة اليوم الأحدث في سلسلة احتجاجات شهدتها مدينة السويداء منذ الـ17 من آب 2023"
    (event,) = [e for e in run(extractor, text).events if e.type == "protest"]  # no publication date: اليوم is unknown
    assert str(event.date.date_start) == "2023-08-17"


def test_date_is_inherited_within_the_paragraph_and_marked():
    from datetime import date

    from rasd.pipeline import default_extractor

    text = "في 12 آذار 2017 قصفت الطائرات مدينة أريحا. ونزح مئات المدنيين من مدينة سراقب."
    events = default_extractor().extract(text, published=date(2017, 3, 20)).events
    displacement = next(e for e in events if e.type == "displacement")
    assert displacement.date is not None and displacement.date_inherited
    assert displacement.date.date_start == date(2017, 3, 12)


def test_same_happening_is_merged_with_all_evidence():
    from rasd.pipeline import default_extractor

    text = "قصفت الطائرات مدينة أريحا. وطال القصف الجوي أحياء مدينة أريحا."
    events = [e for e in default_extractor().extract(text).events if e.type == "air_strike"]
    assert len(events) == 1 and len(events[0].more_evidence) >= 1


def test_casualties_stated_earlier_in_the_paragraph_are_inherited_and_marked():
    from rasd.pipeline import default_extractor

    text = "قتل مدنيان وأصيب خمسة آخرون جراء القصف اليوم. وقال سكان إن الميليشيات قصفت بالقذائف حي الروضة في مدينة تعز."
    events = [e for e in default_extractor().extract(text).events if e.type == "shelling" and e.location is not None]
    (event,) = events
    assert {(c.category, c.quantity.value, c.inherited) for c in event.counts} == {("killed", 2, True), ("injured", 5, True)}


def test_each_place_of_a_toll_breakdown_takes_its_own_count():
    from rasd.pipeline import default_extractor

    text = "قتل 22 شخصا بقصف جوي، بينهم 13 في قرية الزعفرانة الغربية، و4 في بلدة التمانعة."
    events = {e.location.text: e for e in default_extractor().extract(text).events
              if e.type == "air_strike" and e.location is not None}
    assert {(c.category, c.quantity.value) for c in events["الزعفرانة الغربية"].counts} == {("killed", 13)}
    assert {(c.category, c.quantity.value) for c in events["التمانعة"].counts} == {("killed", 4)}


def test_a_list_of_places_survives_an_unread_name_and_a_new_cue():
    from rasd.pipeline import default_extractor

    text = "شمل القصف بلدات خان شيخون والتمانعة وغيرها، وقرى الزعفرانة وتل رصد."
    places = {e.location.text for e in default_extractor().extract(text).events if e.location is not None}
    assert {"خان شيخون", "التمانعة", "الزعفرانة"} <= places


@pytest.mark.parametrize("sentence,kind,places", [
    # a place after بزعامة names who leads, not where it happened
    ("وقع انفجار في مدينة منبج الخاضعة لقوات التحالف الدولي بزعامة واشنطن", "explosion", {"منبج"}),
    # بين قريتي X وY is one spot
    ("اختطف مسلحون سائقا بين قريتي الزعفرانة وتل رصد", "abduction", {"الزعفرانة"}),
    # examples after مثل / بينها are where it happened; an area they directly elaborate gives way to them
    ("خرجت مظاهرات في وسط إدلب وبعض المناطق في ريف المحافظة، مثل جسر الشغور وحزانو بريف إدلب، "
     "ومناطق بريف حلب الغربي، بينها دارة عزة", "protest", {"إدلب", "جسر الشغور", "حزانو", "دارة عزة"}),
    # a dateline is where the report was filed
    ("بنغازي - (وكالات): اندلعت اشتباكات عنيفة في مدينة طرابلس", "armed_clash", {"طرابلس"}),
])
def test_places_an_event_does_not_take(extractor, sentence, kind, places):
    found = {e.location.text for e in run(extractor, sentence).events if e.type == kind and e.location is not None}
    assert found == places


# Movement: (sentence, type, origin or location words, destinations' words, counts)
MOVEMENT = [
    # destinations carry along a list, through "specifically" and "most of all"
    ("انشق ثمانية عناصر من مدينة تدمر ووصلوا إلى ريف إدلب ومدن تركية منها مرسين وأنطاكية، وبالأخص ألمانيا",
     "defection", "تدمر", {"ريف إدلب", "مرسين", "أنطاكية", "ألمانيا"}, {8}),
    # a destination after an unnamed area (المناطق المحررة) is a destination too
    ("نزح 300 شخص من مدينة سراقب إلى المناطق المحررة وتركيا", "displacement", "سراقب", {"تركيا"}, {300}),
    # a flight of fighters is a defection, of families a displacement
    ("هرب عشرة عناصر من التنظيم من مدينة الميادين", "defection", "الميادين", set(), {10}),
    ("هرب مئات المدنيين من مدينة الميادين إلى الحسكة", "displacement", "الميادين", {"الحسكة"}, {200}),
    ("هربوا نحو ألف شخص من مدينة الميادين إلى الحسكة", "displacement", "الميادين", {"الحسكة"}, {1000}),  # هربوا too
    ("وصل 500 نازح من مدينة الميادين إلى الحسكة", "displacement", "الميادين", {"الحسكة"}, {500}),  # counted
    # a place that locates another (السخنة الواقعة إلى الشرق من تدمر) is not a second origin
    ("انشق 16 عنصرا من منطقة السخنة الواقعة إلى الشرق من مدينة تدمر", "defection", "السخنة", set(), {16}),
]


@pytest.mark.parametrize("sentence,kind,where,destinations,values", MOVEMENT)
def test_movement(extractor, sentence, kind, where, destinations, values):
    events = [e for e in run(extractor, sentence).events if e.type == kind]
    assert [e.location.text for e in events if e.location] == [where] or [e.location.text.endswith(where) for e in events] == [True]
    (event,) = events
    assert {d.text for d in event.destinations} == destinations
    assert {c.quantity.low for c in event.counts} == values
    for mention in (event.location, *event.destinations):
        assert sentence[mention.start:mention.end] == mention.text


def test_a_later_clause_keeps_its_own_places_numbers_and_hedge(extractor):
    text = ("وثقنا وصول ثمانية عناصر منشقين من مدينة تدمر إلى مدينة إدلب، فوصل (4) منهم إلى بلدة حارم، "
            "كما وردتنا أنباء عن محاولات العديد من العناصر للهرب من مدينة الرقة.")
    events = {e.location.text: e for e in run(extractor, text).events if e.type == "defection"}
    assert set(events) == {"تدمر", "الرقة"}
    assert events["تدمر"].certainty == "confirmed" and events["الرقة"].certainty == "unconfirmed"
    assert {c.quantity.low for c in events["تدمر"].counts} == {8, 4} and not events["الرقة"].counts
    assert {d.text for d in events["تدمر"].destinations} == {"إدلب", "حارم"}


@pytest.mark.parametrize("text,kind,expected", [
    # a closing attribution speaks for the whole sentence, past a clause with another happening
    ("سيطر التنظيم على مدينة تدمر، وذلك إثر انسحاب الجيش منها، وفق ما أفاد المرصد", "territory_change", "reported"),
    # what the report states plainly is not made doubtful by a headline's hedge
    ("انشقاقات تثير الشكوك في مدينة تدمر\n\nوثقنا انشقاق ثمانية عناصر من مدينة تدمر", "defection", "confirmed"),
    # a sentence opening with كما goes on with the one before, even on a new line: its source speaks for it
    ("وأفاد مصدر محلي أن الفصائل قصفت مدينة إدلب.\nكما فرضت سيطرتها على بلدة سراقب.", "territory_change", "reported"),
    ("وأفاد مصدر محلي أن الفصائل قصفت مدينة إدلب.\nوفرضت الفصائل سيطرتها على بلدة سراقب.", "territory_change", "confirmed"),
])
def test_certainty_scope(extractor, text, kind, expected):
    (event,) = [e for e in run(extractor, text).events if e.type == kind]
    assert event.certainty == expected


def test_a_date_after_another_kind_of_happening_is_that_ones(extractor):
    text = "بدأت الانشقاقات بعد عدة أشهر من سيطرة التنظيم على مدينة تدمر في أواخر شهر أيار 2015"
    events = {e.type: e for e in run(extractor, text).events}
    assert str(events["territory_change"].date.date_start) == "2015-05-21"
    assert "defection" not in events or events["defection"].date is None


def test_casualties_before_the_attack_clause_are_its_own_and_a_later_flight_keeps_its_number(extractor):
    text = "قتل 5 مدنيين، وأصيب 10 آخرون جراء قصف مدفعي على بلدة كفرنبل، فيما نزح 300 شخص من بلدة حيش إلى مدينة إدلب"
    events = {e.type: e for e in run(extractor, text).events}
    assert {(c.category, c.quantity.low) for c in events["shelling"].counts} == {("killed", 5), ("injured", 10)}
    assert {(c.category, c.quantity.low) for c in events["displacement"].counts} == {("people", 300)}


@pytest.mark.parametrize("anaphor", ["المدينة", "المنطقة", "الحي"])
def test_the_town_refers_back_to_the_town_of_the_report(extractor, anaphor):
    text = ("سيطر التنظيم على مدينة تدمر. وفر أهالي تدمر من بطش عناصره.\n\n"
            f"ورغم معاناة الأهالي من القصف المتواصل من طيران النظام على {anaphor}، بقي كثيرون.")
    result = run(extractor, text)
    (strike,) = [e for e in result.events if e.type == "air_strike"]
    assert strike.location is not None and strike.location.text == "تدمر" and strike.location_referred_back
    assert strike.to_dict()["location"]["referred_back"] is True
    assert text[strike.location.start:strike.location.end] == "تدمر"


@pytest.mark.parametrize("text,actor1", [
    # buses taking fighters away: the fighters' side moves (an evacuation)
    ("خرجت حافلات تقل نحو 1500 من المقاتلين المعارضين والمدنيين من ريف حمص الشمالي نحو إدلب", "Syrian opposition factions"),
    ("نزح مئات المدنيين من ريف حمص الشمالي نحو إدلب", "civilians"),
])
def test_who_is_displaced(extractor, text, actor1):
    (event,) = [e for e in run(extractor, text).events if e.type == "displacement"]
    assert [a.name for a in event.actors if a.role == "actor1"] == [actor1]


def test_the_explosion_refers_to_the_one_just_told(extractor):
    text = "انفجرت سيارة مفخخة في مدينة منبج، وفق مصادر محلية. وأسفر الانفجار عن إصابة 7 أشخاص."
    (event,) = [e for e in run(extractor, text).events if e.type == "explosion"]
    assert event.location.text == "منبج"
    assert {(c.category, c.quantity.low) for c in event.counts} == {("injured", 7)}
    assert event.certainty == "reported"  # the bare back-reference restates no source


# One event per named place (codebook 1.1, "named sub-places"): villages in a list, a neighbourhood of a
# named city, a place no gazetteer knows (الزيزفونة، كفرلوسين are made up). Columns: sentence, type, the
# words of each event's place.
ONE_PER_PLACE = [
    ("قصفت الطائرات الحربية قرى كنصفرة وحزارين وكفرعويد بريف إدلب", "air_strike", {"كنصفرة", "حزارين", "كفرعويد"}),
    ("سيطرت الفصائل على قرى الزيزفونة وكفرلوسين وحزارين", "territory_change", {"الزيزفونة", "كفرلوسين", "حزارين"}),
    # a list of origins: each place people fled from
    ("نزح اليوم 900 مدني من مناطق (كنصفرة، حزارين، كفرعويد) إلى مخيمات الإيواء", "displacement",
     {"كنصفرة", "حزارين", "كفرعويد"}),
    ("اندلعت اشتباكات في حي الزيزفونة بمدينة حمص", "armed_clash", {"الزيزفونة"}),
    ("شنت قوات النظام حملة اعتقالات في أحياء الزيزفونة وكفرلوسين في مدينة دمشق", "arrest", {"الزيزفونة", "كفرلوسين"}),
    ("انفجرت سيارة مفخخة في قرية كفرلوسين التابعة لمدينة منبج", "explosion", {"كفرلوسين"}),
    # the area the villages lie in is no event of its own when the report tells it no facts of its own
    ("قصفت قوات النظام بالمدفعية قرى حزارين وكنصفرة في ريف إدلب الجنوبي", "shelling", {"حزارين", "كنصفرة"}),
    # a roster of the people arrested, each with where they come from
    ("اعتقلت قوات النظام أربعة شبان، هم: أحمد من بلدة كنصفرة، ومحمود من قرية حزارين، والشقيقان علي من مدينة كفرنبل",
     "arrest", {"كنصفرة", "حزارين", "كفرنبل"}),
    # more targets of the same bombardment, each opened by "، وقرية" and told with where it lies
    ("واستهدف القصف قرية كنصفرة شمال مدينة إدلب على طريق بلدة سراقب، وقرية حزارين شمال شرق إدلب، وقريتي الزيزفونة "
     "وكفرلوسين غرب المدينة", "shelling", {"كنصفرة", "حزارين", "الزيزفونة", "كفرلوسين"}),
    # a list closed by the area it lies in goes on after "، و" with the next place
    ("قصفت الطائرات قريتي كنصفرة وحزارين بريف إدلب الجنوبي، وكفرعويد وكفرنبل بريف معرة النعمان", "air_strike",
     {"كنصفرة", "حزارين", "كفرعويد", "كفرنبل"}),
    # a phrase that adds places to the list (إضافة إلى مدن ...)
    ("تظاهر المئات في مدن إدلب وسراقب شمال البلاد، إضافة إلى مدينة الباب في الشرق", "protest", {"إدلب", "سراقب", "الباب"}),
    # the next sentence names the villages the first counted
    ("سيطرت الفصائل على أكثر من 10 قرى في ريف إدلب. وهي كنصفرة، حزارين، الزيزفونة وكفرعويد", "territory_change",
     {"كنصفرة", "حزارين", "الزيزفونة", "كفرعويد"}),
    ("سيطرت الفصائل على قريتين في ريف إدلب. وهما كنصفرة وحزارين", "territory_change", {"كنصفرة", "حزارين"}),
    # the lines a sentence ending in a colon introduces
    ("نهبت عناصر الميليشيا منازل المدنيين في القرى التالية:\n- قرية كنصفرة\n- قرية حزارين، وقرية الزيزفونة\n"
     "وقالت مصادر إن القصف استمر", "property", {"كنصفرة", "حزارين", "الزيزفونة"}),
]


@pytest.mark.parametrize("sentence,kind,places", ONE_PER_PLACE, ids=[c[0] for c in ONE_PER_PLACE])
def test_one_event_per_named_place(extractor, sentence, kind, places):
    events = [e for e in run(extractor, sentence).events if e.type == kind]
    assert sorted(e.location.text for e in events if e.location is not None) == sorted(places)
    for event in events:
        assert sentence[event.location.start:event.location.end] == event.location.text
        assert event.location.country == "SY" and event.location.lat is not None


def test_a_figure_given_for_several_places_is_marked_shared_once_per_group(extractor):
    text = "قتل 22 مدنياً في غارات جوية على قرى كنصفرة وحزارين وكفرعويد والزيزفونة بريف إدلب، وقتل 3 في قصف مدفعي على مدينة درعا."
    events = run(extractor, text).events
    strikes = [e for e in events if e.type == "air_strike"]
    assert len(strikes) == 4
    shared = [c.shared for e in strikes for c in e.counts if c.category == "killed"]
    assert all(s is not None for s in shared) and len({s.group for s in shared}) == 1
    assert sorted(s.index for s in shared) == [0, 1, 2, 3] and {s.events for s in shared} == {4}
    assert sum(s.share(22) for s in shared) == 22
    (daraa,) = [e for e in events if e.type == "shelling"]
    assert [(c.category, c.quantity.value, c.shared) for c in daraa.counts] == [("killed", 3, None)]  # its own figure


def test_the_area_keeps_its_event_when_the_report_gives_it_a_figure_of_its_own(extractor):
    text = "قتل 40 مدنياً في غارات على ريف إدلب الجنوبي، بينها غارات على قريتي حزارين وكنصفرة."
    places = {e.location.text for e in run(extractor, text).events if e.type == "air_strike" and e.location}
    assert {"حزارين", "كنصفرة"} <= places and any("ريف إدلب" in p for p in places)


# What a protest's clause tells decides whether it was a riot; two means named together are two events.
TYPE_BY_CONTEXT = [
    ("خرج متظاهرون في مدينة صيدا وأحرقوا مقر البلدية", {"riot"}),  # violence by the protesters
    ("أحرق المتظاهرون الإطارات في مدينة صيدا وقطعوا الطرق", {"protest"}),  # burning tyres block a road: a protest
    ("أضرم متظاهرون النار في مبنى المحافظة في مدينة صيدا", {"riot"}),
    ("أضرم المحتجون النار في الإطارات في مدينة صيدا", {"protest"}),
    # property destroyed, seized or looted (ACLED's looting/property destruction)
    ("أضرم مسلحون النار في منازل المدنيين في قرية كنصفرة", {"property"}),
    ("نسفت قوات الاحتلال منزل الأسير في بلدة كفرنبل", {"property"}),
    ("سطا مسلحون على محال تجارية في مدينة الرقة", {"property"}),
    ("شهدت قرية كنصفرة قطع أشجار الزيتون من قبل عناصر الفصيل", {"property"}),
    ("تعرضت مدينة درعا لقصف جوي وصاروخي من قوات النظام", {"air_strike", "shelling"}),  # one event per means
    ("شنت الطائرات غارات جوية وقصفاً مدفعياً على بلدة كفرنبل", {"air_strike", "shelling"}),
    ("قصفت المقاتلات بلدة كفرنبل", {"air_strike"}),  # jets say how it was bombed
    ("شنت الطائرات الحربية غارات على بلدة كنصفرة بصواريخ شديدة الانفجار", {"air_strike"}),  # the missiles it fired
    ("قصفت قوات النظام بلدة كنصفرة بصواريخ", {"shelling"}),
    ("أصيب شاب خلال مواجهات بين قوات الأمن والمتظاهرين في مدينة البصرة", {"protest"}),  # a protest met by force
    ("اندلعت مواجهات بين قوات النظام والفصائل في مدينة درعا", {"armed_clash"}),
    # a defector speaks of others joining: the joining stays (the participle still gives a defection)
    ("قال أحد المنشقين إن أربعين شابا انضموا إلى الفصيل في مدينة الباب", {"defection", "recruitment"}),
    ("عرضت القناة صورا لجنود فروا من مدينة الموصل", {"defection"}),  # who flees decides what a flight is
    ("عرضت القناة صورا لعائلات فروا من مدينة الموصل", {"displacement"}),
    ("قتل أربعة مسلحين بضربة نفذتها طائرة بلا طيار في محافظة شبوة", {"air_strike"}),  # a strike by what it names
    ("وجهت الحكومة ضربة قوية للفساد في مدينة عدن", set()),  # a strike that names no means is a figure of speech
]


@pytest.mark.parametrize("sentence,kinds", TYPE_BY_CONTEXT, ids=[c[0] for c in TYPE_BY_CONTEXT])
def test_the_type_the_context_decides(extractor, sentence, kinds):
    assert {e.type for e in run(extractor, sentence).events if e.location is not None} == kinds


LEAD = "قصفت الطائرات الحربية مدينة إدلب يوم الأحد 5 آذار 2017، وفق ناشطين.\n\nوفي سياق متصل، ألقت مروحيات براميل متفجرة على بلدة كفرنبل."


def test_a_detail_told_without_a_date_takes_the_lead_s_day_marked_as_lent(extractor):
    (strike,) = [e for e in run(extractor, LEAD).events if e.location and e.location.text == "كفرنبل"]
    assert (str(strike.date.date_start), strike.date_from, strike.date_inherited) == ("2017-03-05", "report", True)
    assert strike.to_dict()["date"]["from"] == "report"


def test_with_no_date_in_the_text_the_publication_day_is_offered_marked_and_quoting_nothing(extractor):
    text = "اعتقلت قوات النظام عشرين شاباً في مدينة دوما."
    (arrest,) = run(extractor, text, published="2018-05-06").events
    out = arrest.to_dict()["date"]
    assert (out["start"], out["from"], out["text"], out["inherited"]) == ("2018-05-06", "publication", None, True)
    (undated,) = run(extractor, text).events  # no publication date: the date stays unknown
    assert undated.to_dict()["date"]["precision"] == "unknown"


def test_a_date_told_beats_a_lent_one_when_mentions_merge(extractor):
    text = ("أعلن عنصران انشقاقهما عن التنظيم في مدينة تدمر.\n\n"
            "وكان أحدهما قد انشق عن التنظيم في مدينة تدمر في شهر حزيران من عام 2016.")
    (defection,) = [e for e in run(extractor, text, published="2017-01-15").events if e.type == "defection"]
    assert (str(defection.date.date_start), defection.date_from) == ("2016-06-01", "sentence")


def test_a_sentence_naming_no_source_speaks_with_the_source_named_before_it_in_its_paragraph(extractor):
    text = ("قال ناشطون إن قوات النظام قصفت بلدة كفرنبل بالمدفعية. وسقطت قذائف هاون على مدينة معرة النعمان.\n\n"
            "وسقطت قذائف هاون على مدينة سراقب.")
    certainty = {e.location.text: (e.certainty, e.certainty_cue and e.certainty_cue.text)
                 for e in run(extractor, text).events if e.location}
    assert certainty["كفرنبل"] == ("reported", "قال")
    assert certainty["معرة النعمان"] == ("reported", "قال")  # the paragraph's source
    assert certainty["سراقب"] == ("confirmed", None)  # another paragraph names none
