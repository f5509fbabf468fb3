"""``skillpulse ingest``: load event files into the store."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from skillpulse.cli.common import db_option, echo_json, print_table
from skillpulse.store.kinds import KIND_NAMES

if TYPE_CHECKING:
    from skillpulse.store.base import Store

KIND_CHOICES = [*KIND_NAMES, "survey"]
#: exit code when every row of a file was rejected (the file was read, nothing loaded)
EXIT_ALL_REJECTED = 1
#: exit code after Ctrl-C (128 + SIGINT), as shells report it
EXIT_INTERRUPTED = 130


@click.command()
@click.argument("kind", type=click.Choice(KIND_CHOICES))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@db_option
@click.option("--map", "pairs", multiple=True, metavar="FIELD=COLUMN",
              help="Read contract FIELD from input COLUMN (repeatable).")
@click.option("--set", "constants", multiple=True, metavar="FIELD=VALUE",
              help="Give FIELD one VALUE for every row, e.g. --set posted_at=2025-02-15 "
                   "(repeatable).")
@click.option("--id-from", "id_from", multiple=True, metavar="COLUMN[,COLUMN]",
              help="Derive the id as a stable hash of these columns when the file has none.")
@click.option("--dayfirst", is_flag=True, default=None,
              help="Read numeric dates as DD/MM/YYYY [default: MM/DD/YYYY].")
@click.option("--as-of", "as_of", metavar="DATE",
              help="The date relative dates ('2 days ago') count back from.")
@click.option("--window", metavar="FROM..TO",
              help="Plausible dates [FROM, TO); rows outside are rejected "
                   "[default: 1990-01-01..2100-01-01].")
@click.option("--mapping", "mapping_file", type=click.Path(exists=True, dir_okay=False),
              help="A TOML mapping file (see docs/data-format.md and examples/).")
@click.option("--infer-mapping", is_flag=True,
              help="Print a mapping TOML guessed from the file's header and first rows, "
                   "to check and save; loads nothing.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]),
              help="Input format [default: from the file extension].")
@click.option("--name", help="Survey name (kind 'survey' only).")
@click.option("--weight", help="Survey weight column (kind 'survey' only).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the per-file summary as JSON.")
def ingest(kind: str, files: tuple[str, ...], db: str | None, pairs: tuple[str, ...],
           constants: tuple[str, ...], id_from: tuple[str, ...], dayfirst: bool | None,
           as_of: str | None, window: str | None, mapping_file: str | None,
           infer_mapping: bool, fmt: str | None, name: str | None, weight: str | None,
           quiet: bool, as_json: bool) -> None:
    """Load FILES of events of KIND (postings, searches, hires, profiles, survey).

    Every row is loaded, rejected (see `skillpulse rejects`) or counted as a duplicate of a
    row already stored (same kind and id). Each file loads atomically. Formats: JSONL, CSV,
    Parquet, optionally .gz or .bz2 compressed. A mapping that names a column the file lacks
    stops before loading (exit 2); a file whose rows are all rejected exits 1 with the top
    reasons; Ctrl-C exits 130 and stores nothing of the file being read.
    """
    from skillpulse.errors import SkillpulseError

    if infer_mapping:
        if kind == "survey":
            raise SkillpulseError("--infer-mapping works for postings, searches, hires, profiles")
        if len(files) != 1:
            raise SkillpulseError("--infer-mapping reads one FILE (it prints one mapping)")
        from pathlib import Path

        from skillpulse.errors import InputFileError
        from skillpulse.ingest.infer import infer_mapping as infer

        if not Path(files[0]).is_file():
            raise InputFileError(files[0], "no such file")
        click.echo(infer(kind, Path(files[0]), fmt=fmt).to_toml(), nl=False)
        return
    from skillpulse.cli.common import workspace

    failed: list[str] = []
    results: list[dict[str, Any]] = []
    try:
        with workspace(db=db).store(write=True) as store:
            if kind == "survey":
                results = _ingest_survey(store, files, name, weight, fmt)
            else:
                mapping = _mapping(mapping_file, pairs, constants, id_from, dayfirst, as_of,
                                   window)
                _ingest_events(store, kind, files, mapping, fmt, failed, results,
                               show_progress=not quiet and sys.stderr.isatty())
    except KeyboardInterrupt:
        # Ctrl-C anywhere (also while modules load or the store opens): the file being read
        # is rolled back, the ones before it are stored
        from skillpulse.errors import IngestInterrupted

        current = files[min(len(results), len(files) - 1)]
        stored = f" ({len(results)} earlier file(s) were stored)" if results else ""
        click.echo(f"error: {IngestInterrupted(current)}{stored}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if as_json:
        echo_json({"files": results})
    else:
        columns = ["file", "kind", "read", "loaded", "rejected", "duplicates"]
        print_table(None, columns, [[r.get(c, "") for c in columns] for r in results])
    for message in failed:
        click.echo(message, err=True)
    if failed:
        # SystemExit, not click's Exit: without standalone mode click returns Exit's code
        # instead of raising it, and run_cli would report success
        sys.exit(EXIT_ALL_REJECTED)


def _mapping(mapping_file: str | None, pairs: tuple[str, ...], constants: tuple[str, ...],
             id_from: tuple[str, ...], dayfirst: bool | None, as_of: str | None,
             window: str | None) -> Any:
    from skillpulse.errors import MappingError
    from skillpulse.ingest import build_mapping

    bounds = None
    if window is not None:
        low, sep, high = window.partition("..")
        if not sep:
            raise MappingError(f"--window expects FROM..TO, got {window!r}")
        bounds = (low.strip(), high.strip())
    return build_mapping(mapping_file, pairs, constants=constants, id_from=id_from,
                         dayfirst=dayfirst, as_of=as_of, window=bounds)


def _ingest_events(store: Store, kind: str, files: tuple[str, ...], mapping: Any,
                   fmt: str | None, failed: list[str], results: list[dict[str, Any]],
                   show_progress: bool) -> None:
    """Ingest each file, appending its summary to ``results`` (and a message to ``failed``
    when all its rows were rejected)."""
    from skillpulse.errors import IngestInterrupted

    for file in files:
        try:
            info = _ingest_one(store, kind, file, mapping, fmt, show_progress)
        except IngestInterrupted:
            raise KeyboardInterrupt from None  # reported by the command, as any Ctrl-C
        results.append({k: v for k, v in info.to_dict().items()
                        if k in ("file", "kind", "read", "loaded", "rejected", "duplicates")})
        if info.all_rejected:
            reasons = "; ".join(
                f"{r.field + ': ' if r.field else ''}{r.reason} ({r.count:,} "
                f"row{'' if r.count == 1 else 's'})"
                for r in info.top_reasons)
            failed.append(f"error: {info.file}: all {info.read:,} rows were rejected; top "
                          f"reasons: {reasons} (see `skillpulse rejects`)")


def _ingest_one(store: Store, kind: str, file: str, mapping: Any, fmt: str | None,
                show_progress: bool) -> Any:
    from pathlib import Path

    from skillpulse.ingest import ingest_file

    if not show_progress:
        return ingest_file(store, kind, file, mapping=mapping, fmt=fmt)
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from skillpulse.cli.common import stderr_console

    total = Path(file).stat().st_size if Path(file).is_file() else None
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                  TimeRemainingColumn(), transient=True, console=stderr_console()) as bar:
        task = bar.add_task(f"ingest {Path(file).name}", total=total)

        def advance(done: int, _rows: int, t: Any = task, b: Any = bar) -> None:
            b.update(t, completed=done)

        return ingest_file(store, kind, file, mapping=mapping, fmt=fmt, progress=advance)


def _ingest_survey(store: Store, files: tuple[str, ...], name: str | None, weight: str | None,
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
