"""rasd: Arabic-native extraction of conflict and human-rights events.

``rasd.extract(text, published=...)`` runs the pipeline on one text. Nothing is
loaded at import: language data compiles on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["extract", "__version__"]

if TYPE_CHECKING:
    from rasd.pipeline import Extraction


def extract(text: str, *, published: Any = None, doc_id: str = "") -> Extraction:
    """Extract mentions from one Arabic text (see :func:`rasd.pipeline.extract`)."""
    from rasd.pipeline import extract as _extract

    return _extract(text, published=published, doc_id=doc_id)
