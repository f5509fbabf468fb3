"""Package-level promises: a cheap import, documented commands, declared settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

ROOT = Path(__file__).parents[1]
HEAVY = ("pyspark", "torch", "fastapi", "uvicorn", "onnxruntime", "altair", "tokenizers",
         "playwright", "sklearn")


def test_import_pulls_in_no_heavy_engine() -> None:
    code = ("import sys, skillpulse, skillpulse.cli; "
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def _all_commands() -> list[tuple[str, click.Command]]:
    from skillpulse.cli import cli

    found: list[tuple[str, click.Command]] = []

    def walk(prefix: str, cmd: click.Command) -> None:
        found.append((prefix, cmd))
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(f"{prefix} {name}".strip(), sub)

    walk("", cli)
    return found[1:]


def test_every_command_and_option_has_help() -> None:
    for name, cmd in _all_commands():
        assert (cmd.help or cmd.short_help), f"'skillpulse {name}' has no help text"
        for param in cmd.params:
            if isinstance(param, click.Option) and param.name not in ("help", "version"):
                assert param.help, f"'skillpulse {name}' option {param.opts} has no help"


def test_every_command_is_documented() -> None:
    docs = (ROOT / "README.md").read_text() + "".join(
        p.read_text() for p in sorted((ROOT / "docs").glob("*.md")))
    for name, cmd in _all_commands():
        if isinstance(cmd, click.Group):
            continue
        assert f"skillpulse {name}" in docs, f"'skillpulse {name}' is not in README or docs/"


def test_every_setting_is_documented() -> None:
    from skillpulse.settings import SETTINGS

    readme = (ROOT / "README.md").read_text()
    for setting in SETTINGS:
        assert setting.env in readme, setting.env


def test_console_script_runs() -> None:
    proc = subprocess.run([sys.executable, "-m", "skillpulse.cli", "--version"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "skillpulse" in proc.stdout
