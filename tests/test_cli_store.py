"""The store commands an analyst runs: ingest, incidents, review, history, export, stats, audit."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from rasd.cli import app
from tests.store_helpers import ARREST, DEFECTION, STRIKE_A, STRIKE_B, write_reports

runner = CliRunner()


def rasd(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"RASD_USER": "analyst1"})
    return result.exit_code, result.output


def test_an_analysts_session(tmp_path: Path) -> None:
    db = str(tmp_path / "office.sqlite")
    folder = write_reports(tmp_path / "in", STRIKE_A, STRIKE_B, ARREST, DEFECTION)
    (folder / "scan.txt").write_bytes(b"\x00\x01binary")

    code, out = rasd("ingest", str(folder), "--db", db)
    assert code == 1  # one file was skipped, and the exit status says so
    assert "4 new documents" in out and "skipped" in out and "scan.txt" in out
    assert "incidents: 1 new, 2 events linked" in out
    code, out = rasd("ingest", str(folder), "--db", db)
    assert "0 new documents" in out and "4 duplicates" in out

    code, out = rasd("incidents", "list", "--db", db)
    assert code == 0 and "air_strike" in out and "corroborated" in out
    code, out = rasd("incidents", "link", "--db", db)
    assert code == 0 and "0 new incidents" in out
    code, out = rasd("incidents", "show", "1", "--db", db)
    assert code == 0 and json.loads(out)["grade"] == "corroborated"
    code, out = rasd("review", "1", "--state", "verified", "--reason", "two outlets agree", "--db", db)
    assert code == 0 and "revision 2" in out
    code, out = rasd("review", "1", "--state", "approved", "--reason", "x", "--db", db)
    assert code == 2 and "E404" in out
    code, out = rasd("edit", "1", "--change", "certainty=confirmed", "--change", "actors=[]", "--reason", "we called the hospital",
                     "--db", db)
    assert code == 0 and "revision 3" in out
    code, out = rasd("edit", "1", "--change", "evidence=x", "--reason", "no", "--db", db)
    assert code == 2 and "E404" in out and "cannot be edited" in out
    code, out = rasd("history", "1", "--db", db)
    assert "analyst1\tverified\ttwo outlets agree" in out and "we called the hospital" in out
    code, out = rasd("incidents", "review", "1", "--state", "verified", "--reason", "both outlets checked", "--db", db)
    assert code == 0 and "incident 1 is verified" in out

    code, out = rasd("people", "add", "--name", "سامر الخطيب", "--detail", "age=34", "--db", db)
    assert code == 0 and out.strip() == "P-00001"
    code, out = rasd("people", "attach", "1", "P-00001", "--role", "witness", "--db", db)
    assert code == 0
    code, out = rasd("people", "show", "P-00001", "--db", db)
    assert json.loads(out) == {"pseudonym": "P-00001", "details": {"age": "34"}}
    code, out = rasd("export", "--format", "csv", "-o", str(tmp_path / "n.csv"), "--with-names", "--db", db)
    assert code == 2 and "E403" in out

    code, out = rasd("export", "--format", "acled", "-o", str(tmp_path / "a.csv"), "--db", db, "--type", "air_strike")
    assert code == 0 and "wrote 1 rows" in out
    code, out = rasd("export", "--format", "csv", "-o", str(tmp_path / "a.csv"), "--db", db, "--from", "yesterday")
    assert code == 2 and "--from 'yesterday' is not a date" in out

    code, out = rasd("stats", "--db", db, "--json")
    assert json.loads(out)["by_type"]["air_strike"] == 2

    code, out = rasd("stats", "--db", db)
    assert code == 0 and "by governorate" in out and "Tadmur" in out and "Idlib" in out
    code, head = rasd("audit", "head", "--db", db)
    code, out = rasd("audit", "verify", "--db", db)
    assert code == 0 and "intact" in out and head.strip() in out
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE documents SET text = text || '.' WHERE id = 1")
    code, out = rasd("audit", "verify", "--db", db)
    assert code == 1 and "TAMPERED document 1" in out


def test_a_bad_database_url_is_a_clear_error(tmp_path: Path) -> None:
    code, out = rasd("stats", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert code == 2 and "E401" in out and "cannot open the store" in out
