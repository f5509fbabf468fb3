"""The front door: a :class:`Workspace` is one store plus its settings, with one method per
step or question (``ingest``, ``extract``, ``top``, ``growth``, ``share``, ``gap``,
``related``, ``report``, ``survey_share``, ``status``, ``export``).

Methods take keyword arguments named as the CLI's options (``--min-count`` is
``min_count``; ``--from``/``--to`` are ``start``/``end``, ``from`` being a Python keyword)
and return the typed results the CLI prints: its ``--json`` output is the result's
``to_dict()``, and ranking results also give ``to_pandas()`` and ``to_arrow()``. Each call
opens the store for its own duration, so other processes can use it in between; inside a
``with`` block the workspace keeps one connection for all its calls.

    >>> import skillpulse
    >>> ws = skillpulse.open("market.duckdb")              # doctest: +SKIP
    >>> ws.top(kind="postings", period="2025Q1", n=10)     # doctest: +SKIP
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from skillpulse.errors import SettingsError, SkillpulseError, StoreError
from skillpulse.settings import Settings, applied, resolve

if TYPE_CHECKING:
    from skillpulse.analytics.results import (
        GapResult,
        GrowthResult,
        RelatedResult,
        ShareResult,
        TopResult,
    )
    from skillpulse.extract.store import ExtractInfo
    from skillpulse.ingest.pipeline import IngestInfo
    from skillpulse.report.render import ReportFiles
    from skillpulse.store.base import Store
    from skillpulse.store.inspect import ExportInfo, Reject, StoreStatus
    from skillpulse.survey.ingest import SurveyIngestInfo
    from skillpulse.survey.questions import SurveyQuestions
    from skillpulse.survey.share import SurveyShareResult
    from skillpulse.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


def _with_settings(method: F) -> F:
    """Run the method with the workspace's settings applied (see
    :func:`skillpulse.settings.applied`)."""

    @functools.wraps(method)
    def wrapper(self: Workspace, *args: Any, **kwargs: Any) -> Any:
        with applied(self.settings):
            return method(self, *args, **kwargs)

    return cast(F, wrapper)

#: ``where=`` as the CLI's ``--where FIELD=VALUE`` strings or a mapping field -> value(s)
WhereSpec = Mapping[str, str | Sequence[str]] | Sequence[str] | None


def parse_where(where: WhereSpec, *, option: str = "--where",
                metavar: str = "FIELD=VALUE") -> dict[str, list[str]]:
    """``{"field": "v"}``, ``{"field": ["v", "w"]}`` or ``["field=v", "field=w"]`` as
    ``{"field": ["v", "w"]}`` (values of one field: any of them)."""
    out: dict[str, list[str]] = {}
    if where is None:
        return out
    if isinstance(where, Mapping):
        for key, value in where.items():
            values = [value] if isinstance(value, str) else [str(v) for v in value]
            out.setdefault(str(key), []).extend(values)
        return out
    if isinstance(where, str):
        where = [where]
    for item in where:
        key, sep, value = str(item).partition("=")
        if not sep or not key.strip():
            raise SkillpulseError(f"{option} expects {metavar}, got {item!r}")
        out.setdefault(key.strip(), []).append(value.strip())
    return out


def open(
    path: str | os.PathLike[str] | None = None,
    *,
    config: str | os.PathLike[str] | None = None,
    **settings: Any,
) -> Workspace:
    """Open a workspace.

    ``path`` is a store file (``market.duckdb``) or a project folder (its
    ``skillpulse.toml`` is read and its store is ``skillpulse.duckdb`` unless the file says
    otherwise); without it, the current folder is the project. ``config`` names a settings
    file explicitly. Keyword arguments set settings by name (``db``, ``taxonomy_files``,
    ``cache_dir``, ``workers``) above the file and the environment. Nothing is read from the
    store until a method is called.
    """
    project: Path | None = None
    if path is not None:
        p = Path(path)
        if p.is_dir():
            project = p
        else:
            if "db" in settings and settings["db"] is not None:
                raise SettingsError("give the store as path or as db=, not both")
            settings["db"] = p
    return Workspace(resolve(config=config, project_dir=project, **settings))


def extract_function(store: Store) -> Callable[..., ExtractInfo]:
    """The store extraction of ``store``'s engine: worker processes on DuckDB, the
    executors' ``mapInArrow`` tasks on Spark (same extractor, same mentions)."""
    if store.engine == "spark":
        from skillpulse.store.spark.extract import extract_store as spark_extract

        return spark_extract
    from skillpulse.extract.store import extract_store

    return extract_store


class Workspace:
    """One store and its settings; see the module docs."""

    def __init__(self, settings: Settings, *, default_taxonomy: bool = True) -> None:
        self.settings = settings
        self.default_taxonomy = default_taxonomy
        self._taxonomy: Taxonomy | None = None
        self._keep = False
        self._held: Store | None = None
        self._held_read_only = False

    def __repr__(self) -> str:
        if self.settings.engine == "spark":
            return f"Workspace(engine='spark', lake={self.settings.lake!r})"
        return f"Workspace(db={str(self.settings.db)!r})"

    # -- store and taxonomy -------------------------------------------------------------
    @property
    def db(self) -> Path:
        return self.settings.db

    @property
    @_with_settings
    def taxonomy(self) -> Taxonomy:
        """The taxonomy of this workspace: the default one with the ``taxonomy_files`` on
        top (or those files alone when opened with ``default_taxonomy=False``); loaded once."""
        if self._taxonomy is None:
            from skillpulse.taxonomy import Taxonomy

            files = list(self.settings.taxonomy_files)
            if self.default_taxonomy:
                self._taxonomy = Taxonomy.load(files, cache_dir=self.settings.cache_dir)
            else:
                if not files:
                    raise SettingsError("without the default taxonomy, give taxonomy_files "
                                        "(--taxonomy-file)")
                concepts: dict[str, Any] = {}
                for f in files:
                    concepts.update({c.id: c for c in Taxonomy.from_file(f)})
                self._taxonomy = Taxonomy.from_concepts(concepts.values())
        return self._taxonomy

    @contextmanager
    def store(self, *, write: bool = False, create: bool = True) -> Iterator[Store]:
        """The store, open for the block (or for the whole ``with workspace:`` block).
        Reading needs an existing store; it is opened writable when possible (so derived
        counting tables can be refreshed), else read-only (another process holds it).
        Writing creates a missing store unless ``create=False``. The engine is the
        ``engine`` setting's: the DuckDB file ``db``, or the Spark ``lake``."""
        if self._held is not None:
            if write and self._held_read_only:
                raise StoreError(f"{self.settings.db} is held read-only by this workspace "
                                 "(another process had it open): leave the 'with' block "
                                 "to write")
            yield self._held
            return
        s, read_only = self._open(write, create)
        if self._keep:
            self._held, self._held_read_only = s, read_only
            yield s
            return
        with s:
            yield s

    def _open(self, write: bool, create: bool = True) -> tuple[Store, bool]:
        from skillpulse.store import open_store, require_store

        if self.settings.engine == "spark":
            from skillpulse.store.spark import open_spark_store

            return open_spark_store(self.settings.store_location, create=write and create), False
        path = self.settings.db
        if write and not create:
            require_store(path)
        if write:
            return open_store(path), False
        require_store(path)  # reading never creates a store
        try:
            return open_store(path), False
        except StoreError:
            return open_store(path, read_only=True), True

    def __enter__(self) -> Workspace:
        """Inside ``with``, the store stays open from its first use to the end of the block
        (one connection for many calls: no open per call, but other processes cannot
        write the store meanwhile)."""
        self._keep = True
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the store held by a ``with`` block (calls outside one hold nothing)."""
        self._keep = False
        if self._held is not None:
            held, self._held = self._held, None
            held.close()

    # -- steps ----------------------------------------------------------------------------
    @_with_settings
    def ingest(
        self,
        kind: str,
        file: str | os.PathLike[str],
        *,
        mapping: str | os.PathLike[str] | Mapping[str, str] | None = None,
        set: Mapping[str, Any] | None = None,
        id_from: str | Sequence[str] | None = None,
        dayfirst: bool | None = None,
        as_of: str | None = None,
        format: str | None = None,
        name: str | None = None,
        weight: str | None = None,
    ) -> IngestInfo | SurveyIngestInfo:
        """Load one file of ``kind`` (postings, searches, hires, profiles, survey).

        ``mapping``: a mapping TOML file, or a dict contract field -> input column (as
        ``--map``); ``set``: constants for every row (``--set``); ``id_from``: the column(s)
        an ID is hashed from when the file has none (``--id-from``); ``dayfirst`` and
        ``as_of`` as ``--dayfirst`` and ``--as-of`` (each passed on only when given, so the
        mapping file's own values stay otherwise). Surveys take ``name``
        and ``weight`` instead. Returns the file's accounting (read = loaded + rejected +
        duplicates)."""
        if kind == "survey":
            if not name:
                raise SkillpulseError("ingest survey needs name=")
            from skillpulse.survey.ingest import ingest_survey

            with self.store(write=True) as s:
                return ingest_survey(s, Path(file), name=name, weight=weight, fmt=format)
        with self.store(write=True) as s:
            from skillpulse.ingest import ingest_file

            options = {k: v for k, v in (("dayfirst", dayfirst), ("as_of", as_of))
                       if v is not None}
            built = self._mapping(file, mapping, set, id_from, options)
            return ingest_file(s, kind, Path(file), mapping=built, fmt=format)

    @staticmethod
    def _mapping(file: str | os.PathLike[str],
                 mapping: str | os.PathLike[str] | Mapping[str, str] | None,
                 constants: Mapping[str, Any] | None,
                 id_from: str | Sequence[str] | None, options: dict[str, Any]) -> Any:
        from skillpulse.ingest.mapping import build_mapping

        if isinstance(mapping, Mapping):
            mapping_file, pairs = None, [f"{k}={v}" for k, v in mapping.items()]
        else:
            mapping_file, pairs = (None if mapping is None else Path(mapping)), []
        extra: dict[str, Any] = dict(options)
        if constants:
            extra["constants"] = {k: str(v) for k, v in constants.items()}
        if id_from:
            extra["id_from"] = (id_from,) if isinstance(id_from, str) else tuple(id_from)
        return build_mapping(mapping_file, pairs, **extra)

    @_with_settings
    def extract(self, *, semantic: bool = False, workers: int | None = None) -> ExtractInfo:
        """Extract skills from every stored document not yet extracted with this
        workspace's taxonomy (incremental); ``semantic`` adds the semantic linker."""
        with self.store(write=True) as s:
            return extract_function(s)(s, self.taxonomy, semantic=semantic,
                                       workers=workers or self.settings.workers)

    # -- questions ------------------------------------------------------------------------
    @_with_settings
    def top(self, *, kind: str, period: str | None = None, start: str | None = None,
            end: str | None = None, category: str | None = None, n: int = 10,
            by: str | None = None, where: WhereSpec = None,
            taxonomy_version: str | None = None) -> TopResult:
        """``skillpulse top``: the skills mentioned by the most documents of ``kind`` in
        ``period`` (or ``start``..``end``), with Wilson 95% intervals."""
        from skillpulse.analytics import top_skills
        from skillpulse.analytics.periods import resolve_period

        p = resolve_period(period, start=start, end=end)
        tax = self.taxonomy
        with self.store() as s:
            return top_skills(s, kind=kind, period=p, category=category, n=n, taxonomy=tax,
                              where=parse_where(where), by=by,
                              taxonomy_version=taxonomy_version)

    @_with_settings
    def growth(self, *, kind: str, base: str, current: str, category: str | None = None,
               n: int = 10, min_count: int = 20, breakout_floor: int = 5,
               by: str | None = None, where: WhereSpec = None,
               taxonomy_version: str | None = None) -> GrowthResult:
        """``skillpulse growth``: rate ratios from ``base`` to ``current`` with exact 95%
        intervals, ranked by the lower bound; breakouts apart."""
        from skillpulse.analytics import growth

        tax = self.taxonomy
        with self.store() as s:
            return growth(s, kind=kind, base=base, current=current, category=category, n=n,
                          min_count=min_count, breakout_floor=breakout_floor, taxonomy=tax,
                          where=parse_where(where), by=by, taxonomy_version=taxonomy_version)

    @_with_settings
    def share(self, *, kind: str, category: str, by: str = "month", start: str | None = None,
              end: str | None = None, base: str | None = None, current: str | None = None,
              segment: str | None = None, where: WhereSpec = None,
              taxonomy_version: str | None = None) -> ShareResult:
        """``skillpulse share``: the share of documents mentioning ``category`` per period
        of grain ``by``, with the change from ``base`` to ``current`` when given."""
        from skillpulse.analytics import share_of_activity

        tax = self.taxonomy
        with self.store() as s:
            return share_of_activity(s, kind=kind, category=category, by=by, start=start,
                                     end=end, base=base, current=current, taxonomy=tax,
                                     where=parse_where(where), segment=segment,
                                     taxonomy_version=taxonomy_version)

    @_with_settings
    def gap(self, *, period: str, category: str | None = None, n: int = 20,
            min_count: int = 5, by: str | None = None, where: WhereSpec = None,
            taxonomy_version: str | None = None) -> GapResult:
        """``skillpulse gap``: demand share over supply share per skill."""
        from skillpulse.analytics import gap

        tax = self.taxonomy
        with self.store() as s:
            return gap(s, period=period, category=category, n=n, min_count=min_count,
                       taxonomy=tax, where=parse_where(where), by=by,
                       taxonomy_version=taxonomy_version)

    @_with_settings
    def related(self, skill: str, *, kind: str = "postings", period: str, n: int = 10,
                min_count: int = 5, measure: str = "lift", category: str | None = None,
                by: str | None = None, where: WhereSpec = None,
                taxonomy_version: str | None = None) -> RelatedResult:
        """``skillpulse related``: skills co-occurring with ``skill`` (ID, label or alias),
        with lift, PMI, NPMI and confidence, ranked by ``measure``."""
        from skillpulse.analytics import related

        tax = self.taxonomy
        with self.store() as s:
            return related(s, skill, kind=kind, period=period, n=n, min_count=min_count,
                           measure=measure, category=category, taxonomy=tax,
                           where=parse_where(where), by=by, taxonomy_version=taxonomy_version)

    @_with_settings
    def survey_share(self, *, name: str, question: str,
                     answer: str | Sequence[str] | None = None, by: str | None = None,
                     where: WhereSpec = None, min_base: int = 30) -> SurveyShareResult:
        """``skillpulse survey share``: the share of respondents choosing each answer (or
        the ``answer``/answers given), with 95% intervals, by segment with ``by``."""
        from skillpulse.survey.share import survey_share

        answers = [answer] if isinstance(answer, str) else list(answer or [])
        pairs = [(k, v) for k, values in parse_where(where).items() for v in values]
        with self.store() as s:
            return survey_share(s, name=name, question=question, answers=answers or None,
                                by=by, where=pairs, min_base=min_base)

    @_with_settings
    def survey_questions(self, *, name: str, max_answers: int = 10) -> SurveyQuestions:
        """``skillpulse survey questions``: a survey's questions with their answer sets
        (at most ``max_answers`` per question, most frequent first) and response counts."""
        from skillpulse.survey.questions import SurveyQuestions, get_survey, survey_questions

        with self.store() as s:
            info = get_survey(s, name)
            found = survey_questions(s, name=name, max_answers=max_answers)
        return SurveyQuestions(info, tuple(found))

    @_with_settings
    def rejects(self, *, kind: str | None = None, limit: int = 50) -> list[Reject]:
        """``skillpulse rejects``: rows ingest rejected, with file, line, field, reason."""
        from skillpulse.store.inspect import rejects

        with self.store() as s:
            return rejects(s, kind=kind, limit=limit)

    @_with_settings
    def status(self) -> StoreStatus:
        """``skillpulse status``: counts, date ranges and rejects per kind, store size."""
        from skillpulse.store.inspect import status

        with self.store() as s:
            return status(s)

    @_with_settings
    def export(self, what: str, *, out: str | os.PathLike[str], kind: str | None = None,
               taxonomy_version: str | None = None) -> ExportInfo:
        """``skillpulse export``: write the events of a kind (``postings``, ...), every
        mention (``mentions``) or one row per document and skill (``doc-skills``) to ``out``
        (.parquet, .csv or .jsonl). ``kind`` and ``taxonomy_version`` narrow mentions and
        doc-skills (default: every kind, each at its newest taxonomy version)."""
        from skillpulse.store.inspect import export

        labels = self.taxonomy if what in ("mentions", "doc-skills") else None
        with self.store() as s:
            return export(s, what, Path(out), kind=kind, taxonomy_version=taxonomy_version,
                          taxonomy=labels)

    @_with_settings
    def report(self, *, out: str | os.PathLike[str], period: str | None = None,
               base: str | None = None, current: str | None = None,
               surge_base: str | None = None, category: str | None = "generative-ai",
               format: str = "html",
               survey: str | None = None, survey_question: Sequence[str] = (),
               survey_by: str | None = None, segment: str | None = None, n: int = 10,
               min_count: int = 20, command: str | None = None) -> ReportFiles:
        """``skillpulse report``: assemble the report and write it into ``out``. Periods
        and ``segment`` are passed on only when given: the report builder picks periods
        from the data where it can."""
        from skillpulse.report import build_report, write_report

        given = {k: v for k, v in (("period", period), ("base", base), ("current", current),
                                   ("surge_base", surge_base), ("segment", segment))
                 if v is not None}
        tax = self.taxonomy
        with self.store() as s:
            built = build_report(s, category=category, taxonomy=tax, survey=survey,
                                 survey_questions=tuple(survey_question), survey_by=survey_by,
                                 n=n, min_count=min_count, command=command, **given)
        return write_report(built, Path(out), format=format)
