"""``skillpulse report`` and ``skillpulse demo``: thin layers over :mod:`skillpulse.report`
and :mod:`skillpulse.demo`."""

from __future__ import annotations

import shlex
from typing import Any

import click

from skillpulse.cli.common import (
    db_option,
    print_table,
    setting_option,
    stderr_console,
    taxonomy_files_option,
)

_NO_CATEGORY = {"none", "all", ""}


def _command_line() -> str:
    """The command as run, rebuilt from the parsed options (so it is exact whether the
    command came from a shell or from ``skillpulse.cli.main(argv)``)."""
    ctx = click.get_current_context()
    words = ["skillpulse", ctx.info_name or ctx.command.name or ""]
    for param in ctx.command.params:
        if not isinstance(param, click.Option) or param.name is None:
            continue
        value = ctx.params.get(param.name)
        source = ctx.get_parameter_source(param.name)
        if source is not None and source.name == "DEFAULT":
            continue
        flag = max(param.opts, key=len)
        if param.is_flag:
            if value:
                words.append(flag)
        elif isinstance(value, (tuple, list)):
            for item in value:
                words += [flag, str(item)]
        elif value is not None:
            words += [flag, str(value)]
    return shlex.join(words)


@click.command("report")
@click.option("--period", default=None,
              help="Window of the top lists, e.g. 2023H1 [default: --base to --current].")
@click.option("--base", default=None,
              help="Base period of the growth lists, e.g. 2023Q1 [default: the quarter "
                   "before --current].")
@click.option("--current", default=None,
              help="Current period of the growth lists, e.g. 2023Q2 [default: the latest "
                   "complete quarter of the data].")
@click.option("--surge-base", default=None,
              help="Base period of the headline change (to --current), e.g. 2022Q4 "
                   "[default: the data's earliest complete quarter].")
@click.option("--category", default="generative-ai", show_default=True,
              help="Skill category to report on; 'none' ranks all skills.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Directory to write the report into.")
@db_option
@click.option("--format", "fmt", type=click.Choice(["html", "json"]), default="html",
              show_default=True,
              help="html: report.html (self-contained) and report.md with SVG charts; "
                   "json: report.json.")
@click.option("--survey", default=None, help="Add a section for this ingested survey.")
@click.option("--survey-question", "survey_questions", multiple=True,
              metavar="Q[=ANSWER[|ANSWER]][@COL=VALUE[|VALUE]]",
              help="A survey estimate to show (repeatable): a question, optionally the "
                   "answer(s) to report and a respondent filter.")
@click.option("--survey-by", default=None, help="Break survey estimates down by this question.")
@click.option("--segment", default=None, metavar="FIELD",
              help="Add a section comparing the category's share and the top skills across "
                   "the values of this field of job posts and hires (e.g. company_size).")
@taxonomy_files_option
@click.option("-n", "n", default=10, show_default=True, help="Skills per list.")
@click.option("--min-count", default=20, show_default=True,
              help="Minimum current-period documents for a skill in a growth list.")
def report_command(period: str | None, base: str | None, current: str | None,
                   surge_base: str | None, category: str, out_dir: str, db: str | None,
                   fmt: str, survey: str | None, survey_questions: tuple[str, ...],
                   survey_by: str | None, segment: str | None,
                   taxonomy_files: tuple[str, ...], n: int, min_count: int) -> None:
    """Write the report: headline figures, the top skills with what they are and why they
    are in demand, the ranked lists and breakouts, supply against demand, segments, survey
    estimates, a card per skill, methods and provenance. Without period options the
    periods come from the data: the latest complete quarter and the one before it."""

    from skillpulse.cli.common import resolved
    from skillpulse.report import build_report, write_report
    from skillpulse.taxonomy import Taxonomy
    from skillpulse.workspace import Workspace

    settings = resolved(db=db, taxonomy_files=taxonomy_files)
    if survey_questions and not survey:
        raise click.UsageError("--survey-question needs --survey")
    tax = Taxonomy.load(settings.taxonomy_files)
    cat = None if category.strip().lower() in _NO_CATEGORY else category
    with Workspace(settings).store() as store:  # never creates one
        report = build_report(
            store, period=period, base=base, current=current, surge_base=surge_base,
            category=cat, taxonomy=tax, survey=survey, survey_questions=survey_questions,
            survey_by=survey_by, segment=segment, n=n, min_count=min_count,
            command=_command_line(),
        )
    if report.periods_from == "data":
        from skillpulse.report.text import period_name

        growth = (f", growth {period_name(report.base)} → {period_name(report.current)}, "
                  f"surge since {period_name(report.surge_base)}" if report.base
                  else ": one period of data, no growth")
        stderr_console().print(f"periods from the data: top lists {period_name(report.period)}"
                               f"{growth} (--period/--base/--current/--surge-base override)",
                               highlight=False, soft_wrap=True)
    files = write_report(report, out_dir, format=fmt)
    for f in files.files:
        if f.suffix in (".html", ".md", ".json"):
            click.echo(str(f))


def _growth_word(row: Any) -> str:
    """The growth cell by the report's wording rule."""
    from skillpulse.report.text import fmt_change

    if row.new:
        return "new"
    if row.change in ("rise", "fall"):
        return str(fmt_change(row.pct_change))
    return {"unclear": "no clear change", "too_few": "too few"}.get(row.change or "", "–")


def _print_summary(report: Any) -> None:
    from skillpulse.report.text import fmt_change, fmt_int, fmt_pct, pct_interval, period_name

    rows = []
    for name, fig in (("job posts", report.headline.postings),
                      ("searches", report.headline.searches)):
        if fig is not None:
            rows.append([f"gen-AI share of {name}, {period_name(fig.base)} → "
                         f"{period_name(fig.current)}",
                         f"{fmt_pct(fig.base_share, 2)} → {fmt_pct(fig.current_share, 2)}",
                         fmt_change(fig.pct_change), pct_interval(fig.pct_low, fig.pct_high)])
    if report.headline.projects is not None:
        p = report.headline.projects
        rows.append([f"gen-AI projects hired for, {period_name(p.period)}", fmt_int(p.count),
                     "", ""])
    print_table("Headline figures", ["figure", "value", "change", "95% CI"], rows)
    for lst in report.lists[:4]:
        if not lst.rows:
            click.echo(f"{lst.title}: {lst.note}")
            continue
        if lst.method == "top":
            print_table(lst.title, ["#", "skill", "count", "share", "growth"],
                        [[r.rank, r.label, fmt_int(r.count), fmt_pct(r.share, 2),
                          _growth_word(r)] for r in lst.rows])
        else:
            print_table(lst.title, ["#", "skill", period_name(lst.base),
                                    period_name(lst.current), "growth", "95% CI"],
                        [[r.rank, r.label, fmt_int(r.base_count), fmt_int(r.current_count),
                          _growth_word(r), pct_interval(r.pct_low, r.pct_high)]
                         for r in lst.rows])


@click.command("demo")
@click.option("--out", "out_dir", default="demo-output", show_default=True,
              type=click.Path(file_okay=False), help="Directory for data, store and report.")
@click.option("--scale", default=1.0, show_default=True, type=float,
              help="Volume multiplier of the synthetic marketplace (1.0: ~50k postings, "
                   "~300k searches).")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed.")
@click.option("--taxonomy", "taxonomy", type=click.Choice(["genai", "default"]),
              default="genai", show_default=True,
              help="genai: the built-in gen-AI catalog (fast); default: the full default "
                   "taxonomy (ESCO, Lightcast, O*NET merged; much slower extraction).")
@setting_option("workers", help="Extraction processes (1 is faster at small scales).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def demo_command(out_dir: str, scale: float, seed: int, taxonomy: str, workers: int | None,
                 quiet: bool) -> None:
    """Generate a synthetic marketplace, ingest it, extract skills and write the report
    (report.html, report.md, report.json) into --out; print the headline figures and the
    four top-10 lists."""
    from skillpulse.cli.common import resolved
    from skillpulse.demo import run_demo

    workers = resolved(workers=workers).workers
    console = stderr_console()
    if quiet:
        info = run_demo(out_dir, scale=scale, seed=seed, taxonomy=taxonomy, workers=workers,
                        command=_command_line())
    else:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        steps = ("generate", "ingest", "taxonomy", "extract", "report")
        with Progress(TextColumn("{task.description:<9}"), BarColumn(),
                      TextColumn("{task.completed:>8,.0f}/{task.total:<8,.0f}"),
                      TimeElapsedColumn(), console=console) as bar:
            tasks = {s: bar.add_task(s, total=1, start=False) for s in steps}

            def progress(step: str, done: int, total: int) -> None:
                task = tasks[step]
                if done == 0 and total == 0:  # a step starts: the ones before it are done
                    for s in steps[: steps.index(step)]:
                        bar.update(tasks[s], completed=bar.tasks[tasks[s]].total)
                bar.start_task(task)
                if total:
                    bar.update(task, total=total, completed=done)

            info = run_demo(out_dir, scale=scale, seed=seed, taxonomy=taxonomy,
                            workers=workers, command=_command_line(), progress=progress)
            for s in steps:
                bar.update(tasks[s], completed=bar.tasks[tasks[s]].total)
    _print_summary(info.report)
    times = ", ".join(f"{s.name} {s.seconds:.1f} s" for s in info.steps)
    click.echo(f"\nDone in {info.seconds:.1f} s ({times}).")
    click.echo(f"Report: {info.out_dir / 'report.html'} (also report.md, report.json)")


COMMANDS = {"report": report_command, "demo": demo_command}
