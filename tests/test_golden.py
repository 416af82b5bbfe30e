"""Golden file: the whole demo report (written for rasd) gives exactly this output.

After an intended change, regenerate with:
    rasd extract --example > tests/golden/demo_ar.jsonl
and review the diff like code.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasd.cli import app

GOLDEN = Path(__file__).parent / "golden" / "demo_ar.jsonl"


def test_demo_matches_golden():
    result = CliRunner().invoke(app, ["extract", "--example"])
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(GOLDEN.read_text(encoding="utf-8"))
