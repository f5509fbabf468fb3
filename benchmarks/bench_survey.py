"""Survey module speed: ingest and share estimates, each beside a pandas baseline doing the
same work, measured in the same run.

    .venv/bin/python benchmarks/bench_survey.py [FILE] [--repeat 3]

FILE defaults to the Stack Overflow 2024 subset in ../shared (18,845 responses x 114 columns),
falling back to the 2,000-row test slice.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from skillpulse.store import DuckDBStore
from skillpulse.survey.ingest import ingest_survey
from skillpulse.survey.share import survey_share

ROOT = Path(__file__).resolve().parent.parent
FULL = ROOT.parent / "shared/data/surveys/stackoverflow_2024/survey_results_public_2024_subset.csv.bz2"
SLICE = ROOT / "tests/data/survey/so2024_first2000.csv.bz2"


class Timing:
    """Median wall time and median CPU time of this process (all threads) over the runs:
    on a shared machine the CPU time is the steadier figure."""

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall, self.cpu = wall, cpu

    def __format__(self, spec: str) -> str:
        return f"wall {self.wall:{spec}} s / cpu {self.cpu:{spec}} s"


def _time(fn: Callable[[], object], repeat: int) -> Timing:
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus))


def pandas_long_form(path: Path) -> pd.DataFrame:
    """Baseline: read with pandas and build the same long table (multi-select split)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    df.insert(0, "respondent", range(1, len(df) + 1))
    long = df.melt(id_vars="respondent", var_name="question", value_name="answer").dropna()
    multi = {q for q, s in long.groupby("question")["answer"]
             if s.str.contains(";", regex=False).any()}
    is_multi = long["question"].isin(multi)
    split = long[is_multi].assign(answer=long.loc[is_multi, "answer"].str.split(";"))
    split = split.explode("answer")
    split["answer"] = split["answer"].str.strip()
    split = split[split["answer"] != ""].drop_duplicates()
    return pd.concat([long[~is_multi], split], ignore_index=True)


def pandas_share(df: pd.DataFrame) -> pd.DataFrame:
    from statsmodels.stats.proportion import proportion_confint

    sub = df.dropna(subset=["AISelect"])
    seg = sub.dropna(subset=["OrgSize"])
    g = seg.groupby("OrgSize")["AISelect"].agg(n="size", yes=lambda s: int((s == "Yes").sum()))
    low, high = proportion_confint(g["yes"], g["n"], method="wilson")
    return g.assign(low=low, high=high)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path: Path = args.file or (FULL if FULL.exists() else SLICE)
    print(f"file: {path} ({path.stat().st_size / 1e6:.1f} MB), median of {args.repeat}; "
          f"load average {os.getloadavg()[0]:.1f}")

    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(1000))

        def ours() -> object:
            with DuckDBStore(Path(tmp) / f"s{next(counter)}.duckdb") as store:
                return ingest_survey(store, path, name="so")

        t_ours = _time(ours, args.repeat)
        t_base = _time(lambda: pandas_long_form(path), args.repeat)
        print(f"ingest to long form   skillpulse {t_ours:6.2f}   pandas baseline {t_base:6.2f}")

        store = DuckDBStore(Path(tmp) / "q.duckdb")
        info = ingest_survey(store, path, name="so")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        t_share = _time(lambda: survey_share(store, name="so", question="AISelect",
                                             answers=["Yes"], by="OrgSize"), args.repeat)
        t_pshare = _time(lambda: pandas_share(frame), args.repeat)
        t_multi = _time(lambda: survey_share(store, name="so",
                                             question="AISearchDevHaveWorkedWith"), args.repeat)
        print(f"share AISelect by OrgSize (+tests)  skillpulse {t_share:6.3f}   "
              f"pandas on an in-memory frame {t_pshare:6.3f}")
        print(f"share of a multi-select question    skillpulse {t_multi:6.3f}")
        print(f"respondents {info.loaded}, questions {info.questions}, "
              f"answer rows {store.scalar('SELECT count(*) FROM survey_answers')}")
        store.close()


if __name__ == "__main__":
    main()
