"""`skillpulse serve`: its options, and the message naming the extra when it is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).parents[2] / "src")


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": SRC}, timeout=300)


def test_serve_without_the_web_extra_names_it(tmp_path: Path) -> None:
    out = _run("import sys; sys.modules['fastapi'] = None\n"
               "from skillpulse.cli import main\n"
               f"sys.exit(main(['serve', '--db', {str(tmp_path / 'x.duckdb')!r}]))")
    assert out.returncode == 2
    assert "needs the 'web' extra: pip install 'skillpulse[web]'" in out.stderr
    assert "Traceback" not in out.stderr


def test_serve_help_shows_the_options() -> None:
    out = _run("from skillpulse.cli import main; import sys; sys.exit(main(['serve', '--help']))")
    assert out.returncode == 0
    for text in ("--db", "--host", "127.0.0.1", "--port", "8000", "SKILLPULSE_API_TOKEN",
                 "--workers", "--warm"):
        assert text in out.stdout


def test_import_skillpulse_stays_without_the_web_framework() -> None:
    out = _run("import sys, skillpulse, skillpulse.cli\n"
               "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette') if m in sys.modules))")
    assert out.stdout.strip() == "[]"
