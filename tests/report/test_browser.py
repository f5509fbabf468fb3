"""The HTML report in headless Chromium (Debian's, driven by Playwright): no console error,
no request leaving file://, every chart drawn. Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.report.conftest import REPO, DemoRun, HnRun

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = REPO / "test-artifacts"

#: marks drawn by vega in each chart container (SVG renderer)
MARKS_JS = """() => Array.from(document.querySelectorAll('[data-spec]')).map(n => ({
  id: n.id,
  rendered: n.getAttribute('data-rendered') === 'true',
  svg: n.querySelectorAll('svg').length,
  marks: n.querySelectorAll('svg g[class*="mark-"] path, svg g[class*="mark-"] line').length,
}))"""


#: every skill card: its title, description, roles and whether its trend chart was drawn
CARDS_JS = """() => Array.from(document.querySelectorAll('article.skillcard')).map(c => ({
  id: c.id,
  label: c.querySelector('h3').textContent,
  skill_id: c.querySelector('h3').getAttribute('title'),
  what: (c.querySelector('p.what') || {}).textContent,
  roles: (c.querySelector('p.roles') || {textContent: ''}).textContent,
  chart: c.querySelectorAll('[data-rendered="true"] svg').length,
}))"""


def _card_charts(report: dict[str, Any]) -> set[str]:
    return {f"card_{i + 1}" for i, c in enumerate(report["cards"])
            if any(p["exposure"] for p in c["trend"])}


def _check_cards(result: dict[str, Any], report: dict[str, Any]) -> None:
    cards = result["cards"]
    assert [c["skill_id"] for c in cards] == [c["skill_id"] for c in report["cards"]]
    for seen, card in zip(cards, report["cards"], strict=True):
        assert seen["label"] == card["label"]
        assert seen["what"] == (card["description"] or "No description in the taxonomy.")
        for role in card["roles"]:
            assert role in seen["roles"]
        assert seen["chart"] == 1, seen


def _open(page_url: str, screenshot: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Chromium missing: run 'bash scripts/install-system-deps.sh'"
    console: list[tuple[str, str]] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: console.append((m.type, m.text)))
            page.on("pageerror", lambda e: console.append(("pageerror", str(e))))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_url)
            page.wait_for_function(
                "document.querySelectorAll('[data-spec]').length === "
                "document.querySelectorAll('[data-rendered]').length", timeout=60_000)
            charts = page.evaluate(MARKS_JS)
            headings = page.evaluate(
                "() => Array.from(document.querySelectorAll('h2')).map(h => h.textContent)")
            cards = page.evaluate(CARDS_JS)
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    return {"console": console, "requests": requests, "charts": charts, "headings": headings,
            "cards": cards}


def _check(result: dict[str, Any], expected_charts: set[str]) -> None:
    errors = [c for c in result["console"] if c[0] in ("error", "pageerror")]
    assert not errors, errors
    outside = [u for u in result["requests"] if not u.startswith("file://")]
    assert not outside, outside
    ids = {c["id"] for c in result["charts"]}
    assert ids == {f"chart-{x}" for x in expected_charts}
    for chart in result["charts"]:
        assert chart["rendered"] and chart["svg"] >= 1 and chart["marks"] > 0, chart


@pytest.mark.browser
def test_demo_report_opens_offline_with_charts_drawn(demo_run: DemoRun) -> None:
    html = demo_run.out / "report.html"
    text = html.read_text(encoding="utf-8")
    assert text.count("window.vegaEmbed=") == 1  # the JavaScript bundle once per page
    assert "<script src=" not in text and "<link" not in text
    result = _open(html.as_uri(), ARTIFACTS / "report.png")
    expected = {"monthly_share", "supply_demand", "survey", "survey_segments",
                "segments_postings"} | {
        f"list_{x['id']}" for x in demo_run.report["lists"] if x["rows"]} | _card_charts(
        demo_run.report)
    _check(result, expected)
    _check_cards(result, demo_run.report)
    assert len(result["cards"]) >= 15
    assert "Top generative-AI searches by clients, H1 2023" in result["headings"]
    assert "Top 10 generative-AI skills, H1 2023" in result["headings"]
    assert (ARTIFACTS / "report.png").stat().st_size > 50_000


@pytest.mark.browser
def test_hn_report_with_missing_sections_opens(hn_run: HnRun) -> None:
    result = _open((hn_run.out / "report.html").as_uri(), ARTIFACTS / "report_hn.png")
    report = hn_run.report.to_dict()
    _check(result, {f"list_{x['id']}" for x in report["lists"] if x["rows"]}
           | _card_charts(report))
    _check_cards(result, report)
    assert "Top skills in job posts, 2023" in result["headings"]
