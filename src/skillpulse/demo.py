"""The one-command demo as a library function: generate a synthetic marketplace, ingest it,
extract skills, write the report. Each step runs on its own, returns its info object and
fails with its name attached (:class:`~skillpulse.errors.StepError`).

``run_demo(out_dir)`` writes ``out_dir/data/`` (the generated files and ``truth.json``),
``out_dir/skillpulse.duckdb`` (a fresh store) and ``out_dir/report.html``, ``report.md``,
``report.json`` and ``charts/``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillpulse.errors import SkillpulseError, StepError
from skillpulse.store.kinds import KIND_NAMES

if TYPE_CHECKING:
    from skillpulse.store.base import Store

log = logging.getLogger(__name__)

#: The demo's report: the windows of the Upwork Research Institute's 2023 article.
PERIOD, BASE, CURRENT, SURGE_BASE = "2023H1", "2023Q1", "2023Q2", "2022Q4"
CATEGORY = "generative-ai"
SURVEY_NAME = "leaders"
#: The survey figures of the article: 49% of hiring managers plan to hire more, 64% of the
#: C-suite plan to hire more because of gen AI, 59% embrace it, 48% of CEOs plan to increase
#: freelance hiring; broken down by company size.
SURVEY_QUESTIONS = (
    "plans_to_hire_more=yes@role=hiring manager",
    "hire_more_because_genai=yes@role=c-suite|ceo",
    "embraces_genai=yes",
    "ceo_increase_freelance=yes",
)
SURVEY_BY = "company_size"
#: The report's segment section: the article's "midsize companies lead", for job posts.
SEGMENT = "company_size"
EVENT_FILES = KIND_NAMES
#: ``taxonomy`` choices: the built-in gen-AI catalog (fast) or the full default taxonomy.
TAXONOMIES = ("genai", "default")

#: The file that marks a folder as the demo's own: the demo writes only into a folder it
#: creates (or an empty one) and one holding this marker, so it never replaces a user's
#: store or files.
MARKER = ".skillpulse-demo"

#: ``progress(step, done, total)``; ``total`` 0 when unknown.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class StepInfo:
    name: str
    seconds: float
    info: Any

    def to_dict(self) -> dict[str, Any]:
        inner = self.info
        if isinstance(inner, list):
            detail: Any = [_as_dict(i) for i in inner]
        else:
            detail = _as_dict(inner)
        return {"step": self.name, "seconds": round(self.seconds, 3), "info": detail}


def _as_dict(obj: Any) -> Any:
    for attr in ("to_dict", "as_dict"):
        if hasattr(obj, attr):
            return getattr(obj, attr)()
    return obj


@dataclass
class DemoInfo:
    """What the demo did, step by step, and where its outputs are."""

    out_dir: Path
    store: Path
    steps: list[StepInfo] = field(default_factory=list)
    report: Any = None

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.steps)

    def step(self, name: str) -> StepInfo:
        for s in self.steps:
            if s.name == name:
                return s
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        return {"out_dir": str(self.out_dir), "store": str(self.store),
                "seconds": round(self.seconds, 3), "steps": [s.to_dict() for s in self.steps]}


def _noop(step: str, done: int, total: int) -> None:
    return None


def claim_out_dir(out: Path) -> None:
    """Make ``out`` the demo's folder, or refuse: a folder that does not exist is created,
    an empty one is taken, one the demo made before (holding :data:`MARKER`) is reused;
    anything else (a file, a folder with other contents, such as ``.`` with a store in it)
    raises :class:`SkillpulseError` and nothing is written."""
    if out.exists() and not out.is_dir():
        raise SkillpulseError(f"demo --out {out}: a file is in the way; give a new folder")
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()):
        raise SkillpulseError(
            f"demo --out {out}: the folder is not empty and was not made by the demo (no "
            f"{MARKER} file in it); the demo writes only into a new or empty folder or one "
            "it made before, so that it never replaces your store or files. Give a new "
            "folder, e.g. --out demo-output")
    out.mkdir(parents=True, exist_ok=True)
    marker = out / MARKER
    if not marker.is_file():
        marker.write_text("Made by 'skillpulse demo': it may overwrite this folder's data/, "
                          "skillpulse.duckdb, report.* and charts/.\n", encoding="utf-8")


def load_taxonomy(name: str) -> Any:
    """``genai``: the built-in gen-AI catalog; ``default``: the full default taxonomy."""
    if name == "genai":
        from skillpulse.taxonomy.catalog import load_builtin

        return load_builtin()
    if name == "default":
        from skillpulse.taxonomy import Taxonomy

        return Taxonomy.default()
    raise SkillpulseError(f"unknown demo taxonomy {name!r}: use one of {', '.join(TAXONOMIES)}")


def step_generate(data_dir: Path, *, seed: int, scale: float) -> Any:
    from skillpulse.generate import generate

    return generate(data_dir, seed=seed, scale=scale)


def step_ingest(store: Store, data_dir: Path, progress: Progress) -> list[Any]:
    from skillpulse.ingest import ingest_file
    from skillpulse.survey import ingest_survey

    infos: list[Any] = []
    for i, kind in enumerate(EVENT_FILES):
        path = data_dir / f"{kind}.jsonl"
        try:
            infos.append(ingest_file(store, kind, path))
        except SkillpulseError as exc:
            raise StepError("ingest", str(path), str(exc)) from exc
        progress("ingest", i + 1, len(EVENT_FILES) + 1)
    survey = data_dir / "survey.csv"
    if survey.is_file():
        try:
            infos.append(ingest_survey(store, survey, name=SURVEY_NAME, weight="weight"))
        except SkillpulseError as exc:
            raise StepError("ingest", str(survey), str(exc)) from exc
    progress("ingest", len(EVENT_FILES) + 1, len(EVENT_FILES) + 1)
    return infos


def step_extract(store: Store, taxonomy: Any, *, workers: int, progress: Progress) -> Any:
    from skillpulse.extract.store import extract_store

    return extract_store(store, taxonomy, workers=workers,
                         progress=lambda done, total: progress("extract", done, total))


def step_report(store: Store, taxonomy: Any, out_dir: Path, *, survey: bool,
                command: str | None) -> tuple[Any, list[Any]]:
    from skillpulse.report import build_report, write_report

    report = build_report(
        store, period=PERIOD, base=BASE, current=CURRENT, surge_base=SURGE_BASE,
        category=CATEGORY, taxonomy=taxonomy, survey=SURVEY_NAME if survey else None,
        survey_questions=SURVEY_QUESTIONS if survey else (), survey_by=SURVEY_BY,
        segment=SEGMENT, command=command,
    )
    files = [write_report(report, out_dir, format="html"),
             write_report(report, out_dir, format="json")]
    return report, files


def run_demo(
    out_dir: str | Path = "demo-output",
    *,
    scale: float = 1.0,
    seed: int = 0,
    taxonomy: str = "genai",
    workers: int = 2,
    command: str | None = None,
    progress: Progress | None = None,
) -> DemoInfo:
    """Generate, ingest, extract and report into ``out_dir`` (see the module docstring).

    The store ``out_dir/skillpulse.duckdb`` is recreated on every run. ``out_dir`` must be
    new, empty or made by the demo before (:func:`claim_out_dir`). ``workers``: extraction
    processes (each builds its own matcher: 1 is faster on small data, 2 at the
    default scale on 2 cores).
    """
    from skillpulse.store import open_store

    report_progress = progress or _noop
    out = Path(out_dir)
    claim_out_dir(out)
    data = out / "data"
    db = out / "skillpulse.duckdb"
    info = DemoInfo(out, db)

    def timed(name: str, func: Callable[[], Any]) -> Any:
        report_progress(name, 0, 0)
        started = time.perf_counter()
        try:
            result = func()
        except StepError:
            raise
        except SkillpulseError as exc:
            raise StepError(name, str(out), str(exc)) from exc
        info.steps.append(StepInfo(name, time.perf_counter() - started, result))
        log.info("demo step %s: %.1f s", name, info.steps[-1].seconds)
        return result

    timed("generate", lambda: step_generate(data, seed=seed, scale=scale))
    report_progress("generate", 1, 1)
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    store = open_store(db)
    try:
        ingested = timed("ingest", lambda: step_ingest(store, data, report_progress))
        tax = timed("taxonomy", lambda: load_taxonomy(taxonomy))
        timed("extract", lambda: step_extract(store, tax, workers=workers,
                                              progress=report_progress))
        has_survey = any(getattr(i, "name", None) == SURVEY_NAME for i in ingested)
        report, files = timed("report", lambda: step_report(store, tax, out, survey=has_survey,
                                                            command=command))
        info.steps[-1] = StepInfo("report", info.steps[-1].seconds, files)
        info.report = report
        report_progress("report", 1, 1)
    finally:
        store.close()
    return info
