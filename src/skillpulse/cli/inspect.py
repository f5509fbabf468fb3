"""``skillpulse status``, ``rejects`` and ``export``: look into the store."""

from __future__ import annotations

import click

from skillpulse.cli.common import (
    db_option,
    echo_json,
    json_option,
    print_table,
    taxonomy_files_option,
    workspace,
)
from skillpulse.store.kinds import KIND_NAMES

EXPORTS = [*KIND_NAMES, "mentions", "doc-skills"]


@click.command()
@db_option
@json_option
def status(db: str | None, as_json: bool) -> None:
    """Counts, date ranges and rejects per kind, and the database size."""
    result = workspace(db=db).status()
    if as_json:
        echo_json(result.to_dict())
        return
    rows = [[k, v.count, v.first, v.last, v.rejected] for k, v in result.kinds.items()]
    print_table(None, ["kind", "count", "first", "last", "rejected"], rows)
    click.echo(f"database: {result.db_bytes:,} bytes")


@click.command()
@click.option("--kind", help="Only rejects of this kind.")
@click.option("--limit", default=50, show_default=True, help="At most this many rows.")
@db_option
@json_option
def rejects(kind: str | None, limit: int, db: str | None, as_json: bool) -> None:
    """The rows that ingest rejected, with file, line, field and reason."""
    found = workspace(db=db).rejects(kind=kind, limit=limit)
    if as_json:
        echo_json({"rejects": [r.to_dict() for r in found]})
        return
    print_table(None, ["kind", "file", "line", "field", "reason", "raw"],
                [[r.kind, r.file, r.line, r.field, r.reason, (r.raw or "")[:80]] for r in found])


@click.command()
@click.argument("what", metavar="postings|searches|hires|profiles|mentions|doc-skills",
                type=click.Choice(EXPORTS))
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="Output file: .parquet, .csv or .jsonl.")
@click.option("--kind", type=click.Choice(KIND_NAMES),
              default=None, help="mentions, doc-skills: only documents of this kind "
                                 "[default: every kind].")
@click.option("--taxonomy-version", default=None,
              help="mentions, doc-skills: export this taxonomy version [default: per kind, "
                   "the newest extraction's, the one rankings count].")
@db_option
@taxonomy_files_option
@json_option
def export(what: str, out: str, kind: str | None, taxonomy_version: str | None,
           db: str | None, taxonomy_files: tuple[str, ...], as_json: bool) -> None:
    """Write the stored events of a kind, every skill mention (mentions: kind, doc_id,
    event_at, skill_id, label, method, field, start, end, text, confidence,
    taxonomy_version) or one row per document and skill (doc-skills: what rankings count)
    to a file."""
    info = workspace(db=db, taxonomy_files=taxonomy_files).export(
        what, out=out, kind=kind, taxonomy_version=taxonomy_version)
    if as_json:
        echo_json(info.to_dict())
        return
    versions = "; ".join(f"{k}: {v}" for k, v in info.taxonomy_versions.items())
    click.echo(f"wrote {info.rows:,} {what} to {out}" + (f" (taxonomy {versions})"
                                                          if versions else ""))


COMMANDS = {"status": status, "rejects": rejects, "export": export}
