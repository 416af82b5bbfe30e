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
from rasd.errors import OptionError

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
    """Extract dates and quantities (with offsets into the original text) from Arabic reports."""
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
        console.print(table)


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
