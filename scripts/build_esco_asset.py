"""Build ``src/skillpulse/link/assets/esco_skills.json.gz``: the ESCO linking target (run once).

Concepts are the 13,896 preferred labels of ESCO v1.1.0 (``skills_en_label.txt``, the label
list of the Decorte et al. benchmark), enriched with what ESCO v1.1.1 and the ESCO ICT
extract hold for the same preferred label: the concept URI, alternative labels and (ICT
skills only) the description. Output: a gzipped JSON list of
``{"id", "uri", "label", "alt", "description"}``. ``id`` is ``esco.<uuid>`` when the concept
URI is known, else ``esco.label-<first 16 hex digits of sha1(label)>`` (967 labels renamed or
dropped in v1.1.1). Deterministic: same inputs, same bytes (gzip mtime 0).

    python scripts/build_esco_asset.py --shared ../shared/data
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "skillpulse" / "link" / "assets"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", required=True, type=Path)
    args = parser.parse_args()
    esco_dir = args.shared / "taxonomies" / "esco"
    label_file = args.shared / "benchmarks" / "decorte_esco_linking" / "skills_en_label.txt"
    labels = [ln.strip() for ln in label_file.open(encoding="utf-8") if ln.strip()]
    by_pref: dict[str, tuple[str, list[str]]] = {}
    rows: dict[str, dict[str, list[str]]] = {}
    with gzip.open(esco_dir / "esco_v1.1.1_skills_labels.csv.gz", "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            entry = rows.setdefault(row["id"], {"pref": [], "alt": []})
            if row["type"] == "preferredLabel":
                entry["pref"].append(row["description"])
            elif row["type"] == "altLabels":
                entry["alt"].append(row["description"])
    for uuid, entry in rows.items():
        if entry["pref"]:
            by_pref.setdefault(entry["pref"][0], (uuid, entry["alt"]))
    ict = json.loads((esco_dir / "esco_ict_skills.json").read_text(encoding="utf-8"))
    ict_by_label = {item["label"]: item for item in ict}
    ict_by_uuid = {item["uri"].rsplit("/", 1)[1]: item for item in ict}
    out = []
    for label in labels:
        uuid, alts = by_pref.get(label, (None, []))
        alts = list(alts)
        item = ict_by_label.get(label) or (ict_by_uuid.get(uuid) if uuid else None)
        description = ""
        if item is not None:
            uuid = uuid or item["uri"].rsplit("/", 1)[1]
            description = (item.get("description") or "").strip()
            alts += item.get("altLabel") or []
        key = label.casefold()
        alts = [a for a in dict.fromkeys(a.strip() for a in alts) if a and a.casefold() != key]
        if uuid:
            cid, uri = f"esco.{uuid}", f"http://data.europa.eu/esco/skill/{uuid}"
        else:
            cid, uri = "esco.label-" + hashlib.sha1(label.encode()).hexdigest()[:16], ""
        out.append({"id": cid, "uri": uri, "label": label, "alt": alts, "description": description})
    OUT.mkdir(parents=True, exist_ok=True)
    data = json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with (
        (OUT / "esco_skills.json.gz").open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz,
    ):
        gz.write(data)
    print(f"{len(out)} concepts, {sum(1 for o in out if o['uri'])} with URI")


if __name__ == "__main__":
    main()
