"""O*NET Technology Skills (tab-separated, optionally gzipped).

``technology_skills.txt``: one row per (occupation, technology) with ``O*NET-SOC Code``,
``Example`` (the technology name), ``Commodity Code``/``Commodity Title`` (its UNSPSC class),
``Hot Technology`` and ``In Demand`` (``Y``/``N``). ``occupation_data.txt`` next to it gives
occupation titles, recorded as each technology's related ``roles``.

Concept IDs: ``onet.<slug of the name>`` for technologies, ``onet.<commodity code>`` for the
commodity classes (skill groups). A technology's parent is its most frequent class; flags
``onet_hot_technology`` / ``onet_in_demand`` are set when any occupation row says ``Y``.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections import Counter
from pathlib import Path

from skillpulse.taxonomy.model import Concept, Taxonomy
from skillpulse.taxonomy.readers import read_columns, version_from_name
from skillpulse.taxonomy.sources import GROUP_FLAG, ONET

OCCUPATIONS_FILE = "occupation_data.txt.gz"
HOT = "onet_hot_technology"
IN_DEMAND = "onet_in_demand"
_COLUMNS = ("O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title", "Hot Technology",
            "In Demand")


def slug(name: str) -> str:
    """``C++`` -> ``cplusplus``, ``Microsoft Excel`` -> ``microsoft-excel``."""
    text = name.casefold().replace("+", "plus").replace("#", "sharp")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def _file_version(path: Path) -> str:
    """``_<major>.<minor>`` from the file name, else a hash of the uncompressed content."""
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    digest = hashlib.sha256(data).hexdigest()[:8]
    return version_from_name(path, r"_(\d+\.\d+)", default=f"sha256-{digest}")


def load_onet(
    path: Path, *, occupations_path: Path | None = None, version: str | None = None
) -> Taxonomy:
    """Load technologies, their commodity classes, flags and related occupations."""
    occupations_path = occupations_path or _sibling(path, OCCUPATIONS_FILE)
    titles: dict[str, str] = {}
    if occupations_path is not None and occupations_path.is_file():
        for soc, title in read_columns(occupations_path, ("O*NET-SOC Code", "Title"),
                                       delimiter="\t"):
            titles[soc] = title.strip()

    classes: dict[str, Counter[str]] = {}
    class_titles: dict[str, str] = {}
    occupations: dict[str, set[str]] = {}
    flags: dict[str, set[str]] = {}
    for soc, name, code, title, hot, demand in read_columns(path, _COLUMNS, delimiter="\t"):
        name = name.strip()
        if not name:
            continue
        code = code.strip()
        class_titles.setdefault(code, title.strip())
        classes.setdefault(name, Counter())[code] += 1
        occupations.setdefault(name, set()).add(soc.strip())
        f = flags.setdefault(name, set())
        if hot.strip() == "Y":
            f.add(HOT)
        if demand.strip() == "Y":
            f.add(IN_DEMAND)

    concepts: list[Concept] = []
    used_ids: set[str] = set(f"onet.{c}" for c in class_titles)
    for name in sorted(classes):
        cid = f"onet.{slug(name)}"
        if cid in used_ids:
            cid = f"{cid}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"
        used_ids.add(cid)
        top_class = min(classes[name].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        roles = sorted({titles.get(soc, soc) for soc in occupations[name]})
        concepts.append(Concept(
            id=cid, label=name, category=class_titles[top_class], parent=f"onet.{top_class}",
            roles=tuple(roles), sources=((ONET, name),), flags=tuple(sorted(flags[name])),
            name_codes="l",
        ))
    for code in sorted(class_titles):
        concepts.append(Concept(
            id=f"onet.{code}", label=class_titles[code], category=class_titles[code],
            sources=((ONET, code),), flags=(GROUP_FLAG,),
            name_codes="l",
        ))
    return Taxonomy.from_concepts(concepts, {ONET: version or _file_version(path)})


def _sibling(path: Path, name: str) -> Path | None:
    candidate = path.with_name(name)
    if candidate.is_file():
        return candidate
    plain = path.with_name(name.removesuffix(".gz"))
    return plain if plain.is_file() else None
