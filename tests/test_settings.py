"""Settings declared once (issue 14): default < skillpulse.toml < environment < flags, each
setting typed and documented, the CLI options generated from the declarations."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

import skillpulse
from skillpulse.errors import SettingsError
from skillpulse.settings import SETTINGS, read_config, resolve

ROOT = Path(__file__).parents[1]
CLEAN_ENV = {s.env: "" for s in SETTINGS} | {"SKILLPULSE_CONFIG": ""}


def env_without_settings(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in CLEAN_ENV or k == "SKILLPULSE_CACHE_DIR"}
    return {**env, **extra}


def test_precedence_default_file_env_flag(tmp_path: Path) -> None:
    (tmp_path / "skillpulse.toml").write_text('db = "from_file.duckdb"\nworkers = 3\n'
                                              'taxonomy_files = ["a.yaml", "b.yaml"]\n')
    base = resolve(project_dir=tmp_path, environ={})
    assert base.db == tmp_path / "from_file.duckdb"  # relative to the file's folder
    assert base.workers == 3
    assert base.taxonomy_files == (tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert base.sources["db"] == "file" and base.sources["cache_dir"] == "default"
    env = {"SKILLPULSE_DB": "env.duckdb", "SKILLPULSE_WORKERS": "4"}
    from_env = resolve(project_dir=tmp_path, environ=env)
    assert from_env.db == Path("env.duckdb") and from_env.workers == 4
    assert from_env.taxonomy_files == base.taxonomy_files  # not set in env: the file's
    flagged = resolve(project_dir=tmp_path, environ=env, db="flag.duckdb", workers=None,
                      taxonomy_files=("c.yaml",))
    assert flagged.db == Path("flag.duckdb") and flagged.workers == 4
    assert flagged.taxonomy_files == (Path("c.yaml"),)
    assert flagged.sources == {"db": "flag", "taxonomy_files": "flag", "cache_dir": "default",
                               "workers": "env", "engine": "default", "lake": "default"}
    nothing = resolve(project_dir=tmp_path / "absent", environ={})
    assert nothing.db == tmp_path / "absent" / "skillpulse.duckdb" and nothing.workers == 2
    assert nothing.config is None


def test_explicit_config_and_section(tmp_path: Path) -> None:
    cfg = tmp_path / "elsewhere.toml"
    cfg.write_text('[skillpulse]\ncache_dir = "cache"\n')
    s = resolve(config=cfg, environ={"SKILLPULSE_CONFIG": str(tmp_path / "ignored.toml")})
    assert s.cache_dir == tmp_path / "cache" and s.config == cfg
    by_env = resolve(environ={"SKILLPULSE_CONFIG": str(cfg)}, project_dir=tmp_path / "x")
    assert by_env.cache_dir == tmp_path / "cache"
    with pytest.raises(SettingsError, match="not found"):
        resolve(config=tmp_path / "missing.toml", environ={})


@pytest.mark.parametrize("text, message", [
    ('dbb = "x.duckdb"\n', "unknown setting 'dbb'; did you mean 'db'?"),
    ("workers = \"many\"\n", "workers must be an integer, not 'many'"),
    ("workers = 0\n", "workers must be at least 1"),
    ("taxonomy_files = 3\n", "taxonomy_files must be a list of paths"),
    ("db = [\n", "invalid TOML"),
])
def test_bad_settings_file_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    cfg = tmp_path / "skillpulse.toml"
    cfg.write_text(text)
    with pytest.raises(SettingsError) as info:
        read_config(cfg)
    assert str(cfg) in str(info.value) and message in str(info.value)


def test_bad_environment_value_is_named() -> None:
    with pytest.raises(SettingsError, match="SKILLPULSE_WORKERS"):
        resolve(environ={"SKILLPULSE_WORKERS": "two"})


def test_open_a_project_folder(tmp_path: Path) -> None:
    (tmp_path / "skillpulse.toml").write_text('db = "data/market.duckdb"\n')
    ws = skillpulse.open(tmp_path)
    assert ws.db == tmp_path / "data" / "market.duckdb"
    assert skillpulse.open(tmp_path, db=tmp_path / "other.duckdb").db == tmp_path / "other.duckdb"
    with pytest.raises(SettingsError, match="did you mean 'workers'"):
        skillpulse.open(tmp_path, worker=2)


def test_applied_settings_answer_library_lookups(tmp_path: Path) -> None:
    """Library code given no cache location uses the caller's resolved settings."""
    from skillpulse import settings
    from skillpulse.taxonomy.default import cache_path

    resolved = resolve(environ={}, cache_dir=tmp_path / "c")
    with settings.applied(resolved):
        assert cache_path().is_relative_to(tmp_path / "c")
    assert not cache_path().is_relative_to(tmp_path / "c")


def _commands() -> list[click.Command]:
    from skillpulse.cli import cli

    found: list[click.Command] = [cli]
    stack: list[click.Command] = [cli]
    while stack:
        cmd = stack.pop()
        if isinstance(cmd, click.Group):
            for sub in cmd.commands.values():
                found.append(sub)
                stack.append(sub)
    return found


def test_cli_options_are_generated_from_the_declarations() -> None:
    """Every option that carries a setting says which one, its variable and its default;
    each setting has an option somewhere."""
    seen = set()
    for cmd in _commands():
        for param in cmd.params:
            if cmd.name == "extract" and param.name == "db":
                continue  # a mode switch (extract the store at PATH), not the setting
            for s in SETTINGS:
                if isinstance(param, click.Option) and s.flag in param.opts and (
                        param.name == s.name):
                    assert f"setting '{s.name}'" in (param.help or ""), (cmd.name, s.flag)
                    assert f"${s.env}" in (param.help or "")
                    seen.add(s.name)
    assert seen == {s.name for s in SETTINGS}


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Settings"):readme.index("## Development")]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    for s in SETTINGS:
        row = next((r for r in rows if r.startswith(f"| `{s.name}`")), None)
        assert row is not None, f"setting {s.name} is not in the README's Settings table"
        assert s.flag in row and f"`{s.env}`" in row, s.name


def _cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "skillpulse.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300, env=env_without_settings(**env))


def test_cli_reads_skillpulse_toml_then_env_then_flag(market_folder: Path, tmp_path: Path
                                                       ) -> None:
    store = tmp_path / "stores" / "real.duckdb"
    store.parent.mkdir()
    shutil.copy(market_folder / "skillpulse.duckdb", store)
    project = tmp_path / "project"
    project.mkdir()
    (project / "skillpulse.toml").write_text('db = "../stores/real.duckdb"\n')
    by_file = _cli("status", "--json", cwd=project)
    assert by_file.returncode == 0, by_file.stderr
    assert json.loads(by_file.stdout)["kinds"]["postings"]["count"] > 100
    # the environment beats the file: a missing store is an error naming it
    by_env = _cli("status", cwd=project, SKILLPULSE_DB=str(tmp_path / "env.duckdb"))
    assert by_env.returncode == 2 and "env.duckdb" in by_env.stderr
    # the flag beats the environment
    by_flag = _cli("status", "--json", "--db", str(store), cwd=project,
                   SKILLPULSE_DB=str(tmp_path / "env.duckdb"))
    assert by_flag.returncode == 0, by_flag.stderr
    # --config names another file
    other = tmp_path / "other.toml"
    other.write_text(f'db = "{tmp_path / "nowhere.duckdb"}"\n')
    by_config = _cli("--config", str(other), "status", cwd=project)
    assert by_config.returncode == 2 and "nowhere.duckdb" in by_config.stderr


def test_cli_bad_settings_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "skillpulse.toml").write_text("workers = 'x'\n")
    proc = _cli("status", cwd=tmp_path)
    assert proc.returncode == 2
    assert "skillpulse.toml" in proc.stderr and "workers" in proc.stderr


def test_taxonomy_files_from_the_settings_file(market_folder: Path, tmp_path: Path) -> None:
    shutil.copy(market_folder / "my_skills.yaml", tmp_path / "my_skills.yaml")
    (tmp_path / "skillpulse.toml").write_text('taxonomy_files = ["my_skills.yaml"]\n')
    proc = _cli("taxonomy", "show", "widgetai", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "acme.widget-ai"
    # the environment replaces the file's list (the library reads none of them itself)
    (tmp_path / "env.yaml").write_text('name: e\nversion: "1"\nconcepts:\n'
                                       "  - id: e.gizmo\n    label: Gizmo AI\n")
    proc = _cli("taxonomy", "show", "gizmo ai", "--json", cwd=tmp_path,
                SKILLPULSE_TAXONOMY_FILES=str(tmp_path / "env.yaml"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "e.gizmo"
    proc = _cli("taxonomy", "show", "widgetai", cwd=tmp_path,
                SKILLPULSE_TAXONOMY_FILES=str(tmp_path / "env.yaml"))
    assert proc.returncode == 2
    # a flag replaces the file's list
    (tmp_path / "other.yaml").write_text('name: o\nversion: "1"\nconcepts:\n'
                                         "  - id: o.thing\n    label: Other thing\n")
    proc = _cli("taxonomy", "show", "widgetai", "--taxonomy-file", "other.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and "widgetai" in proc.stderr


def test_cli_cache_dir_option_reaches_the_caches(tmp_path: Path) -> None:
    """``skillpulse --cache-dir DIR``: the taxonomy pickle and the extractor's name cache
    (looked up deep inside the library) are written under DIR."""
    cache = tmp_path / "cache"
    proc = _cli("--cache-dir", str(cache), "extract", "LLM fine-tuning with PyTorch", "--json",
                cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert {m["skill_id"] for m in json.loads(proc.stdout)["mentions"]} >= {"sp.pytorch"}
    assert list((cache / "taxonomy").glob("default-*.pickle"))
    assert list((cache / "extract").glob("names-*.pickle"))
