"""Find place names in normalised text and read the words around them.

The automaton finds every occurrence of every name; a hit counts when it is a
whole word, or a word after proclitics (بإدلب، وحلب، للرقة). Overlaps keep the
longest name (دير الزور over الزور). Cues before a name (مدينة، ريف، شرق)
give its kind and precision; a name that is also a common word (المدينة،
كلي) counts only after a cue or in a list with other places.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from rasd.places.index import GazetteerIndex
from rasd.places.words import DIRECTION, NEAR, PlaceWords
from rasd.text.analysed import AnalysedText
from rasd.text.clitics import CliticAnalyser
from rasd.text.tokens import PUNCT, WORD, Token

_QUOTES = frozenset({'"', "(", ")"})
_LIST_JOINERS = frozenset({"و", ",", ",و"})
_NOT_NAME_ENDINGS = ("وا", "ها", "هم", "هما", "كم", "نا")


MAX_TITLE_TOKENS = 12  # a quoted name or slogan is short; a longer quote is reported speech


@dataclass(slots=True)
class PlaceHit:
    """A place name found in the text (normalised offsets)."""

    start: int  # the mention, with a near/direction cue when there is one
    end: int
    name_start: int
    name: str
    ids: tuple[int, ...]
    cue: str | None = None  # kind named by a cue word (city, village, admin ...)
    near: bool = False
    prefix: str = ""
    weak: bool = False  # a common word too (الطبقة، حجة): kept only with support from nearby places


class PlaceRecogniser:
    def __init__(self, index: GazetteerIndex, words: PlaceWords, clitics: CliticAnalyser) -> None:
        self.index = index
        self.words = words
        self.clitics = clitics
        prefixes = [p for p in clitics.prefixes if not p.needs_verb]
        self.prefixes = frozenset(p.written for p in prefixes)
        self.fused_prefixes = frozenset(p.written for p in prefixes if p.written.endswith("ل") and not p.has_article)

    def find(self, doc: AnalysedText) -> list[PlaceHit]:
        hits = self._whole_word_hits(doc.text)
        tokens = doc.tokens
        starts = [t.start for t in tokens]
        accepted: list[PlaceHit] = []
        cue_words = self.words.before_first_words
        weak = self.words.stoplist | self.index.common_names
        titles = self.quoted_titles(tokens)
        title_starts = [s for s, _ in titles]
        for hit in hits:
            if hit.name in cue_words:
                continue  # مدينة، منطقة are cues, never names themselves
            t = bisect.bisect_right(title_starts, hit.name_start) - 1
            if t >= 0 and hit.name_start < titles[t][1]:
                continue  # “تجمع الحراك الثوري يمثلنا”: a name or slogan, not the town of الحراك
            k = bisect.bisect_right(starts, hit.name_start) - 1
            self._read_cues(tokens, k, hit)
            if hit.near:
                self._read_near_suffix(tokens, starts, hit)
            # only a cue naming a kind of place (مدينة X) or a list of places
            # (حارم وكلي) makes a common word a name; ضواحي المدينة stays "the city"
            if hit.name in weak and hit.cue is None:
                if hit.name in self.words.stoplist:
                    if not (accepted and self._listed_after(doc.text, accepted[-1], hit)):
                        continue
                elif not (accepted and self._listed_after(doc.text, accepted[-1], hit)):
                    hit.weak = True
            accepted.append(hit)
        return accepted

    def quoted_titles(self, tokens: Sequence[Token]) -> list[tuple[int, int]]:
        """Normalised spans of quoted names and slogans: a quote opening with an organisation word
        (“تجمع ...”، "لواء ...") or right after a title cue (تحت عنوان “...”، جمعة "...")."""
        spans: list[tuple[int, int]] = []
        k = 0
        while k < len(tokens):
            if tokens[k].text != '"':
                k += 1
                continue
            close = next((j for j in range(k + 1, min(len(tokens), k + MAX_TITLE_TOKENS + 2)) if tokens[j].text == '"'), None)
            if close is None or close == k + 1:
                k += 1
                continue
            opener = tokens[k + 1].text in self.words.title_openers
            cued = k > 0 and tokens[k - 1].text in self.words.title_cues
            if opener or cued:
                spans.append((tokens[k].start, tokens[close].end))
            k = close + 1
        return spans

    def unplaced(self, doc: AnalysedText, known: Sequence[PlaceHit]) -> list[tuple[int, int, str | None]]:
        """Names the gazetteer lacks, read after a place cue: قرية X، بلدات X وY وZ، حي X.

        Returns normalised spans with the cue's kind. The first word must not
        be a common Arabic word, a stopword or a descriptive word (قرية مجاورة).
        """
        tokens = doc.tokens
        covered = bytearray(len(doc.text) + 1)
        for hit in known:
            covered[hit.name_start:hit.end] = b"\x01" * (hit.end - hit.name_start)
        words = self.words
        found: list[tuple[int, int, str | None]] = []
        # a list begun by two known places goes on with unknown ones (البوكمال وصبيخان والكشمة)
        starts = [t.start for t in tokens]
        list_ends: set[int] = set()  # token indices right after the known places that begin a list
        for a, b in zip(known, known[1:], strict=False):
            if b.start - a.end <= 4 and "و" in doc.text[a.end:b.start + 1]:
                list_ends.add(bisect.bisect_left(starts, b.end))
        for hit in known:  # مثل جسر الشغور وحزانو: a list opener before a known place
            first = bisect.bisect_left(starts, hit.name_start)
            for back in range(1, 3):
                if first - back >= 0:
                    opener = words.list_openers.match_at(tokens, first - back)
                    if opener is not None and opener.last == first - 1:
                        list_ends.add(bisect.bisect_left(starts, hit.end))
        k = 0
        while k < len(tokens):
            cue: str | None
            if k in list_ends:
                j, cue = k, "village"
            elif tokens[k].text in words.before_first_words:
                match = words.before.match_at(tokens, k)
                if match is None or match.payload in (NEAR, DIRECTION) or "ال" in match.prefix:
                    k += 1
                    continue
                j, cue = match.next, match.payload
            else:
                k += 1
                continue
            strip = 0
            strong = cue is not None and k not in list_ends and (
                self._stem(tokens[k].text) in words.strong_cues
            )
            failures = 0
            if k in list_ends:
                # continue only through a joiner: وY، Y
                if j < len(tokens) and tokens[j].text in (",", "و"):
                    j += 1
                elif j < len(tokens) and tokens[j].kind == WORD and tokens[j].text.startswith("و"):
                    strip = 1
                else:
                    k += 1
                    continue
            while j < len(tokens):
                while j < len(tokens) and tokens[j].text in _QUOTES | {'"'}:
                    j += 1
                name = self._unknown_name(tokens, j, strip, strong) if j < len(tokens) else None
                strong = False  # only the first name after the cue
                if name is None:
                    # one item the list cannot read (a common word) does not end the list
                    failures += 1
                    nxt = j + 1
                    if failures > 1 or nxt >= len(tokens) or tokens[j].kind != WORD or not (
                        tokens[nxt].text in (",", "و") or tokens[nxt].text.startswith("و")
                    ):
                        break
                    first = last = j
                else:
                    failures = 0
                    first, last = name
                start, end = tokens[first].start + strip, tokens[last].end
                if name is not None and covered.find(1, start, end) == -1:
                    found.append((start, end, cue))
                j = last + 1
                while j < len(tokens) and tokens[j].text in _QUOTES | {'"'}:
                    j += 1
                if j < len(tokens) and tokens[j].text in (",", "و", "-"):
                    j, strip = j + 1, 0
                elif j < len(tokens) and tokens[j].kind == WORD and tokens[j].text.startswith("و") and len(tokens[j].text) > 3:
                    strip = 1  # ومشيرفة: the و joins the list
                else:
                    break
            k = max(k + 1, j)
        return found

    def _unknown_name(self, tokens: Sequence[Token], j: int, strip: int, strong: bool = False) -> tuple[int, int] | None:
        token = tokens[j]
        if token.kind != WORD:
            return None
        word = token.text[strip:]
        words = self.words
        has_second = j + 1 < len(tokens) and tokens[j + 1].kind == WORD
        if has_second and word in words.joinable:
            return j, j + 1  # دير حسان، أم جلال: the first word is part of a name
        if len(word) < 3 or word in words.before_first_words or word.endswith(_NOT_NAME_ENDINGS):
            return None  # طردوا، إسكانها: a verb or a noun with a pronoun is not a name
        if strip and token.text in self.index.frequent_words:
            return None  # وصولا is a word, not و + صولا
        if any(prefix and stem in self.index.frequent_words for prefix, stem in self.clitics.readings(word)[1:]):
            return None  # للقوات، بأكثر: a preposition before a common word
        if strong:
            # حي الصالحين: after a strong cue only the commonest and descriptive words are not names
            if word in words.not_names or word in self.index.very_frequent_words:
                return None
        elif self._common(word):
            return None
        if has_second and tokens[j + 1].text in words.name_second_words:
            return j, j + 1
        return j, j

    def _stem(self, word: str) -> str:
        """The word without a conjunction or preposition (وقرية -> قرية)."""
        readings = self.clitics.readings(word)
        return next((stem for prefix, stem in readings if "ال" not in prefix and stem in self.words.strong_cues), word)

    def _common(self, word: str) -> bool:
        """A word, or its stem after proclitics (لمقتل -> مقتل), that is common Arabic or descriptive."""
        words = self.words
        for _, stem in self.clitics.readings(word):
            if stem in words.stoplist or stem in words.not_names or stem in self.index.frequent_words:
                return True
        return False

    def _whole_word_hits(self, text: str) -> list[PlaceHit]:
        n = len(text)
        found: list[tuple[int, int, str, tuple[int, ...], str]] = []
        for end_index, (name, ids, fused) in self.index.automaton.iter(text):
            end = end_index + 1
            if end < n and text[end].isalnum():
                continue
            start = end - len(name)
            word_start = start
            while word_start > 0 and text[word_start - 1].isalnum():
                word_start -= 1
            prefix = text[word_start:start]
            if fused:
                if prefix not in self.fused_prefixes:
                    continue
                start, prefix = start - 1, prefix[:-1]  # quote the article's ل with the name
            elif prefix and prefix not in self.prefixes:
                continue
            found.append((start, end, name, ids, prefix))
        # the longest names first; a shorter one inside a taken span is dropped
        found.sort(key=lambda h: (h[0] - h[1], h[0]))
        taken = bytearray(n + 1)
        chosen: list[PlaceHit] = []
        for start, end, name, ids, prefix in found:
            if taken.find(1, start, end) != -1:
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(PlaceHit(start, end, start, name, ids, prefix=prefix))
        chosen.sort(key=lambda h: h.start)
        return chosen

    def _read_cues(self, tokens: Sequence[Token], k: int, hit: PlaceHit) -> None:
        """Cue words before the name: مدينة تدمر، ريف “ادلب”، شرق مدينة تدمر."""
        before = self.words.before
        j = k - 1
        for _ in range(2):
            while j >= 0 and tokens[j].kind == PUNCT and tokens[j].text in _QUOTES:
                j -= 1
            if j < 0:
                return
            match = None
            for first in range(max(0, j - before.longest + 1), j + 1):
                if tokens[first].text in self.words.before_first_words:
                    candidate = before.match_at(tokens, first)
                    if candidate is not None and candidate.last == j:
                        match = candidate
                        break
            if match is None or "ال" in match.prefix:
                return  # الشمالي in ريف حمص الشمالي وحماة is an adjective, not a cue
            if match.payload in (NEAR, DIRECTION):
                hit.near = True
                hit.start = tokens[match.first].start + len(match.prefix)  # not the و of وشرق
            elif hit.cue is None:
                hit.cue = match.payload
            j = match.first - 1

    def _read_near_suffix(self, tokens: Sequence[Token], starts: Sequence[int], hit: PlaceHit) -> None:
        """ريف إدلب الجنوبي: the direction after the name belongs to the mention."""
        k = bisect.bisect_left(starts, hit.end)
        while k < len(tokens) and tokens[k].kind == PUNCT and tokens[k].text in _QUOTES:
            k += 1
        if k < len(tokens):
            match = self.words.near_suffixes.match_at(tokens, k)
            if match is not None:
                hit.end = tokens[match.last].end

    @staticmethod
    def _listed_after(text: str, previous: PlaceHit, hit: PlaceHit) -> bool:
        """حارم وكلي: a name right after another place, joined by و or a comma."""
        joiner = text[previous.end:hit.start].replace(" ", "").strip('"')
        return joiner in _LIST_JOINERS and hit.start - previous.end <= 4
