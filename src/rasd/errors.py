"""Numbered errors that say what went wrong and how to fix it.

Every error rasd raises for bad input or bad data carries a stable code
(``E1xx`` data files, ``E2xx`` input documents, ``E3xx`` options, ``E4xx``
the store), so users
can search for it and tools can branch on it; ``to_dict`` gives the one error
shape used in JSON output.
"""

from __future__ import annotations

from typing import Any


class RasdError(Exception):
    """Base class: ``code`` is stable, ``message`` names the input, ``hint`` says how to fix it."""

    code = "E000"

    def __init__(self, message: str, *, hint: str = "", source: str | None = None) -> None:
        self.message = message
        self.hint = hint
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" Fix: {self.hint}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "hint": self.hint, "source": self.source}


class DataFileError(RasdError):
    """A packaged or user language-data file is missing or does not validate."""

    code = "E101"


class DocumentError(RasdError):
    """An input document cannot be read or has no usable text."""

    code = "E201"


class DocumentEncodingError(DocumentError):
    code = "E202"


class DocumentFormatError(DocumentError):
    code = "E203"


class EmptyDocumentError(DocumentError):
    code = "E204"


class OptionError(RasdError):
    """A command-line option or API argument has an invalid value."""

    code = "E301"


class StoreError(RasdError):
    """The store cannot be opened or migrated."""

    code = "E401"


class NotFoundError(StoreError):
    """An event, incident, document or person id that the store does not hold."""

    code = "E402"


class PermissionDenied(StoreError):
    """The user's role does not allow this (e.g. reading people's names)."""

    code = "E403"


class ReviewError(StoreError):
    """A review action that is not allowed: an unknown state, an empty reason."""

    code = "E404"
