"""The ``rasd`` command."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

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
    dump: Annotated[Path, typer.Argument(help="A GeoNames dump: a country file (SY.txt) or allCountries.txt.")],
    alternate_names: Annotated[
        Path | None, typer.Option("--alternate-names", help="alternateNamesV2.txt, for the Arabic names of the dump's places.")
    ] = None,
) -> None:
    """Add the places of a local GeoNames dump (with Arabic names) to your gazetteer."""
    from rasd.lang.arabic import arabic
    from rasd.places.importer import import_geonames
    from rasd.places.index import load_index, user_gazetteer_path

    target = user_gazetteer_path()
    try:
        report = import_geonames(dump, target, alternate_names)
    except RasdError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"read {report.rows} rows: kept {report.kept} places with Arabic names, "
               f"skipped {report.without_arabic} without, {report.malformed} malformed")
    for example in report.examples_of_malformed:
        typer.echo(f"  malformed {example}", err=True)
    language = arabic()
    index = load_index(language.normaliser.normalise_term, language.places.joinable)
    typer.echo(f"gazetteer now holds {len(index)} places ({target})")


@gazetteer_app.command("info")
def gazetteer_info() -> None:
    """Show the gazetteer's size, the user file and the cache."""
    from rasd import settings
    from rasd.lang.arabic import arabic
    from rasd.places.index import load_index, user_gazetteer_path

    language = arabic()
    index = load_index(language.normaliser.normalise_term, language.places.joinable)
    typer.echo(f"places: {len(index)}")
    typer.echo(f"imported places file: {user_gazetteer_path()} ({'present' if user_gazetteer_path().exists() else 'none'})")
    typer.echo(f"cache: {settings.cache_dir()}")


@app.command()
def places(
    source: Annotated[str, typer.Argument(help="Arabic text, or the path of a text file.")],
) -> None:
    """Show the places a report names, how rasd placed them, and why (a table for analysts)."""
    from rasd.pipeline import default_extractor

    path = Path(source)
    text = path.read_text(encoding="utf-8") if len(source) < 4096 and path.is_file() else source
    found = default_extractor().extract(text).places
    table = Table(title=f"{len(found)} place mentions")
    for column in ("text", "offsets", "place", "Arabic", "country", "admin1", "precision", "lat, lon", "candidates"):
        table.add_column(column)
    for p in found:
        coords = f"{p.lat:.4f}, {p.lon:.4f}" if p.lat is not None and p.lon is not None else "-"
        table.add_row(p.text, f"{p.start}-{p.end}", p.name, p.name_ar, p.country, p.admin1 or "-", p.precision,
                      coords, str(p.candidates))
    Console(width=160).print(table)


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
