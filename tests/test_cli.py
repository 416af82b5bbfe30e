"""The rasd command: inputs of every kind, bad documents never sink a batch."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasd.cli import app

runner = CliRunner()
REPORT = "قتل نحو 20 مدنياً أمس في قصف على المدينة، بينهم ثلاثة أطفال."


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip().startswith("{")]


def test_help_lists_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "extract" in result.output


def test_example_runs_and_quotes_offsets_exactly():
    result = runner.invoke(app, ["extract", "--example"])
    assert result.exit_code == 0, result.output
    (line,) = _lines(result.output)
    from rasd.cli import example_text

    text = example_text()
    for kind in ("dates", "quantities"):
        assert line["mentions"][kind]
        for m in line["mentions"][kind]:
            assert text[m["start"]:m["end"]] == m["text"]


def test_text_file_with_published(tmp_path: Path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--published", "2017-01-15"])
    assert result.exit_code == 0, result.output
    (line,) = _lines(result.output)
    assert line["doc_id"] == "report" and line["published"] == "2017-01-15"
    (day,) = line["mentions"]["dates"]
    assert (day["text"], day["date_start"], day["precision"]) == ("أمس", "2017-01-14", "day")
    values = [(q["value"], q["qualifier"]) for q in line["mentions"]["quantities"]]
    assert values == [(20, "approx"), (3, "exact")]


def test_batch_with_bad_documents_completes(tmp_path: Path):
    (tmp_path / "a_good.json").write_text(json.dumps({"id": "g1", "text": REPORT, "published": "2016-03-29"}), encoding="utf-8")
    (tmp_path / "b_empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "d_latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "e_lines.jsonl").write_text(
        json.dumps({"id": "l1", "text": REPORT}) + "\n{broken json\n" + json.dumps({"id": "l3", "text": "نزح ألف شخص"}) + "\n"
        + json.dumps({"id": "l4", "text": "x", "published": "yesterday"}) + "\n" + json.dumps({"id": "l5"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "f_page.html").write_text("<html><head><title>t</title><script>var x=5;</script></head><body><p>قتل 5 أشخاص</p></body></html>", encoding="utf-8")
    (tmp_path / "g_english.txt").write_text("Nothing Arabic here at all.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    lines = _lines(result.stdout)
    by_id = {line["doc_id"]: line for line in lines}
    assert len(lines) == 11
    assert by_id["g1"]["published"] == "2016-03-29"
    assert by_id["g1"]["mentions"]["dates"][0]["date_start"] == "2016-03-28"
    assert by_id["b_empty"]["error"]["code"] == "E204"
    assert by_id["c_binary"]["error"]["code"] == "E203"
    assert by_id["d_latin1"]["error"]["code"] == "E202"
    assert by_id["e_lines:2"]["error"]["code"] == "E203" and "line 1" in by_id["e_lines:2"]["error"]["message"]
    assert by_id["l3"]["mentions"]["quantities"][0]["value"] == 1000
    assert "published" in by_id["l4"]["error"]["message"]
    assert "text" in by_id["e_lines:5"]["error"]["message"]
    assert [q["value"] for q in by_id["f_page"]["mentions"]["quantities"]] == [5]
    assert by_id["g_english"]["mentions"] == {"places": [], "dates": [], "quantities": [], "actors": []}
    assert "could not be read" in result.stderr


def test_missing_path_gives_error_line(tmp_path: Path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    (line,) = _lines(result.stdout)
    assert line["error"]["code"] == "E201" and "does not exist" in line["error"]["message"]


def test_stdin_and_output_file(tmp_path: Path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", "-", "--output", str(out)], input=REPORT)
    assert result.exit_code == 0, result.output
    (line,) = _lines(out.read_text(encoding="utf-8"))
    assert line["doc_id"] == "stdin"
    assert line["mentions"]["dates"][0]["resolved"] is False  # no reference date given


def test_large_document(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_text((REPORT + "\n") * 120_000, encoding="utf-8")  # about 10 MB
    result = runner.invoke(app, ["extract", str(path), "--published", "2017-01-15"])
    assert result.exit_code == 0
    (line,) = _lines(result.stdout)
    assert len(line["mentions"]["dates"]) == 120_000


def test_bad_options_say_how_to_fix():
    result = runner.invoke(app, ["extract", "--example", "--published", "15/01/2017"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr
    result = runner.invoke(app, ["extract", "--example", "--format", "xml"])
    assert result.exit_code == 2 and "jsonl" in result.stderr
    result = runner.invoke(app, ["extract"])
    assert result.exit_code == 2 and "--example" in result.stderr


def test_table_and_json_formats():
    result = runner.invoke(app, ["extract", "--example", "--format", "table"])
    assert result.exit_code == 0 and "أواخر شهر أيار 2016" in result.output
    result = runner.invoke(app, ["extract", "--example", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)[0]["doc_id"] == "demo_ar"


def test_normalise_command_shows_folded_text():
    result = runner.invoke(app, ["normalise", "إدلبَ ١٦ «داعش»"])
    assert result.exit_code == 0
    assert result.output.strip() == 'ادلب 16 "داعش"'


def test_version_command():
    from rasd import __version__

    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0 and result.output.strip() == __version__


def test_places_reads_a_long_text_given_inline(tmp_path):
    """A text longer than a file name may be (255 bytes, and Arabic letters take two each) is read as text."""
    sentence = "قصفت الطائرات الحربية بلدة كفرنبل وقرية كنصفرة بريف إدلب الجنوبي، وسط حركة نزوح كبيرة للمدنيين. "
    result = runner.invoke(app, ["places", sentence * 2])
    assert result.exit_code == 0, result.output
    assert "كفرنبل" in result.output
    path = tmp_path / "report.txt"
    path.write_text(sentence, encoding="utf-8")
    result = runner.invoke(app, ["places", str(path)])
    assert result.exit_code == 0 and "كنصفرة" in result.output
