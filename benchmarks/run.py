"""Run every benchmark in this folder with its default arguments (``make bench``).

Each script prints its figures beside a baseline measured in the same run; record them in
``benchmarks/RESULTS.md`` with the command. Scripts that need ``../shared`` data are given
``--shared`` when they accept it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        rc = subprocess.run([sys.executable, str(script)], check=False).returncode
        if rc:
            print(f"!! {script.name} exited with {rc}", flush=True)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
