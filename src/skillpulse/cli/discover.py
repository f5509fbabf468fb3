"""``skillpulse discover``: emerging skill terms the taxonomy does not name.

Thin: parse options, call :func:`skillpulse.discover.emerging.discover`, print tables or JSON.
"""

from __future__ import annotations

import click

from skillpulse.cli.common import (
    db_option,
    echo_json,
    json_option,
    print_table,
    taxonomy_files_option,
)


@click.command("discover")
@click.option("--kind", required=True, type=click.Choice(["postings", "searches", "profiles"]),
              help="Documents to read.")
@click.option("--base", required=True, help="Base period (e.g. 2023Q1, 2023, 2023-01).")
@click.option("--current", required=True, help="Current period.")
@click.option("--min-count", default=5, show_default=True, type=click.IntRange(1),
              help="Least current-period documents a candidate needs.")
@click.option("--top", default=50, show_default=True, type=click.IntRange(1),
              help="Most candidates to list.")
@taxonomy_files_option
@click.option("--no-nearest", is_flag=True,
              help="Skip the nearest taxonomy concepts (the semantic linker).")
@db_option
@json_option
def discover_command(kind: str, base: str, current: str, min_count: int, top: int,
                     taxonomy_files: tuple[str, ...], no_nearest: bool, db: str | None,
                     as_json: bool) -> None:
    """Candidate skill terms in KIND documents that no taxonomy name covers, ranked by the
    lower bound of their rate ratio (current over base share of documents); terms absent
    in the base are breakouts, listed apart. Candidates come from the tags users typed, the
    phrases after skill cues ("experience with ..."), lists of skills and tool-like tokens
    (CamelCase, dotted, digits inside); ordinary English is filtered out. See
    docs/taxonomy.md. Write the JSON to a file and pass it to 'skillpulse taxonomy propose'.
    """
    from skillpulse.cli.common import resolved
    from skillpulse.discover.emerging import discover
    from skillpulse.taxonomy import Taxonomy
    from skillpulse.workspace import Workspace

    settings = resolved(db=db, taxonomy_files=taxonomy_files)
    with Workspace(settings).store() as store:  # a reading command never creates a store
        result = discover(store, kind=kind, base=base, current=current,
                          taxonomy=Taxonomy.load(settings.taxonomy_files),
                          min_count=min_count, top=top, nearest=not no_nearest)
    if as_json:
        echo_json(result.to_dict())
        return

    def rows(cands: tuple[object, ...]) -> list[list[object]]:
        out = []
        for c in cands:
            d = c.to_dict()  # type: ignore[attr-defined]
            out.append([d["rank"], d["term"], d["base_count"], d["current_count"],
                        "inf" if d["rate_ratio"] is None else f"{d['rate_ratio']:.3g}",
                        f"{d['ratio_low']:.3g}", d["first_seen"],
                        ", ".join(s["label"] for s in d["co_skills"][:3]),
                        ", ".join(s["label"] for s in d["nearest"][:2])])
        return out

    cols = ["#", "term", "base", "current", "ratio", "low", "first seen", "co-skills",
            "nearest"]
    print_table(f"emerging {kind} terms {result.base} -> {result.current} "
                f"({result.base_documents} -> {result.current_documents} documents)",
                cols, rows(result.ranked))
    print_table("breakouts (absent in the base)", cols, rows(result.breakouts))


COMMANDS = {"discover": discover_command}
