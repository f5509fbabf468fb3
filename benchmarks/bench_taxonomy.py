"""Loading the default taxonomy: built from its files (the baseline) vs the pickle cache.

    .venv/bin/python benchmarks/bench_taxonomy.py [--repeat 3]

Each measurement runs in a fresh Python process (so imports and a cold interpreter are
included, as for one CLI call) with ``SKILLPULSE_CACHE_DIR`` in a temporary directory:

- ``import``: ``import skillpulse.taxonomy`` only (the floor of any CLI call);
- ``build (no cache)``: ``Taxonomy.default(use_cache=False)``: parse the catalog, ESCO,
  Lightcast and O*NET files and merge them (the baseline);
- per-step timings of that build (catalog, Lightcast, O*NET, ESCO, merge) in one process;
- ``cached``: ``Taxonomy.default()`` reading the pickle written by a first call;
- ``cached + user file``: ``Taxonomy.load([file])``, the default with a small user file merged
  on top (the ``--taxonomy-file`` path).
Medians of ``--repeat`` runs; the load average is printed because the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SNIPPETS = {
    "import": "import skillpulse.taxonomy",
    "build (no cache)": "from skillpulse.taxonomy import Taxonomy; Taxonomy.default(use_cache=False)",
    "cached": "from skillpulse.taxonomy import Taxonomy; Taxonomy.default()",
    "cached + user file": "from skillpulse.taxonomy import Taxonomy; Taxonomy.load([{user!r}])",
}
STEPS = """
import json, time
from skillpulse.taxonomy.catalog import load_builtin
from skillpulse.taxonomy.default import data_dir, ESCO_FILE, LIGHTCAST_FILE, ONET_FILE, gc_paused
from skillpulse.taxonomy import Taxonomy
from skillpulse.taxonomy.merge import merge
out = {}
with gc_paused():
    t = time.perf_counter(); cat = load_builtin(); out["catalog"] = time.perf_counter() - t
    t = time.perf_counter(); lc = Taxonomy.from_lightcast(data_dir().joinpath(*LIGHTCAST_FILE)); out["lightcast"] = time.perf_counter() - t
    t = time.perf_counter(); on = Taxonomy.from_onet(data_dir().joinpath(*ONET_FILE)); out["onet"] = time.perf_counter() - t
    t = time.perf_counter(); es = Taxonomy.from_esco(data_dir().joinpath(*ESCO_FILE)); out["esco"] = time.perf_counter() - t
    t = time.perf_counter(); m = merge(cat, lc, on, es); out["merge"] = time.perf_counter() - t
out["counts"] = {"catalog": len(cat), "lightcast": len(lc), "onet": len(on), "esco": len(es), "merged": len(m)}
print(json.dumps(out))
"""


def timed(code: str, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child): CPU time is less sensitive to other load."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SKILLPULSE_CACHE_DIR=tmp, SKILLPULSE_TAXONOMY_FILES="")
        user = Path(tmp) / "user.yaml"
        user.write_text('name: acme\nversion: "1"\nconcepts:\n'
                        "  - id: acme.widget-ai\n    label: Widget AI\n"
                        "  - id: sp.chatgpt\n    label: ChatGPT\n    aliases: [our gpt]\n")
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        steps = json.loads(subprocess.run([sys.executable, "-c", STEPS], check=True, env=env,
                                          capture_output=True, text=True).stdout)
        counts = steps.pop("counts")
        timed(SNIPPETS["cached"], env)  # writes the cache
        results = {}
        for name, code in SNIPPETS.items():
            code = code.format(user=str(user))
            runs = [timed(code, env) for _ in range(args.repeat)]
            results[name] = (statistics.median(r[0] for r in runs),
                             statistics.median(r[1] for r in runs))
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        size = sum(p.stat().st_size for p in Path(tmp).rglob("*.pickle"))
    print(f"\nconcepts: {counts}")
    print(f"cache file: {size / 1e6:.1f} MB\n")
    print("| step (one process, build) | seconds |\n|---|---|")
    for name, secs in steps.items():
        print(f"| {name} | {secs:.2f} |")
    print(f"\n| fresh process, median of {args.repeat} | wall s | CPU s |\n|---|---|---|")
    for name, (wall, cpu) in results.items():
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |")
    base, cached = results["build (no cache)"], results["cached"]
    print(f"\ncache speed-up: {base[0] / cached[0]:.1f}x wall, {base[1] / cached[1]:.1f}x CPU")


if __name__ == "__main__":
    main()
