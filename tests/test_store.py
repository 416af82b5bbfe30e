"""The store on SQLite and PostgreSQL: ingest once, incidents, review history, people, audit chain."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from rasd.errors import NotFoundError, PermissionDenied, ReviewError
from rasd.ingest import ingest
from rasd.store import Store, audit
from rasd.store.schema import AuditEntry, Document, Event, EventRevision
from tests.store_helpers import ARREST, DEFECTION, STRIKE_A, STRIKE_B, STRIKE_C_FAR, write_reports


def test_ingesting_twice_stores_each_document_once(store: Store, extractor, tmp_path: Path) -> None:
    folder = write_reports(tmp_path / "in", STRIKE_A, ARREST, DEFECTION)
    (folder / "copy_of_first.txt").write_text(STRIKE_A[0], encoding="utf-8")  # same text under another name
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"text": "اعتقال 3 شبان في حلب"}\n{not json\n', encoding="utf-8")

    first = ingest(store, [str(folder)], extractor)
    assert (first.new, first.duplicates) == (4, 1)  # three reports and the jsonl's good line; the copy is a duplicate
    assert sorted(p.error["code"] for p in first.problems) == ["E203", "E204"]
    second = ingest(store, [str(folder)], extractor)
    assert (second.new, second.duplicates) == (0, 5)
    assert store.count(Document) == 4
    assert store.count(Event) == first.events > 0


def test_a_worker_pool_stores_what_one_process_stores(extractor, tmp_path: Path) -> None:
    # the pool only extracts; storing is the same code on every back end, so SQLite suffices here
    folder = write_reports(tmp_path / "in", STRIKE_A, STRIKE_B, STRIKE_C_FAR, ARREST, DEFECTION)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    alone, pooled = Store(str(tmp_path / "alone.sqlite")), Store(str(tmp_path / "pooled.sqlite"))
    one = ingest(alone, [str(folder)], extractor)
    two = ingest(pooled, [str(folder)], extractor, workers=2)
    assert (two.new, two.events, len(two.problems)) == (one.new, one.events, len(one.problems)) == (5, one.events, 1)

    def facts(s: Store) -> list[tuple[str, str, object]]:
        with s.reading() as session:
            return sorted((e.type, e.event_key.split(":", 1)[1], str(e.data["counts"])) for e in session.query(Event))

    assert facts(pooled) == facts(alone) and one.events > 0
    alone.close()
    pooled.close()


def test_two_reports_of_one_strike_become_one_incident_with_both_sources(store: Store, extractor, tmp_path: Path) -> None:
    ingest(store, [str(write_reports(tmp_path / "in", STRIKE_A, STRIKE_B, STRIKE_C_FAR))], extractor)
    report = store.link_incidents()
    assert report.new_incidents == 1
    (incident_id,) = store.incident_ids()
    incident = store.incident(incident_id)
    assert incident["type"] == "air_strike"
    assert sorted(s["outlet"] for s in incident["sources"]) == sorted([STRIKE_A[2], STRIKE_B[2]])
    assert incident["counts"]["killed"] == {"min": 12, "max": 15}
    assert incident["independent_outlets"] == 2
    assert incident["grade"] == "corroborated"
    assert store.link_incidents().new_links == 0  # a second pass changes nothing


def test_counts_that_differ_by_more_than_half_make_an_incident_contested(store: Store, extractor, tmp_path: Path) -> None:
    far_apart = (STRIKE_B[0].replace("15", "40"), STRIKE_B[1], STRIKE_B[2])
    ingest(store, [str(write_reports(tmp_path / "in", STRIKE_A, far_apart))], extractor)
    store.link_incidents()
    (incident_id,) = store.incident_ids()
    assert store.incident(incident_id)["grade"] == "contested"
    assert store.incident_ids(("contested",)) == [incident_id]


def test_an_undone_link_stays_undone(store: Store, extractor, tmp_path: Path) -> None:
    ingest(store, [str(write_reports(tmp_path / "in", STRIKE_A, STRIKE_B))], extractor)
    store.link_incidents()
    (incident_id,) = store.incident_ids()
    second = max(s["event_id"] for s in store.incident(incident_id)["sources"])
    assert store.unlink(second, "a different raid on the same day") == incident_id
    assert store.link_incidents().new_links == 0
    assert [s["event_id"] for s in store.incident(incident_id)["sources"]] != [second]
    assert second not in store.incident_of_events()
    with pytest.raises(NotFoundError):
        store.unlink(second, "again")


def test_an_analyst_merges_two_incidents_and_the_second_keeps_its_history(store: Store, extractor, tmp_path: Path) -> None:
    douma_again = (STRIKE_C_FAR[0].replace("4 مدنيين", "5 مدنيين"), STRIKE_C_FAR[1], "وكالة الأنباء المحلية")
    ingest(store, [str(write_reports(tmp_path / "in", STRIKE_A, STRIKE_B, STRIKE_C_FAR, douma_again))], extractor)
    store.link_incidents()
    first, second = store.incident_ids()
    moved = store.merge_incidents(first, second, "the same raid, reported under two towns")
    assert len(moved) == 2
    merged = store.incident(first)
    assert len(merged["sources"]) == 4 and merged["counts"]["killed"] == {"min": 4, "max": 15}
    assert merged["grade"] == "contested"  # 4 against 15 killed
    emptied = store.incident(second)
    assert emptied["state"] == "rejected" and emptied["sources"] == []
    assert store.link_incidents().new_links == 0  # the next pass leaves the merge alone
    assert store.verify() == []
    with pytest.raises(ReviewError):
        store.merge_incidents(first, first, "itself")
    with pytest.raises(NotFoundError):
        store.merge_incidents(first, 99, "no such incident")


def test_review_and_edit_are_revisions_and_nothing_is_overwritten(store: Store, extractor, tmp_path: Path) -> None:
    ingest(store, [str(write_reports(tmp_path / "in", ARREST))], extractor)
    with store.reading() as session:
        (event_id,) = session.scalars(select(Event.id)).all()  # the report holds one event
    original = store.event(event_id).data
    store.review_event(event_id, "reviewed", "read the report")
    corrected = [{**original["counts"][0], "value": 25, "low": 25}]
    edited = store.edit_event(event_id, {"counts": corrected}, "the outlet corrected the figure")
    assert (edited.revision, edited.state, edited.people) == (3, "reviewed", 25)
    revisions = store.history(event_id)
    assert [(r.revision, r.state, r.reason) for r in revisions] == [
        (1, "new", "extracted"), (2, "reviewed", "read the report"), (3, "reviewed", "the outlet corrected the figure")]
    assert revisions[0].data == original  # the first version is still there
    assert store.count(EventRevision) == 3


@pytest.mark.parametrize(("state", "reason", "code"), [
    ("approved", "why not", "E404"),  # not a review state
    ("verified", "  ", "E404"),  # no reason
])
def test_bad_review_actions_are_refused(store: Store, extractor, tmp_path: Path, state: str, reason: str, code: str) -> None:
    ingest(store, [str(write_reports(tmp_path / "in", ARREST))], extractor)
    with pytest.raises(ReviewError) as error:
        store.review_event(1, state, reason)
    assert error.value.code == code
    with pytest.raises(NotFoundError):
        store.review_event(999, "verified", "no such event")


def test_people_are_pseudonymous_and_every_read_is_audited(store: Store, store_url: str) -> None:
    pseudonym = store.add_person("محمد الأحمد", {"role": "witness"})
    assert pseudonym == "P-00001"
    assert "name" not in store.read_person(pseudonym)
    custodian = Store(store_url, user="custodian1", role="custodian")
    assert custodian.read_person(pseudonym)["name"] == "محمد الأحمد"
    with store.reading() as session:
        reads = session.query(AuditEntry).filter(AuditEntry.action == "read_person").all()
    assert [(r.actor, '"name_shown":true' in r.details) for r in reads] == [("tester", False), ("custodian1", True)]
    with pytest.raises(PermissionDenied):
        store.people_of_events([1], with_names=True)
    custodian.close()


# --- tampering: every change to the log or a document is found ------------------------------------------

TAMPERING = [
    ("flip a byte of an entry", "UPDATE audit_log SET details = replace(details, '\"events\"', '\"Events\"') WHERE seq = 2",
     "changed after it was written"),
    ("change an actor", "UPDATE audit_log SET actor = 'someone else' WHERE seq = 1", "changed after it was written"),
    ("delete a middle entry", "DELETE FROM audit_log WHERE seq = 2", "missing"),
    ("delete the newest entry", "DELETE FROM audit_log WHERE seq = 3", "audit head"),
    ("reorder two entries", "UPDATE audit_log SET seq = -1 WHERE seq = 1; UPDATE audit_log SET seq = 1 WHERE seq = 2; "
                            "UPDATE audit_log SET seq = 2 WHERE seq = -1", "does not follow"),
    ("edit a document", "UPDATE documents SET text = replace(text, '20', '30')", "no longer matches its SHA-256"),
    ("edit a document and its hash", "UPDATE documents SET text = text || ' ', sha256 = '0000' WHERE id = 2",
     "differs from the one the audit log recorded"),
]


@pytest.mark.parametrize(("what", "sql", "expected"), TAMPERING, ids=[t[0] for t in TAMPERING])
def test_audit_verify_detects_tampering(store: Store, extractor, tmp_path: Path, what: str, sql: str, expected: str) -> None:
    ingest(store, [str(write_reports(tmp_path / "in", ARREST, DEFECTION, STRIKE_A))], extractor)
    assert store.verify() == []
    with store.engine.begin() as connection:
        for statement in sql.split(";"):
            connection.execute(text(statement))
    problems = [str(p) for p in store.verify()]
    assert any(expected in p for p in problems), problems


def test_the_audit_log_records_ingests_reviews_links_and_exports(store: Store, extractor, tmp_path: Path) -> None:
    from rasd.store import EventFilter
    from rasd.store.exports import export

    ingest(store, [str(write_reports(tmp_path / "in", STRIKE_A, STRIKE_B))], extractor)
    store.link_incidents()
    store.review_event(1, "verified", "two outlets")
    export(store, "jsonl", tmp_path / "out.jsonl", EventFilter())
    with store.reading() as session:
        actions = [e.action for e in session.query(AuditEntry).order_by(AuditEntry.seq)]
    assert actions == ["ingest", "ingest", "link", "review", "export"]
    assert store.verify() == []


def test_a_reader_does_not_wait_for_a_writer(store: Store, store_url: str) -> None:
    import threading

    other = Store(store_url, user="reader")
    counted: list[int] = []
    with store.transaction() as session:
        audit.append(session, "tester", "note", "test", {})  # this transaction now holds the write lock
        reader = threading.Thread(target=lambda: counted.append(other.count(Document)))
        reader.start()
        reader.join(timeout=10)
        finished = not reader.is_alive()
    reader.join()
    other.close()
    assert finished and counted == [0]
