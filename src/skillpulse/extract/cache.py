"""A disk cache of what an :class:`~skillpulse.extract.pipeline.Extractor` derives from a
taxonomy: the selected names, the tag index and the fuzzy vocabulary.

Selecting names over the default taxonomy (about 140,000 names) takes seconds; loading the
result takes a fraction of one. Entries live in ``<cache_dir>/extract/`` (setting
``cache_dir``) under a key that hashes the taxonomy version, the name policy and the source of
the extraction code and data lists, so any change builds a new entry. A corrupt or unreadable
entry is rebuilt; a cache directory that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

from skillpulse.extract.names import MatchName, NamePolicy

__all__ = ["Prepared", "cache_file", "load_prepared", "store_prepared"]

log = logging.getLogger(__name__)

_HERE = Path(__file__).parent
_CODE_FILES = ("names.py", "sense.py", "normalize.py", "tags.py", "pipeline.py", "cache.py")


@dataclass(frozen=True)
class Prepared:
    names: list[MatchName]
    tag_index: dict[str, str]
    vocabulary: frozenset[str]


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in _CODE_FILES:
        digest.update((_HERE / name).read_bytes())
    for path in sorted((_HERE / "data").glob("*.txt")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_file(taxonomy_version: str, policy: NamePolicy, cache_dir: str | None = None) -> Path:
    from skillpulse import settings

    root = Path(cache_dir) if cache_dir else Path(settings.get("cache_dir"))
    key = hashlib.sha256(
        f"{taxonomy_version}|{policy!r}|{_fingerprint()}".encode()
    ).hexdigest()[:20]
    return root / "extract" / f"names-{key}.pickle"


def load_prepared(path: Path) -> Prepared | None:
    if not path.is_file():
        return None
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
    except Exception as exc:  # a corrupt entry is rebuilt
        log.warning("ignoring unreadable extraction cache %s: %s", path, exc)
        return None
    return data if isinstance(data, Prepared) else None


def store_prepared(path: Path, prepared: Prepared) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(prepared, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot write extraction cache %s: %s", path, exc)
