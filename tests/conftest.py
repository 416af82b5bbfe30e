"""Shared helpers: run the pipeline once per sentence and look mentions up by their words."""

from __future__ import annotations

import os
import tempfile
from datetime import date

import pytest

from rasd.pipeline import Extraction, Extractor, default_extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return default_extractor()


def run(extractor: Extractor, text: str, published: str | None = None) -> Extraction:
    return extractor.extract(text, published=date.fromisoformat(published) if published else None)


def check_offsets(text: str, mentions: list) -> None:
    """Offsets are sacred: every mention quotes the original text exactly."""
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text, mention


def pytest_configure(config: pytest.Config) -> None:
    """Places a developer imported into their own gazetteer must not change test results."""
    os.environ["RASD_DATA_DIR"] = tempfile.mkdtemp(prefix="rasd-test-data-")
