"""Build the real-text audit documents of issue 13 (tests/data/extract/audit/docs.jsonl).

Reads SkillSpan train/dev (job ads; the tokens of one ``idx`` form one ad) and the Hacker News
"Who is hiring?" CSV (job titles and the ``languages_frameworks`` tag field) from the shared
data folder, picks documents at random with a fixed seed, and writes one JSON line per
document: ``doc_id``, ``dataset``, ``kind`` (the extractor's document kind), ``field`` (the
document field the text belongs to: ``description``, ``title`` or ``skills``) and ``text``.

The SkillSpan ads not drawn (wave 2) are appended after the HN documents. With ``--sample
FILE`` it also runs today's extractor, draws the mentions to judge (census documents, a
stratified top-up per primary source, wave-2 strata) into FILE and writes ``design.json``;
see ``tests/data/extract/audit/README.md``.

    python scripts/build_audit_set.py --data ../shared/data
    python scripts/build_audit_set.py --sample /tmp/to_judge.jsonl

Rerunning with the same data, seed and extractor writes the same files.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
from pathlib import Path
from typing import Any

SEED = 13
N_ADS = 120
N_TITLES = 300
N_TAGS = 200

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract" / "audit" / "docs.jsonl"

_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]+|'s|'re|'ve|'ll|'d|n't|'m)$", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}


def detokenize(tokens: list[str]) -> str:
    """Tokens back to text: no space before closing punctuation or after opening brackets."""
    out: list[str] = []
    for tok in tokens:
        if out and not _NO_SPACE_BEFORE.match(tok) and out[-1] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(tok)
    return "".join(out)


def skillspan_ads(folder: Path) -> list[dict[str, str]]:
    ads: dict[tuple[str, str, int], list[str]] = {}
    for split in ("train", "dev"):
        with (folder / f"{split}.json").open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                key = (split, row["source"], int(row["idx"]))
                ads.setdefault(key, []).append(detokenize(row["tokens"]))
    return [{"doc_id": f"ss-{split}-{source}-{idx}", "dataset": f"skillspan-{split}-{source}",
             "kind": "posting", "field": "description", "text": "\n".join(lines)}
            for (split, source, idx), lines in sorted(ads.items())]


def hn_rows(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def build(data: Path, seed: int = SEED) -> list[dict[str, str]]:
    rng = random.Random(seed)
    ads = skillspan_ads(data / "benchmarks" / "skillspan")
    docs = rng.sample(ads, N_ADS)
    docs.sort(key=lambda d: d["doc_id"])
    rows = hn_rows(data / "postings" / "hn_whoishiring" / "hn_whoishiring_2022-12_2025-10.csv.gz")
    titled = [r for r in rows if (r.get("job_title") or "").strip()]
    for r in sorted(rng.sample(titled, N_TITLES), key=lambda r: r["post_link_id"]):
        docs.append({"doc_id": f"hn-title-{r['post_link_id']}", "dataset": "hn-whoishiring",
                     "kind": "posting", "field": "title", "text": r["job_title"].strip()})
    tagged = [r for r in rows if (r.get("languages_frameworks") or "").strip()]
    for r in sorted(rng.sample(tagged, N_TAGS), key=lambda r: r["post_link_id"]):
        tags = [t.strip() for t in r["languages_frameworks"].split(",") if t.strip()]
        docs.append({"doc_id": f"hn-tags-{r['post_link_id']}", "dataset": "hn-whoishiring",
                     "kind": "posting", "field": "skills", "text": ", ".join(tags)})
    # wave 2: every other SkillSpan ad, appended (so that the general-source strata, rare in
    # this text, get more judged mentions); wave 1 above is unchanged
    picked = {d["doc_id"] for d in docs}
    docs.extend(a for a in ads if a["doc_id"] not in picked)
    return docs


def wave2_ids(docs: list[dict[str, str]]) -> set[str]:
    """The documents of wave 2: the SkillSpan ads after the HN documents."""
    last_hn = max(i for i, d in enumerate(docs) if d["dataset"] == "hn-whoishiring")
    return {d["doc_id"] for d in docs[last_hn + 1:]}


#: documents whose every mention is judged (the unbiased "census" part), per document group
CENSUS = {"description": 40, "title": 40, "skills": 40}
#: mentions drawn at random from the other documents, per primary source (None: all of them)
TOP_UP: dict[str, int | None] = {"skillpulse-genai": 60, "lightcast": 150, "esco": None,
                                 "onet": None}
#: mentions drawn at random from the wave-2 documents, per primary source (None: all)
WAVE2: dict[str, int | None] = {"skillpulse-genai": 30, "lightcast": 60, "esco": None,
                                "onet": None}


def source_of(taxonomy: Any, skill_id: str) -> str:
    """The stratum source of a concept: the source of its surviving ID (``custom`` if none)."""
    return str(taxonomy.get(skill_id).primary_source)


def sample(docs: list[dict[str, str]], seed: int = SEED) -> dict[str, Any]:
    """The sampling design over today's extractor output on ``docs``.

    Population: every mention the extractor produces on ``docs``. Census: every mention of
    ``CENSUS`` documents picked at random per field (weight 1). Top-up: per primary source, a
    simple random sample of ``TOP_UP[source]`` mentions of the other documents (weight
    N/n of that stratum). Wave 2 (the SkillSpan ads not drawn for wave 1) is its own set of
    strata: per primary source, ``WAVE2[source]`` mentions at random (weight N/n)."""
    from skillpulse.extract import Extractor
    from skillpulse.taxonomy import Taxonomy

    taxonomy = Taxonomy.default()
    extractor = Extractor(taxonomy)
    rng = random.Random(seed)
    wave2 = wave2_ids(docs)
    census: set[str] = set()
    for fld, n in CENSUS.items():
        ids = [d["doc_id"] for d in docs if d["field"] == fld and d["doc_id"] not in wave2]
        census.update(rng.sample(ids, min(n, len(ids))))
    rest: dict[str, list[dict[str, Any]]] = {}
    rest2: dict[str, list[dict[str, Any]]] = {}
    chosen: list[dict[str, Any]] = []
    population: dict[str, list[str]] = {}
    for d in docs:
        for m in extractor.extract_document({d["field"]: d["text"]}, d["kind"]):
            population.setdefault(d["doc_id"], []).append(f"{m.start}:{m.end}:{m.skill_id}")
            src = source_of(taxonomy, m.skill_id)
            row = {"doc_id": d["doc_id"], "start": m.start, "end": m.end, "text": m.text,
                   "skill_id": m.skill_id, "label": m.label,
                   "sources": sorted({s for s, _ in taxonomy.get(m.skill_id).sources}),
                   "primary_source": src, "method": m.method}
            if d["doc_id"] in census:
                chosen.append({**row, "stratum": f"census:{src}", "weight": 1.0})
            elif d["doc_id"] in wave2:
                rest2.setdefault(src, []).append(row)
            else:
                rest.setdefault(src, []).append(row)
    strata: dict[str, dict[str, int]] = {}
    for src, rows in sorted(rest.items()):
        want = TOP_UP.get(src)
        n = len(rows) if want is None else min(want, len(rows))
        picked = rng.sample(rows, n)
        strata[f"top-up:{src}"] = {"population": len(rows), "sampled": n}
        chosen.extend({**r, "stratum": f"top-up:{src}", "weight": round(len(rows) / n, 6)}
                      for r in picked)
    for src, rows in sorted(rest2.items()):
        want = WAVE2.get(src)
        n = len(rows) if want is None else min(want, len(rows))
        picked = rng.sample(rows, n)
        strata[f"wave2:{src}"] = {"population": len(rows), "sampled": n}
        chosen.extend({**r, "stratum": f"wave2:{src}", "weight": round(len(rows) / n, 6)}
                      for r in picked)
    for src in {r["primary_source"] for r in chosen if r["stratum"].startswith("census:")}:
        k = sum(1 for r in chosen if r["stratum"] == f"census:{src}")
        strata[f"census:{src}"] = {"population": k, "sampled": k}
    design = {"seed": seed, "taxonomy_version": taxonomy.version,
              "census_documents": sorted(census), "wave2_documents": sorted(wave2),
              "strata": dict(sorted(strata.items())),
              "population": population}
    return {"design": design, "mentions": chosen}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path,
                    default=Path(__file__).resolve().parent.parent.parent / "shared" / "data")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--sample", type=Path, default=None,
                    help="also draw the mentions to judge and write them (JSONL) here, and "
                         "the design to design.json beside docs.jsonl")
    args = ap.parse_args()
    docs = build(args.data, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents -> {args.out}")
    if args.sample is not None:
        drawn = sample(docs, args.seed)
        design = drawn["design"]
        text = json.dumps({k: v for k, v in design.items() if k != "population"}, indent=1)
        # one line per document for the population: mentions as "start:end:skill_id"
        pop = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}"
                         for k, v in design["population"].items())
        text = text[:-2] + ',\n "population": {\n' + pop + "\n }\n}"
        (args.out.parent / "design.json").write_text(text + "\n", encoding="utf-8")
        with args.sample.open("w", encoding="utf-8") as fh:
            for r in drawn["mentions"]:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{len(drawn['mentions'])} mentions to judge -> {args.sample}")


if __name__ == "__main__":
    main()
