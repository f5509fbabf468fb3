"""``skillpulse survey``: shares with margins of error, segments, and the question list."""

from __future__ import annotations

from typing import Any

import click

from skillpulse.cli.common import db_option, echo_json, json_option, print_table, workspace


@click.group(name="survey")
def survey_group() -> None:
    """Analyse ingested survey microdata (see `skillpulse ingest survey`)."""


def _pct(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.1f}%"


def _interval(row: Any) -> str:
    if row.share_low is None:
        return ""
    return f"{100 * row.share_low:.1f}–{100 * row.share_high:.1f}"


def _pts(row: Any) -> str:
    return "" if row.margin is None else f"±{100 * row.margin:.1f}"


@survey_group.command(name="share")
@click.option("--name", required=True, help="Survey name (as given to `ingest survey`).")
@click.option("--question", "-q", required=True, help="The question (column) to estimate.")
@click.option("--answer", "-a", "answers", multiple=True,
              help="Only this answer; repeat to report several answers together (the share "
                   "choosing any of them).")
@click.option("--by", help="Break down by the answers of this single-choice question, with "
                           "a test of difference between segments.")
@click.option("--where", "where", multiple=True, metavar="COL=VALUE",
              help="Keep respondents who answered COL with VALUE (repeatable: values of one "
                   "column are OR-ed, different columns AND-ed).")
@click.option("--min-base", default=30, show_default=True, type=click.IntRange(min=1),
              help="Segments with fewer respondents than this are flagged (and left out of "
                   "the tests), never hidden.")
@json_option
@db_option
def share(name: str, question: str, answers: tuple[str, ...], by: str | None,
          where: tuple[str, ...], min_base: int, as_json: bool, db: str | None) -> None:
    """Share of respondents choosing each answer, with 95% intervals and base sizes."""
    from skillpulse.workspace import parse_where

    result = workspace(db=db).survey_share(
        name=name, question=question, answer=answers, by=by,
        where=parse_where(where, metavar="COL=VALUE"), min_base=min_base)
    if as_json:
        echo_json(result.to_dict())
        return
    _print_share(result)


def _print_share(result: Any) -> None:
    weights = (f", weighted: n_eff {result.n_eff:,.1f}, deff {result.deff:.2f}"
               if result.weighted else "")
    flag = "  [LOW BASE]" if result.low_base else ""
    where = "".join(f"; {c} = {' or '.join(v)}" for c, v in result.where)
    click.echo(f"{result.survey}: {result.question}"
               f"{' (multi-select)' if result.multi else ''}{where}")
    click.echo(f"base {result.base:,} respondents who answered{weights}{flag}; "
               f"95% interval: {result.method}")
    print_table(None, ["answer", "n", "share", "95% interval", "margin (pts)"],
                [[r.answer, f"{r.count:,}", _pct(r.share), _interval(r), _pts(r)]
                 for r in result.rows])
    if result.segments is None:
        return
    rows = []
    for seg in result.segments:
        for r in seg.rows:
            rows.append([seg.segment, f"{seg.base:,}", "LOW BASE" if seg.low_base else "",
                         r.answer, _pct(r.share), _interval(r), _pts(r)])
    print_table(f"by {result.by} (min base {result.min_base})",
                ["segment", "base", "flag", "answer", "share", "95% interval", "margin (pts)"],
                rows)
    if result.segment_missing:
        click.echo(f"{result.segment_missing:,} respondents did not answer {result.by}.")
    for test in result.difference_tests:
        click.echo(f"{test.answer}: chi-square({test.df}) = {test.statistic:.2f}, "
                   f"p = {test.p_value:.3g} across {len(test.segments_tested)} segments")
        for v in test.versus_rest:
            click.echo(f"  {v.segment} vs rest: {100 * v.difference:+.1f} pts, z = {v.z:.2f}, "
                       f"p = {v.p_value:.3g} (Holm {v.p_holm:.3g})")
        if test.segments_excluded:
            click.echo(f"  not tested (base < {result.min_base}): "
                       f"{', '.join(test.segments_excluded)}")
    if result.segments and not result.difference_tests:
        click.echo(f"no test: fewer than two segments have a base of {result.min_base} or more")


@survey_group.command(name="questions")
@click.option("--name", required=True, help="Survey name (as given to `ingest survey`).")
@click.option("--max-answers", default=10, show_default=True, type=click.IntRange(min=0),
              help="Show at most this many answers per question (most frequent first).")
@json_option
@db_option
def questions(name: str, max_answers: int, as_json: bool, db: str | None) -> None:
    """List the questions of a survey with their answer sets and response counts."""
    result = workspace(db=db).survey_questions(name=name, max_answers=max_answers)
    if as_json:
        echo_json(result.to_dict())
        return
    info, found = result.survey, result.questions
    click.echo(f"{name}: {info.respondents:,} respondents, {len(found)} questions"
               + (f", weighted by {info.weight_column}" if info.weighted else ""))
    rows = []
    for q in found:
        shown = "; ".join(f"{a.answer} ({a.respondents:,})" for a in q.answers)
        more = q.distinct_answers - len(q.answers)
        rows.append([q.question, "multi" if q.multi else "single", f"{q.respondents:,}",
                     f"{q.distinct_answers:,}", shown + (f"; … {more:,} more" if more else "")])
    print_table(None, ["question", "type", "answered", "answers", "top answers (respondents)"],
                rows)


COMMANDS = {"survey": survey_group}
