"""Write a report: ``report.html`` (one self-contained page: styles, Vega JavaScript and chart
data inline, the JavaScript bundle once), ``report.md`` (tables, charts as SVG files in
``charts/`` next to it) or ``report.json`` (``Report.to_dict()``)."""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skillpulse.errors import SkillpulseError
from skillpulse.report import text
from skillpulse.report.model import Report

log = logging.getLogger(__name__)

FORMATS = ("html", "json")


@dataclass(frozen=True)
class ReportFiles:
    """What ``write_report`` wrote."""

    out_dir: Path
    files: tuple[Path, ...]
    charts: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"out_dir": str(self.out_dir), "files": [str(f) for f in self.files],
                "charts": self.charts, "seconds": round(self.seconds, 3)}


def _write_text(path: Path, content: str) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(content, encoding="utf-8")
    os.replace(tmp, path)
    return path


def report_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, allow_nan=False)


def vega_bundle(vl_version: str) -> str:
    """vega, vega-lite and vega-embed as one script (``window.vegaEmbed``), from
    vl-convert; cached on disk (setting ``cache_dir``) because bundling takes seconds."""
    import vl_convert

    from skillpulse.settings import get

    cache = Path(get("cache_dir")) / "report" / (
        f"vega-bundle-{getattr(vl_convert, '__version__', 'x')}-{vl_version}.js")
    if cache.is_file():
        return cache.read_text(encoding="utf-8")
    make: Any = vl_convert.javascript_bundle  # its stub wrongly requires a snippet
    bundle: str = make(vl_version=vl_version)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        _write_text(cache, bundle)
    except OSError as exc:  # a read-only cache is only slower
        log.warning("cannot cache the Vega bundle in %s: %s", cache, exc)
    return bundle


def _script_safe(data: str) -> str:
    """Text that cannot close the ``<script>`` element it is embedded in."""
    return data.replace("</", "<\\/").replace("<!--", "<\\!--")


def _environment(*, markdown: bool = False) -> Any:
    import jinja2

    if markdown:  # every value printed into Markdown is escaped (labels, names, notes)
        env = jinja2.Environment(
            loader=jinja2.PackageLoader("skillpulse.report", "templates"),
            autoescape=False, finalize=text.md_escape, trim_blocks=True,
            lstrip_blocks=True, undefined=jinja2.StrictUndefined,
        )
    else:
        env = jinja2.Environment(
            loader=jinja2.PackageLoader("skillpulse.report", "templates"),
            autoescape=jinja2.select_autoescape(["html", "j2"]),
            trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
        )
    for name in ("fmt_int", "fmt_pct", "fmt_change", "fmt_ratio", "fmt_interval",
                 "pct_interval", "period_name", "kind_noun", "category_name", "finite",
                 "fmt_share_ci", "share_interval", "sparkline", "capital"):
        env.globals[name] = getattr(text, name)
    env.filters["md_code"] = text.md_code
    # a macro's output was escaped value by value inside it: print it as written
    env.filters["md_written"] = text.MarkdownText
    env.filters["short_hash"] = lambda h: (h or "")[:12]
    env.filters["basename"] = lambda p: Path(p).name if p else ""
    return env


def card_id(index: int) -> str:
    """The HTML id of the ``index``-th skill card (skill IDs can hold any character)."""
    return f"card-{index + 1}"


def supply_demand_title(report: Report) -> tuple[str, bool]:
    """The supply-and-demand section's title, by what its rows show, and whether any row's
    demand is clearly above its supply."""
    sd = report.supply_demand
    when = text.period_name(sd.period)
    lows = [r["ratio_low"] for r in sd.rows]
    above = [x for x in lows if text.finite(x) and x > 1]
    if not sd.rows:
        return f"Demand against supply, {when}", False
    if len(above) == len(lows):
        return f"Skills in more demand than supply, {when}", True
    if above:
        return (f"Demand against supply, {when}: {len(above)} of {len(lows)} skills clearly "
                "in more demand than supply"), True
    return f"Skills with the most demand relative to supply (none clearly above supply), {when}", False


def _context(report: Report) -> dict[str, Any]:
    sd_title, sd_any_above = supply_demand_title(report)
    ids = {c.skill_id: card_id(i) for i, c in enumerate(report.cards)}
    empty = [lst for lst in report.lists if not lst.rows]
    # a breakout list with documents but no breakout says "none"; other empty lists are
    # "not covered by this data"
    no_breakouts = [x for x in empty if x.method == "new" and x.exposure and x.base_exposure]
    return {
        "r": report, "data": report.to_dict(), "card_ids": ids,
        "no_breakouts": no_breakouts,
        "missing": [x for x in empty if x not in no_breakouts and not (
            x.method == "new" and report.base is None)],
        "card_charts": {c.skill_id: f"card_{i + 1}" for i, c in enumerate(report.cards)},
        "list_titles": {lst.id: lst.title for lst in report.lists},
        "sd_title": sd_title, "sd_any_above": sd_any_above,
    }


def render_html(report: Report, specs: dict[str, dict[str, Any]], bundle: str) -> str:
    if "</script" in bundle.lower():
        raise SkillpulseError("the Vega bundle contains '</script': cannot inline it")
    env = _environment()
    css = (Path(__file__).parent / "templates" / "report.css").read_text(encoding="utf-8")
    page: str = env.get_template("report.html.j2").render(
        **_context(report), css=css,
        specs={k: _script_safe(json.dumps(v, allow_nan=False)) for k, v in specs.items()},
        bundle=bundle,
    )
    return page


def render_markdown(report: Report, charts: dict[str, str]) -> str:
    """Markdown with tables; ``charts`` maps a chart ID to its relative image path."""
    env = _environment(markdown=True)
    md: str = env.get_template("report.md.j2").render(**_context(report), charts=charts)
    return md


def write_report(report: Report, out_dir: str | Path, *, format: str = "html") -> ReportFiles:
    """``html``: ``report.html`` and ``report.md`` (+ ``charts/*.svg``); ``json``:
    ``report.json``."""
    if format not in FORMATS:
        raise SkillpulseError(f"unknown report format {format!r}: use one of "
                              f"{', '.join(FORMATS)}")
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if format == "json":
        path = _write_text(out / "report.json", report_json(report) + "\n")
        return ReportFiles(out, (path,), 0, time.perf_counter() - started)

    import vl_convert

    from skillpulse.report.charts import chart_specs, vega_lite_version

    specs = chart_specs(report)
    vl_version = vega_lite_version()
    html = render_html(report, specs, vega_bundle(vl_version))
    written = [_write_text(out / "report.html", html)]
    chart_dir = out / "charts"
    chart_dir.mkdir(exist_ok=True)
    images: dict[str, str] = {}
    for chart_id, spec in specs.items():
        if chart_id.startswith("card_"):  # report.md draws card trends as sparklines
            continue
        svg = vl_convert.vegalite_to_svg(spec, vl_version=vl_version)
        written.append(_write_text(chart_dir / f"{chart_id}.svg", svg))
        images[chart_id] = text.MarkdownText(f"charts/{chart_id}.svg")
    written.append(_write_text(out / "report.md", render_markdown(report, images)))
    seconds = time.perf_counter() - started
    log.info("wrote report to %s (%d charts) in %.1f s", out, len(specs), seconds)
    return ReportFiles(out, tuple(written), len(specs), seconds)
