"""The FastAPI application of ``skillpulse serve``: one route per question of the front
door (:class:`~skillpulse.workspace.Workspace` and :mod:`skillpulse.explore`), no logic of
its own.

Query parameters are named as the CLI's options (``--min-count`` is ``min-count``, ``--from``
is ``from``, ``-n`` is ``n``; a repeatable option is a repeated parameter) and a JSON body is
the CLI's ``--json`` output for the same arguments. ``format=csv`` (or ``Accept: text/csv``)
gives the rows as CSV, ``format=vega-lite`` the report's chart of the result.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import tempfile
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl

from fastapi import APIRouter, Body, Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from skillpulse import explore
from skillpulse.api.cache import ComputeLock, Entry, ResultCache, store_version
from skillpulse.api.fastpath import CachedReads, request_key
from skillpulse.api.views import chart_spec, table_rows, to_csv
from skillpulse.errors import (
    MissingExtraError,
    SkillpulseError,
    StoreError,
    UnknownSkillError,
)
from skillpulse.workspace import Workspace

log = logging.getLogger(__name__)

TOKEN_ENV = "SKILLPULSE_API_TOKEN"
#: seconds a client is told to wait when the store is busy (another process writing it)
RETRY_AFTER = 2
WEB = Path(__file__).resolve().parent.parent / "web" / "static"

Kind = Literal["searches", "postings", "hires", "profiles"]
DocKind = Literal["posting", "search", "hire", "profile"]
IngestKind = Literal["postings", "searches", "hires", "profiles", "survey"]
Grain = Literal["week", "month", "quarter", "half", "year"]
Measure = Literal["lift", "pmi", "npmi"]
Format = Literal["json", "csv", "vega-lite"]
TableFormat = Literal["json", "csv"]

PERIOD_HELP = ("A period: 2023, 2023H1, 2023Q2, 2023-05, 2023-W07 or a day (2023-05-17); "
               "a range A..B.")
# Free-text parameters: bounded, printable (no control characters).
TEXT = r"^[^\x00-\x1f\x7f]*$"


def _text(alias: str | None = None, *, description: str) -> Any:
    return Query(alias=alias, description=description, max_length=200, pattern=TEXT)


PeriodQ = Annotated[str | None, _text(description=PERIOD_HELP)]
CategoryQ = Annotated[str | None, _text(description="Only skills of this category (and "
                                                    "descendants), e.g. generative-ai.")]
ByQ = Annotated[str | None, _text(description="Rank within each value of this field.")]
WhereQ = Annotated[list[str], Query(
    description="FIELD=VALUE: keep documents whose FIELD equals VALUE; repeatable (same "
                "field: any of).", max_length=20)]
TaxVersionQ = Annotated[str | None, _text(
    "taxonomy-version", description="Count mentions of this taxonomy version [default: the "
                                    "newest in the store for the kind].")]
FormatQ = Annotated[Format | None, Query(
    description="json (default), csv (also Accept: text/csv) or vega-lite (the report's "
                "chart of the result).")]
TableFormatQ = Annotated[TableFormat | None, Query(
    description="json (default) or csv (also Accept: text/csv).")]


class ExtractRequest(BaseModel):
    text: str = Field(max_length=100_000, description="The document text.")
    kind: DocKind = Field("posting", description="Document kind (search queries also get "
                                                 "fuzzy matching).")
    with_field: bool = Field(False, description="Add each mention's field to the JSON.")


class LinkRequest(BaseModel):
    text: str = Field(max_length=10_000, description="A skill phrase or sentence.")
    top: int = Field(10, ge=1, le=1000, description="Number of candidates.")
    taxonomy: Literal["esco", "default"] = Field("esco", description="Target taxonomy.")


class ExtractRunRequest(BaseModel):
    semantic: bool = Field(False, description="Also run the semantic linker (semantic extra).")


class Service:
    """The state behind the routes: the workspace, one lock for the store (one DuckDB
    connection at a time in this process, and among the server processes sharing
    ``shared``), the result cache (shared through the folder ``shared`` when given),
    write settings."""

    def __init__(self, workspace: Workspace, *, token: str | None,
                 max_upload_bytes: int, shared: Path | None = None) -> None:
        self.ws = workspace
        self.token = token
        self.max_upload_bytes = max_upload_bytes
        self.lock = ComputeLock(shared)
        self.cache = ResultCache(folder=shared)
        # the library's result objects of the newest requests, whatever the format asked:
        # the JSON and the chart of one request are computed once
        self.results: OrderedDict[str, tuple[str, Any]] = OrderedDict()
        self._extractor: Any = None
        self._linkers: dict[str, Any] = {}

    def prepare(self) -> None:
        """What the first request of each kind would otherwise wait for, done at start
        (before the server listens): the taxonomy loaded, the analytics and chart modules
        imported, and what a skill card reads besides the store (the matcher's names and
        the names the taxonomy implies: a few seconds, once per process)."""
        import skillpulse.analytics
        import skillpulse.report.charts  # noqa: F401
        from skillpulse.taxonomy.inspect import concept_dict

        tax = self.ws.taxonomy
        try:
            concept_dict(tax, next(iter(tax)))
        except Exception:  # a card computes it again and reports what failed
            log.exception("preparing the skill cards' names")

    def extractor(self) -> Any:
        if self._extractor is None:
            from skillpulse.extract.store import build_extractor

            self._extractor = build_extractor(self.ws.taxonomy)
        return self._extractor

    def linker(self, taxonomy: str) -> Any:
        if taxonomy not in self._linkers:
            from skillpulse.link.encoder import require_semantic

            require_semantic()
            from skillpulse.link.linker import Linker, LinkerConfig

            self._linkers[taxonomy] = Linker(taxonomy,
                                             config=LinkerConfig.for_target(taxonomy))
        return self._linkers[taxonomy]


def _service(request: Request) -> Service:
    svc: Service = request.app.state.service
    return svc


Svc = Annotated[Service, Depends(_service)]


# -- errors -------------------------------------------------------------------------------
class ApiError(Exception):
    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.headers = status, detail, headers or {}


def _error_status(exc: SkillpulseError) -> int:
    if isinstance(exc, MissingExtraError):
        return 501
    if isinstance(exc, UnknownSkillError):
        return 404
    if isinstance(exc, StoreError):
        return 503
    return 422


def _busy(exc: StoreError) -> ApiError:
    return ApiError(503, f"the store is busy or missing: {exc}",
                    {"Retry-After": str(RETRY_AFTER)})


# -- answering ----------------------------------------------------------------------------
def _wants(request: Request, fmt: str | None) -> str:
    if fmt:
        return fmt
    accept = request.headers.get("accept", "")
    return "csv" if "text/csv" in accept else "json"


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


def _render(name: str, result: Any, fmt: str) -> tuple[bytes, str]:
    if isinstance(result, _Raw):
        return result.payload
    if fmt == "vega-lite":
        return _dumps(chart_spec(name, result)), "application/json"
    data = result if isinstance(result, dict | list) else result.to_dict()
    if fmt == "csv":
        return to_csv(table_rows(name, data)).encode("utf-8"), "text/csv; charset=utf-8"
    return _dumps(data), "application/json"


def _respond(request: Request, entry: Entry, *, stale: bool = False) -> Response:
    headers = {"ETag": entry.etag, "Cache-Control": "no-cache"}
    if stale:
        headers["X-Skillpulse-Stale"] = "store busy: result of the store before its change"
    if request.headers.get("if-none-match") == entry.etag:
        return Response(status_code=304, headers=headers)
    body, media = entry.data
    return Response(body, media_type=media, headers=headers)


def answer(svc: Service, request: Request, name: str, compute: Callable[[], Any], *,
           fmt: str = "json", cached: bool = True) -> Response:
    """Answer from the cache when the store has not changed since the result was computed;
    else compute it (one computation at a time), or, when the store is busy, serve the
    result of the store before its change, or 503 with Retry-After."""
    key = request_key(request.url.path, request.url.query, request.headers.get("accept", ""))
    entry = svc.cache.lookup(key, store_version(svc.ws.db)) if cached else None
    if entry is not None:
        return _respond(request, entry)
    with svc.lock.held():
        version = store_version(svc.ws.db)
        # computed meanwhile, by another thread or another server process?
        entry = svc.cache.lookup(key, version) if cached else None
        if entry is not None:
            return _respond(request, entry)
        try:
            payload = _render(name, _result(svc, request, version, compute, fmt), fmt)
        except StoreError as exc:
            entry = svc.cache.get(key) if cached else None
            if entry is not None:
                return _respond(request, entry, stale=True)
            raise _busy(exc) from exc
        fresh = svc.cache.put(key, version, payload)
    return _respond(request, fresh)


RESULTS_KEPT = 64


def _result(svc: Service, request: Request, version: str, compute: Callable[[], Any],
            fmt: str) -> Any:
    """The library's result for the request, computed once per store version whatever the
    format (called with the service's lock held). The report (``raw``) is not kept: its
    ``format`` parameter changes what is computed."""
    if fmt == "raw":
        return compute()
    pairs = [(k, v) for k, v in parse_qsl(request.url.query, keep_blank_values=True)
             if k != "format"]
    key = json.dumps([request.url.path, sorted(pairs)])
    kept = svc.results.get(key)
    if kept is not None and kept[0] == version:
        svc.results.move_to_end(key)
        return kept[1]
    result = compute()
    svc.results[key] = (version, result)
    while len(svc.results) > RESULTS_KEPT:
        svc.results.popitem(last=False)
    return result


# -- read routes --------------------------------------------------------------------------
router = APIRouter(prefix="/v1")


@router.get("/top", summary="skillpulse top")
def top(request: Request, svc: Svc, kind: Kind, period: PeriodQ = None,
        start: Annotated[str | None, _text("from", description="Start period or date "
                                                               "(with to).")] = None,
        end: Annotated[str | None, _text("to", description="End period or date, "
                                                           "included.")] = None,
        category: CategoryQ = None, n: Annotated[int, Query(ge=1, le=1000)] = 10,
        by: ByQ = None, where: WhereQ = [],  # noqa: B006  (FastAPI copies defaults)
        taxonomy_version: TaxVersionQ = None, format: FormatQ = None) -> Response:
    """The skills mentioned by the most documents of a kind in a period, with Wilson 95%
    intervals (``skillpulse top --json``)."""
    return answer(svc, request, "top", lambda: svc.ws.top(
        kind=kind, period=period, start=start, end=end, category=category, n=n, by=by,
        where=where, taxonomy_version=taxonomy_version), fmt=_wants(request, format))


@router.get("/growth", summary="skillpulse growth")
def growth(request: Request, svc: Svc, kind: Kind,
           base: Annotated[str, _text(description="Base period (P1). " + PERIOD_HELP)],
           current: Annotated[str, _text(description="Current period (P2).")],
           category: CategoryQ = None, n: Annotated[int, Query(ge=1, le=1000)] = 10,
           min_count: Annotated[int, Query(alias="min-count", ge=0, le=10**9)] = 20,
           breakout_floor: Annotated[int, Query(alias="breakout-floor", ge=0,
                                                le=10**9)] = 5,
           by: ByQ = None, where: WhereQ = [],  # noqa: B006
           taxonomy_version: TaxVersionQ = None, format: FormatQ = None) -> Response:
    """Fastest-growing skills from base to current, breakouts apart
    (``skillpulse growth --json``)."""
    return answer(svc, request, "growth", lambda: svc.ws.growth(
        kind=kind, base=base, current=current, category=category, n=n, min_count=min_count,
        breakout_floor=breakout_floor, by=by, where=where,
        taxonomy_version=taxonomy_version), fmt=_wants(request, format))


@router.get("/share", summary="skillpulse share")
def share(request: Request, svc: Svc, kind: Kind,
          category: Annotated[str, _text(description="Category (its concepts and "
                                                     "descendants).")],
          by: Annotated[Grain, Query(description="Time grain of the rows.")] = "month",
          start: Annotated[str | None, _text("from", description="First period.")] = None,
          end: Annotated[str | None, _text("to", description="Last period, included.")] = None,
          base: PeriodQ = None, current: PeriodQ = None,
          segment: Annotated[str | None, _text(description="Break each period down by "
                                                           "this field.")] = None,
          where: WhereQ = [],  # noqa: B006
          taxonomy_version: TaxVersionQ = None, format: FormatQ = None) -> Response:
    """Share of a kind's documents mentioning a category per period, with the change from
    base to current (``skillpulse share --json``)."""
    return answer(svc, request, "share", lambda: svc.ws.share(
        kind=kind, category=category, by=by, start=start, end=end, base=base,
        current=current, segment=segment, where=where, taxonomy_version=taxonomy_version),
        fmt=_wants(request, format))


@router.get("/gap", summary="skillpulse gap")
def gap(request: Request, svc: Svc,
        period: Annotated[str, _text(description=PERIOD_HELP)],
        category: CategoryQ = None, n: Annotated[int, Query(ge=1, le=1000)] = 20,
        min_count: Annotated[int, Query(alias="min-count", ge=0, le=10**9)] = 5,
        by: ByQ = None, where: WhereQ = [],  # noqa: B006
        taxonomy_version: TaxVersionQ = None, format: FormatQ = None) -> Response:
    """Demand share over supply share per skill (``skillpulse gap --json``)."""
    return answer(svc, request, "gap", lambda: svc.ws.gap(
        period=period, category=category, n=n, min_count=min_count, by=by, where=where,
        taxonomy_version=taxonomy_version), fmt=_wants(request, format))


@router.get("/related", summary="skillpulse related")
def related(request: Request, svc: Svc,
            skill: Annotated[str, _text(description="Skill ID, label or alias.")],
            period: Annotated[str, _text(description=PERIOD_HELP)],
            kind: Kind = "postings", n: Annotated[int, Query(ge=1, le=1000)] = 10,
            min_count: Annotated[int, Query(alias="min-count", ge=0, le=10**9)] = 5,
            measure: Measure = "lift", category: CategoryQ = None, by: ByQ = None,
            where: WhereQ = [],  # noqa: B006
            taxonomy_version: TaxVersionQ = None, format: TableFormatQ = None) -> Response:
    """Skills co-occurring with a skill (``skillpulse related SKILL --json``)."""
    return answer(svc, request, "related", lambda: svc.ws.related(
        skill, kind=kind, period=period, n=n, min_count=min_count, measure=measure,
        category=category, by=by, where=where, taxonomy_version=taxonomy_version),
        fmt=_wants(request, format))


@router.get("/skills/{skill_id}", summary="a skill's card")
def skill(request: Request, svc: Svc, skill_id: Annotated[str, _path_text()],
          by: Annotated[Grain, Query(description="Grain of the trend.")] = "month",
          start: Annotated[str | None, _text("from", description="First period.")] = None,
          end: Annotated[str | None, _text("to", description="Last period.")] = None,
          taxonomy_version: TaxVersionQ = None, format: FormatQ = None) -> Response:
    """The skill as ``skillpulse taxonomy show --json`` gives it (label, description,
    roles, parent, sources) and its trend per kind (a ``share`` result per kind)."""
    return answer(svc, request, "card", lambda: explore.skill_card(
        svc.ws, skill_id, by=by, start=start, end=end, taxonomy_version=taxonomy_version),
        fmt=_wants(request, format))


@router.get("/skills", summary="search the skills")
def skills(request: Request, svc: Svc,
           search: Annotated[str, _text(description="Text to find in skill names.")],
           limit: Annotated[int, Query(ge=1, le=1000)] = 20,
           format: TableFormatQ = None) -> Response:
    """``skillpulse taxonomy search TEXT --json``: one hit per concept, best first."""
    return answer(svc, request, "skills", lambda: explore.search_skills(
        svc.ws, search, limit=limit).to_dict()["hits"], fmt=_wants(request, format))


@router.get("/categories", summary="the taxonomy's categories")
def categories(request: Request, svc: Svc, format: TableFormatQ = None) -> Response:
    """Categories with their concept counts, largest first."""
    return answer(svc, request, "categories", lambda: explore.categories(svc.ws),
                  fmt=_wants(request, format))


@router.get("/segments", summary="segment values of a kind")
def segments(request: Request, svc: Svc, kind: Kind,
             limit: Annotated[int, Query(ge=1, le=1000)] = 50,
             format: TableFormatQ = None) -> Response:
    """The values of each segment field of a kind (what ``where=FIELD=VALUE`` takes)."""
    return answer(svc, request, "segments", lambda: explore.segment_values(
        svc.ws, kind=kind, limit=limit), fmt=_wants(request, format))


@router.get("/status", summary="skillpulse status")
def status(request: Request, svc: Svc, format: TableFormatQ = None) -> Response:
    """Counts, date ranges and rejects per kind, store size (``skillpulse status --json``)."""
    return answer(svc, request, "status", svc.ws.status, fmt=_wants(request, format))


@router.get("/surveys", summary="the ingested surveys")
def surveys(request: Request, svc: Svc, format: TableFormatQ = None) -> Response:
    """Every ingested survey with its respondents and questions."""
    return answer(svc, request, "surveys", lambda: explore.surveys(svc.ws),
                  fmt=_wants(request, format))


@router.get("/survey/questions", summary="skillpulse survey questions")
def survey_questions(request: Request, svc: Svc,
                     name: Annotated[str, _text(description="Survey name.")],
                     max_answers: Annotated[int, Query(alias="max-answers", ge=0,
                                                       le=10_000)] = 10,
                     format: TableFormatQ = None) -> Response:
    """A survey's questions with their answers (``skillpulse survey questions --json``)."""
    return answer(svc, request, "survey_questions", lambda: svc.ws.survey_questions(
        name=name, max_answers=max_answers), fmt=_wants(request, format))


@router.get("/survey/share", summary="skillpulse survey share")
def survey_share(request: Request, svc: Svc,
                 name: Annotated[str, _text(description="Survey name.")],
                 question: Annotated[str, _text(description="The question (column).")],
                 answer_: Annotated[list[str], Query(alias="answer", max_length=50,
                                                     description="Only this answer; "
                                                                 "repeatable.")] = [],  # noqa: B006
                 by: Annotated[str | None, _text(description="Break down by the answers of "
                                                             "this question.")] = None,
                 where: Annotated[list[str], Query(description="COL=VALUE; repeatable.",
                                                   max_length=20)] = [],  # noqa: B006
                 min_base: Annotated[int, Query(alias="min-base", ge=1, le=10**9)] = 30,
                 format: TableFormatQ = None) -> Response:
    """Share of respondents choosing each answer (``skillpulse survey share --json``)."""
    from skillpulse.workspace import parse_where

    return answer(svc, request, "survey_share", lambda: svc.ws.survey_share(
        name=name, question=question, answer=answer_, by=by,
        where=parse_where(where, metavar="COL=VALUE"), min_base=min_base),
        fmt=_wants(request, format))


@router.get("/report", summary="skillpulse report")
def report(request: Request, svc: Svc,
           period: Annotated[str, _text(description="Window of the top lists. "
                                                    + PERIOD_HELP)],
           base: Annotated[str, _text(description="Base period of the growth lists.")],
           current: Annotated[str, _text(description="Current period of the growth lists.")],
           surge_base: Annotated[str, _text("surge-base", description="Base period of the "
                                                                      "headline change.")],
           format: Annotated[Literal["html", "json"], Query(
               description="html (the self-contained page) or json (report.json)")] = "html",
           category: Annotated[str, _text(description="Skill category to report on; "
                                                      "'none' ranks all skills.")
                               ] = "generative-ai",
           survey: Annotated[str | None, _text(description="Survey name.")] = None,
           survey_question: Annotated[list[str], Query(alias="survey-question",
                                                       max_length=20)] = [],  # noqa: B006
           survey_by: Annotated[str | None, _text("survey-by",
                                                  description="Survey segment.")] = None,
           n: Annotated[int, Query(ge=1, le=100)] = 10,
           min_count: Annotated[int, Query(alias="min-count", ge=0, le=10**9)] = 20
           ) -> Response:
    """The report for the given periods (``skillpulse report``): the HTML page or its
    JSON."""
    chosen = None if category.lower() in ("none", "all", "") else category

    def build() -> tuple[bytes, str]:
        out = Path(tempfile.mkdtemp(prefix="skillpulse-report-"))
        try:
            svc.ws.report(out=out, period=period, base=base, current=current,
                          surge_base=surge_base, category=chosen, format=format,
                          survey=survey, survey_question=survey_question,
                          survey_by=survey_by, n=n, min_count=min_count)
            name = "report.html" if format == "html" else "report.json"
            return (out / name).read_bytes(), ("text/html; charset=utf-8" if format == "html"
                                               else "application/json")
        finally:
            shutil.rmtree(out, ignore_errors=True)

    return answer(svc, request, "report", lambda: _Raw(build()), fmt="raw")


class _Raw:
    """An already rendered body (the report)."""

    def __init__(self, payload: tuple[bytes, str]) -> None:
        self.payload = payload


def _path_text() -> Any:
    from fastapi import Path as PathParam

    return PathParam(description="Skill ID, label or alias.", max_length=200, pattern=TEXT)


# -- text in, answer out (read-only) ------------------------------------------------------
@router.post("/extract", summary="skillpulse extract TEXT")
def extract(svc: Svc, body: Annotated[ExtractRequest, Body()]) -> Response:
    """The skills in a text (``skillpulse extract TEXT --kind KIND --json``)."""
    with svc.lock.held():
        mentions = svc.extractor()(body.text, body.kind)

    def dump(m: Any) -> dict[str, Any]:
        d: dict[str, Any] = m.public_dict()
        if body.with_field:
            d["field"] = m.field
        return d

    return Response(_dumps({"mentions": [dump(m) for m in mentions]}),
                    media_type="application/json")


@router.post("/link", summary="skillpulse link TEXT (semantic extra)")
def link(svc: Svc, body: Annotated[LinkRequest, Body()]) -> Response:
    """The top taxonomy concepts for a phrase (``skillpulse link TEXT --json``); 501 when
    the semantic extra is not installed."""
    with svc.lock.held():
        found = svc.linker(body.taxonomy).link_many([body.text], top=body.top)[0]
    return Response(_dumps({"text": body.text, "candidates": [c.to_dict() for c in found]}),
                    media_type="application/json")


# -- writes -------------------------------------------------------------------------------
def _authorized(request: Request, svc: Svc) -> None:
    if not svc.token:
        raise ApiError(403, f"writes are disabled: start the server with {TOKEN_ENV} set")
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "writes need 'Authorization: Bearer TOKEN'",
                       {"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.strip().encode(), svc.token.encode()):
        raise ApiError(403, "wrong token")


Writer = Annotated[None, Depends(_authorized)]
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _save_upload(svc: Service, upload: UploadFile, folder: Path) -> Path:
    name = _SAFE_NAME.sub("_", Path(upload.filename or "upload").name).lstrip(".") or "upload"
    path = folder / name
    size = 0
    with path.open("wb") as fh:
        while block := upload.file.read(1 << 20):
            size += len(block)
            if size > svc.max_upload_bytes:
                raise ApiError(413, f"{upload.filename}: larger than the upload limit of "
                                    f"{svc.max_upload_bytes:,} bytes")
            fh.write(block)
    return path


@router.post("/ingest/{kind}", summary="skillpulse ingest KIND FILE (token)")
def ingest(svc: Svc, _auth: Writer, kind: IngestKind,
           file: Annotated[UploadFile, File(description="The file (JSONL, CSV or Parquet, "
                                                        "optionally .gz or .bz2).")],
           map_: Annotated[list[str], Form(alias="map", description="FIELD=COLUMN; "
                                                                   "repeatable.")] = [],  # noqa: B006
           mapping: Annotated[UploadFile | None, File(description="A mapping TOML file.")
                              ] = None,
           format: Annotated[Literal["jsonl", "csv", "parquet"] | None, Form()] = None,
           name: Annotated[str | None, Form(description="Survey name (survey only).",
                                            max_length=200)] = None,
           weight: Annotated[str | None, Form(description="Survey weight column.",
                                              max_length=200)] = None) -> Response:
    """Load one uploaded file into the store with the CLI's accounting (read = loaded +
    rejected + duplicates); answers its info object."""
    from skillpulse.ingest.mapping import parse_pairs

    folder = Path(tempfile.mkdtemp(prefix="skillpulse-upload-"))
    try:
        path = _save_upload(svc, file, folder)
        mapping_path = None
        if mapping is not None and mapping.filename:
            sub = folder / "mapping"
            sub.mkdir()
            mapping_path = _save_upload(svc, mapping, sub)
        pairs = parse_pairs(map_)
        chosen: Any = mapping_path
        if pairs:
            # --mapping FILE with --map pairs on top, as the CLI builds them
            from skillpulse.ingest.mapping import load_mapping

            base = load_mapping(mapping_path) if mapping_path is not None else None
            chosen = {**(base.columns if base else {}), **pairs}
            format = format or (base.format if base else None)  # type: ignore[assignment]
        with svc.lock.held():
            info = svc.ws.ingest(kind, path, mapping=chosen, format=format, name=name,
                                 weight=weight)
            svc.cache.clear()
    except StoreError as exc:
        raise _busy(exc) from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    data = info.to_dict()
    data["file"] = file.filename
    return Response(_dumps(data), media_type="application/json")


@router.post("/extract/run", summary="skillpulse extract --db (token)")
def extract_run(svc: Svc, _auth: Writer,
                body: Annotated[ExtractRunRequest | None, Body()] = None) -> Response:
    """Extract every stored document not yet extracted (incremental); answers the run's
    info object (``skillpulse extract --db --json``)."""
    try:
        with svc.lock.held():
            info = svc.ws.extract(semantic=bool(body and body.semantic))
            svc.cache.clear()
    except StoreError as exc:
        raise _busy(exc) from exc
    return Response(_dumps(info.to_dict()), media_type="application/json")


# -- the application ----------------------------------------------------------------------
def create_app(workspace: Workspace, *, token: str | None = None,
               max_upload_bytes: int = 200 * 1024 * 1024,
               shared: Path | None = None) -> FastAPI:
    """The application over ``workspace``; writes need ``token`` (default: the
    ``SKILLPULSE_API_TOKEN`` environment variable; without one, writes are refused).
    ``shared``: a folder whose results and computation lock this server process shares
    with the others of ``skillpulse serve --workers N``. At start (the ASGI lifespan) the
    taxonomy is loaded and the analytics imported, so no first request pays for them."""
    from skillpulse import __version__

    svc = Service(workspace, token=token or os.environ.get(TOKEN_ENV) or None,
                  max_upload_bytes=max_upload_bytes, shared=shared)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(svc.prepare)
        yield

    app = FastAPI(title="skillpulse", version=__version__, lifespan=lifespan,
                  description="Skills-demand intelligence over one store: the front door of "
                              "the library as a REST API. JSON bodies equal the CLI's "
                              "--json output for the same arguments.")
    app.state.service = svc
    app.include_router(router)
    app.add_middleware(CachedReads, cache=svc.cache, db=workspace.db)

    @app.exception_handler(ApiError)
    def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status,
                            headers=exc.headers)

    @app.exception_handler(SkillpulseError)
    def _skillpulse_error(_: Request, exc: SkillpulseError) -> JSONResponse:
        status = _error_status(exc)
        headers = {"Retry-After": str(RETRY_AFTER)} if status == 503 else None
        return JSONResponse({"detail": str(exc)}, status_code=status, headers=headers)

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=WEB), name="static")
    return app

