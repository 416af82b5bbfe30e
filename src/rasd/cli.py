"""The ``rasd`` command."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from rasd.documents import Document, DocumentFailure, read_documents
from rasd.errors import OptionError, RasdError

app = typer.Typer(
    name="rasd",
    help="rasd (رصد): structured events from Arabic conflict and human-rights reports.",
    no_args_is_help=True,
    add_completion=False,
)

EXAMPLE_PUBLISHED = date(2016, 11, 15)
FORMATS = ("jsonl", "json", "table")


def example_text() -> str:
    """The packaged demo report (written for rasd in the style of a monitoring study)."""
    return resources.files("rasd").joinpath("examples", "demo_ar.txt").read_text(encoding="utf-8")


def _parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise OptionError(f"--published {value!r} is not a date.", hint="write it as YYYY-MM-DD, e.g. 2017-01-15.") from exc


@app.command()
def extract(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or directories (.txt .json .jsonl .html); - reads stdin.")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Reference date YYYY-MM-DD for relative dates, when a document has none.")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="jsonl (one line per document), json (one array) or table.")
    ] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")] = None,
    example: Annotated[bool, typer.Option("--example", help="Run on the built-in demo report.")] = False,
) -> None:
    """Extract events, places, dates, quantities and actors (with offsets into the original text) from Arabic reports."""
    from rasd.pipeline import default_extractor

    try:
        reference = _parse_published(published)
        if output_format not in FORMATS:
            raise OptionError(f"--format {output_format!r} is not known.", hint=f"use one of {', '.join(FORMATS)}.")
    except OptionError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    if example:
        inputs: list[Document | DocumentFailure] = [
            Document("demo_ar", example_text(), EXAMPLE_PUBLISHED if reference is None else reference, source="rasd:demo")
        ]
    elif not paths:
        typer.echo("[E302] no input given. Fix: name files or directories, - for stdin, or use --example.", err=True)
        raise typer.Exit(2)
    else:
        inputs = list(read_documents(paths))

    extractor = default_extractor()
    results: list[dict[str, Any]] = []
    failed = 0
    for item in inputs:
        if isinstance(item, DocumentFailure):
            failed += 1
            results.append({"doc_id": item.doc_id, "source": item.source, "error": item.error.to_dict()})
            continue
        try:
            extraction = extractor.extract(item.text, published=item.published or reference, doc_id=item.doc_id)
        except Exception as exc:  # one document's failure must never sink the batch
            logging.getLogger("rasd").exception("extraction failed for %s", item.source)
            failed += 1
            results.append({"doc_id": item.doc_id, "source": item.source,
                            "error": {"code": "E900", "message": f"extraction failed: {exc!r}",
                                      "hint": "please report this with the document.", "source": item.source}})
            continue
        line = extraction.to_dict()
        if item.url:
            line["url"] = item.url
        results.append(line)

    stream = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        if output_format == "table":
            _print_table(results, stream)
        elif output_format == "json":
            json.dump(results, stream, ensure_ascii=False, indent=1)
            stream.write("\n")
        else:
            for line in results:
                stream.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if output:
            stream.close()
    if failed:
        typer.echo(f"{failed} of {len(results)} documents could not be read; see their \"error\" lines.", err=True)
        raise typer.Exit(1)


def _print_table(results: list[dict[str, Any]], stream: Any) -> None:
    console = Console(file=stream, width=120)
    for result in results:
        if "error" in result:
            console.print(f"[bold red]{result['doc_id']}[/]: {result['error']['message']}")
            continue
        mentions = result["mentions"]
        table = Table(title=f"{result['doc_id']} (published {result['published'] or 'unknown'})")
        for column in ("what", "text", "offsets", "reading"):
            table.add_column(column)
        for d in mentions["dates"]:
            if d["kind"] == "duration":
                reading = f"duration {d['duration']['value']} {d['duration']['unit']} ({d['qualifier']})"
            elif d["resolved"]:
                reading = f"{d['date_start']} .. {d['date_end']} ({d['precision']})"
            else:
                reading = f"unresolved {d['kind']} ({d['precision']})"
            table.add_row("date", d["text"], f"{d['start']}-{d['end']}", reading)
        for q in mentions["quantities"]:
            value = q["value"] if q["high"] is None else f"{q['low']}..{q['high']}"
            table.add_row(q["kind"], q["text"], f"{q['start']}-{q['end']}", f"{value} ({q['qualifier']})")
        for p in mentions["places"]:
            where = f"{p['name']}, {p['country']} ({p['precision']})"
            table.add_row("place", p["text"], f"{p['start']}-{p['end']}", where)
        for a in mentions["actors"]:
            table.add_row("actor", a["text"], f"{a['start']}-{a['end']}", f"{a['name']} ({a['type']})")
        console.print(table)
        if result["events"]:
            console.print(_events_table(result["events"]))


def _events_table(events: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(events)} events")
    for column in ("type", "where", "when", "who", "counts", "certainty", "trigger"):
        table.add_column(column)
    for e in events:
        where = e["location"]["text"] if e["location"] else "-"
        if e["destinations"]:
            where += " → " + "، ".join(d["text"] for d in e["destinations"])
        when = e["date"]["start"] or "-"
        if e["date"]["start"] and e["date"]["end"] != e["date"]["start"]:
            when += f" .. {e['date']['end']}"
        who = "; ".join(f"{a['role']}: {a['name']}" for a in e["actors"]) or "-"
        counts = ", ".join(f"{c['category']} {c['value']}" + ("" if c["qualifier"] == "exact" else f" ({c['qualifier']})")
                           for c in e["counts"]) or "-"
        table.add_row(e["type"], where, when, who, counts, e["certainty"], e["evidence"]["trigger"]["text"])
    return table


gazetteer_app = typer.Typer(help="The gazetteer of places: import GeoNames dumps, show what is loaded.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("import")
def gazetteer_import(
    dump: Annotated[Path, typer.Argument(help="A GeoNames dump (SY.txt, allCountries.txt), or the Syrian Archive's "
                                              "locations.json (its neighbourhoods and landmarks).")],
    alternate_names: Annotated[
        Path | None, typer.Option("--alternate-names", help="alternateNamesV2.txt, for the Arabic names of the dump's places.")
    ] = None,
) -> None:
    """Add the places of a local GeoNames dump or Syrian Archive places file (with Arabic names) to your gazetteer."""
    from rasd.lang.arabic import arabic
    from rasd.places.importer import import_geonames, import_syrian_archive
    from rasd.places.index import load_index, user_gazetteer_path

    target = user_gazetteer_path()
    try:
        if dump.suffix.lower() == ".json":
            report = import_syrian_archive(dump, target)
        else:
            report = import_geonames(dump, target, alternate_names)
    except RasdError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"read {report.rows} rows: kept {report.kept} places with Arabic names, "
               f"skipped {report.without_arabic} without, {report.malformed} malformed")
    for example in report.examples_of_malformed:
        typer.echo(f"  malformed {example}", err=True)
    language = arabic()
    index = load_index(language.normaliser.normalise_term, language.places.joinable,
                       settlement_cues=language.places.settlement_cues)
    typer.echo(f"gazetteer now holds {len(index)} places ({target})")


@gazetteer_app.command("info")
def gazetteer_info() -> None:
    """Show the gazetteer's size, the user file and the cache."""
    from rasd import settings
    from rasd.lang.arabic import arabic
    from rasd.places.gazetteer import gazetteer_sources
    from rasd.places.index import load_index, user_gazetteer_path

    language = arabic()
    index = load_index(language.normaliser.normalise_term, language.places.joinable,
                       settlement_cues=language.places.settlement_cues)
    typer.echo(f"places: {len(index)}")
    typer.echo(f"imported places file: {user_gazetteer_path()} ({'present' if user_gazetteer_path().exists() else 'none'})")
    typer.echo(f"cache: {settings.cache_dir()}")
    typer.echo("sources:")
    for source, licence in gazetteer_sources():
        typer.echo(f"  {source}: {licence}")


@app.command()
def places(
    source: Annotated[str, typer.Argument(help="Arabic text, or the path of a text file.")],
) -> None:
    """Show the places a report names, how rasd placed them, and why (a table for analysts)."""
    from rasd.pipeline import default_extractor

    text = path.read_text(encoding="utf-8") if (path := _existing_file(source)) is not None else source
    found = default_extractor().extract(text).places
    table = Table(title=f"{len(found)} place mentions")
    for column in ("text", "offsets", "place", "Arabic", "country", "admin1", "precision", "lat, lon", "candidates"):
        table.add_column(column)
    for p in found:
        coords = f"{p.lat:.4f}, {p.lon:.4f}" if p.lat is not None and p.lon is not None else "-"
        table.add_row(p.text, f"{p.start}-{p.end}", p.name, p.name_ar, p.country, p.admin1 or "-", p.precision,
                      coords, str(p.candidates))
    Console(width=160).print(table)


DbOption = Annotated[str | None, typer.Option("--db", help="The store: a SQLite file or a SQLAlchemy URL (default: RASD_DB, "
                                                           "else rasd.sqlite in the data directory).")]
UserOption = Annotated[str | None, typer.Option("--user", help="Who is working (default: RASD_USER, else the login name).")]


def _existing_file(source: str) -> Path | None:
    """``source`` as the path of a file when it names one; a long text is no path (the system refuses names
    over 255 bytes, and Arabic letters take two each)."""
    if len(source) >= 4096 or "\n" in source:
        return None
    try:
        path = Path(source)
        return path if path.is_file() else None
    except (OSError, ValueError):
        return None


def _open_store(db: str | None, user: str | None = None) -> Any:
    from rasd.store import Store

    with _errors_to_exit():
        return Store(db, user=user)


@contextmanager
def _errors_to_exit() -> Iterator[None]:
    """A RasdError ends the command: its numbered message on stderr, exit status 2."""
    try:
        yield
    except RasdError as exc:
        _fail(exc)


def _fail(exc: RasdError, status: int = 2) -> NoReturn:
    typer.echo(str(exc), err=True)
    raise typer.Exit(status) from exc


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or directories: .txt .html .json .jsonl, RSS/Atom feeds and "
                                                    "WordPress exports (.xml).")],
    db: DbOption = None,
    user: UserOption = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for documents that carry none.")
    ] = None,
    link: Annotated[bool, typer.Option(help="Link reports of the same happening into incidents afterwards.")] = True,
    workers: Annotated[int, typer.Option(help="Processes extracting events in parallel (storing stays in one).")] = 1,
) -> None:
    """Store documents once each (by SHA-256), with their extracted events; one bad file is reported and skipped."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from rasd.ingest import IngestReport
    from rasd.ingest import ingest as run_ingest
    from rasd.pipeline import default_extractor

    try:
        reference = _parse_published(published)
    except OptionError as exc:
        _fail(exc)
    store = _open_store(db, user)
    console = Console(stderr=True)
    with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  TimeElapsedColumn(), console=console, disable=not console.is_terminal, transient=True) as progress:
        task = progress.add_task("", total=None)

        def advance(report: IngestReport, source: str) -> None:
            progress.update(task, advance=1, description=f"{report.new} new, {report.duplicates} duplicates")

        report = run_ingest(store, paths, default_extractor(), published=reference, on_document=advance,
                            workers=workers)
    for problem in report.problems:
        typer.echo(f"skipped {problem.source}: [{problem.error['code']}] {problem.error['message']}", err=True)
    typer.echo(f"{report.new} new documents ({report.events} events), {report.duplicates} duplicates, "
               f"{len(report.problems)} skipped; store {store.url}")
    if link and report.new:
        linked = store.link_incidents()
        typer.echo(f"incidents: {linked.new_incidents} new, {linked.new_links} events linked")
    store.close()
    if report.problems:
        raise typer.Exit(1)


@app.command("export")
def export_command(
    output_format: Annotated[str, typer.Option("--format", help="acled, csv, geojson, jsonl or parquet.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    db: DbOption = None,
    user: UserOption = None,
    event_type: Annotated[list[str] | None, typer.Option("--type", help="Only these codebook types (repeatable).")] = None,
    place: Annotated[str | None, typer.Option(help="Only events at this place or governorate (English or Arabic).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Only events on or after YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Only events on or before YYYY-MM-DD.")] = None,
    state: Annotated[list[str] | None, typer.Option(help="Only events in these review states (repeatable).")] = None,
    grade: Annotated[list[str] | None, typer.Option(help="Only single_source, corroborated or contested (repeatable).")] = None,
    with_names: Annotated[bool, typer.Option("--with-names", help="Include people's names (custodians only).")] = False,
) -> None:
    """Export events for analysis: ACLED columns, CSV for Excel, GeoJSON for QGIS, JSON Lines, Parquet."""
    from rasd.store import EventFilter
    from rasd.store.exports import export

    with _errors_to_exit():
        filters = EventFilter(types=tuple(event_type or ()), place=place, date_from=_parse_date("--from", date_from),
                              date_to=_parse_date("--to", date_to), states=tuple(state or ()), grades=tuple(grade or ()))
        store = _open_store(db, user)
        report = export(store, output_format, output, filters, with_names=with_names)
    note = f" ({report.skipped} events without a date or place left out)" if report.skipped else ""
    typer.echo(f"wrote {report.rows} rows to {output}{note}")


def _parse_date(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise OptionError(f"{option} {value!r} is not a date.", hint="write it as YYYY-MM-DD.") from exc


@app.command()
def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Counts by type (with the killed, injured and people stated), governorate and month, and movement flows."""
    from rasd.store.stats import compute

    result = compute(_open_store(db))
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return
    console = Console(width=120)
    console.print(f"{result.documents} documents, {result.events} events (rejected events left out)")
    by_type = Table(title="by type (a figure given for several events together is counted once)")
    for column in ("type", "events", "killed", "injured", "people"):
        by_type.add_column(column, justify="left" if column == "type" else "right")
    for key, n in result.by_type.most_common():
        by_type.add_row(key, str(n), *(str(c.get(key, "")) for c in (result.killed, result.injured, result.people)))
    console.print(by_type)
    for title, counter in (("by governorate", result.by_governorate), ("by month", result.by_month)):
        table = Table(title=title)
        table.add_column(title.split()[-1])
        table.add_column("events", justify="right")
        items = sorted(counter.items()) if title == "by month" else counter.most_common()
        for key, n in items:
            table.add_row(key, str(n))
        console.print(table)
    flows = Table(title="movement flows (defection, displacement)")
    for column in ("origin", "destination", "events", "people"):
        flows.add_column(column)
    for flow in result.flows:
        flows.add_row(flow.origin, flow.destination, str(flow.events), str(flow.people))
    console.print(flows)


audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify(db: DbOption = None) -> None:
    """Check the audit chain and every stored document's hash; exit 1 on any tampering."""
    store = _open_store(db)
    problems = store.verify()
    for problem in problems:
        typer.echo(f"TAMPERED {problem}", err=True)
    if problems:
        typer.echo(f"{len(problems)} problems found in {store.url}", err=True)
        raise typer.Exit(1)
    typer.echo(f"audit log and documents intact (head {store.audit_head() or 'empty'})")


@audit_app.command("head")
def audit_head(db: DbOption = None) -> None:
    """Print the newest entry's number and hash, to note outside the store."""
    typer.echo(_open_store(db).audit_head() or "empty")


incident_app = typer.Typer(help="Incidents: reports of the same happening, linked across documents.", no_args_is_help=True)
app.add_typer(incident_app, name="incidents")


@incident_app.command("link")
def incidents_link(db: DbOption = None, user: UserOption = None) -> None:
    """Run a linking pass (ingest runs one after storing new documents)."""
    report = _open_store(db, user).link_incidents()
    typer.echo(f"compared {report.compared} pairs: {report.new_incidents} new incidents, {report.new_links} events linked")


@incident_app.command("list")
def incidents_list(
    db: DbOption = None,
    grade: Annotated[list[str] | None, typer.Option(help="Only these grades (repeatable).")] = None,
) -> None:
    """Incidents with their sources, count ranges and grade."""
    store = _open_store(db)
    table = Table(title="incidents")
    for column in ("id", "type", "grade", "outlets", "sources", "counts (min-max)", "state"):
        table.add_column(column)
    for incident_id in store.incident_ids(tuple(grade or ())):
        found = store.incident(incident_id)
        counts = ", ".join(f"{k} {v['min']}-{v['max']}" for k, v in found["counts"].items()) or "-"
        table.add_row(str(incident_id), found["type"], found["grade"], str(found["independent_outlets"]),
                      str(len(found["sources"])), counts, found["state"])
    Console(width=120).print(table)


@incident_app.command("show")
def incidents_show(incident_id: int, db: DbOption = None) -> None:
    """One incident as JSON: every source with its own figures."""
    with _errors_to_exit():
        typer.echo(json.dumps(_open_store(db).incident(incident_id), ensure_ascii=False, indent=1))


@incident_app.command("review")
def incidents_review(
    incident_id: int,
    state: Annotated[str, typer.Option(help="new, reviewed, verified or rejected.")],
    reason: Annotated[str, typer.Option(help="Why (kept in the incident's history).")],
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Set an incident's review state (a new revision)."""
    with _errors_to_exit():
        incident = _open_store(db, user).review_incident(incident_id, state, reason)
    typer.echo(f"incident {incident.id} is {incident.state} (revision {incident.revision})")


@incident_app.command("merge")
def incidents_merge(
    keep: int,
    fold: int,
    reason: Annotated[str, typer.Option(help="Why the two are one happening.")],
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Merge incident FOLD into KEEP (linking never merges stored incidents by itself)."""
    with _errors_to_exit():
        moved = _open_store(db, user).merge_incidents(keep, fold, reason)
    typer.echo(f"incident {fold} merged into {keep}: {len(moved)} events moved")


@incident_app.command("unlink")
def incidents_unlink(
    event_id: int,
    reason: Annotated[str, typer.Option(help="Why this report is not the same happening.")],
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Take an event out of its incident; later linking passes keep it out."""
    with _errors_to_exit():
        incident_id = _open_store(db, user).unlink(event_id, reason)
    typer.echo(f"event {event_id} unlinked from incident {incident_id}")


@app.command()
def review(
    event_id: int,
    state: Annotated[str, typer.Option(help="new, reviewed, verified or rejected.")],
    reason: Annotated[str, typer.Option(help="Why (kept in the event's history).")],
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Set an event's review state; the change is a new revision, nothing is overwritten."""
    with _errors_to_exit():
        event = _open_store(db, user).review_event(event_id, state, reason)
    typer.echo(f"event {event.id} is {event.state} (revision {event.revision})")


people_app = typer.Typer(help="People named in testimony, kept under pseudonyms.", no_args_is_help=True)
app.add_typer(people_app, name="people")


@people_app.command("add")
def people_add(
    name: Annotated[str | None, typer.Option(help="The person's name (seen only by custodians).")] = None,
    detail: Annotated[list[str] | None, typer.Option(help="KEY=VALUE facts that are not identifying (repeatable).")] = None,
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Record a person; prints the pseudonym that stands for them in events and exports."""
    details = dict(item.partition("=")[::2] for item in detail or [])
    typer.echo(_open_store(db, user).add_person(name, details))


@people_app.command("show")
def people_show(pseudonym: str, db: DbOption = None, user: UserOption = None) -> None:
    """A person's record (the name only for a custodian); the read is audited."""
    with _errors_to_exit():
        typer.echo(json.dumps(_open_store(db, user).read_person(pseudonym), ensure_ascii=False))


@people_app.command("attach")
def people_attach(
    event_id: int,
    pseudonym: str,
    role: Annotated[str, typer.Option(help="victim, witness, defector, detainee, perpetrator ...")],
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Link a person to an event in a role."""
    with _errors_to_exit():
        _open_store(db, user).attach_person(event_id, pseudonym, role)
    typer.echo(f"{pseudonym} is {role} in event {event_id}")


@app.command()
def edit(
    event_id: int,
    change: Annotated[list[str], typer.Option(help="FIELD=VALUE, VALUE as JSON or plain text, e.g. certainty=confirmed "
                                                   "or 'counts=[{\"category\": \"killed\", \"value\": 14}]' (repeatable).")],
    reason: Annotated[str, typer.Option(help="Why (kept in the event's history).")],
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Correct an event's facts; the correction is a new revision and the old one stays readable."""
    changes: dict[str, Any] = {}
    for item in change:
        field, sep, raw = item.partition("=")
        if not sep or not field:
            _fail(OptionError(f"--change {item!r} is not FIELD=VALUE.", hint="write e.g. --change certainty=confirmed."))
        try:
            changes[field] = json.loads(raw)
        except json.JSONDecodeError:
            changes[field] = raw
    with _errors_to_exit():
        event = _open_store(db, user).edit_event(event_id, changes, reason)
    typer.echo(f"event {event.id} revised (revision {event.revision}): {', '.join(sorted(changes))}")


@app.command()
def history(event_id: int, db: DbOption = None) -> None:
    """Every revision of an event: who, when, what state, why."""
    with _errors_to_exit():
        revisions = _open_store(db).history(event_id)
    for rev in revisions:
        typer.echo(f"{rev.revision}\t{rev.at:%Y-%m-%d %H:%M}\t{rev.author}\t{rev.state}\t{rev.reason}")


@app.command("settings")
def show_settings() -> None:
    """Every setting, its environment variable, current value and meaning."""
    from rasd import settings

    for setting in settings.ALL:
        typer.echo(f"{setting.env}={setting.value()}\n    {setting.help} (default {setting.default})")


@app.command()
def normalise(text: Annotated[str, typer.Argument(help="Arabic text to normalise.")]) -> None:
    """Show how rasd normalises text for matching (offsets are kept)."""
    from rasd.lang.arabic import arabic

    typer.echo(arabic().normaliser.normalise(text).text)


@app.command()
def version() -> None:
    """Print the rasd version."""
    from rasd import __version__

    typer.echo(__version__)


def main() -> None:  # pragma: no cover - console entry
    app()
