"""Build derived assets that are too large to ship but deterministic to make offline.

``python -m skillpulse.setup_assets`` is run by ``make test`` and ``make demo`` after
install. Each optional asset builds only when its extra is installed; nothing downloads.

Assets built here:

* ``link``: the label vectors of the semantic linker (``semantic`` extra) for the ``esco``
  target and the default taxonomy (``--targets`` selects; about 1.5 and 2 minutes of CPU). They are encoded
  with the ONNX model shipped in ``skillpulse/link/assets`` and cached under the ``cache_dir``
  setting (``SKILLPULSE_CACHE_DIR``) in ``link/<target>-<target hash>-<model hash>-....npz``:
  the key is the content hash of the concepts and of the model, so a changed taxonomy or
  model builds a new file and an unchanged one is reused (a second run takes about a second).
* ``link:memory``: the vectors of the linker's labelled sentences (kNN voting, 7,325
  sentences, about a minute), cached as ``link/memory-<memory hash>-<model hash>.npz``;
  built only when the default pipeline of ``esco`` or ``default`` votes (kNN voting is off
  by default; a linker that turns it on encodes the memory on first use).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skillpulse.link.encoder import Encoder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AssetInfo:
    """What one asset step did."""

    name: str
    status: str  # built | cached | skipped
    path: str
    seconds: float
    detail: str = ""


def build_link_assets(
    targets: Sequence[str] = ("esco", "default"), cache_dir: Path | None = None
) -> list[AssetInfo]:
    """Encode and cache the linker's label vectors for each target (semantic extra only)."""
    try:
        from skillpulse.link.encoder import require_semantic

        require_semantic()
    except ImportError as exc:  # MissingExtraError is an ImportError
        return [AssetInfo(f"link:{t}", "skipped", "", 0.0, str(exc)) for t in targets]
    from skillpulse import settings
    from skillpulse.errors import SkillpulseError
    from skillpulse.link.dense import DenseIndex, cache_path
    from skillpulse.link.encoder import Encoder
    from skillpulse.link.linker import LinkerConfig
    from skillpulse.link.target import load_target

    directory = Path(cache_dir if cache_dir is not None else settings.get("cache_dir"))
    encoder = Encoder()
    out: list[AssetInfo] = []
    for name in targets:
        start = time.perf_counter()
        try:
            target = load_target(name)
        except SkillpulseError as exc:  # e.g. the default taxonomy is not available
            log.warning("link target %s skipped: %s", name, exc)
            out.append(AssetInfo(f"link:{name}", "skipped", "", 0.0, str(exc)))
            continue
        except Exception as exc:  # a broken taxonomy build must not stop the other assets
            log.exception("link target %s could not be loaded", name)
            out.append(
                AssetInfo(f"link:{name}", "skipped", "", 0.0, f"{type(exc).__name__}: {exc}")
            )
            continue
        cfg = LinkerConfig.for_target(name)
        path = cache_path(directory, target, encoder, cfg.max_alts, cfg.label_batch_size)
        status = "cached" if path.exists() else "built"
        DenseIndex(
            target, encoder, directory, max_alts=cfg.max_alts, batch_size=cfg.label_batch_size
        )
        out.append(
            AssetInfo(
                f"link:{name}",
                status,
                str(path),
                time.perf_counter() - start,
                f"{len(target)} concepts",
            )
        )
    # the kNN memory's vectors, only if a target's default pipeline votes (off by default)
    if any(
        name in ("esco", "default") and LinkerConfig.for_target(name).knn_weight > 0
        for name in targets
    ):
        out.append(_build_memory(directory, encoder))
    return out


def _build_memory(directory: Path, encoder: Encoder) -> AssetInfo:
    """Encode the kNN memory of the linker (labelled ESCO sentences) once per model."""
    from skillpulse.link.memory import SentenceMemory, memory_cache_path, read_memory
    from skillpulse.link.target import esco_target

    start = time.perf_counter()
    sentences = read_memory()
    path = memory_cache_path(directory, sentences, encoder)
    status = "cached" if path.exists() else "built"
    SentenceMemory(esco_target(), encoder, directory, sentences=sentences)
    return AssetInfo(
        "link:memory", status, str(path), time.perf_counter() - start, f"{len(sentences)} sentences"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skillpulse.setup_assets", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--targets",
        default="esco,default",
        help="Comma-separated link targets to prepare [default: esco,default].",
    )
    parser.add_argument("--cache-dir", default=None, help="Override the cache_dir setting.")
    args = parser.parse_args(argv)
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    infos = build_link_assets(targets, Path(args.cache_dir) if args.cache_dir else None)
    for info in infos:
        sys.stderr.write(
            f"setup_assets: {info.name}: {info.status} in {info.seconds:.1f} s"
            f"{' -> ' + info.path if info.path else ''}{' (' + info.detail + ')' if info.detail else ''}\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
