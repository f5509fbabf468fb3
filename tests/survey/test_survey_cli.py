"""The `survey` commands: JSON contract, human tables with bases and margins, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from skillpulse.cli import main
from skillpulse.store import DuckDBStore
from skillpulse.survey.ingest import ingest_survey
from skillpulse.survey.synthetic import write_survey


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp("cli")
    path = write_survey(out, seed=1)
    db_path = out / "s.duckdb"
    with DuckDBStore(db_path) as store:
        ingest_survey(store, path, name="leaders")
    return str(db_path), path


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_share_json_contract(db: tuple[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db_path, csv = db
    code, out, _ = _run(["survey", "share", "--db", db_path, "--name", "leaders", "--question",
                         "embraces_genai", "--answer", "yes", "--by", "company_size",
                         "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert {"question", "base", "weighted", "rows", "segments"} <= set(data)
    df = pd.read_csv(csv, dtype=str, keep_default_na=False)
    yes = int((df["embraces_genai"] == "yes").sum())
    assert data["question"] == "embraces_genai" and data["base"] == 1400
    assert data["weighted"] is False
    (row,) = data["rows"]
    assert row["answer"] == "yes" and row["count"] == yes
    assert row["share"] == pytest.approx(yes / 1400)
    low, high = proportion_confint(yes, 1400, method="wilson")
    assert (row["share_low"], row["share_high"]) == pytest.approx((low, high))
    segs = {s["segment"]: s for s in data["segments"]}
    assert set(segs) == {"small", "midsize", "large"}
    for name, seg in segs.items():
        sub = df[df["company_size"] == name]
        assert seg["base"] == len(sub)
        assert seg["rows"][0]["count"] == int((sub["embraces_genai"] == "yes").sum())
    assert data["difference_test"][0]["p_value"] < 0.05


def test_share_human_output_shows_base_and_margin(db: tuple[str, Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db_path, _ = db
    code, out, _ = _run(["survey", "share", "--db", db_path, "--name", "leaders", "-q",
                         "plans_to_hire_more", "--where", "role=ceo", "--by", "company_size",
                         "--min-base", "100"], capsys)
    assert code == 0
    assert "base 240" in out
    assert "±" in out and "95% interval" in out
    assert "LOW BASE" in out  # CEO segments of ~80 are under 100: flagged, still shown
    assert "small" in out and "midsize" in out and "large" in out


def test_questions_lists_answer_sets(db: tuple[str, Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    db_path, csv = db
    code, out, _ = _run(["survey", "questions", "--db", db_path, "--name", "leaders",
                         "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    qs = {q["question"]: q for q in data["questions"]}
    df = pd.read_csv(csv, dtype=str, keep_default_na=False)
    assert list(qs) == list(df.columns)
    assert qs["genai_uses"]["multi_select"] is True
    assert qs["ceo_increase_freelance"]["respondents"] == int((df["role"] == "ceo").sum())
    role = {a["answer"]: a["respondents"] for a in qs["role"]["answers"]}
    assert role == df["role"].value_counts().to_dict()


def test_errors_exit_2_with_one_line(db: tuple[str, Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    db_path, _ = db
    code, _, err = _run(["survey", "share", "--db", db_path, "--name", "leaders", "-q",
                         "role", "--where", "nonsense"], capsys)
    assert code == 2 and err.startswith("error: --where expects COL=VALUE")
    code, _, err = _run(["survey", "share", "--db", db_path, "--name", "nope", "-q", "x"],
                        capsys)
    assert code == 2 and "no survey named 'nope'" in err


def test_every_option_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    from skillpulse.cli.survey import survey_group

    for command in survey_group.commands.values():
        assert command.help
        for param in command.params:
            if param.param_type_name == "option":
                assert getattr(param, "help", None), (command.name, param.name)


def test_ingest_survey_command_end_to_end(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """`skillpulse ingest survey FILE --name --weight` (the ingest command) feeds `survey
    share`; bad weights show up in `skillpulse rejects --kind survey`."""
    path = tmp_path / "s.csv"
    path.write_text("q,w\nyes,1\nno,2\nyes,oops\nyes,3\n")
    db_path = str(tmp_path / "e.duckdb")
    code, out, _ = _run(["ingest", "survey", str(path), "--name", "s", "--weight", "w",
                         "--db", db_path, "--json"], capsys)
    assert code == 0
    (summary,) = json.loads(out)["files"]
    assert (summary["read"], summary["loaded"], summary["rejected"]) == (4, 3, 1)
    code, out, _ = _run(["rejects", "--kind", "survey", "--db", db_path, "--json"], capsys)
    assert code == 0 and "oops" in out and '"w"' in out
    code, out, _ = _run(["survey", "share", "--db", db_path, "--name", "s", "-q", "q", "-a",
                         "yes", "--json"], capsys)
    data = json.loads(out)
    assert data["weighted"] is True and data["base"] == 3
    assert data["rows"][0]["share"] == pytest.approx(4 / 6)
    assert data["n_eff"] == pytest.approx(36 / 14)
