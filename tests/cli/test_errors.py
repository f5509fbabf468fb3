"""Issue 15 items 9 (CLI part), 10 and 13, through the real command line (subprocesses).

- 9: every way a command can fail ends in one line and a known exit code: typed skillpulse
  errors exit 2, anything unexpected exits 1 with a hint to rerun with ``--debug`` (which
  prints the traceback), Ctrl-C exits 130 and an EOFError is not mistaken for Ctrl-C;
- 10: ``extract --input`` writes valid JSON for lone surrogates and goes on after a bad line;
- 13: reading commands never create a store; ``md:`` and ``s3://`` stores are refused.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from skillpulse.errors import StoreError
from skillpulse.store import open_store

ROOT = Path(__file__).parents[2]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("SKILLPULSE_DB", None)
    return env


def sp(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "skillpulse.cli", *args], cwd=cwd,
                          env=_env(), capture_output=True, text=True, input=stdin,
                          timeout=300)


# -- 9: the last-resort handler ---------------------------------------------------------
#: a group of commands that fail in each way, run through the real run_cli
FAILING = textwrap.dedent("""
    import sys
    import click
    from skillpulse.cli import cli
    from skillpulse.cli.common import run_cli
    from skillpulse.errors import StoreError

    @cli.command(name="boom")
    @click.argument("how")
    def boom(how):
        if how == "bug":
            {}["missing key"]
        if how == "typed":
            raise StoreError("the store is on fire")
        if how == "ctrl-c":
            raise KeyboardInterrupt
        if how == "eof":
            raise EOFError("Compressed file ended before the end-of-stream marker")
        if how == "long":
            raise RuntimeError("line one\\nline two " + "x" * 1000)
        if how == "exit-3":
            click.get_current_context().exit(3)
        click.echo("fine")

    sys.exit(run_cli(cli, sys.argv[1:]))
""")


def boom(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "failing.py"
    script.write_text(FAILING, encoding="utf-8")
    return subprocess.run([sys.executable, str(script), *args], cwd=tmp_path, env=_env(),
                          capture_output=True, text=True, timeout=120)


def test_unexpected_error_is_one_line_with_a_debug_hint(tmp_path: Path) -> None:
    res = boom(tmp_path, "boom", "bug")
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("error: unexpected KeyError: 'missing key'")
    assert "--debug" in lines[0]
    assert "Traceback" not in res.stderr


def test_debug_prints_the_traceback(tmp_path: Path) -> None:
    res = boom(tmp_path, "--debug", "boom", "bug")
    assert res.returncode == 1
    assert "Traceback (most recent call last)" in res.stderr
    assert 'in boom' in res.stderr  # the frame of the failing command
    assert res.stderr.strip().splitlines()[-1].startswith("error: unexpected KeyError")


def test_typed_error_is_one_clear_line_exit_2(tmp_path: Path) -> None:
    res = boom(tmp_path, "boom", "typed")
    assert (res.returncode, res.stderr) == (2, "error: the store is on fire\n")


def test_ctrl_c_exits_130(tmp_path: Path) -> None:
    res = boom(tmp_path, "boom", "ctrl-c")
    assert res.returncode == 130
    assert res.stderr.strip() == "interrupted"


def test_an_eof_error_is_not_an_interrupt(tmp_path: Path) -> None:
    # click turns EOFError into Abort, which used to print "Aborted." and exit 130
    res = boom(tmp_path, "boom", "eof")
    assert res.returncode == 1
    assert "unexpected EOFError: Compressed file ended" in res.stderr
    assert "Aborted" not in res.stderr


def test_a_commands_exit_code_is_the_process_exit_code(tmp_path: Path) -> None:
    # without standalone mode click returns ctx.exit(N)'s code instead of raising it
    assert boom(tmp_path, "boom", "exit-3").returncode == 3
    assert boom(tmp_path, "boom", "fine").returncode == 0


def test_a_long_message_stays_on_one_line(tmp_path: Path) -> None:
    res = boom(tmp_path, "boom", "long")
    (line,) = res.stderr.strip().splitlines()
    assert "line one line two" in line and len(line) < 400


def test_debug_is_a_global_option_of_the_real_cli(tmp_path: Path) -> None:
    res = sp("--help", cwd=tmp_path)
    assert "--debug" in res.stdout
    res = sp("--debug", "status", "--db", "nowhere.duckdb", cwd=tmp_path)
    assert res.returncode == 2
    assert "no store at nowhere.duckdb" in res.stderr


def test_debug_is_found_after_global_options_with_values() -> None:
    from skillpulse.cli.common import debug_requested

    assert debug_requested(["--config", "sp.toml", "--debug", "top"])
    assert debug_requested(["--cache-dir", "c", "--debug", "status"])
    assert not debug_requested(["--config", "sp.toml", "top", "--debug"])  # a command's arg


# -- 13: reading commands need an existing store ----------------------------------------
@pytest.mark.parametrize("args", [
    ["status"],
    ["rejects"],
    ["export", "postings", "--out", "out.csv"],
    ["top", "--kind", "postings", "--period", "2023Q1"],
    ["extract", "--db"],
])
def test_reading_a_missing_store_creates_nothing(tmp_path: Path, args: list[str]) -> None:
    target = Path("typo", "skilpulse.duckdb")
    argv = [*args, str(target)] if args[-1] == "--db" else [*args, "--db", str(target)]
    res = sp(*argv, cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    assert res.stderr.startswith(f"error: no store at {target}")
    assert len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "typo").exists()
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("db", ["md:my_db", "motherduck:my_db", "s3://bucket/sp.duckdb",
                                "https://example.com/sp.duckdb"])
@pytest.mark.parametrize("args", [["status"], ["ingest", "searches", "q.jsonl"]])
def test_remote_stores_are_not_supported(tmp_path: Path, db: str, args: list[str]) -> None:
    (tmp_path / "q.jsonl").write_text('{"id": "1", "searched_at": "2023-01-01", '
                                      '"query": "python"}\n', encoding="utf-8")
    res = sp(*args, "--db", db, cwd=tmp_path)
    assert res.returncode == 2
    assert res.stderr == (f"error: store {db}: remote and service databases (md:, s3://, "
                          "https://, ...) are not supported; give the path of a local "
                          "DuckDB file\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.jsonl"]  # no "s3:" folder


def test_a_store_that_exists_is_read(tmp_path: Path) -> None:
    (tmp_path / "q.jsonl").write_text('{"id": "1", "searched_at": "2023-01-01", '
                                      '"query": "python"}\n', encoding="utf-8")
    assert sp("ingest", "searches", "q.jsonl", "--db", "sp.duckdb", cwd=tmp_path).returncode == 0
    res = sp("status", "--db", "sp.duckdb", "--json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["kinds"]["searches"]["count"] == 1


def test_library_open_store_create_false(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "a" / "b.duckdb", create=False)
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "b.duckdb", read_only=True)
    with pytest.raises(StoreError, match="not supported"):
        open_store("s3://bucket/x.duckdb")
    assert list(tmp_path.iterdir()) == []
    open_store(tmp_path / "b.duckdb").close()  # writing commands still create it
    with open_store(tmp_path / "b.duckdb", create=False) as store:
        assert store.scalar("SELECT count(*) FROM postings") == 0


# -- 10: extract --input never stops at a bad line --------------------------------------
def test_extract_input_survives_surrogates_and_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "q.jsonl"
    src.write_bytes(
        b'{"id": "s\\ud800", "query": "chatgtp \\udcff expert"}\n'   # lone surrogates
        b'{"id": "raw", "query": "bad \xff byte \xfe pytorch"}\n'     # undecodable bytes
        b'not json at all\n'
        b'\n'
        b'["a", "list"]\n'
        b'{"id": "last", "query": "stable difusion"}\n')
    res = sp("extract", "--input", str(src), "--kind", "search", cwd=tmp_path)
    assert res.returncode == 2
    out = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(out) == 5  # one line per non-blank input line, each valid JSON
    assert out[0]["id"] == "s\ud800"
    assert [m["skill_id"] for m in out[0]["mentions"]] == ["sp.chatgpt"]
    assert out[1]["id"] == "raw"
    assert [m["skill_id"] for m in out[1]["mentions"]] == ["sp.pytorch"]
    assert out[2]["line"] == 3 and out[2]["error"].startswith("not JSON")
    assert out[3] == {"line": 5, "error": "not a JSON object (list)"}
    assert out[4]["id"] == "last"
    assert [m["skill_id"] for m in out[4]["mentions"]] == ["sp.stable-diffusion"]
    assert f"warning: {src}:3: not JSON" in res.stderr
    assert res.stderr.strip().splitlines()[-1] == (
        f"error: {src}: 2 of 5 lines could not be used (line 3, 5); the others were "
        "extracted")


def test_extract_text_with_a_lone_surrogate_writes_json(tmp_path: Path) -> None:
    # an undecodable byte in argv reaches Python as a lone surrogate
    res = subprocess.run([sys.executable, "-m", "skillpulse.cli", "extract",
                          b"pytorch \xff expert", "--json"], cwd=tmp_path, env=_env(),
                         capture_output=True, timeout=300)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert [m["skill_id"] for m in data["mentions"]] == ["sp.pytorch"]
