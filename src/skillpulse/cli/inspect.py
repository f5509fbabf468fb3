"""``skillpulse status``, ``rejects`` and ``export``: look into the store."""

from __future__ import annotations

import click

from skillpulse.cli.common import db_option, echo_json, json_option, print_table


@click.command()
@db_option
@json_option
def status(db: str | None, as_json: bool) -> None:
    """Counts, date ranges and rejects per kind, and the database size."""
    from skillpulse.store import open_store
    from skillpulse.store.inspect import status as store_status

    with open_store(db, create=False) as store:
        result = store_status(store)
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
    from dataclasses import asdict

    from skillpulse.store import open_store
    from skillpulse.store.inspect import rejects as list_rejects

    with open_store(db, create=False) as store:
        found = list_rejects(store, kind=kind, limit=limit)
    if as_json:
        echo_json({"rejects": [asdict(r) for r in found]})
        return
    print_table(None, ["kind", "file", "line", "field", "reason", "raw"],
                [[r.kind, r.file, r.line, r.field, r.reason, (r.raw or "")[:80]] for r in found])


@click.command()
@click.argument("kind", type=click.Choice(["postings", "searches", "hires", "profiles"]))
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="Output file: .parquet, .csv or .jsonl.")
@db_option
def export(kind: str, out: str, db: str | None) -> None:
    """Write the stored events of KIND back out to a file."""
    from skillpulse.store import open_store
    from skillpulse.store.inspect import export_events

    with open_store(db, create=False) as store:
        n = export_events(store, kind, out)
    click.echo(f"wrote {n:,} {kind} to {out}")


COMMANDS = {"status": status, "rejects": rejects, "export": export}
