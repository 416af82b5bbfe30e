"""Fitted decisions: the model format, the packaged models, and how a model changes what the rules propose."""

from __future__ import annotations

import json

import pytest

from rasd.errors import DataFileError
from rasd.events.decisions import LogisticModel, Models, Trace, bucket, packaged_models
from rasd.pipeline import Extractor


@pytest.mark.parametrize(("value", "edges", "label"), [
    (0, (0, 2, 5), "0"), (1, (0, 2, 5), "1-2"), (2, (0, 2, 5), "1-2"), (5, (0, 2, 5), "3-5"), (9, (0, 2, 5), "6+"),
    (1, (1, 2, 4), "1"), (3, (1, 2, 4), "3-4"),
])
def test_bucket(value, edges, label):
    assert bucket(value, edges) == label


def test_a_model_round_trips_through_json_and_scores_features():
    model = LogisticModel({"rule": 2.0, "side=after": -1.0}, -0.5, 0.7, {"C": 0.3}, 0.1)
    again = LogisticModel.from_json(model.to_json())
    assert again == model
    assert again.probability({"rule": 1.0}) == pytest.approx(1 / (1 + 2.718281828 ** -1.5), rel=1e-6)
    assert again.probability({"unknown feature": 1.0}) == pytest.approx(1 / (1 + 2.718281828 ** 0.5), rel=1e-6)


@pytest.mark.parametrize("text", [
    "not json",
    json.dumps({"format": "pickle", "bias": 0, "threshold": 0.5, "weights": {}}),
    json.dumps({"format": "rasd-logistic-1", "bias": "x", "threshold": 0.5, "weights": {}}),
    json.dumps({"format": "rasd-logistic-1", "threshold": 0.5, "weights": {}}),
])
def test_a_bad_model_file_fails_with_a_numbered_error(text):
    with pytest.raises(DataFileError) as caught:
        LogisticModel.from_json(text, "attachment.json")
    assert "[E101]" in str(caught.value) and "attachment.json" in str(caught.value)


def test_the_packaged_models_load_and_say_how_they_were_measured():
    models = packaged_models()
    for model in (models.attachment, models.bombardment):
        if model is None:
            continue  # the fitting script ships a model only when cross-validation shows it helps
        assert model.meta["fitted_on"] == ["dev", "train"]
        assert set(model.meta["cross_validated"]) == {"dev", "train"}
        assert 0.0 <= model.threshold <= 1.01


SENTENCE = "قصفت الطائرات الحربية قرى كنصفرة وحزارين بريف إدلب، ثم قصفت مدينة حماة."


def test_the_trace_records_every_place_a_trigger_was_offered(extractor):
    trace = Trace()
    rules = Extractor(extractor.language, extractor.place_names.index, Models())
    rules.extract(SENTENCE, trace=trace)
    offered = {(c.kind, c.place.text) for c in trace.candidates}
    assert ("air_strike", "كنصفرة") in offered and ("air_strike", "حماة") in offered
    chosen = {(c.kind, c.place.text) for c in trace.candidates if c.chosen}
    events = {(e.type, e.location.text) for e in rules.extract(SENTENCE).events if e.location}
    assert chosen <= events  # without a model, the rules' choice is what the events carry
    assert all(c.features.get("rule") == 1.0 for c in trace.candidates if c.chosen)


def test_a_model_decides_between_the_rules_proposals(extractor):
    """A model that doubts every place the rules did not propose keeps the rules' choice; one that
    doubts every place drops them (the events stay, without a place, for an analyst)."""
    rules = Extractor(extractor.language, extractor.place_names.index, Models())
    trusting = LogisticModel({"rule": 20.0}, -10.0, 0.5, {}, 0.5)
    doubting = LogisticModel({}, -20.0, 0.5, {}, 0.5)
    expected = [(e.type, e.location and e.location.text) for e in rules.extract(SENTENCE).events]
    with_trusting = Extractor(extractor.language, extractor.place_names.index, Models(attachment=trusting))
    assert [(e.type, e.location and e.location.text) for e in with_trusting.extract(SENTENCE).events] == expected
    with_doubting = Extractor(extractor.language, extractor.place_names.index, Models(attachment=doubting))
    assert all(e.location is None for e in with_doubting.extract(SENTENCE).events)


def test_a_bombardment_model_decides_the_means(extractor):
    always_air = LogisticModel({}, 20.0, 0.5, {})
    never_air = LogisticModel({}, -20.0, 0.5, {})
    text = "قصفت قوات النظام بلدة كفرنبل"  # no means named
    kinds = {}
    for name, model in (("air", always_air), ("ground", never_air)):
        extractor_with = Extractor(extractor.language, extractor.place_names.index, Models(bombardment=model))
        kinds[name] = {e.type for e in extractor_with.extract(text).events}
    assert kinds == {"air": {"air_strike"}, "ground": {"shelling"}}
    trace = Trace()
    Extractor(extractor.language, extractor.place_names.index, Models()).extract(text, trace=trace)
    (choice,) = trace.choices
    assert choice.name == "bombardment" and text[choice.trigger_start:choice.trigger_end] == "قصفت"


def test_a_default_extraction_uses_the_packaged_models(extractor):
    assert extractor.events.models == packaged_models()
