"""``skillpulse extract`` (text, a JSONL file, or the whole store) and ``eval tags``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from skillpulse.cli.common import (
    echo_json,
    engine_options,
    json_option,
    print_table,
    taxonomy_files_option,
    workers_option,
)

KIND_CHOICE = click.Choice(["posting", "search", "hire", "profile"])


def _taxonomy(files: tuple[str, ...]) -> Any:
    from skillpulse.cli.common import resolved
    from skillpulse.taxonomy import Taxonomy

    return Taxonomy.load(resolved(taxonomy_files=files).taxonomy_files)


def _read_jsonl(path: str) -> Any:
    import json

    from skillpulse.errors import InputFileError

    p = Path(path)
    try:
        fh = p.open(encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise InputFileError(path, exc.strerror or str(exc)) from exc
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise InputFileError(path, f"line {n}: not JSON ({exc})") from exc
            if not isinstance(rec, dict):
                raise InputFileError(path, f"line {n}: not a JSON object")
            yield rec


@click.command(name="extract")
@click.argument("text", required=False)
@click.option("--kind", type=KIND_CHOICE, default="posting", show_default=True,
              help="Document kind of TEXT or of the --input lines (search queries also get "
                   "fuzzy matching).")
@click.option("--input", "input_path", type=click.Path(dir_okay=False, exists=True),
              help="A JSONL file: one document per line with 'id' and the kind's fields "
                   "(posting/hire: title, description, skills; search: query; profile: "
                   "title, overview, skills). Writes one JSON line per input line; a line "
                   "that cannot be used gets {\"line\": N, \"error\": ...}, the rest of the file "
                   "goes on, and the command then exits 2.")
@click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
              help="Extract every document of this store (it must exist) not yet extracted "
                   "with the current taxonomy version, and store the mentions. Without TEXT, "
                   "--input or --db: the configured store (setting 'db', or the lake with "
                   "--engine spark).")
@engine_options
@taxonomy_files_option
@workers_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar (--db).")
@click.option("--semantic", is_flag=True,
              help="Also propose skills for phrases the dictionary missed, with the semantic "
                   "linker (method 'semantic'; needs the semantic extra; slower).")
@click.option("--with-field", is_flag=True,
              help="Add each mention's field (title, description, skills, ...) to the JSON.")
@click.option("--roles/--no-roles", default=True, show_default=True,
              help="Role nouns in titles and search queries imply their skill ('data "
                   "analyst' -> Data analysis; method 'role', confidence 0.8). TEXT and "
                   "--input only: --db always uses the default.")
@json_option
def extract_cmd(text: str | None, kind: str, input_path: str | None, db: str | None,
                taxonomy_files: tuple[str, ...], workers: int | None, quiet: bool, semantic: bool,
                with_field: bool, roles: bool, as_json: bool) -> None:
    """Find canonical skills in TEXT, in an --input JSONL file, or in the whole store (--db,
    else the configured store: with no argument, the store of the settings, on either engine).

    \b
    skillpulse extract "Senior ML engineer: PyTorch, LLM fine-tuning" --json
    skillpulse extract "chatgtp expert" --kind search
    skillpulse extract --input postings.jsonl --kind posting --json > mentions.jsonl
    skillpulse extract --db skillpulse.duckdb --workers 2
    skillpulse extract --engine spark --lake lake/
    skillpulse extract "keep the books in order" --semantic
    skillpulse extract "senior data analyst" --kind search --no-roles
    """
    from skillpulse.errors import ExtractionError

    modes = sum(x is not None for x in (text, input_path, db))
    if modes > 1:
        raise ExtractionError("give one of TEXT, --input FILE or --db PATH (none: the "
                              "configured store)")
    store_mode = text is None and input_path is None
    if store_mode and not roles:
        raise ExtractionError("--no-roles applies to TEXT and --input, not to the store")
    taxonomy = _taxonomy(taxonomy_files)
    if store_mode:
        from skillpulse.cli.common import resolved

        _extract_db(db, taxonomy, resolved(workers=workers).workers, quiet, as_json, semantic)
        return
    from skillpulse.extract.store import build_extractor

    extractor = build_extractor(taxonomy, semantic)
    if not roles and "role" in extractor.component_names:
        extractor.remove_component("role")

    def dump(m: Any) -> dict[str, Any]:
        d = m.public_dict()
        if with_field:
            d["field"] = m.field
        return d

    if input_path is not None:
        _extract_input(extractor, input_path, kind, dump)
        return
    mentions = extractor(text or "", kind)
    if as_json:
        echo_json({"mentions": [dump(m) for m in mentions]})
        return
    print_table(None, ["skill_id", "label", "text", "start", "end", "method", "confidence"],
                [[m.skill_id, m.label, m.text, m.start, m.end, m.method,
                  f"{m.confidence:.2f}"] for m in mentions])


def _extract_input(extractor: Any, path: str, kind: str, dump: Any) -> None:
    """One JSON line per non-blank input line; a line that cannot be used gets
    ``{"line": N, "error": ...}`` (and a warning on stderr) and the file goes on."""
    from skillpulse.errors import ExtractionError
    from skillpulse.extract.jsonl import extract_jsonl

    lines = 0
    bad: list[int] = []
    for item in extract_jsonl(extractor, path, kind=kind):
        lines += 1
        if item.error is not None:
            bad.append(item.line)
            echo_json({"line": item.line, "error": item.error})
            click.echo(f"warning: {path}:{item.line}: {item.error}", err=True)
            continue
        record = item.record or {}
        echo_json({"id": record.get("id"), "mentions": [dump(m) for m in item.mentions]})
    if bad:
        shown = ", ".join(map(str, bad[:10])) + (", ..." if len(bad) > 10 else "")
        raise ExtractionError(f"{path}: {len(bad)} of {lines} lines could not be used "
                              f"(line {shown}); the others were extracted")


def _extract_db(db: str | None, taxonomy: Any, workers: int, quiet: bool, as_json: bool,
                semantic: bool) -> None:
    from skillpulse.cli.common import workspace
    from skillpulse.workspace import extract_function

    show = not quiet and not as_json and sys.stderr.isatty()
    with workspace(db=db).store(write=True, create=False) as store:
        extract_store = extract_function(store)
        if show:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            from skillpulse.cli.common import stderr_console

            with Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), console=stderr_console(),
                          transient=True) as bar:
                task = bar.add_task("extract", total=None)

                def progress(done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total)

                info = extract_store(store, taxonomy, workers=workers, progress=progress,
                                     semantic=semantic)
        else:
            info = extract_store(store, taxonomy, workers=workers, semantic=semantic)
    if as_json:
        echo_json(info.to_dict())
        return
    click.echo(f"extracted {info.total_documents} documents "
               f"({', '.join(f'{k}: {v}' for k, v in info.documents.items() if v) or 'none new'}), "
               f"{info.mentions} mentions in {info.seconds:.1f} s "
               f"(taxonomy {info.taxonomy_version})")


@click.command(name="tags")
@click.option("--input", "input_path", type=click.Path(dir_okay=False, exists=True),
              required=True,
              help="JSONL postings with 'id', 'title', 'description' and 'skills' (the tags).")
@taxonomy_files_option
@click.option("--top", type=click.IntRange(1, 1000), default=15, show_default=True,
              help="Length of the false-positive and miss lists.")
@click.option("--show", "show", type=click.IntRange(0), default=0, show_default=True,
              help="Also print the first N postings where text and tags disagree: the "
                   "skills found in both, extracted only (+) and tagged only (-).")
@json_option
def eval_tags_cmd(input_path: str, taxonomy_files: tuple[str, ...], top: int, show: int,
                  as_json: bool) -> None:
    """Micro precision, recall and F1 of skills extracted from title + description against
    the postings' own skill tags (tags hidden from the extractor; unknown tags excluded).

    The false-positive and miss lists are ranked by count (postings where the skill is a
    false positive, or a miss) and show each skill's label, how many postings it was
    extracted from and tagged in, and its own precision and recall.
    """
    from skillpulse.extract import Extractor
    from skillpulse.extract.evaluate import evaluate_tags

    extractor = Extractor(_taxonomy(taxonomy_files))
    result = evaluate_tags(extractor, _read_jsonl(input_path), top=top, show=show)
    if as_json:
        echo_json(result.to_dict())
        return
    d = result.to_dict()
    print_table("eval tags", ["documents", "tags", "unknown tags", "tp", "fp", "fn",
                              "precision", "recall", "f1"],
                [[d["documents"], d["tags"], d["unknown_tags"], d["tp"], d["fp"], d["fn"],
                  f"{d['precision']:.3f}", f"{d['recall']:.3f}", f"{d['f1']:.3f}"]])

    def pct(v: float | None) -> str:
        return "-" if v is None else f"{v:.3f}"

    cols = ["skill_id", "label", "count", "extracted", "tagged", "precision", "recall"]
    for title, key in (("top false positives (by count)", "top_false_positives"),
                       ("top misses (by count)", "top_misses")):
        print_table(title, cols, [[r["skill_id"], r["label"], r["count"], r["extracted"],
                                   r["tagged"], pct(r["precision"]), pct(r["recall"])]
                                  for r in d[key]])
    for diff in d["diffs"]:
        rows = ([["=", x["skill_id"], x["label"]] for x in diff["both"]]
                + [["+", x["skill_id"], x["label"]] for x in diff["extracted_only"]]
                + [["-", x["skill_id"], x["label"]] for x in diff["tagged_only"]])
        print_table(f"{diff['id']}: {diff['title']} (tags: {', '.join(diff['tags'])})",
                    ["", "skill_id", "label"], rows)


COMMANDS = {"extract": extract_cmd}
EVAL_COMMANDS = {"tags": eval_tags_cmd}
