"""Real-text extraction audit (issue 13): precision per source, error classes, reader recall.

Reruns the current extractor (the one ``skillpulse extract`` builds, over
``Taxonomy.default()``) on the audit documents in ``tests/data/extract/audit/docs.jsonl``
and joins its mentions to every hand-judged file ``judgements/*.jsonl`` on (doc_id, start,
end, skill_id).
It prints:

- mention precision, right / (right + wrong), per source and overall: ``sample`` counts each
  judged mention once; ``estimate`` weighs each by its sampling weight (the population of
  the audit documents; see ``README.md`` beside the data); borderline mentions are reported
  apart and count in neither;
- the error classes of the wrong mentions;
- judged mentions the extractor no longer produces (fixed errors, lost right mentions);
- recall of the skills a reader lists in ``reader_skills.jsonl``, per source, for the ads
  and (apart) for job titles, whose skills only role nouns imply;
- UNJUDGED mentions (new ones the extractor now produces), each with its context, so that a
  person can judge them and add them to a judgements file.

The source of a mention is the primary source of its concept (the source of the surviving
ID: ``skillpulse-genai`` for the built-in catalog, ``lightcast``, ``onet``, ``esco``);
``--by any`` counts a mention once under every source that lists its concept instead.

    python scripts/audit_extraction.py
    python scripts/audit_extraction.py --json > audit.json
    python scripts/audit_extraction.py --unjudged 20 --context 150
    python scripts/audit_extraction.py --template new.jsonl   # unjudged mentions to judge
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

AUDIT_DIR = (Path(__file__).resolve().parent.parent / "tests" / "data" / "extract" / "audit")

SOURCES = ("skillpulse-genai", "lightcast", "onet", "esco")
SOURCE_NAMES = {"skillpulse-genai": "catalog", "lightcast": "Lightcast", "onet": "O*NET",
                "esco": "ESCO"}
JUDGEMENTS = ("right", "wrong", "borderline")
#: soft-skill branches of the taxonomies (see :func:`soft_skill`)
SOFT_CATEGORIES = frozenset(["Physical and Inherent Abilities",
                             "personal skills and development"])
GENAI_CATEGORY = "generative-ai"
Key = tuple[str, int, int, str]


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file; a bad line stops with its file and line number."""
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise SystemExit(f"{path}:{n}: not JSON ({exc})") from exc
            if not isinstance(rec, dict):
                raise SystemExit(f"{path}:{n}: not a JSON object")
            yield rec


def load_judgements(folder: Path) -> dict[Key, dict[str, Any]]:
    """Every judged mention of ``folder/*.jsonl``, by key. A key judged again (in the same or
    another file) must get the same judgement: the first record is kept; a different
    judgement is an error naming both places."""
    out: dict[Key, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for n, rec in enumerate(read_jsonl(path), 1):
            for fld in ("doc_id", "start", "end", "skill_id", "judgement"):
                if fld not in rec:
                    raise SystemExit(f"{path}: record {n}: field '{fld}' missing")
            if rec["judgement"] not in JUDGEMENTS:
                raise SystemExit(f"{path}: record {n}: field 'judgement' is "
                                 f"{rec['judgement']!r}, not one of {', '.join(JUDGEMENTS)}")
            key = (str(rec["doc_id"]), int(rec["start"]), int(rec["end"]), str(rec["skill_id"]))
            if key in out:
                first = out[key]
                if first["judgement"] != rec["judgement"]:
                    raise SystemExit(
                        f"{path}: record {n}: {key} is judged {rec['judgement']!r}, but "
                        f"{first['judgement']!r} in {first['file']} record {first['record']}")
                continue
            out[key] = {**rec, "file": path.name, "record": n}
    return out


def concept_sources(taxonomy: Any, skill_id: str, fallback: Iterable[str] = ()
                    ) -> tuple[str, list[str]]:
    """(primary source, every source) of a concept; the recorded ones if the ID is gone."""
    try:
        concept = taxonomy.get(skill_id)
    except Exception:  # the concept left the taxonomy: keep what the judgement recorded
        found = list(fallback)
        return (found[0] if found else "custom"), found
    return concept.primary_source, sorted({s for s, _ in concept.sources})


def extract_all(extractor: Any, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every mention of every audit document (one field per document)."""
    out: list[dict[str, Any]] = []
    for doc in docs:
        for m in extractor.extract_document({doc["field"]: doc["text"]}, doc["kind"]):
            out.append({"doc_id": doc["doc_id"], "start": m.start, "end": m.end,
                        "text": m.text, "skill_id": m.skill_id, "label": m.label,
                        "method": m.method, "confidence": m.confidence})
    return out


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


Row = tuple[list[str], str, float, str]


def _standard_error(rows: list[tuple[str, float, str]], estimate: float) -> float:
    """Standard error of a stratified ratio estimate (Taylor linearisation).

    ``rows`` are (judgement, weight, stratum) of the mentions counted under one source. Per
    stratum h with n_h judged mentions standing for N_h = sum of their weights, the residuals
    e = [right] - R [right or wrong] give Var = sum_h N_h^2 (1 - n_h/N_h) s_h^2 / n_h, and the
    standard error is sqrt(Var) / (weighted right + wrong). A stratum judged completely
    (weight 1, as the census) adds nothing."""
    by_stratum: dict[str, list[tuple[float, float]]] = defaultdict(list)
    denominator = 0.0
    for judgement, weight, stratum in rows:
        x = 1.0 if judgement in ("right", "wrong") else 0.0
        e = (1.0 if judgement == "right" else 0.0) - estimate * x
        by_stratum[stratum].append((e, weight))
        denominator += weight * x
    variance = 0.0
    for units in by_stratum.values():
        n = len(units)
        big_n = sum(w for _, w in units)
        if n < 2 or big_n <= n:
            continue
        mean = sum(e for e, _ in units) / n
        s2 = sum((e - mean) ** 2 for e, _ in units) / (n - 1)
        variance += big_n ** 2 * (1 - n / big_n) * s2 / n
    return variance ** 0.5 / denominator if denominator else 0.0


def precision_table(rows: Iterable[Row]) -> dict[str, dict[str, Any]]:
    """Per source and ``overall``: counts, sample precision and weighted estimate with its
    standard error.

    ``rows`` are (sources the mention counts under, judgement, weight, stratum)."""
    raw: dict[str, Counter[str]] = defaultdict(Counter)
    wsum: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(JUDGEMENTS, 0.0))
    units: dict[str, list[tuple[str, float, str]]] = defaultdict(list)
    for sources, judgement, weight, stratum in rows:
        for src in [*sources, "overall"]:
            raw[src][judgement] += 1
            wsum[src][judgement] += weight
            units[src].append((judgement, weight, stratum))
    table: dict[str, dict[str, Any]] = {}
    for src in [*SOURCES, *sorted(set(raw) - set(SOURCES) - {"overall"}), "overall"]:
        if src not in raw:
            continue
        c, w = raw[src], wsum[src]
        estimate = _ratio(w["right"], w["right"] + w["wrong"])
        table[src] = {
            "judged": sum(c.values()), "right": c["right"], "wrong": c["wrong"],
            "borderline": c["borderline"],
            "precision_sample": _ratio(c["right"], c["right"] + c["wrong"]),
            "precision_estimate": estimate,
            "precision_estimate_se": (None if estimate is None else
                                      round(_standard_error(units[src], estimate), 4)),
            "borderline_share": _ratio(w["borderline"], sum(w.values())),
        }
    return table


def soft_skill(taxonomy: Any, skill_id: str) -> bool:
    """A soft skill by the taxonomy's own grouping: Lightcast's "Physical and Inherent
    Abilities" (social skills, personal attributes, critical thinking, initiative and
    leadership) or ESCO's "personal skills and development" (communication)."""
    try:
        concept = taxonomy.get(skill_id)
    except Exception:  # the concept left the taxonomy
        return False
    seen = 0
    while concept is not None and seen < 8:
        if concept.category in SOFT_CATEGORIES or concept.label in SOFT_CATEGORIES:
            return True
        parent = concept.parent
        concept = taxonomy.get(parent) if parent and parent in taxonomy else None
        seen += 1
    return False


def genai(taxonomy: Any, skill_id: str) -> bool:
    """A concept of the catalog's generative-AI category (the report's gen-AI share)."""
    try:
        return bool(taxonomy.get(skill_id).category == GENAI_CATEGORY)
    except Exception:  # the concept left the taxonomy
        return False


def recall_table(reader: list[dict[str, Any]], found: Mapping[str, set[str]], taxonomy: Any,
                 keep: Any = None) -> dict[str, Any]:
    """Recall of the reader's skills: a skill counts as found when the document has a mention
    of its concept, of another concept with the same label (another source's copy), or of a
    concept under one of those (as the gold-set evaluation counts). ``keep(skill_id)``, when
    given, selects the reader skills counted."""
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    no_concept = 0
    for rec in reader:
        ids = found.get(rec["doc_id"], set())
        for skill in rec["skills"]:
            sid = skill.get("skill_id")
            if not sid:
                no_concept += 1
                continue
            if keep is not None and not keep(sid):
                continue
            try:
                concept = taxonomy.get(sid)
                same = {sid, *(c.id for c in taxonomy.lookup(concept.label))}
                wanted = same | {c.id for s in same for c in taxonomy.descendants(s)}
                src = concept.primary_source
            except Exception:  # the concept left the taxonomy
                wanted, src = {sid}, "custom"
            ok = bool(wanted & ids)
            for key in (src, "overall"):
                total[key] += 1
                hit[key] += ok
            if not ok:
                misses.append({"doc_id": rec["doc_id"], "text": skill["text"],
                               "skill_id": sid, "source": src})
    per = {src: {"skills": total[src], "found": hit[src], "recall": _ratio(hit[src], total[src])}
           for src in [*SOURCES, "overall"] if total[src]}
    return {"documents": len(reader), "per_source": per, "not_in_taxonomy": no_concept,
            "misses": misses}


def _split_key(key: str) -> tuple[int, int, str]:
    start, end, skill_id = key.split(":", 2)
    return int(start), int(end), skill_id


def context(text: str, start: int, end: int, width: int) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return (left + "[[" + text[start:end] + "]]" + right).replace("\n", " / ")


def audit(audit_dir: Path = AUDIT_DIR, *, by: str = "primary", context_chars: int = 150,
          extractor: Any = None) -> dict[str, Any]:
    """Run the audit; returns everything the report prints."""
    from skillpulse.extract.store import build_extractor
    from skillpulse.taxonomy import Taxonomy

    docs = list(read_jsonl(audit_dir / "docs.jsonl"))
    texts = {d["doc_id"]: d["text"] for d in docs}
    judged = load_judgements(audit_dir / "judgements")
    design = json.loads((audit_dir / "design.json").read_text(encoding="utf-8"))
    census = set(design.get("census_documents", []))
    population = {(doc_id, *_split_key(k)) for doc_id, keys in design.get("population", {}).items()
                  for k in keys}
    if extractor is None:
        # the extractor `skillpulse extract` builds, over the default taxonomy (user taxonomy
        # files of the environment are not merged: the judgements are for this taxonomy)
        extractor = build_extractor(Taxonomy.default())
    taxonomy = extractor.taxonomy
    mentions = extract_all(extractor, docs)

    rows: list[Row] = []
    census_rows: list[Row] = []
    genai_rows: list[Row] = []
    genai_census_rows: list[Row] = []
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    seen: set[Key] = set()
    unjudged: list[dict[str, Any]] = []
    found: dict[str, set[str]] = defaultdict(set)
    not_sampled = 0
    for m in mentions:
        found[m["doc_id"]].add(m["skill_id"])
        key = (m["doc_id"], m["start"], m["end"], m["skill_id"])
        rec = judged.get(key)
        primary, every = concept_sources(taxonomy, m["skill_id"])
        if rec is None:
            if m["doc_id"] not in census and key in population:
                not_sampled += 1  # in the sampled population, not drawn: no judgement needed
                continue
            unjudged.append({**m, "source": primary, "sources": every,
                             "census": m["doc_id"] in census, "new": key not in population,
                             "context": context(texts[m["doc_id"]], m["start"], m["end"],
                                                context_chars)})
            continue
        seen.add(key)
        srcs = [primary] if by == "primary" else every
        weight = float(rec.get("weight", 1.0))
        row = (srcs, rec["judgement"], weight, str(rec.get("stratum", "unstratified")))
        rows.append(row)
        if m["doc_id"] in census:
            census_rows.append((srcs, rec["judgement"], 1.0, "census"))
        if genai(taxonomy, m["skill_id"]):
            genai_rows.append(row)
            if m["doc_id"] in census:
                genai_census_rows.append((srcs, rec["judgement"], 1.0, "census"))
        if rec["judgement"] == "wrong":
            for src in [*srcs, "overall"]:
                classes[src][rec.get("error_class") or "other"] += 1
    # judged mentions of the sampled population the extractor no longer produces (fixed
    # errors, lost right mentions); judgements of mentions another extractor version found
    # (outside the population) that this one does not produce are only counted
    gone = [rec for key, rec in judged.items() if key not in seen and key in population]
    gone_counts = Counter(rec["judgement"] for rec in gone)
    other_versions = sum(1 for key in judged if key not in seen and key not in population)

    reader_path = audit_dir / "reader_skills.jsonl"
    reader = list(read_jsonl(reader_path)) if reader_path.exists() else []
    fields = {d["doc_id"]: d["field"] for d in docs}
    ads = [r for r in reader if fields.get(r["doc_id"]) != "title"]
    titles = [r for r in reader if fields.get(r["doc_id"]) == "title"]
    unjudged_census = sum(1 for u in unjudged if u["census"])
    return {
        "taxonomy_version": taxonomy.version,
        "sampled_with": design.get("taxonomy_version"),
        "documents": len(docs),
        "mentions": len(mentions),
        "judged_in_files": len(judged),
        "by": by,
        "precision": precision_table(rows),
        "precision_census_documents": precision_table(census_rows),
        "error_classes": {src: dict(c.most_common()) for src, c in classes.items()},
        "no_longer_produced": {"right": gone_counts["right"], "wrong": gone_counts["wrong"],
                               "borderline": gone_counts["borderline"],
                               "mentions": [{k: r.get(k) for k in (
                                   "doc_id", "start", "end", "text", "skill_id", "label",
                                   "judgement", "reason")} for r in gone]},
        "judged_not_produced_outside_population": other_versions,
        "recall": recall_table(ads, found, taxonomy),
        # the clear, specific skills: the reader's list without soft skills
        "recall_specific": recall_table(ads, found, taxonomy,
                                        lambda sid: not soft_skill(taxonomy, sid)),
        "precision_genai": precision_table(genai_rows),
        "precision_genai_census_documents": precision_table(genai_census_rows),
        "recall_genai": recall_table(ads + titles, found, taxonomy,
                                     lambda sid: genai(taxonomy, sid)),
        "recall_titles": recall_table(titles, found, taxonomy),
        "not_sampled": not_sampled,
        "unjudged_count": len(unjudged),
        "unjudged_in_census_documents": unjudged_census,
        "unjudged": unjudged,
    }


def write_template(result: dict[str, Any], path: Path) -> int:
    """Write the UNJUDGED mentions as judgement lines to fill in (``judgement`` empty).

    Each line carries the fields of a judgements file, its context, and weight 1: judge every
    line (``right`` / ``wrong`` / ``borderline``, an ``error_class`` unless right, a
    ``reason``), drop ``context``, and move the file into ``judgements/``. Returns the count.
    """
    with path.open("w", encoding="utf-8") as fh:
        for u in result["unjudged"]:
            part = "census" if u["census"] else "new"
            rec = {"doc_id": u["doc_id"], "start": u["start"], "end": u["end"],
                   "text": u["text"], "skill_id": u["skill_id"], "label": u["label"],
                   "sources": u["sources"], "primary_source": u["source"],
                   "method": u["method"], "judgement": "", "error_class": None, "reason": "",
                   "stratum": f"{part}:{u['source']}", "weight": 1.0,
                   "context": u["context"]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(result["unjudged"])


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def _render_recall(rec: dict[str, Any], what: str, show_misses: int) -> list[str]:
    if not rec["documents"]:
        return []
    lines = ["", f"recall of reader skills in {what} ({rec['documents']} documents, "
                 f"{rec['not_in_taxonomy']} skills without a concept left out):"]
    for src, row in rec["per_source"].items():
        lines.append(f"  {SOURCE_NAMES.get(src, src):<10} {row['found']:>4} / "
                     f"{row['skills']:<4} {_fmt(row['recall'])}")
    for miss in rec["misses"][:show_misses]:
        lines.append(f"  missed: {miss['doc_id']} {miss['text']!r} -> {miss['skill_id']}")
    if len(rec["misses"]) > show_misses:
        lines.append(f"  ... {len(rec['misses']) - show_misses} more misses (--misses N)")
    return lines


def render(result: dict[str, Any], *, show_unjudged: int, show_misses: int) -> str:
    lines = [f"real-text audit: {result['documents']} documents, {result['mentions']} mentions "
             f"now, {result['judged_in_files']} judged in files",
             f"taxonomy {result['taxonomy_version']} (judged with {result['sampled_with']})",
             "",
             f"precision by {result['by']} source: right / (right + wrong); 'estimate' weighs "
             "the sampling design (+- 1.96 standard errors), borderline apart",
             f"{'source':<10} {'judged':>7} {'right':>6} {'wrong':>6} {'border':>6} "
             f"{'sample':>7} {'estimate':>8} {'+-':>6} {'border%':>8}"]
    for title, table in (("all judged mentions", result["precision"]),
                         ("census documents only (every mention judged)",
                          result["precision_census_documents"])):
        lines.append(f"-- {title}")
        for src, row in table.items():
            share, se = row["borderline_share"], row["precision_estimate_se"]
            lines.append(f"{SOURCE_NAMES.get(src, src):<10} {row['judged']:>7} {row['right']:>6} "
                         f"{row['wrong']:>6} {row['borderline']:>6} "
                         f"{_fmt(row['precision_sample']):>7} "
                         f"{_fmt(row['precision_estimate']):>8} "
                         f"{_fmt(None if se is None else 1.96 * se):>6} "
                         f"{'  -  ' if share is None else f'{100 * share:.1f}':>8}")
    lines += ["", "error classes of wrong mentions:"]
    for src, classes in result["error_classes"].items():
        lines.append(f"  {SOURCE_NAMES.get(src, src):<10} "
                     + ", ".join(f"{k} {v}" for k, v in classes.items()))
    gone = result["no_longer_produced"]
    lines += ["", f"judged mentions no longer produced: {gone['right']} right (lost), "
                  f"{gone['wrong']} wrong (fixed), {gone['borderline']} borderline (of the "
                  f"sampled population; {result['judged_not_produced_outside_population']} "
                  "judged mentions of other extractor versions not produced either)"]
    for key, what in (("recall", "ads (every skill listed)"),
                      ("recall_specific", "ads, clear specific skills (soft skills left out)"),
                      ("recall_titles", "job titles")):
        lines += _render_recall(result[key], what, show_misses)
    lines += ["", "generative-AI skills (category generative-ai): precision estimate "
              f"{_fmt(result['precision_genai'].get('overall', {}).get('precision_estimate'))}"
              " (census documents "
              + _fmt(result["precision_genai_census_documents"].get("overall", {}).get(
                  "precision_estimate"))
              + f", {result['precision_genai'].get('overall', {}).get('judged', 0)} judged "
              "mentions), reader recall "
              + _fmt(result["recall_genai"]["per_source"].get("overall", {}).get("recall"))
              + " of "
              + str(result["recall_genai"]["per_source"].get("overall", {}).get("skills", 0))
              + " skills"]
    lines += ["", f"{result['not_sampled']} mentions of the sampled population were not drawn "
                  "(no judgement needed)",
              f"UNJUDGED mentions (new, or in a census document): {result['unjudged_count']} "
              f"({result['unjudged_in_census_documents']} in census documents)"]
    for u in result["unjudged"][:show_unjudged]:
        lines.append(f"  {u['doc_id']} {u['start']}-{u['end']} {u['skill_id']} «{u['label']}» "
                     f"[{SOURCE_NAMES.get(u['source'], u['source'])}, {u['method']}]")
        lines.append(f"      {u['context']}")
    if result["unjudged_count"] > show_unjudged:
        lines.append(f"  ... {result['unjudged_count'] - show_unjudged} more (--unjudged N)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=AUDIT_DIR,
                    help="audit folder with docs.jsonl, design.json, judgements/*.jsonl and "
                         "reader_skills.jsonl")
    ap.add_argument("--by", choices=("primary", "any"), default="primary",
                    help="count a mention under its concept's primary source (default) or "
                         "under every source that lists the concept")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--unjudged", type=int, default=30, metavar="N",
                    help="unjudged mentions to print (all are in --json)")
    ap.add_argument("--misses", type=int, default=30, metavar="N",
                    help="missed reader skills to print")
    ap.add_argument("--context", type=int, default=150, metavar="CHARS",
                    help="characters of context either side of an unjudged mention")
    ap.add_argument("--template", type=Path, default=None, metavar="FILE",
                    help="also write the unjudged mentions to FILE as judgement lines to fill "
                         "in (then move it into judgements/)")
    args = ap.parse_args(argv)
    result = audit(args.dir, by=args.by, context_chars=args.context)
    if args.template is not None:
        n = write_template(result, args.template)
        print(f"{n} unjudged mentions -> {args.template}", file=sys.stderr)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(render(result, show_unjudged=args.unjudged, show_misses=args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
