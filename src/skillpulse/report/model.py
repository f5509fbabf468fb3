"""The report as typed records: headline figures, ranked lists, monthly shares, supply and
demand, survey estimates, methods and provenance. ``Report.to_dict()`` is the JSON contract
written as ``report.json`` (see ``docs/report.md``); NaN and infinities become ``null``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any

#: Version of the ``report.json`` layout; bumped when a field changes meaning or goes away.
SCHEMA = "skillpulse.report/2"

#: A section's status: figures present, or why not.
OK = "ok"
NO_DATA = "no_data"


def clean(value: Any) -> Any:
    """JSON-safe: numpy scalars to Python, NaN and infinities to ``None``, tuples to lists,
    records to dicts."""
    if hasattr(value, "to_dict") and not isinstance(value, dict):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


class Record:
    """``to_dict`` over the dataclass fields, cleaned for JSON."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: clean(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class ShareFigure(Record):
    """One kind's category share in two periods and the change between them."""

    kind: str
    base: str
    current: str
    base_count: int
    current_count: int
    base_exposure: int
    current_exposure: int
    base_share: float
    current_share: float
    #: (current share) / (base share), its exact 95% interval and the percent change it means
    share_ratio: float
    ratio_low: float
    ratio_high: float
    pct_change: float
    pct_low: float
    pct_high: float
    #: change of the raw count of category documents, in percent
    count_pct_change: float


@dataclass(frozen=True)
class CountFigure(Record):
    """Category documents of a kind in a period (e.g. gen-AI projects hired for)."""

    kind: str
    period: str
    count: int
    exposure: int
    share: float
    share_low: float
    share_high: float


@dataclass(frozen=True)
class Headline(Record):
    category: str | None
    #: kind -> figure, or ``None`` when the kind has no data (see ``notes``)
    postings: ShareFigure | None
    searches: ShareFigure | None
    projects: CountFigure | None
    notes: tuple[str, ...] = ()
    #: the category's share of job posts and of searches in the report's period
    shares: tuple[CountFigure, ...] = ()


@dataclass(frozen=True)
class ListRow(Record):
    """One skill of a ranked list. Top lists rank by ``count``; growth lists by
    ``ratio_low``. Every row carries both its counts and, where defined, its growth."""

    rank: int
    skill_id: str
    label: str
    #: documents in the list's period (top) or current period (growth), share of the
    #: kind's documents there, Wilson 95% interval
    count: int
    share: float
    share_low: float
    share_high: float
    base_count: int | None
    current_count: int | None
    base_share: float | None
    current_share: float | None
    rate_ratio: float | None
    ratio_low: float | None
    ratio_high: float | None
    pct_change: float | None
    pct_low: float | None
    pct_high: float | None
    #: a breakout: fewer than ``breakout_floor`` documents in the base period, and more now
    new: bool
    #: the change from base to current by rule (``report.wording.verdict``): ``rise``,
    #: ``fall``, ``unclear`` (interval includes no change), ``new``, ``too_few``; ``None``
    #: without two periods
    change: str | None = None
    #: the skill's description and related roles, from the taxonomy
    description: str = ""
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class RankedList(Record):
    id: str
    title: str
    kind: str
    #: ``top``, ``growth`` (ranked by the lower bound, breakouts apart) or ``new``
    #: (breakouts: fewer than ``breakout_floor`` in the base period, ranked by current count)
    method: str
    period: str | None
    base: str | None
    current: str | None
    #: documents of the kind in the list's period (top) or current period (growth)
    exposure: int
    base_exposure: int | None
    rows: tuple[ListRow, ...]
    status: str = OK
    note: str | None = None


@dataclass(frozen=True)
class MonthlyShare(Record):
    category: str | None
    #: one row per (kind, month): kind, period, count, exposure, share, share_low, share_high
    rows: tuple[dict[str, Any], ...]
    status: str = OK
    note: str | None = None


@dataclass(frozen=True)
class SupplyDemand(Record):
    period: str
    previous: str
    category: str | None
    exposure: dict[str, int]
    #: the analytics ``gap`` rows (``GapResult.to_dict()["rows"]``)
    rows: tuple[dict[str, Any], ...]
    status: str = OK
    note: str | None = None


@dataclass(frozen=True)
class TrendPoint(Record):
    """A skill's documents of one kind in one month."""

    kind: str
    period: str
    count: int
    exposure: int
    share: float


@dataclass(frozen=True)
class CoSkill(Record):
    """A skill named in the same documents: both counted, and the lift over chance."""

    skill_id: str
    label: str
    co_count: int
    lift: float


@dataclass(frozen=True)
class CardSupply(Record):
    """A skill's demand (job posts + searches) against its supply (talent profiles)."""

    period: str
    demand_count: int
    demand_share: float
    supply_count: int
    supply_share: float
    ratio: float
    ratio_low: float
    ratio_high: float


@dataclass(frozen=True)
class SkillCard(Record):
    """What a listed skill is and who does it, its monthly trend, the skills named with
    it and its supply against demand."""

    skill_id: str
    label: str
    description: str
    roles: tuple[str, ...]
    category: str | None
    #: IDs of the lists the skill appears in
    lists: tuple[str, ...]
    #: monthly documents per kind (job posts, searches, hires) over the report's months
    trend: tuple[TrendPoint, ...]
    #: the kind co-occurrence is counted in (``None`` when no kind has documents)
    related_kind: str | None
    related: tuple[CoSkill, ...]
    supply: CardSupply | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopSkill(Record):
    """One entry of the "Top 10 skills" section, in the article's form."""

    rank: int
    skill_id: str
    label: str
    description: str
    roles: tuple[str, ...]
    #: why it is in demand: a sentence generated from its counts and growth
    why: str


@dataclass(frozen=True)
class TopSkills(Record):
    title: str
    #: the list the ranking comes from
    basis: str
    intro: str
    rows: tuple[TopSkill, ...]


@dataclass(frozen=True)
class SegmentRow(Record):
    """The category's share of a kind's documents in one segment, and its top skills."""

    segment: str
    count: int
    exposure: int
    share: float | None
    share_low: float | None
    share_high: float | None
    #: ``(label, count)`` of its top skills
    top: tuple[tuple[str, int], ...]
    #: two-proportion z-test against the other tested segments, Holm-adjusted p-value
    p_holm: float | None = None
    tested: bool = True


@dataclass(frozen=True)
class SegmentKind(Record):
    kind: str
    period: str
    rows: tuple[SegmentRow, ...]
    #: chi-square test that the category share is the same in every tested segment
    statistic: float | None
    df: int | None
    p_value: float | None
    #: segments left out of the table (the smallest), and of the test (under min_base)
    omitted: int = 0
    sentence: str = ""
    status: str = OK
    note: str | None = None


@dataclass(frozen=True)
class SegmentSection(Record):
    field: str
    category: str | None
    min_base: int
    kinds: tuple[SegmentKind, ...]


@dataclass(frozen=True)
class SurveyQuestionSpec(Record):
    """Which survey estimate to show: a question, optionally one or more answers taken
    together, optionally a respondent filter (``{"role": ("ceo", "c-suite")}``)."""

    question: str
    answers: tuple[str, ...] = ()
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def parse(cls, text: str) -> SurveyQuestionSpec:
        """``QUESTION[=ANSWER[|ANSWER]][@COL=VALUE[|VALUE][@COL=VALUE]]``."""
        head, *filters = text.split("@")
        question, _, answers = head.partition("=")
        where: list[tuple[str, tuple[str, ...]]] = []
        for item in filters:
            col, sep, values = item.partition("=")
            if not sep or not col.strip():
                from skillpulse.errors import SurveyError

                raise SurveyError(f"survey question filter {item!r} is not COL=VALUE[|VALUE]")
            where.append((col.strip(), tuple(v.strip() for v in values.split("|"))))
        return cls(
            question.strip(),
            tuple(a.strip() for a in answers.split("|")) if answers else (),
            tuple(where),
        )

    def label(self) -> str:
        text = self.question
        if self.answers:
            text += " = " + " or ".join(self.answers)
        if self.where:
            text += " (" + "; ".join(f"{c}: {', '.join(v)}" for c, v in self.where) + ")"
        return text


@dataclass(frozen=True)
class SurveyEstimate(Record):
    spec: SurveyQuestionSpec
    label: str
    #: ``SurveyShareResult.to_dict()`` of skillpulse.survey
    result: dict[str, Any]


@dataclass(frozen=True)
class SurveySection(Record):
    name: str
    respondents: int
    weighted: bool
    by: str | None
    estimates: tuple[SurveyEstimate, ...]
    status: str = OK
    note: str | None = None


@dataclass(frozen=True)
class Methods(Record):
    confidence: float
    min_count: int
    breakout_floor: int
    gap_min_demand: int
    definitions: dict[str, str]


@dataclass(frozen=True)
class InputFile(Record):
    kind: str
    file: str
    sha256: str | None
    bytes: int | None
    rows_read: int | None
    loaded: int | None
    rejected: int | None
    duplicates: int | None


@dataclass(frozen=True)
class Provenance(Record):
    inputs: tuple[InputFile, ...]
    #: rejected rows by kind, file and reason: ``{"kind", "file", "reason", "rows"}``
    rejects: tuple[dict[str, Any], ...]
    rejected_total: int
    documents: dict[str, int]
    taxonomy_version: str | None
    #: the taxonomy version whose mentions were counted, per kind
    counted_versions: dict[str, str | None]
    engine: str
    engine_version: str
    command: str | None
    store: str | None
    generated_at: str


@dataclass(frozen=True)
class Report(Record):
    title: str
    subtitle: str
    period: str
    #: ``None`` where the data holds one period only (growth lists then ``no_data``)
    base: str | None
    current: str | None
    surge_base: str | None
    #: ``data`` when the periods were chosen from the store, ``options`` when given
    periods_from: str
    category: str | None
    n: int
    summary: tuple[str, ...]
    headline: Headline
    lists: tuple[RankedList, ...]
    monthly_share: MonthlyShare
    supply_demand: SupplyDemand
    methods: Methods
    provenance: Provenance
    survey: SurveySection | None = None
    cards: tuple[SkillCard, ...] = ()
    top_skills: TopSkills | None = None
    segments: SegmentSection | None = None
    schema: str = field(default=SCHEMA)

    def card(self, skill_id: str) -> SkillCard:
        for c in self.cards:
            if c.skill_id == skill_id:
                return c
        raise KeyError(skill_id)

    def list_by_id(self, list_id: str) -> RankedList:
        for lst in self.lists:
            if lst.id == list_id:
                return lst
        raise KeyError(list_id)
