"""``skillpulse ingest``: load event files into the store."""

from __future__ import annotations

import sys
from typing import Any

import click

from skillpulse.cli.common import db_option, echo_json, print_table

KIND_CHOICES = ["postings", "searches", "hires", "profiles", "survey"]


@click.command()
@click.argument("kind", type=click.Choice(KIND_CHOICES))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option
@click.option("--map", "pairs", multiple=True, metavar="FIELD=COLUMN",
              help="Read contract FIELD from input COLUMN (repeatable).")
@click.option("--mapping", "mapping_file", type=click.Path(exists=True, dir_okay=False),
              help="A TOML file of FIELD = \"COLUMN\" pairs (see examples/).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]),
              help="Input format [default: from the file extension].")
@click.option("--name", help="Survey name (kind 'survey' only).")
@click.option("--weight", help="Survey weight column (kind 'survey' only).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the per-file summary as JSON.")
def ingest(kind: str, files: tuple[str, ...], db: str | None, pairs: tuple[str, ...],
           mapping_file: str | None, fmt: str | None, name: str | None, weight: str | None,
           quiet: bool, as_json: bool) -> None:
    """Load FILES of events of KIND (postings, searches, hires, profiles, survey).

    Every row is loaded, rejected (see `skillpulse rejects`) or counted as a duplicate of a
    row already stored (same kind and id). Each file loads atomically. Formats: JSONL, CSV,
    Parquet, optionally .gz or .bz2 compressed.
    """
    from skillpulse.cli.common import db_path
    from skillpulse.store import open_store

    with open_store(db_path(db)) as store:
        if kind == "survey":
            results = _ingest_survey(store, files, name, weight, fmt)
        else:
            results = _ingest_events(store, kind, files, pairs, mapping_file, fmt,
                                     show_progress=not quiet and sys.stderr.isatty())
    if as_json:
        echo_json({"files": results})
        return
    columns = ["file", "kind", "read", "loaded", "rejected", "duplicates"]
    print_table(None, columns, [[r.get(c, "") for c in columns] for r in results])


def _ingest_events(store: Any, kind: str, files: tuple[str, ...], pairs: tuple[str, ...],
                   mapping_file: str | None, fmt: str | None,
                   show_progress: bool) -> list[dict[str, Any]]:
    from pathlib import Path

    from skillpulse.ingest import build_mapping, ingest_file

    mapping = build_mapping(mapping_file, pairs)
    results = []
    for file in files:
        if show_progress:
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            total = Path(file).stat().st_size if Path(file).is_file() else None
            from skillpulse.cli.common import stderr_console

            with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                          TimeRemainingColumn(), transient=True,
                          console=stderr_console()) as bar:
                task = bar.add_task(f"ingest {Path(file).name}", total=total)

                def advance(done: int, _rows: int, t: Any = task, b: Any = bar) -> None:
                    b.update(t, completed=done)

                info = ingest_file(store, kind, file, mapping=mapping, fmt=fmt, progress=advance)
        else:
            info = ingest_file(store, kind, file, mapping=mapping, fmt=fmt)
        results.append({k: v for k, v in info.to_dict().items()
                        if k in ("file", "kind", "read", "loaded", "rejected", "duplicates")})
    return results


def _ingest_survey(store: Any, files: tuple[str, ...], name: str | None, weight: str | None,
                   fmt: str | None) -> list[dict[str, Any]]:
    from skillpulse.errors import SkillpulseError

    if not name:
        raise SkillpulseError("ingest survey needs --name NAME")
    if len(files) != 1:
        raise SkillpulseError("ingest survey takes exactly one FILE per --name")
    from skillpulse.survey.ingest import ingest_survey

    info = ingest_survey(store, files[0], name=name, weight=weight, fmt=fmt)
    data = info.to_dict() if hasattr(info, "to_dict") else dict(info.__dict__)
    return [{"file": data.get("file"), "kind": "survey", "name": name,
             "read": data.get("read"), "loaded": data.get("loaded"),
             "rejected": data.get("rejected"), "duplicates": 0}]


COMMANDS = {"ingest": ingest}
