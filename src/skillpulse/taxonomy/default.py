"""The default taxonomy: the built-in catalog merged with the bundled general taxonomies.

Building it parses ~130,000 names and merges ~55,000 concepts (several seconds), so the
result is cached as a pickle in ``<cache_dir>/taxonomy/`` (setting ``cache_dir``,
``SKILLPULSE_CACHE_DIR``). The cache key hashes the bundled data files, the built-in
catalog and the taxonomy code, so any change to them builds a new entry; a corrupt or
unreadable entry is rebuilt. User files are merged on top with :func:`overlay`, which only
re-merges the default concepts that share a name or an ID with the user's concepts.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path

from skillpulse import settings
from skillpulse.taxonomy.catalog import builtin_text, load_builtin
from skillpulse.taxonomy.model import Concept, Taxonomy, normalize_label

log = logging.getLogger(__name__)

#: bump to invalidate every cache entry when the pickled layout changes
CACHE_FORMAT = 1
#: cache entries kept (the newest); older ones (other code or data versions) are deleted
CACHE_KEEP = 3

ESCO_FILE = ("esco", "esco_v1.1.1_skills_labels.csv.gz")
LIGHTCAST_FILE = ("lightcast", "lightcast_open_skills_2022-11.csv.gz")
ONET_FILE = ("onet", "technology_skills.txt.gz")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building or unpickling ~10^6 small objects
    (it would otherwise run dozens of full collections; 2-3x slower); restored after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def data_dir() -> Path:
    """Where the bundled general taxonomies live (``skillpulse/taxonomy/data/general``)."""
    return Path(str(resources.files("skillpulse.taxonomy"))) / "data" / "general"


def load_general() -> list[Taxonomy]:
    """The bundled Lightcast, O*NET and ESCO taxonomies, unmerged. A source whose files a
    packager removed (e.g. for licensing) is skipped with a warning."""
    from skillpulse.taxonomy.esco import load_esco
    from skillpulse.taxonomy.lightcast import load_lightcast
    from skillpulse.taxonomy.onet import load_onet

    base = data_dir()
    out = []
    for loader, parts in ((load_lightcast, LIGHTCAST_FILE), (load_onet, ONET_FILE),
                          (load_esco, ESCO_FILE)):
        path = base.joinpath(*parts)
        if path.is_file():
            out.append(loader(path))
        else:
            log.warning("bundled taxonomy %s is missing; the default taxonomy omits it", path)
    return out


def build_default() -> Taxonomy:
    """Build the default taxonomy from scratch (no cache)."""
    from skillpulse.taxonomy.merge import merge

    with gc_paused():
        taxonomy = merge(load_builtin(extra=True), *load_general())
        _ = taxonomy.version  # computed once here, then stored in the cache with the rest
        return taxonomy


def cache_key() -> str:
    """A hash of everything the default taxonomy is built from."""
    digest = hashlib.sha256(f"format={CACHE_FORMAT}".encode())
    digest.update(builtin_text().encode())
    for path in sorted(p for p in data_dir().rglob("*") if p.is_file()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    code = Path(__file__).parent
    for path in sorted(code.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def cache_path(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    root = Path(cache_dir) if cache_dir is not None else Path(settings.get("cache_dir"))
    return root / "taxonomy" / f"default-{cache_key()}.pickle"


def load_default(*, use_cache: bool = True, cache_dir: str | os.PathLike[str] | None = None
                 ) -> Taxonomy:
    """The default taxonomy, from the cache when a valid entry exists."""
    if not use_cache:
        return build_default()
    path = cache_path(cache_dir)
    if path.is_file():
        try:
            with open(path, "rb") as fh, gc_paused():
                cached = pickle.load(fh)
            if isinstance(cached, Taxonomy):
                return cached
            log.warning("%s does not hold a taxonomy; rebuilding", path)
        except Exception as exc:  # a truncated or foreign file: rebuild, never fail
            log.warning("cannot read taxonomy cache %s (%s); rebuilding", path, exc)
    taxonomy = build_default()
    _write_cache(path, taxonomy)
    return taxonomy


def _write_cache(path: Path, taxonomy: Taxonomy) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(taxonomy, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        entries = sorted(path.parent.glob("default-*.pickle"), key=lambda p: p.stat().st_mtime,
                         reverse=True)
        for old in entries[CACHE_KEEP:]:
            old.unlink(missing_ok=True)
            log.info("removed old taxonomy cache entry %s", old)
    except OSError as exc:
        log.warning("cannot write taxonomy cache %s: %s", path, exc)


def load_user_files(files: Sequence[str | os.PathLike[str]], base: Taxonomy) -> list[Taxonomy]:
    """Parse user files; a ``parent`` may name any concept of ``base`` or an earlier file."""
    known = set(base.concepts) | set(base.redirects)
    out = []
    for f in files:
        tax = Taxonomy.from_file(f, known_ids=known)
        known |= set(tax.concepts)
        out.append(tax)
    return out


def load_with_files(
    files: Sequence[str | os.PathLike[str]] | None = None, *, use_cache: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Taxonomy:
    """The default taxonomy with ``files`` on top, later files on top. The setting
    ``taxonomy_files`` is resolved by the caller (the CLI, :func:`skillpulse.open`) and
    passed here as ``files``: nothing is read from the environment."""
    paths = list(files or [])
    base = load_default(use_cache=use_cache, cache_dir=cache_dir)
    if not paths:
        return base
    return overlay(base, *load_user_files(paths, base))


def overlay(base: Taxonomy, *extra: Taxonomy) -> Taxonomy:
    """``merge(base, *extra)`` where ``base`` is already merged: only the base concepts that
    share an ID or a name with ``extra`` are merged again; the rest are kept as they are."""
    from skillpulse.taxonomy.merge import MergeReport, describe_sources, merge

    index = base.names()
    affected: dict[str, Concept] = {}
    for tax in extra:
        for c in tax:
            target = base.redirects.get(c.id, c.id)
            if target in base.concepts:
                affected[target] = base.concepts[target]
            for name in c.names:
                for cid in index.get(normalize_label(name), ()):
                    affected[cid] = base.concepts[cid]
    subset = Taxonomy.from_concepts(affected.values(), base.source_versions)
    merged = merge(subset, *extra)
    redirects = dict(base.redirects)
    for old, new in merged.redirects.items():
        redirects[old] = new
    for old, new in list(redirects.items()):
        redirects[old] = merged.redirects.get(new, new)
    reparented = [
        replace(c, parent=merged.redirects[c.parent]) for cid, c in base.concepts.items()
        if cid not in affected and c.parent in merged.redirects
    ]
    result = base.replaced(affected, [*reparented, *merged.concepts.values()],
                           merged.source_versions)
    result.redirects = dict(sorted(redirects.items()))
    report = merged.merge_report
    if report is not None:
        result.merge_report = MergeReport(
            inputs=((describe_sources(base), len(base)), *report.inputs[1:]),
            concept_count=len(result), unified=report.unified,
            collisions=report.collisions, skipped=report.skipped,
        )
    return result
