"""The result cache several server processes share through a folder, and their lock."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from skillpulse.api.cache import ComputeLock, ResultCache

SRC = str(Path(__file__).parents[2] / "src")


def test_a_result_put_by_one_process_is_found_by_another(tmp_path: Path) -> None:
    one, two = ResultCache(folder=tmp_path), ResultCache(folder=tmp_path)
    key = '["/v1/top", "", [["kind", "postings"]]]'
    put = one.put(key, "v1", (b'{"rows": []}', "application/json"))
    found = two.lookup(key, "v1")
    assert found == put and found.data == (b'{"rows": []}', "application/json")
    assert two.lookup(key, "v2") is None  # another version of the store: not this result
    assert two.lookup('["/v1/top", "", []]', "v1") is None
    # the newest result of the key, whatever the version (served while the store is busy)
    assert ResultCache(folder=tmp_path).get(key) == put
    one.clear()
    assert ResultCache(folder=tmp_path).get(key) is None


def test_without_a_folder_results_stay_in_the_process(tmp_path: Path) -> None:
    one = ResultCache()
    one.put("k", "v1", (b"x", "text/plain"))
    assert one.lookup("k", "v1") is not None
    assert not list(tmp_path.iterdir())
    assert ResultCache(folder=tmp_path).lookup("k", "v1") is None


HOLD = """
import sys
from pathlib import Path
from skillpulse.api.cache import ComputeLock
with ComputeLock(Path(sys.argv[1])).held():
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_the_compute_lock_is_held_across_processes(tmp_path: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": SRC})
    got: list[bool] = []

    def take() -> None:
        with ComputeLock(tmp_path).held():
            got.append(True)

    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        t = threading.Thread(target=take)
        t.start()
        t.join(1.0)
        assert not got  # the other process holds it
        assert other.stdin is not None
        other.stdin.write("\n")
        other.stdin.flush()
        t.join(60)
        assert got == [True]
    finally:
        if other.poll() is None:
            other.kill()
        other.wait(60)
    lock = ComputeLock(tmp_path)
    with lock.held(), lock.held():  # re-entrant within a thread
        pass
