"""Typed results: frozen dataclasses of rows, with ``to_pandas``, ``to_arrow`` and ``to_dict``.

``to_dict`` is the JSON contract of the matching CLI command (NaN and infinity become
``None``); ``to_pandas``/``to_arrow`` give every field of every row.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

import pandas as pd
import pyarrow as pa

from skillpulse.taxonomy.model import Taxonomy


def clean(value: Any) -> Any:
    """A JSON-safe scalar: numpy scalars to Python, NaN and infinities to ``None``."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def pick(row: Any, keys: Sequence[str]) -> dict[str, Any]:
    return {k: clean(getattr(row, k)) for k in keys}


def rows_frame(rows: Sequence[Any], row_type: type) -> pd.DataFrame:
    names = [f.name for f in fields(row_type)]
    return pd.DataFrame([asdict(r) for r in rows], columns=names)


def frame_to_arrow(frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, preserve_index=False)


def label_of(taxonomy: Taxonomy | None, skill_id: str) -> str:
    """The preferred label of a skill, or its ID when the taxonomy does not know it."""
    if taxonomy is not None and skill_id in taxonomy:
        return taxonomy.get(skill_id).label
    return skill_id


# -- top ----------------------------------------------------------------------------------
TOP_ROW_KEYS = ("rank", "skill_id", "label", "count", "share", "share_low", "share_high")


@dataclass(frozen=True)
class TopRow:
    rank: int
    skill_id: str
    label: str
    count: int
    share: float
    share_low: float
    share_high: float
    #: the segment value (``by``), and that segment's exposure
    segment: str | None = None
    exposure: int = 0


@dataclass(frozen=True)
class TopResult:
    kind: str
    period: str
    category: str | None
    exposure: int
    rows: tuple[TopRow, ...]
    by: str | None = None
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()
    taxonomy_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        keys = TOP_ROW_KEYS + (("segment", "exposure") if self.by else ())
        out: dict[str, Any] = {
            "kind": self.kind,
            "period": self.period,
            "category": self.category,
            "exposure": self.exposure,
            "rows": [pick(r, keys) for r in self.rows],
        }
        if self.by:
            out["by"] = self.by
        return out

    def to_pandas(self) -> pd.DataFrame:
        return rows_frame(self.rows, TopRow)

    def to_arrow(self) -> pa.Table:
        return frame_to_arrow(self.to_pandas())


# -- growth -------------------------------------------------------------------------------
GROWTH_ROW_KEYS = (
    "rank", "skill_id", "label", "base_count", "current_count", "rate_ratio", "ratio_low",
    "ratio_high", "pct_change",
)
BREAKOUT_KEYS = ("skill_id", "label", "base_count", "current_count")


@dataclass(frozen=True)
class GrowthRow:
    rank: int
    skill_id: str
    label: str
    base_count: int
    current_count: int
    rate_ratio: float
    ratio_low: float
    ratio_high: float
    pct_change: float
    base_share: float
    current_share: float
    #: True for a breakout (absent or under the floor in the base period): labelled ``new``
    breakout: bool = False
    segment: str | None = None


@dataclass(frozen=True)
class GrowthResult:
    kind: str
    base: str
    current: str
    category: str | None
    base_exposure: int
    current_exposure: int
    rows: tuple[GrowthRow, ...]
    breakouts: tuple[GrowthRow, ...]
    min_count: int
    breakout_floor: int
    by: str | None = None
    taxonomy_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        extra = ("segment",) if self.by else ()
        out: dict[str, Any] = {
            "kind": self.kind,
            "base": self.base,
            "current": self.current,
            "category": self.category,
            "rows": [pick(r, GROWTH_ROW_KEYS + extra) for r in self.rows],
            "breakouts": [pick(r, BREAKOUT_KEYS + extra) for r in self.breakouts],
        }
        if self.by:
            out["by"] = self.by
        return out

    def to_pandas(self) -> pd.DataFrame:
        """Ranked rows then breakouts (``breakout`` column True)."""
        return rows_frame((*self.rows, *self.breakouts), GrowthRow)

    def to_arrow(self) -> pa.Table:
        return frame_to_arrow(self.to_pandas())


# -- share of activity --------------------------------------------------------------------
SHARE_ROW_KEYS = ("period", "count", "exposure", "share", "share_low", "share_high")
CHANGE_KEYS = (
    "base", "current", "share_ratio", "ratio_low", "ratio_high", "pct_change",
    "count_pct_change",
)


@dataclass(frozen=True)
class ShareRow:
    period: str
    count: int
    exposure: int
    share: float
    share_low: float
    share_high: float
    segment: str | None = None


@dataclass(frozen=True)
class ShareChange:
    base: str
    current: str
    base_count: int
    current_count: int
    base_exposure: int
    current_exposure: int
    share_ratio: float
    ratio_low: float
    ratio_high: float
    pct_change: float
    count_pct_change: float

    def to_dict(self) -> dict[str, Any]:
        return pick(self, CHANGE_KEYS)


@dataclass(frozen=True)
class ShareResult:
    kind: str
    category: str
    grain: str
    rows: tuple[ShareRow, ...]
    change: ShareChange | None = None
    segment: str | None = None
    taxonomy_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        keys = SHARE_ROW_KEYS + (("segment",) if self.segment else ())
        out: dict[str, Any] = {"rows": [pick(r, keys) for r in self.rows]}
        if self.change is not None:
            out["change"] = self.change.to_dict()
        return out

    def to_pandas(self) -> pd.DataFrame:
        return rows_frame(self.rows, ShareRow)

    def to_arrow(self) -> pa.Table:
        return frame_to_arrow(self.to_pandas())


# -- supply and demand --------------------------------------------------------------------
GAP_ROW_KEYS = (
    "rank", "skill_id", "label", "postings_count", "postings_share", "searches_count",
    "searches_share", "demand_count", "demand_share", "supply_count", "supply_share",
    "ratio", "ratio_low", "ratio_high", "previous_ratio", "ratio_change",
)


@dataclass(frozen=True)
class GapRow:
    rank: int
    skill_id: str
    label: str
    postings_count: int
    postings_share: float
    searches_count: int
    searches_share: float
    demand_count: int
    demand_share: float
    supply_count: int
    supply_share: float
    ratio: float
    ratio_low: float
    ratio_high: float
    previous_ratio: float
    ratio_change: float
    segment: str | None = None


@dataclass(frozen=True)
class GapResult:
    period: str
    previous: str
    category: str | None
    #: documents per kind (postings, searches, profiles) in the period
    exposure: dict[str, int]
    previous_exposure: dict[str, int]
    rows: tuple[GapRow, ...]
    min_count: int
    by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        keys = GAP_ROW_KEYS + (("segment",) if self.by else ())
        out: dict[str, Any] = {
            "period": self.period,
            "previous": self.previous,
            "category": self.category,
            "exposure": dict(self.exposure),
            "previous_exposure": dict(self.previous_exposure),
            "rows": [pick(r, keys) for r in self.rows],
        }
        if self.by:
            out["by"] = self.by
        return out

    def to_pandas(self) -> pd.DataFrame:
        return rows_frame(self.rows, GapRow)

    def to_arrow(self) -> pa.Table:
        return frame_to_arrow(self.to_pandas())


# -- co-occurrence ------------------------------------------------------------------------
RELATED_ROW_KEYS = (
    "rank", "skill_id", "label", "co_count", "count", "lift", "pmi", "npmi", "confidence",
)


@dataclass(frozen=True)
class RelatedRow:
    rank: int
    skill_id: str
    label: str
    co_count: int
    count: int
    lift: float
    pmi: float
    npmi: float
    confidence: float
    segment: str | None = None


@dataclass(frozen=True)
class RelatedResult:
    skill: str
    label: str
    kind: str
    period: str
    exposure: int
    skill_count: int
    measure: str
    min_count: int
    rows: tuple[RelatedRow, ...]
    by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        keys = RELATED_ROW_KEYS + (("segment",) if self.by else ())
        out: dict[str, Any] = {
            "skill": self.skill,
            "label": self.label,
            "kind": self.kind,
            "period": self.period,
            "exposure": self.exposure,
            "skill_count": self.skill_count,
            "measure": self.measure,
            "min_count": self.min_count,
            "rows": [pick(r, keys) for r in self.rows],
        }
        if self.by:
            out["by"] = self.by
        return out

    def to_pandas(self) -> pd.DataFrame:
        return rows_frame(self.rows, RelatedRow)

    def to_arrow(self) -> pa.Table:
        return frame_to_arrow(self.to_pandas())
