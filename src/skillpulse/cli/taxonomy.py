"""``skillpulse taxonomy``: show, search, stats and merge-report over the skill taxonomy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from skillpulse.cli.common import echo_json, json_option, print_table, taxonomy_files_option

F = TypeVar("F", bound=Callable[..., Any])


#: ``--taxonomy-file PATH`` (repeatable), generated from the setting ``taxonomy_files``
taxonomy_file_option = taxonomy_files_option


def no_cache_option(func: F) -> F:
    return click.option(
        "--no-cache", is_flag=True,
        help="Build the default taxonomy from its files instead of the cache.",
    )(func)


def _load(taxonomy_files: tuple[str, ...], no_cache: bool) -> Any:
    from skillpulse.cli.common import resolved
    from skillpulse.taxonomy import Taxonomy

    files = resolved(taxonomy_files=taxonomy_files).taxonomy_files
    return Taxonomy.load(files, use_cache=not no_cache)


@click.group(name="taxonomy")
def taxonomy_group() -> None:
    """Inspect the skill taxonomy: the built-in gen-AI catalog merged with Lightcast Open
    Skills, O*NET Technology Skills and ESCO, plus your own files."""


@taxonomy_group.command("show")
@click.argument("name")
@json_option
@taxonomy_file_option
@no_cache_option
def show(name: str, as_json: bool, taxonomy_files: tuple[str, ...], no_cache: bool) -> None:
    """Show the concept with ID, label or alias NAME (e.g. "stable diffusion"), and how
    extraction may match each of its names in free text: free, context (and the rule) or
    off, with the reason."""
    from skillpulse.taxonomy.inspect import concept_dict

    tax = _load(taxonomy_files, no_cache)
    concept = tax.resolve(name)
    data = concept_dict(tax, concept)
    others = [c.id for c in tax.lookup(name) if c.id != concept.id]
    data["other_concepts_with_this_name"] = others
    if as_json:
        echo_json(data)
        return
    parent = data["parent"]
    rows = [
        ["id", data["id"]], ["label", data["label"]],
        ["aliases", ", ".join(data["aliases"])], ["ambiguous", ", ".join(data["ambiguous"])],
        ["category", data["category"]],
        ["parent", f"{parent['id']} ({parent['label']})" if isinstance(parent, dict) else parent],
        ["children", ", ".join(data["children"][:20])],
        ["description", data["description"]],
        ["sources", ", ".join(f"{s['source']}:{s['id']}" for s in data["sources"])],
        ["related roles", ", ".join(data["roles"][:30])
         + (f" (+{len(data['roles']) - 30} more)" if len(data["roles"]) > 30 else "")],
        ["flags", ", ".join(data["flags"])],
        ["same name", ", ".join(others)],
        ["taxonomy", data["taxonomy_version"]],
    ]
    for row in data.get("free_text", []):
        rule = f" (rule {row['rule']})" if row["rule"] else ""
        elsewhere = (f"; matched as {row['matches']}"
                     if row["matches"] and row["matches"] != data["id"] else "")
        rows.append([f"free text: {row['name']} ({row['source']} {row['kind']})",
                     f"{row['free_text']}{rule}: {row['why']}{elsewhere}"])
    print_table(None, ["field", "value"], rows)


@taxonomy_group.command("search")
@click.argument("text")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000),
              help="Most hits to print.")
@json_option
@taxonomy_file_option
@no_cache_option
def search_cmd(text: str, limit: int, as_json: bool, taxonomy_files: tuple[str, ...],
               no_cache: bool) -> None:
    """Find concepts whose names equal TEXT, contain it as whole words or as a substring, or
    resemble it (fuzzy ratio); one hit per concept, the catalog first on ties."""
    from skillpulse.taxonomy.inspect import search

    tax = _load(taxonomy_files, no_cache)
    hits = search(tax, text, limit=limit)
    if as_json:
        echo_json([h.__dict__ for h in hits])
        return
    print_table(None, ["id", "label", "matched name", "score", "source"],
                [[h.concept_id, h.label, h.name, h.score, h.source] for h in hits])


@taxonomy_group.command("stats")
@click.option("--categories", default=15, show_default=True, type=click.IntRange(1),
              help="How many of the largest categories to list (JSON lists all).")
@json_option
@taxonomy_file_option
@no_cache_option
def stats_cmd(categories: int, as_json: bool, taxonomy_files: tuple[str, ...],
              no_cache: bool) -> None:
    """Concepts per source and category, names, aliases, ambiguous and colliding names."""
    from skillpulse.taxonomy.inspect import stats

    tax = _load(taxonomy_files, no_cache)
    data = stats(tax, top_categories=None if as_json else categories)
    if as_json:
        echo_json(data)
        return
    scalars = [[k, v] for k, v in data.items() if not isinstance(v, dict)]
    print_table("taxonomy", ["measure", "value"], scalars)
    for key in ("concepts_per_source", "concepts_per_primary_source", "names_per_kind",
                "concepts_per_category"):
        print_table(key.replace("_", " "), ["", "concepts" if "kind" not in key else "names"],
                    [[k, v] for k, v in data[key].items()])


@taxonomy_group.command("merge-report")
@click.option("--limit", default=25, show_default=True, type=click.IntRange(0),
              help="Rows per section in the table output (JSON lists everything).")
@json_option
@taxonomy_file_option
@no_cache_option
def merge_report_cmd(limit: int, as_json: bool, taxonomy_files: tuple[str, ...],
                     no_cache: bool) -> None:
    """Which source concepts were unified, which names collide, which unifications were
    skipped (ties). With --taxonomy-file: what your files unified with the default."""
    from skillpulse.errors import SkillpulseError

    tax = _load(taxonomy_files, no_cache)
    report = tax.merge_report
    if report is None:
        raise SkillpulseError("this taxonomy was not built by a merge")
    if as_json:
        echo_json(report.to_dict())
        return
    data = report.to_dict(limit)
    summary = data["summary"]
    print_table("merge summary", ["measure", "value"],
                [[k, v] for k, v in summary.items() if not isinstance(v, list | dict)]
                + [[f"unified {k}", v] for k, v in summary["unified_by_sources"].items()])
    print_table(f"unified (first {limit})", ["id", "label", "members"], [
        [u["id"], u["label"], "; ".join(f"{m['source']}:{m['id']} [{m['how']}]"
                                        for m in u["members"])]
        for u in data["unified"]])
    print_table(f"colliding names (first {limit})", ["name", "concepts"], [
        [c["name"], "; ".join(f"{x['id']} ({x['source']} {x['kind']})" for x in c["concepts"])]
        for c in data["collisions"]])
    print_table(f"skipped unifications (first {limit})", ["id", "name", "candidates", "reason"],
                [[s["id"], s["name"], ", ".join(s["candidates"]), s["reason"]]
                 for s in data["skipped"]])


@taxonomy_group.command("propose")
@click.option("--from", "from_path", required=True, type=click.Path(dir_okay=False),
              help="The JSON written by 'skillpulse discover --json'.")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False),
              help="The catalog user file to write (YAML).")
@click.option("--top", default=None, type=click.IntRange(1),
              help="Only the first N candidates [default: all].")
@taxonomy_file_option
@no_cache_option
def propose_cmd(from_path: str, out_path: str, top: int | None,
                taxonomy_files: tuple[str, ...], no_cache: bool) -> None:
    """Write discovered candidates as a catalog user file to edit: IDs under 'user.', label,
    aliases (the other variants), suggested parent (the nearest concept) and its category,
    the evidence as comments. Load the edited file with --taxonomy-file."""
    from skillpulse.discover.propose import propose, read_discovered

    info = propose(read_discovered(from_path), out_path, top=top,
                   taxonomy=_load(taxonomy_files, no_cache))
    click.echo(f"wrote {info.concepts} proposed concepts to {info.path}")


@taxonomy_group.command("diff")
@click.argument("a")
@click.argument("b")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0),
              help="Rows per section in the table output (JSON lists everything).")
@json_option
@no_cache_option
def diff_cmd(a: str, b: str, limit: int, as_json: bool, no_cache: bool) -> None:
    """What changed from taxonomy version A to B: concepts added, removed and changed. A
    and B are each 'default' (the default taxonomy) or a catalog file, read as the default
    taxonomy with that file on top (several files joined with ',')."""
    from skillpulse.taxonomy.diff import diff

    def version(spec: str) -> Any:
        files = () if spec == "default" else tuple(p for p in spec.split(",") if p)
        return _load(files, no_cache)

    result = diff(version(a), version(b))
    data = result.to_dict()
    if as_json:
        echo_json(data)
        return
    print_table("versions", ["", "version"], [["A", data["a"]], ["B", data["b"]]])
    for key in ("added", "removed"):
        print_table(f"{key} ({len(data[key])})", ["skill_id", "label", "category", "parent"],
                    [[c["skill_id"], c["label"], c["category"], c["parent"]]
                     for c in data[key][:limit]])
    print_table(f"changed ({len(data['changed'])})", ["skill_id", "field", "before", "after"],
                [[c["skill_id"], c["field"], c["before"], c["after"]]
                 for c in data["changed"][:limit]])


COMMANDS = {"taxonomy": taxonomy_group}
