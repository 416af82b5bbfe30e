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

from rasd.places.gazetteer import KIND_ADMIN1, KIND_COUNTRY
from rasd.places.index import BIG_PLACE, GazetteerIndex
from rasd.places.words import DIRECTION, NEAR, STREET, PlaceWords, definite
from rasd.text.analysed import AnalysedText
from rasd.text.clitics import CliticAnalyser
from rasd.text.tokens import PUNCT, Token, word_start

_QUOTES = frozenset({'"', "(", ")"})
_OPENING_QUOTES = frozenset({'"', "("})  # between a cue and its name (قرية "X"); a ")" closes the cue's aside: (شرق) وتيزي
_LIST_JOINERS = frozenset({"و", ",", ",و"})


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
        self.bare_or_joined = frozenset({""}) | clitics.conjunctions  # a word alone or after و/ف (وباب، ومحيطه)
        prefixes = [p for p in clitics.prefixes if not p.needs_verb]
        self.prefixes = frozenset(p.written for p in prefixes)
        self.article_prefixes = frozenset(p.written for p in prefixes if p.has_article)
        self.fused_prefixes = frozenset(p.written for p in prefixes if p.written.endswith("ل") and not p.has_article)
        self.weak_names = words.stoplist | index.common_names

    def find(self, doc: AnalysedText) -> list[PlaceHit]:
        hits = self._whole_word_hits(doc.text)
        tokens = doc.tokens
        starts = [t.start for t in tokens]
        accepted: list[PlaceHit] = []
        cue_words = self.words.before_first_words
        weak = self.weak_names
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
            if hit.cue == STREET:
                continue  # شارع الوحدة: a street named after a word, not the village of that name
            if hit.name in self.index.short_names and (hit.cue is None or hit.prefix):
                continue  # اب is "father": the town of إب only right after its cue (مدينة إب)
            if hit.cue is not None and hit.name in self.words.not_names:
                continue  # قرى جديدة: "new villages", not the town جديدة
            if hit.cue is None and self._person_from(tokens, starts, hit):
                continue  # وخالد من قرية عصيرة: a person and where they come from
            following = self.words.phrase_not_place.get(hit.name)
            if following is not None:
                after = bisect.bisect_left(starts, hit.end)
                if after < len(tokens) and tokens[after].text in following:
                    continue  # مسقط رأسه: his birthplace, not Muscat
            if hit.cue is None and hit.prefix == "" and k > 0 and tokens[k - 1].text in self.words.person_titles:
                continue  # الرئيس بشار الأسد: a person's name, not Béchar
            if hit.prefix == "" and k > 0 and self._joinable_word(tokens[k - 1].text) and tokens[k - 1].end < hit.name_start:
                continue  # أبو مكة، تل حلب: the second word of a name the gazetteer lacks, not Mecca
            if hit.near:
                self._read_near_suffix(tokens, starts, hit)
            if hit.prefix in self.article_prefixes:
                # السورية، بالسورية: a country's name with the article is its adjective
                hit.ids = tuple(i for i in hit.ids if self.index.places[i].kind != KIND_COUNTRY)
                if not hit.ids:
                    continue
            if hit.prefix[-1:] in ("ب", "ل", "ك") and len(hit.name) <= 3 and hit.cue is None and all(
                    self.index.places[i].population < BIG_PLACE and self.index.places[i].kind not in (KIND_COUNTRY, KIND_ADMIN1)
                    for i in hit.ids):
                hit.weak = True  # بنكاً is "a bank" before it is ب + نكا: a short small place's name needs support
            if hit.name in self.index.cue_only_names and hit.cue is None and not (
                    accepted and self._listed_after(doc.text, accepted[-1], hit)
                    and (self._joined_by_and(doc.text, accepted[-1], hit) or self._joiner_follows(doc.text, hit))):
                # صور، مشهد: without a cue or a list, not the village that bears the word's name
                hit.ids = tuple(i for i in hit.ids if not self.index.is_village_layer(i))
                if not hit.ids:
                    continue
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

    def _whole_word_hits(self, text: str) -> list[PlaceHit]:
        n = len(text)
        found: list[tuple[int, int, str, tuple[int, ...], str]] = []
        for end_index, (name, ids, fused) in self.index.automaton.iter(text):
            end = end_index + 1
            if end < n and text[end].isalnum():
                continue
            start = end - len(name)
            prefix = text[word_start(text, start):start]
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
            while j >= 0 and tokens[j].kind == PUNCT and tokens[j].text in _OPENING_QUOTES:
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
            if match is None or definite(match.prefix):
                return  # الشمالي in ريف حمص الشمالي وحماة is an adjective, not a cue
            if match.payload in (NEAR, DIRECTION):
                hit.near = True
                hit.start = tokens[match.first].start + len(match.prefix)  # not the و of وشرق
            elif hit.cue is None:
                hit.cue = match.payload
            j = match.first - 1

    def _person_from(self, tokens: Sequence[Token], starts: Sequence[int], hit: PlaceHit) -> bool:
        """A bare village name followed by من and a settlement's cue (وخالد من قرية عصيرة) names a person by
        where they come from; a country, a province or a big city there acts (انسحاب تركيا من مدينة)."""
        if hit.prefix not in ("", "و") or any(
                self.index.places[i].kind in (KIND_COUNTRY, KIND_ADMIN1) or self.index.places[i].population >= BIG_PLACE
                for i in hit.ids):
            return False
        k = bisect.bisect_left(starts, hit.end)
        if k + 1 >= len(tokens) or tokens[k].text not in self.words.origin_words:
            return False
        if tokens[k + 1].text not in self.words.before_first_words:
            return False
        cue = self.words.before.match_at(tokens, k + 1)
        return cue is not None and cue.payload in self.words.origin_kinds and not definite(cue.prefix)

    def _read_near_suffix(self, tokens: Sequence[Token], starts: Sequence[int], hit: PlaceHit) -> None:
        """ريف إدلب الجنوبي: the direction after the name belongs to the mention."""
        k = bisect.bisect_left(starts, hit.end)
        while k < len(tokens) and tokens[k].kind == PUNCT and tokens[k].text in _QUOTES:
            k += 1
        if k < len(tokens):
            match = self.words.near_suffixes.match_at(tokens, k)
            if match is not None:
                hit.end = tokens[match.last].end

    def _joinable_word(self, word: str) -> bool:
        """أبو، تل، باب, also with the conjunction (وباب النيرب): a word that begins a name of two."""
        return any(prefix in self.bare_or_joined and stem in self.words.joinable
                   for prefix, stem in self.clitics.readings(word))

    @staticmethod
    def _joined_by_and(text: str, previous: PlaceHit, hit: PlaceHit) -> bool:
        return "و" in text[previous.end:hit.start] or hit.prefix.startswith("و")

    @staticmethod
    def _joiner_follows(text: str, hit: PlaceHit) -> bool:
        """كفرنبل، كنصفرة، حزارين: a name in the middle of a comma list (not إدلب، مصطفى حاج يوسف)."""
        return text[hit.end:hit.end + 3].lstrip(" ")[:1] in (",", "و")

    @staticmethod
    def _listed_after(text: str, previous: PlaceHit, hit: PlaceHit) -> bool:
        """حارم وكلي: a name right after another place, joined by و or a comma."""
        joiner = text[previous.end:hit.start].replace(" ", "").strip('"')
        return joiner in _LIST_JOINERS and hit.start - previous.end <= 4
