"""Real output validates against the JSON Schema of the output contract, offsets included."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from rasd.cli import app, example_text

SCHEMA = json.loads(resources.files("rasd").joinpath("schema", "extract-output.schema.json").read_text(encoding="utf-8"))
REPORT = (
    "قصفت قوات النظام بالمدفعية بلدة كفرنبل في ريف إدلب الجنوبي أمس، ما أدى إلى مقتل 3 مدنيين وإصابة نحو 10 آخرين.\n"
    "وقالت مصادر محلية إن فصائل المعارضة سيطرت على قرية تل رصد بعد اشتباكات عنيفة.\n"
    "ونزح قرابة ألف شخص من بلدة معرة مصرين باتجاه تركيا."
)


def _validate_lines(output: str) -> list[dict]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    for line in lines:
        validator.validate(line)
    return lines


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_demo_output_validates_and_quotes_exactly():
    result = CliRunner().invoke(app, ["extract", "--example"])
    (line,) = _validate_lines(result.output)
    text = example_text()
    for kind in ("places", "dates", "quantities", "actors"):
        for mention in line["mentions"][kind]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
    for event in line["events"]:
        trigger = event["evidence"]["trigger"]
        assert text[trigger["start"]:trigger["end"]] == trigger["text"]
        assert text[event["evidence"]["start"]:event["evidence"]["end"]] == event["evidence"]["sentence"]


def test_events_and_error_lines_validate(tmp_path: Path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--published", "2017-01-15"])
    lines = _validate_lines(result.stdout)
    good = next(line for line in lines if line["doc_id"] == "a")
    assert {e["type"] for e in good["events"]} >= {"shelling", "territory_change", "displacement"}
    assert any("error" in line for line in lines)


def test_schema_rejects_a_broken_line():
    validator = jsonschema.Draft202012Validator(SCHEMA)
    broken = {"doc_id": "x", "published": None, "mentions": {"places": [], "dates": [], "quantities": [], "actors": []},
              "events": [{"type": "bombing"}]}
    assert list(validator.iter_errors(broken))
