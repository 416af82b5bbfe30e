"""Word, number and punctuation tokens over normalised text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Links and Latin letter-digit mixes first (their digits are not numbers),
# then numbers (thousands separators, decimals), runs of letters, and any
# other single visible character. Runs on normalised text, where every digit
# is already ASCII and Latin letters are lower case.
_TOKEN_RE = re.compile(
    r"(?P<other>(?:https?://|www\.)\S+|[a-z0-9.-]+\.(?:com|net|org|me|info|io|sy|tr|ly)\b\S*"
    r"|[a-z]+\d[a-z0-9]*|\d+[a-z][a-z0-9]*)"
    r"|\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|[^\W\d_]+|\S"
)

WORD = "word"
NUMBER = "number"
PUNCT = "punct"
OTHER = "other"  # links, codes: neither words nor numbers


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the normalised text; ``start``/``end`` are normalised offsets."""

    text: str
    start: int
    end: int
    kind: str
    index: int

    @property
    def is_word(self) -> bool:
        return self.kind == WORD

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER

    def number_value(self) -> float:
        """Numeric value of a number token (``1,500`` -> 1500, ``2.5`` -> 2.5)."""
        return float(self.text.replace(",", ""))


def tokenize(text: str) -> list[Token]:
    """Split normalised ``text`` into tokens with their offsets."""
    tokens: list[Token] = []
    append = tokens.append
    for i, match in enumerate(_TOKEN_RE.finditer(text)):
        value = match.group()
        first = value[0]
        if match.group("other"):
            kind = OTHER
        elif first.isdigit():
            kind = NUMBER
        elif first.isalpha():
            kind = WORD
        else:
            kind = PUNCT
        append(Token(value, match.start(), match.end(), kind, i))
    return tokens
