"""The append-only, hash-chained audit log.

Each entry's hash covers its sequence number, time, actor, action, target,
details and the previous entry's hash, so changing, removing or reordering
any entry breaks the chain from there on. The newest entry's number and hash
are also kept in ``store_meta`` (written in the same transaction), so
dropping the newest entries is caught too; ``rasd audit head`` prints that
hash for an analyst to note outside the store, which guards against someone
rewriting the whole chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rasd.store.schema import AuditEntry, Document, StoreMeta

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(seq: int, at: str, actor: str, action: str, target: str, details: str, prev_hash: str) -> str:
    payload = canonical_json([seq, at, actor, action, target, details, prev_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def append(session: Session, actor: str, action: str, target: str, details: dict[str, Any]) -> AuditEntry:
    """Add one entry after the current head, inside the caller's transaction."""
    head = session.get(StoreMeta, HEAD_KEY, with_for_update=True)
    if head is None:
        seq, prev = 1, GENESIS
        head = StoreMeta(key=HEAD_KEY, value="")
        session.add(head)
    else:
        last_seq, prev = head.value.split(":", 1)
        seq = int(last_seq) + 1
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    body = canonical_json(details)
    digest = entry_hash(seq, at, actor, action, target, body, prev)
    entry = AuditEntry(seq=seq, at=at, actor=actor, action=action, target=target, details=body, prev_hash=prev, hash=digest)
    session.add(entry)
    head.value = f"{seq}:{digest}"
    return entry


@dataclass(frozen=True, slots=True)
class Problem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def verify(session: Session) -> list[Problem]:
    """Every way the log or the stored documents differ from what was recorded; empty when intact."""
    problems = list(_chain_problems(session))
    problems.extend(_document_problems(session))
    return problems


def head(session: Session) -> str | None:
    meta = session.get(StoreMeta, HEAD_KEY)
    return meta.value if meta else None


def _chain_problems(session: Session) -> Iterator[Problem]:
    prev = GENESIS
    expected_seq = 1
    last: AuditEntry | None = None
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        where = f"audit entry {entry.seq}"
        if entry.seq != expected_seq:
            yield Problem(where, f"entries {expected_seq}..{entry.seq - 1} are missing")
        if entry.prev_hash != prev:
            yield Problem(where, "does not follow the entry before it (removed, inserted or reordered entries)")
        recomputed = entry_hash(entry.seq, entry.at, entry.actor, entry.action, entry.target, entry.details, entry.prev_hash)
        if recomputed != entry.hash:
            yield Problem(where, "its content was changed after it was written")
        prev, expected_seq, last = entry.hash, entry.seq + 1, entry
    recorded = head(session)
    actual = f"{last.seq}:{last.hash}" if last else None
    if recorded != actual:
        yield Problem("audit head", f"the store records the newest entry as {recorded or 'none'}, "
                                    f"the log ends at {actual or 'nothing'} (entries removed or added outside rasd)")


def _document_problems(session: Session) -> Iterator[Problem]:
    recorded: dict[int, str] = {}
    for entry in session.scalars(select(AuditEntry).where(AuditEntry.action == "ingest")):
        details = json.loads(entry.details)
        recorded[int(details["document"])] = details["sha256"]
    rows = session.execute(select(Document.id, Document.doc_key, Document.sha256, Document.text).order_by(Document.id))
    for doc_id, key, stored_hash, text in rows:
        where = f"document {doc_id} ({key})"
        if text_sha256(text) != stored_hash:
            yield Problem(where, "its text no longer matches its SHA-256")
        if recorded.get(doc_id) is None:
            yield Problem(where, "has no ingest entry in the audit log")
        elif recorded[doc_id] != stored_hash:
            yield Problem(where, "its SHA-256 differs from the one the audit log recorded at ingest")
