"""Names of places no gazetteer knows, read from the way reports name places.

Villages, neighbourhoods, hills and camps are mostly missing from any
gazetteer, but reports name them in recognisable ways: after a cue word
(قرية X، حي X، مخيم X، مديريتي X وY), and in lists (قرى A وB وC؛ أحياء A، B
وC؛ كفرنبل، كنصفرة، حزارين). This stage reads such *runs* of names:

- a run starts after a place cue, or at a known place followed by a joiner
  (، or و), or after a list opener (مثل، منها) before a known place;
- its items are separated by commas and و; an item is at most a few words,
  and may carry its own cue (مخيم مرام، مخيم وطن);
- the run ends at a word that cannot be part of a name, or at punctuation.

Unknown items are kept when the run's evidence is enough: a cue, two known
places in it, or a known place with a closing "و Y" (the Arabic shape of a
list). The place the run is said to be in (قرى A وB بريف إدلب، X التابعة
لمدينة Y، حي X في حمص) is recorded as its enclosing place.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from rasd.places.index import GazetteerIndex
from rasd.places.words import DIRECTION, NEAR, STREET, PlaceWords, definite
from rasd.text.analysed import AnalysedText
from rasd.text.clitics import CliticAnalyser
from rasd.text.tokens import NUMBER, PUNCT, WORD, Token

MAX_ITEM_WORDS = 3  # a name between two joiners (الشيخ سامي البلداغ); longer is a phrase, not a name
ENCLOSING_WINDOW = 4  # tokens after a run where the place it lies in may be named (بريف إدلب الغربي)
ANTECEDENT_WINDOW = 6  # tokens from a plural place word to the هي that opens its names (القرى التي تم تحريرها هي)
_OPEN = frozenset({'"', "("})
_CLOSE = frozenset({'"', ")"})
_NOT_NAME_ENDINGS = ("وا", "ها", "هم", "هما", "كم", "نا")
_DUAL_ENDINGS = ("ين", "ان")
_POSSESSIVE_ENDINGS = ("ه", "ها", "هم", "هما")
_ADJECTIVE_ENDINGS = ("ي", "يه", "ية")  # تدمر الأثرية، الفاشر السودانية: a description, not a name's second word
_LIST_MARKS = frozenset({",", "-", "/"})  # قرى A، B؛ قرى A - B - C؛ قرى (A/ B/ C)
STRONG_KINDS = frozenset({"city", "town", "village", "neighbourhood"})


@dataclass(frozen=True, slots=True)
class UnknownName:
    """A place name the gazetteer lacks (normalised offsets), with what introduced it."""

    start: int
    end: int
    cue: str | None  # the kind a cue word named (village, neighbourhood, area, admin ...), or None in a list
    run: int  # names read in one run share this number (their list)
    enclosing: int | None  # normalised start of the known place the run is said to lie in


@dataclass(slots=True)
class _Item:
    first: int  # token range of the name, inclusive
    last: int
    strip: int  # characters of a joining و before the name
    cue: str | None
    known: bool


class UnknownPlaceReader:
    def __init__(self, index: GazetteerIndex, words: PlaceWords, clitics: CliticAnalyser,
                 lexicon_words: frozenset[str] = frozenset()) -> None:
        """``lexicon_words``: words other stages read (event triggers, nouns naming people): never an unknown
        place's name."""
        self.index = index
        self.words = words
        self.clitics = clitics
        self.bare_or_joined = frozenset({""}) | clitics.conjunctions  # a word alone or after و/ف (وباب، ومحيطه)
        self.lexicon_words = lexicon_words
        self.run_openers = words.before_first_words | words.list_openers.first_words() | words.antecedent_openers

    def find(self, doc: AnalysedText, known_spans: Sequence[tuple[int, int]],
             town_spans: Sequence[tuple[int, int]] = ()) -> list[UnknownName]:
        """``known_spans``: normalised (start, end) of the places the gazetteer found, sorted; ``town_spans``:
        those that are towns and villages, whose name and a word saying which part (الزعفرانة الغربية، حلب
        الجديدة) name another place, in the town or next to it."""
        tokens = doc.tokens
        starts = [t.start for t in tokens]
        # token index -> token index of the end of the known place starting there
        known_at: dict[int, int] = {}
        span_start: dict[int, int] = {}  # token index -> start of the known place's span in it
        for s, e in known_spans:
            first = bisect.bisect_right(starts, s) - 1
            if first >= 0 and tokens[first].start <= s < tokens[first].end:
                known_at[first] = max(first, bisect.bisect_left(starts, e) - 1)
                span_start[first] = s
        found: list[UnknownName] = []
        run = 0
        for s, e in town_spans:
            last = bisect.bisect_left(starts, e) - 1
            first = bisect.bisect_right(starts, s) - 1
            # حلب القديمة، الزعفرانة الغربية name a part; حمص الشمالي (ريفي حماة وحمص الشمالي) a countryside
            if last >= 0 and last + 1 < len(tokens) and tokens[last + 1].text in self.words.name_second_words \
                    and self.words.near_suffixes.match_at(tokens, last + 1) is None:
                found.append(UnknownName(tokens[first].start if tokens[first].start >= s else s, tokens[last + 1].end,
                                         None, run, s))
                run += 1
        done_until = -1
        inside_known = {t for first, last in known_at.items() for t in range(first + 1, last + 1)}
        # a run starts only at a cue, a known place or a list opener: look at those tokens alone
        possible = sorted(set(known_at) | {k for k, t in enumerate(tokens) if t.text in self.run_openers})
        for k in possible:
            if k <= done_until or k in inside_known:
                continue
            start = self._run_start(tokens, k, known_at)
            if start is None:
                continue
            first_item, cue, opener, cue_at = start
            strong = self._strong(tokens[cue_at].text, cue)
            items, end = self._read_run(tokens, first_item, cue, known_at, strong, strong and self._lists(tokens[cue_at].text))
            if items and self._believed(items, cue, opener, tokens):
                enclosing = self._enclosing(tokens, end, span_start)
                for item in items:
                    if item.known:
                        continue
                    s = tokens[item.first].start + item.strip
                    found.append(UnknownName(s, tokens[item.last].end, item.cue or cue, run, enclosing))
                run += 1
                done_until = end - 1
            elif items:
                done_until = max(done_until, end - 1)
        return found

    # ------------------------------------------------------------------ runs
    def _strong(self, cue_word: str, cue: str | None) -> bool:
        """A cue after which even a common word is a name (حي الصالحين، قرى الزهراء والميدان): a
        settlement or a strong singular cue; after منطقة or مناطق a word may describe (مناطق سيطرة النظام)."""
        if cue is None:
            return False
        if cue in STRONG_KINDS:
            return True
        return any(stem in self.words.strong_cues for _, stem in self.clitics.readings(cue_word))

    def _run_start(self, tokens: Sequence[Token], k: int,
                   known_at: dict[int, int]) -> tuple[int, str | None, bool, int] | None:
        """Where the names of a run begin: after a cue, at a known place, after a list opener, or after
        هي when a plural place word stands shortly before it; also the kind the cue names and the cue's token."""
        token = tokens[k]
        if token.kind != WORD:
            return None
        if k in known_at:
            return k, None, False, k
        if token.text in self.words.antecedent_openers:
            antecedent = self._antecedent(tokens, k)
            return None if antecedent is None else (k + 1, antecedent[1], False, antecedent[0])
        if token.text in self.words.before_first_words:
            match = self.words.before.match_at(tokens, k)
            if match is not None and match.payload not in (NEAR, DIRECTION, STREET) and not definite(match.prefix):
                # a street or a square (ساحة الكرامة وسط مدينة السويداء) says where in the town, not a place of its own
                after = match.next
                if after + 1 < len(tokens) and tokens[after].text in self.words.area_prepositions:
                    if after + 1 in known_at:
                        return None  # بلدات في إدلب: the known place is where the towns are, not a list
                    after += 1  # مناطق في أبو جريف وتل خطرة: places in the named places
                return after, match.payload, False, k
        if token.text in self.words.list_openers:
            opener = self.words.list_openers.match_at(tokens, k)
            if opener is not None and opener.next in known_at:
                return opener.next, None, True, k
        return None

    def _antecedent(self, tokens: Sequence[Token], k: int) -> tuple[int, str] | None:
        """The plural place word (القرى، ثلاث بلدات) a هي at token ``k`` stands for, and the kind it names."""
        for j in range(k - 1, max(-1, k - ANTECEDENT_WINDOW - 1), -1):
            if tokens[j].kind == PUNCT and tokens[j].text not in ('"',):
                return None
            if tokens[j].text in self.words.before_first_words and self._lists(tokens[j].text):
                match = self.words.before.match_at(tokens, j)
                if match is not None and match.payload not in (NEAR, DIRECTION, STREET):
                    return j, match.payload
        return None

    def _lists(self, cue_word: str) -> bool:
        """Whether a cue introduces several names (قرى، أحياء، مدينتي), not one (مدينة)."""
        return any(stem in self.words.list_cues for _, stem in self.clitics.readings(cue_word))

    def _read_run(self, tokens: Sequence[Token], j: int, cue: str | None, known_at: dict[int, int],
                  strong: bool, strong_list: bool = False) -> tuple[list[_Item], int]:
        """The items of a run from token ``j``; returns them and the token index where the run ends."""
        items: list[_Item] = []
        strip = 0
        failed = 0
        n = len(tokens)
        while j < n:
            while j < n and tokens[j].text in _OPEN:
                j += 1
            if j >= n:
                break
            # after مدينة only the first name may be a common word; after قرى or أحياء every one
            item = self._item(tokens, j, strip, known_at, strong if not items else strong_list)
            if item is None:
                # in a long list after قرى or أحياء one word the list cannot read (والميدان) is passed over
                # when the list goes on after it; two in a row end it
                after = self._joiner(tokens, j + 1)
                if not (strong_list and items and tokens[j].kind == WORD and after[0] and failed < 1):
                    break
                failed += 1
                j, strip = after[1], after[2]
                continue
            failed = 0
            items.append(item)
            j = item.last + 1
            while j < n and tokens[j].text in _CLOSE:
                if tokens[j].text == ")":
                    return items, j
                j += 1
            joined, j, strip = self._joiner(tokens, j)
            if not joined:
                break
        return items, j

    def _joiner(self, tokens: Sequence[Token], j: int) -> tuple[bool, int, int]:
        """Whether a list goes on at token ``j`` (، و، وX), the next item's token, and the و to strip."""
        n = len(tokens)
        if j < n and tokens[j].text in _LIST_MARKS and not self._alias_mark(tokens, j):
            j += 1
            if j < n and tokens[j].text == "و":
                j += 1
            elif j < n and self._joined_word(tokens[j].text):
                return True, j, 1
            return True, j, 0
        if j < n and tokens[j].text == "و":
            return True, j + 1, 0
        if j < n and self._joined_word(tokens[j].text):
            return True, j, 1
        return False, j, 0

    @staticmethod
    def _alias_mark(tokens: Sequence[Token], j: int) -> bool:
        """أبو راسين/زركان: a slash or dash written tight between two words gives another name of the same place."""
        return 0 < j < len(tokens) - 1 and tokens[j - 1].end == tokens[j].start and tokens[j].end == tokens[j + 1].start

    def _joined_word(self, word: str) -> bool:
        """وحزارين: a word written with the conjunction, not a word that begins with و (وادي)."""
        if not word.startswith("و") or word in self.words.joinable:
            return False
        if word in self.words.before_first_words:
            return word[1:] in self.words.before_first_words  # وشارع النيل: the next name comes with its own cue
        return (len(word) > 3 and word not in self.index.frequent_words) or word[1:] in self.words.joinable  # وأم، وتل

    def _item(self, tokens: Sequence[Token], j: int, strip: int, known_at: dict[int, int],
              after_strong_cue: bool) -> _Item | None:
        """One name of a run at token ``j``: a known place, or an unknown name (with its own cue)."""
        if j in known_at:
            last = known_at[j]
            if last + 1 < len(tokens) and tokens[last + 1].text in self.words.name_second_words:
                last += 1  # حلب الجديدة: a known name with a word saying which part is one item
            elif after_strong_cue and strip and last + 2 < len(tokens) and tokens[last + 1].kind == WORD \
                    and self._second_word(tokens[last + 1].text) and tokens[last + 2].text not in _OPEN \
                    and self._joiner(tokens, last + 2)[0]:
                # أحياء ... وبستان القصر وباب النيرب: in a list of quarters a known name and one word more, up
                # to the list's joiner, name another place
                return _Item(j, last + 1, strip, None, False)
            return _Item(j, last, strip, None, True)
        cue = None
        token = tokens[j]
        if token.kind == WORD and token.text in self.words.before_first_words:
            match = self.words.before.match_at(tokens, j)
            if match is not None and match.payload not in (NEAR, DIRECTION) and not definite(match.prefix):
                if match.next in known_at:
                    return _Item(match.next, known_at[match.next], 0, match.payload, True)
                cue, j, after_strong_cue, strip = match.payload, match.next, True, 0
                if j >= len(tokens):
                    return None
        if tokens[j].kind == NUMBER and not strip and after_strong_cue and j + 1 < len(tokens) \
                and tokens[j + 1].kind == WORD and self._inner_word(tokens[j + 1].text):
            return _Item(j, j + 1, 0, cue, False)  # أحياء الحمدانية و3000 شقة: a number names a quarter
        first_word = tokens[j].text[strip:] if tokens[j].kind == WORD else ""
        joined_name = first_word in self.words.joinable and j + 1 < len(tokens) and tokens[j + 1].kind == WORD
        if joined_name:
            # أبو جريف، تل خطرة، أم الميادن: the first word only says what kind of name follows; after a
            # strong cue the next may be a common word (قرية دار السلام)
            second = tokens[j + 1].text
            # a place's name after أبو، تل، عين names another place (أبو مكة، تل حلب)
            named_after = self.index.automaton.exists(second)
            if second in self.words.joinable or not (self._inner_word(second) or named_after or (
                    after_strong_cue and second not in self.words.not_names and second not in self.lexicon_words)):
                return None
        elif not self._name_word(first_word, strip, strong=after_strong_cue) \
                and not (after_strong_cue and self._frequent_first_word(tokens, j, first_word)):
            return None
        last = j
        # the name runs to the next joiner when that is near (أبو مكة، بيت الشكوجي، درج نبات); else
        # it is one word, two when the first joins (تل، أبو) or the second says which (الغربية، الكبرى)
        k = j + 1
        while k < len(tokens) and k - j < MAX_ITEM_WORDS and tokens[k].kind == WORD and not self._joined_word(tokens[k].text) \
                and k not in known_at \
                and (self._inner_word(tokens[k].text) or (after_strong_cue and self._listed_word(tokens[k].text))):
            k += 1
        if self._at_joiner(tokens, k) and k - 1 > j:
            last = k - 1
        elif j + 1 < len(tokens) and tokens[j + 1].kind == WORD and (
                tokens[j].text[strip:] in self.words.joinable or tokens[j + 1].text in self.words.name_second_words):
            last = j + 1
        return _Item(j, last, strip, cue, False)

    def _believed(self, items: list[_Item], cue: str | None, opener: bool, tokens: Sequence[Token]) -> bool:
        """Whether a run's unknown names are places: a cue says so, or the list they stand in does."""
        if cue is not None or opener:
            return True
        known = sum(item.known for item in items)
        if known >= 2:
            return True
        # البوكمال، الكشمة وصبيخان: a known place in a list of three or more closed by و (a known place
        # and one word after و is as often a verb: كناكر، وخطفوه)
        return known >= 1 and len(items) >= 3 and (items[-1].strip > 0 or tokens[items[-1].first - 1].text == "و")

    @staticmethod
    def _enclosing(tokens: Sequence[Token], end: int, span_start: dict[int, int]) -> int | None:
        """The known place a run is said to lie in: بريف إدلب، في حمص، التابعة لمدينة عفرين."""
        for k in range(end, min(len(tokens), end + ENCLOSING_WINDOW)):
            if k in span_start:
                return span_start[k]
            if tokens[k].kind == PUNCT and tokens[k].text not in ("(", ")", '"'):
                return None
        return None

    # ----------------------------------------------------------------- words
    def _name_word(self, word: str, strip: int, strong: bool) -> bool:
        """Whether ``word`` can begin a place name. After a strong cue (حي، قرية) only the
        commonest and descriptive words cannot (حي الصالحين); in a list, no common word can."""
        words = self.words
        if len(word) < 3 or word in words.before_first_words or self._cue_with_pronoun(word):
            return False
        if word.endswith(_NOT_NAME_ENDINGS) and not (strong and not self._common_with_ending(word, _NOT_NAME_ENDINGS)):
            return False  # دمروها، منازلهم; after a cue a name may end so (بلدة بعدينا)
        if word in words.not_names or word in self.index.very_frequent_words or word in self.lexicon_words \
                or word in words.country_adjectives:
            return False  # مدن سودانية: a country's adjective describes the places, it names none
        for prefix, stem in self.clitics.readings(word)[1:]:
            if strong and not strip and prefix in self.clitics.conjunctions:
                continue  # مخيم وطن: a name right after its cue does not begin with "and"
            if stem in self.index.frequent_words and not (strong and prefix.endswith("ال")):
                return False  # للقوات، بأكثر، لمقتل: a preposition before a common word (not حي الصالحين)
        if strong:
            return True
        return not any(stem in words.stoplist or stem in self.index.frequent_words
                       or self._common_with_ending(stem, _DUAL_ENDINGS, 4) for _, stem in self.clitics.readings(word))

    def _frequent_first_word(self, tokens: Sequence[Token], j: int, word: str) -> bool:
        """سليمان الحلبي، عمر بن الخطاب: after a strong cue a person's name may name a quarter; its first word
        is as frequent as any, so the name must go on with a word of its own up to the list's next joiner."""
        words = self.words
        if len(word) < 3 or word in words.not_names or word in self.lexicon_words or word in words.stoplist \
                or word in words.before_first_words or word.endswith(_NOT_NAME_ENDINGS) \
                or len(self.clitics.readings(word)) > 1:  # a proclitic's reading (لمحمد) begins a phrase
            return False
        k = j + 1
        if k >= len(tokens) or tokens[k].kind != WORD \
                or not (self._listed_word(tokens[k].text) or self._inner_word(tokens[k].text)):
            return False
        while k < len(tokens) and k - j < MAX_ITEM_WORDS and tokens[k].kind == WORD and not self._joined_word(tokens[k].text):
            k += 1
        return self._at_joiner(tokens, k) or (k < len(tokens) and tokens[k].text == ".")

    def _at_joiner(self, tokens: Sequence[Token], k: int) -> bool:
        """Whether an item of a list ends before token ``k``: a comma, a closing mark, و or a word joined to و."""
        return k < len(tokens) and (tokens[k].text in (",", ")", '"', "و") or self._joined_word(tokens[k].text))

    def _cue_with_pronoun(self, word: str) -> bool:
        """ومحيطه، وريفها، وأطرافها: a place word with a pronoun refers to the place before it, it names none."""
        return any(prefix in self.bare_or_joined and not stem.startswith("ال")  # الغربة is a name
                   and any(stem.endswith(ending) and stem[:-len(ending)] in self.words.before_first_words
                           for ending in _POSSESSIVE_ENDINGS)
                   for prefix, stem in self.clitics.readings(word))

    def _common_with_ending(self, word: str, endings: tuple[str, ...], min_stem: int = 1) -> bool:
        """A common word with one of ``endings``: a possessive (منازلها، قريتنا) or a dual (منزلين، سيارتين,
        ``min_stem`` 4 so that جلبين and بينين stay names); ة before the ending is written ت."""
        frequent = self.index.frequent_words
        for ending in endings:
            if word.endswith(ending) and len(word) - len(ending) >= min_stem:
                stem = word[:-len(ending)]
                if stem in frequent or (stem.endswith("ت") and stem[:-1] + "ه" in frequent):
                    return True
        return False

    def _listed_word(self, word: str) -> bool:
        """In a list after قرى or أحياء, a common noun with the article may be part of a name (صلاح الدين،
        سليمان الحلبي): the list's joiner, not the word, says where the name ends."""
        return self._article_noun(word) and word not in self.words.stoplist

    def _second_word(self, word: str) -> bool:
        """The second word of a name that begins with a known place's (بستان القصر): a noun with the article,
        even a common one, but not a cue, a description or a word other stages read."""
        return self._article_noun(word) and word not in self.lexicon_words and not word.endswith(_ADJECTIVE_ENDINGS)

    def _article_noun(self, word: str) -> bool:
        """A word with the article that is neither a place cue nor a description (الحلبي، القصر)."""
        return word.startswith("ال") and word not in self.words.before_first_words and word not in self.words.not_names

    def _inner_word(self, word: str) -> bool:
        """A second or third word of a name (سامي، حج خالد): not a function word or a description."""
        words = self.words
        if word in words.name_second_words or word in words.joinable:
            return True
        if word[:1] in "بلك" and word[1:3] == "ال" or word.startswith("لل"):
            return False  # باليمن، للنظام: a preposition and the article begin a phrase, not a name's word
        if word[:1] in "بلك" and word[1:] in self.index.frequent_words:
            return False  # بمدافع، بقصف: a preposition and a common word begin a phrase
        return not (word in self.index.very_frequent_words or word in words.not_names or word in words.before_first_words
                    or word.endswith(_NOT_NAME_ENDINGS))
