"""Choosing the engine: settings ``engine`` and ``lake`` (skillpulse.toml < environment <
flag), the options beside every ``--db``, and the actionable errors when the Spark engine
cannot run (no lake, no Java, no pyspark). None of these start Spark."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from skillpulse.errors import SettingsError
from skillpulse.settings import resolve

CLEAN = ("SKILLPULSE_DB", "SKILLPULSE_ENGINE", "SKILLPULSE_LAKE", "SKILLPULSE_CONFIG",
         "SKILLPULSE_TAXONOMY_FILES", "SKILLPULSE_WORKERS")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEAN}
    return {**env, **extra}


def _cli(*args: str, cwd: Path, env: dict[str, str],
         prelude: str = "") -> subprocess.CompletedProcess[str]:
    code = (f"{prelude}import sys; from skillpulse.cli import main; "
            f"sys.exit(main({list(args)!r}))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=cwd, timeout=300, env=env)


def test_engine_and_lake_precedence(tmp_path: Path) -> None:
    (tmp_path / "skillpulse.toml").write_text('engine = "spark"\nlake = "lakes/main"\n')
    from_file = resolve(project_dir=tmp_path, environ={})
    assert (from_file.engine, from_file.lake) == ("spark", str(tmp_path / "lakes" / "main"))
    assert from_file.sources["engine"] == from_file.sources["lake"] == "file"
    env = {"SKILLPULSE_ENGINE": "DuckDB", "SKILLPULSE_LAKE": "s3a://bucket/lake"}
    from_env = resolve(project_dir=tmp_path, environ=env)
    assert (from_env.engine, from_env.lake) == ("duckdb", "s3a://bucket/lake")  # URI as is
    flagged = resolve(project_dir=tmp_path, environ=env, engine="spark", lake="here")
    assert (flagged.engine, flagged.lake) == ("spark", "here")
    assert flagged.store_location == "here"
    assert resolve(environ={}).engine == "duckdb"
    assert resolve(environ={}).store_location == "skillpulse.duckdb"


def test_bad_engine_and_missing_lake_are_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="engine must be one of duckdb, spark"):
        resolve(environ={"SKILLPULSE_ENGINE": "postgres"})
    (tmp_path / "skillpulse.toml").write_text('engine = 3\n')
    with pytest.raises(SettingsError, match=r"skillpulse\.toml: engine"):
        resolve(project_dir=tmp_path, environ={})
    with pytest.raises(SettingsError, match="--lake PATH"):
        _ = resolve(environ={}, engine="spark").store_location


def _commands() -> list[click.Command]:
    from skillpulse.cli import cli

    found: list[click.Command] = []
    stack: list[click.Command] = [cli]
    while stack:
        cmd = stack.pop()
        if isinstance(cmd, click.Group):
            stack.extend(cmd.commands.values())
        else:
            found.append(cmd)
    return found


def test_every_command_with_a_store_takes_engine_and_lake() -> None:
    with_db = [c for c in _commands() if any(p.name == "db" for p in c.params)]
    assert {"ingest", "top", "status", "report", "extract"} <= {c.name for c in with_db}
    for cmd in with_db:
        names = {p.name for p in cmd.params}
        assert {"engine", "lake"} <= names, cmd.name


def test_cli_spark_without_lake_exits_2(tmp_path: Path) -> None:
    done = _cli("status", "--engine", "spark", cwd=tmp_path, env=_env())
    assert done.returncode == 2, done.stderr
    assert "needs a lake" in done.stderr and "--lake PATH" in done.stderr


def test_cli_spark_without_java_exits_2_naming_java_home(tmp_path: Path) -> None:
    env = _env(JAVA_HOME=str(tmp_path / "no-java"), SKILLPULSE_ENGINE="spark",
               SKILLPULSE_LAKE=str(tmp_path / "lake"))
    done = _cli("status", cwd=tmp_path, env=env)
    assert done.returncode == 2, done.stderr
    assert "JAVA_HOME" in done.stderr and "bin/java" in done.stderr
    assert not (tmp_path / "lake").exists()


def test_cli_spark_without_pyspark_exits_2_naming_the_extra(tmp_path: Path) -> None:
    done = _cli("top", "--kind", "postings", "--period", "2023", "--engine", "spark",
                "--lake", str(tmp_path / "lake"), cwd=tmp_path, env=_env(),
                prelude="import sys; sys.modules['pyspark'] = None; ")
    assert done.returncode == 2, done.stderr
    assert "pip install 'skillpulse[spark]'" in done.stderr


def test_lake_locations() -> None:
    from skillpulse.errors import StoreError
    from skillpulse.store.spark.store import lake_uri

    assert lake_uri("s3a://bucket/lake/") == "s3a://bucket/lake"  # a URI as written
    assert lake_uri("lake") == str(Path("lake").resolve())
    with pytest.raises(StoreError, match="file patterns"):
        lake_uri("runs/local[1]/lake")  # Spark would read [1] as a pattern
