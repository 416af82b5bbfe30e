"""An ingest killed with SIGKILL leaves a readable store; ingesting again completes the rest, without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select

from rasd.store import Store
from rasd.store.schema import Document
from tests.store_helpers import ARREST, DEFECTION, STRIKE_A, STRIKE_B, write_json

DOCUMENTS = 80


def _stored(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(Document)) or 0)
    except Exception:  # the tables may not exist yet while the subprocess migrates
        return 0
    finally:
        engine.dispose()


def test_sigkill_midway_leaves_a_readable_store_and_a_rerun_completes(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    reports = [STRIKE_A, STRIKE_B, ARREST, DEFECTION]
    for n in range(DOCUMENTS):
        text, published, outlet = reports[n % len(reports)]
        # long documents (the report repeated, numbered so every text differs) keep the ingest busy long enough to kill
        body = "\n".join(f"{text} ({n}-{k})" for k in range(60))
        write_json(folder / f"doc_{n:03d}.json", f"d{n}", body, published, outlet)
    command = [sys.executable, "-c", "from rasd.cli import app; app()", "ingest", str(folder), "--db", store_url, "--no-link"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "RASD_USER": "killed"})
    deadline = time.monotonic() + 120
    while _stored(store_url) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored_before = _stored(store_url)
    assert 3 <= stored_before < DOCUMENTS, "the ingest must be killed midway for this test to mean anything"

    store = Store(store_url, user="after")  # opens, migrates (nothing to do) and reads
    assert store.verify() == []
    finished = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "RASD_USER": "rerun"}, check=False)
    assert finished.returncode == 0, finished.stderr
    assert f"{DOCUMENTS - stored_before} new documents" in finished.stdout
    assert f"{stored_before} duplicates" in finished.stdout
    assert store.count(Document) == DOCUMENTS
    assert store.verify() == []
    store.close()
