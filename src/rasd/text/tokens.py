"""Word, number and punctuation tokens over normalised text."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from typing import NamedTuple

# Links and Latin letter-digit mixes first (their digits are not numbers),
# then numbers (thousands separators, decimals), runs of letters, and any
# other single visible character. Runs on normalised text, where every digit
# is already ASCII and Latin letters are lower case.
_TOKEN_RE = re.compile(
    r"(?P<word>[\u0621-\u064a]+(?![\w]))"  # the common case first: an Arabic word
    r"|(?P<other>(?:https?://|www\.)\S+|[a-z0-9.-]+\.(?:com|net|org|me|info|io|sy|tr|ly)\b\S*"
    r"|[a-z]+\d[a-z0-9]*|\d+[a-z][a-z0-9]*)"
    r"|(?P<number>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)|(?P<letters>[^\W\d_]+)|(?P<punct>\S)"
)

WORD = "word"
NUMBER = "number"
PUNCT = "punct"
OTHER = "other"  # links, codes: neither words nor numbers
_KINDS = {"word": WORD, "letters": WORD, "number": NUMBER, "other": OTHER, "punct": PUNCT}


class Token(NamedTuple):
    """A token of the normalised text; ``start``/``end`` are normalised offsets.

    A named tuple, not a dataclass: documents have hundreds of thousands of
    tokens and tuples are the cheapest immutable records to build.
    """

    text: str
    start: int
    end: int
    kind: str
    position: int

    @property
    def is_word(self) -> bool:
        return self.kind == WORD

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER

    def number_value(self) -> float:
        """Numeric value of a number token (``1,500`` -> 1500, ``2.5`` -> 2.5)."""
        return float(self.text.replace(",", ""))


def word_before_in_clause(tokens: Sequence[Token], i: int, words: Set[str], window: int) -> bool:
    """Whether one of ``words`` stands among the ``window`` tokens before token ``i`` with no punctuation between
    (اعتقلت قوات النظام شاباً: اعتقلت before شاباً; في محاولة للسيطرة: محاولة before السيطرة)."""
    for k in range(i - 1, max(-1, i - window - 1), -1):
        if tokens[k].kind == PUNCT:
            return False
        if tokens[k].text in words:
            return True
    return False


def word_start(text: str, index: int) -> int:
    """Where the word holding the characters before ``index`` begins (the و of وحلب before حلب)."""
    while index > 0 and text[index - 1].isalnum():
        index -= 1
    return index


def tokenize(text: str) -> list[Token]:
    """Split normalised ``text`` into tokens with their offsets."""
    return [
        Token(m.group(), *m.span(), _KINDS[m.lastgroup or "punct"], i) for i, m in enumerate(_TOKEN_RE.finditer(text))
    ]
