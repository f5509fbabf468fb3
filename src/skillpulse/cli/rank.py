"""``skillpulse top | growth | share | gap | related``: rankings with honest statistics.

Thin: parse options, call one method of the :class:`~skillpulse.workspace.Workspace` (whose
keyword arguments are these options), print a table or the result's ``to_dict()`` as JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from skillpulse.cli.common import (
    db_option,
    echo_json,
    json_option,
    print_table,
    taxonomy_files_option,
    workspace,
)
from skillpulse.store.kinds import KIND_NAMES

F = TypeVar("F", bound=Callable[..., Any])
KINDS = KIND_NAMES


def _kind_option(default: str | None = None) -> Callable[[F], F]:
    return click.option(
        "--kind", type=click.Choice(KINDS), required=default is None, default=default,
        help="Event kind to count" + (f" [default: {default}]." if default else "."),
    )


def _common(func: F) -> F:
    """Options every ranking command shares: store, taxonomy, segments, JSON."""
    for deco in reversed([
        db_option,
        taxonomy_files_option,
        click.option("--no-default-taxonomy", is_flag=True,
                     help="Use only the --taxonomy-file files, not the default taxonomy."),
        click.option("--taxonomy-version", default=None,
                     help="Count mentions of this taxonomy version [default: the newest "
                          "version in the store's extractions for the kind]."),
        click.option("--where", "where", multiple=True, metavar="FIELD=VALUE",
                     help="Keep documents whose FIELD (a column of the kind's table or a key "
                          "of its extra JSON) equals VALUE; repeatable (same field: any of)."),
        json_option,
    ]):
        func = deco(func)
    return func


def _workspace(db: str | None, taxonomy_files: tuple[str, ...],
               no_default_taxonomy: bool) -> Any:
    return workspace(db=db, taxonomy_files=taxonomy_files,
                     default_taxonomy=not no_default_taxonomy)


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        if value == float("inf"):
            return "inf"
        return f"{value:.{digits}g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.2e}"
    return str(value)


def _share(value: Any) -> str:
    return "" if value is None or value != value else f"{value * 100:.2f}%"


def _share_interval(low: Any, high: Any) -> str:
    if low is None or low != low:
        return ""
    return f"{low * 100:.2f}–{high * 100:.2f}%"


def _interval(low: Any, high: Any) -> str:
    return "" if low is None or low != low else f"{_fmt(low)}–{_fmt(high)}"


def _pct(value: Any) -> str:
    return "" if value is None or value != value else f"{value:+.1f}%"


@click.command("top")
@_kind_option()
@click.option("--period", default=None, help="2023, 2023H1, 2023Q2, 2023-05, 2023-W07 or a day.")
@click.option("--from", "start", default=None, help="Start period or date (with --to).")
@click.option("--to", "end", default=None, help="End period or date, included (with --from).")
@click.option("--category", default=None, help="Only skills of this category (and descendants).")
@click.option("-n", "n", default=10, show_default=True, help="Number of skills.")
@click.option("--by", default=None, help="Rank within each value of this field.")
@_common
def top_command(kind: str, period: str | None, start: str | None, end: str | None,
                category: str | None, n: int, by: str | None, db: str | None,
                taxonomy_files: tuple[str, ...], no_default_taxonomy: bool,
                taxonomy_version: str | None, where: tuple[str, ...], as_json: bool) -> None:
    """The skills mentioned by the most documents of a kind in a period, with Wilson 95%
    intervals for their shares."""
    ws = _workspace(db, taxonomy_files, no_default_taxonomy)
    res = ws.top(kind=kind, period=period, start=start, end=end, category=category, n=n,
                 by=by, where=where, taxonomy_version=taxonomy_version)
    if as_json:
        return echo_json(res.to_dict())
    cols = ["rank", "skill", "label", "count", "share", "95% interval"]
    print_table(
        f"top {kind} {res.period} ({res.exposure} documents)",
        ([by] if by else []) + cols,
        [([r.segment] if by else []) + [r.rank, r.skill_id, r.label, r.count, _share(r.share),
          _share_interval(r.share_low, r.share_high)] for r in res.rows],
    )


@click.command("growth")
@_kind_option()
@click.option("--base", required=True, help="Base period (P1).")
@click.option("--current", required=True, help="Current period (P2).")
@click.option("--category", default=None, help="Only skills of this category (and descendants).")
@click.option("-n", "n", default=10, show_default=True, help="Number of skills in each list.")
@click.option("--min-count", default=20, show_default=True,
              help="Minimum documents in the current period.")
@click.option("--breakout-floor", default=5, show_default=True,
              help="Skills with fewer base-period documents are breakouts ('new').")
@click.option("--by", default=None, help="Rank within each value of this field.")
@_common
def growth_command(kind: str, base: str, current: str, category: str | None, n: int,
                   min_count: int, breakout_floor: int, by: str | None, db: str | None,
                   taxonomy_files: tuple[str, ...], no_default_taxonomy: bool,
                   taxonomy_version: str | None, where: tuple[str, ...],
                   as_json: bool) -> None:
    """Fastest-growing skills from BASE to CURRENT: exposure-adjusted rate ratios with exact
    95% intervals, ranked by the lower bound; breakouts listed apart."""
    ws = _workspace(db, taxonomy_files, no_default_taxonomy)
    res = ws.growth(kind=kind, base=base, current=current, category=category, n=n,
                    min_count=min_count, breakout_floor=breakout_floor, by=by, where=where,
                    taxonomy_version=taxonomy_version)
    if as_json:
        return echo_json(res.to_dict())
    seg = [by] if by else []
    print_table(
        f"growth {kind} {res.base} -> {res.current}",
        [*seg, "rank", "skill", "label", res.base, res.current, "ratio", "95% interval",
         "change"],
        [([r.segment] if by else []) + [
            r.rank, r.skill_id, r.label, r.base_count, r.current_count, _fmt(r.rate_ratio),
            _interval(r.ratio_low, r.ratio_high), _pct(r.pct_change)]
         for r in res.rows],
    )
    if res.breakouts:
        print_table(
            f"breakouts (under {res.breakout_floor} in {res.base})",
            [*seg, "rank", "skill", "label", res.base, res.current, "change"],
            [([r.segment] if by else []) + [r.rank, r.skill_id, r.label, r.base_count,
                                             r.current_count, "new"] for r in res.breakouts],
        )


@click.command("share")
@_kind_option()
@click.option("--category", required=True, help="Category (its concepts and descendants).")
@click.option("--by", "grain", default="month", show_default=True,
              type=click.Choice(["week", "month", "quarter", "half", "year"]),
              help="Time grain of the rows.")
@click.option("--from", "start", default=None, help="First period [default: data start].")
@click.option("--to", "end", default=None, help="Last period, included [default: data end].")
@click.option("--base", default=None, help="Base period of the headline change.")
@click.option("--current", default=None, help="Current period of the headline change.")
@click.option("--segment", default=None, help="Break each period down by this field.")
@_common
def share_command(kind: str, category: str, grain: str, start: str | None, end: str | None,
                  base: str | None, current: str | None, segment: str | None, db: str | None,
                  taxonomy_files: tuple[str, ...], no_default_taxonomy: bool,
                  taxonomy_version: str | None, where: tuple[str, ...],
                  as_json: bool) -> None:
    """Share of a kind's documents that mention a category, per period, with Wilson 95%
    intervals; with --base/--current, the headline change and its exact interval."""
    ws = _workspace(db, taxonomy_files, no_default_taxonomy)
    res = ws.share(kind=kind, category=category, by=grain, start=start, end=end, base=base,
                   current=current, segment=segment, where=where,
                   taxonomy_version=taxonomy_version)
    if as_json:
        return echo_json(res.to_dict())
    seg = [segment] if segment else []
    print_table(
        f"{category} share of {kind}",
        [*seg, "period", "count", "exposure", "share", "95% interval"],
        [([r.segment] if segment else []) + [r.period, r.count, r.exposure, _share(r.share),
          _share_interval(r.share_low, r.share_high)] for r in res.rows],
    )
    if res.change is not None:
        c = res.change
        click.echo(
            f"{c.base} -> {c.current}: share {_pct(c.pct_change)} (ratio {_fmt(c.share_ratio)}, "
            f"95% {_interval(c.ratio_low, c.ratio_high)}); count "
            f"{c.base_count} -> {c.current_count} ({_pct(c.count_pct_change)})"
        )


@click.command("gap")
@click.option("--period", required=True, help="Period (compared with the one before it).")
@click.option("--category", default=None, help="Only skills of this category (and descendants).")
@click.option("-n", "n", default=20, show_default=True, help="Number of skills.")
@click.option("--min-count", default=5, show_default=True,
              help="Minimum demand (postings + searches documents).")
@click.option("--by", default=None, help="Rank within each value of this field.")
@_common
def gap_command(period: str, category: str | None, n: int, min_count: int, by: str | None,
                db: str | None, taxonomy_files: tuple[str, ...], no_default_taxonomy: bool,
                taxonomy_version: str | None, where: tuple[str, ...], as_json: bool) -> None:
    """Supply and demand: each skill's demand share (postings + searches) over its supply
    share (profiles), with an exact 95% interval and the change from the previous period."""
    ws = _workspace(db, taxonomy_files, no_default_taxonomy)
    res = ws.gap(period=period, category=category, n=n, min_count=min_count, by=by,
                 where=where, taxonomy_version=taxonomy_version)
    if as_json:
        return echo_json(res.to_dict())
    print_table(
        f"demand / supply {res.period} (previous {res.previous})",
        ([by] if by else []) + ["rank", "skill", "label", "demand", "supply", "ratio",
                                "95% interval", "previous", "change"],
        [([r.segment] if by else []) + [
            r.rank, r.skill_id, r.label, r.demand_count, r.supply_count, _fmt(r.ratio),
            _interval(r.ratio_low, r.ratio_high), _fmt(r.previous_ratio),
            _fmt(r.ratio_change)] for r in res.rows],
    )


@click.command("related")
@click.argument("skill")
@_kind_option("postings")
@click.option("--period", required=True, help="Period to count co-occurrences in.")
@click.option("-n", "n", default=10, show_default=True, help="Number of skills.")
@click.option("--min-count", default=5, show_default=True,
              help="Minimum documents mentioning both skills.")
@click.option("--measure", default="lift", show_default=True,
              type=click.Choice(["lift", "pmi", "npmi"]), help="Ranking measure.")
@click.option("--category", default=None, help="Only related skills of this category.")
@click.option("--by", default=None, help="Rank within each value of this field.")
@_common
def related_command(skill: str, kind: str, period: str, n: int, min_count: int, measure: str,
                    category: str | None, by: str | None, db: str | None,
                    taxonomy_files: tuple[str, ...], no_default_taxonomy: bool,
                    taxonomy_version: str | None, where: tuple[str, ...],
                    as_json: bool) -> None:
    """Skills that co-occur with SKILL (ID, label or alias) more than chance, ranked by lift
    (or PMI, NPMI) among those with at least --min-count shared documents."""
    ws = _workspace(db, taxonomy_files, no_default_taxonomy)
    res = ws.related(skill, kind=kind, period=period, n=n, min_count=min_count,
                     measure=measure, category=category, by=by, where=where,
                     taxonomy_version=taxonomy_version)
    if as_json:
        return echo_json(res.to_dict())
    print_table(
        f"related to {res.label} in {kind} {res.period} ({res.skill_count} of {res.exposure}), "
        f"ranked by {res.measure}",
        ([by] if by else []) + ["rank", "skill", "label", "both", "count", "lift", "pmi",
                                "npmi", "confidence"],
        [([r.segment] if by else []) + [r.rank, r.skill_id, r.label, r.co_count, r.count,
                                         _fmt(r.lift), _fmt(r.pmi), _fmt(r.npmi),
                                         _fmt(r.confidence)] for r in res.rows],
    )


COMMANDS = {
    "top": top_command,
    "growth": growth_command,
    "share": share_command,
    "gap": gap_command,
    "related": related_command,
}
