"""Language data files are validated on load, and a broken one says which and how."""

from __future__ import annotations

import pytest

from rasd.errors import DataFileError
from rasd.lang import loader
from rasd.lang.arabic import Arabic
from rasd.numbers.words import NumberWordsSpec

DATA_FILES = ["normalisation", "clitics", "segmentation", "numbers", "qualifiers", "quantity_context",
              "duals", "months", "weekdays", "date_words"]


@pytest.mark.parametrize("name", DATA_FILES)
def test_packaged_files_load_and_declare_a_version(name):
    text = loader.data_file_text("ar", name)
    assert text.lstrip("# \n").strip()
    assert "version: 1" in text


def test_all_resources_compile():
    language = Arabic.load()
    assert "سته" in language.number_words.lexicon  # entries are stored normalised (ة -> ه)
    assert "بسته" in language.number_words.lexicon  # clitic forms are compiled in


def test_schema_error_names_the_file_and_field(monkeypatch):
    monkeypatch.setattr(loader, "data_file_text", lambda lang, name: "version: 1\nwords:\n  - {value: x, kind: unit, forms: [a]}\n")
    with pytest.raises(DataFileError) as info:
        loader.load_data_file("ar", "numbers", NumberWordsSpec)
    message = str(info.value)
    assert "data/ar/numbers.yaml" in message and "words.0.value" in message and "[E101]" in message


def test_yaml_syntax_error_is_reported(monkeypatch):
    monkeypatch.setattr(loader, "data_file_text", lambda lang, name: "version: [1\n")
    with pytest.raises(DataFileError, match="not valid YAML"):
        loader.load_data_file("ar", "numbers", NumberWordsSpec)


def test_vague_entries_need_bounds(monkeypatch):
    monkeypatch.setattr(loader, "data_file_text", lambda lang, name: "version: 1\nwords:\n  - {value: 10, kind: vague, forms: [عشرات]}\n")
    with pytest.raises(DataFileError, match="needs low and high"):
        loader.load_data_file("ar", "numbers", NumberWordsSpec)


def test_a_trigger_phrase_names_one_type(monkeypatch):
    from rasd.events.lexicons import TriggersSpec

    text = "version: 1\ntypes:\n  flight: [فروا]\n  displacement: [فروا]\nacled: {}\n"
    monkeypatch.setattr(loader, "data_file_text", lambda lang, name: text)
    with pytest.raises(DataFileError, match="listed under flight and displacement"):
        loader.load_data_file("ar", "event_triggers", TriggersSpec)


def test_missing_file_says_how_to_fix():
    with pytest.raises(DataFileError, match="reinstall"):
        loader.data_file_text("ar", "no_such_resource")


def test_adding_a_word_is_adding_a_line(monkeypatch):
    """A new number word in the data file is understood without code changes."""
    original = loader.data_file_text

    def patched(lang, name):
        text = original(lang, name)
        if name == "numbers":
            text += '  - {value: 12, kind: unit, forms: ["دزينة"]}\n'
        return text

    monkeypatch.setattr(loader, "data_file_text", patched)
    from rasd.pipeline import Extractor

    extractor = Extractor(Arabic.load())
    (q,) = extractor.extract("اشترى دزينة بيض").quantities
    assert (q.text, q.value) == ("دزينة", 12)
