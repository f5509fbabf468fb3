"""The dashboard in Debian's Chromium (Playwright), against a real ``skillpulse serve``
process: load ``/``, change period, category and segment, open a skill page; the numbers on
screen equal the API's, the URL holds the view, no console errors. Screenshots go to
``$SKILLPULSE_TEST_ARTIFACTS`` (default ``test-artifacts/``) under ``web/``."""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).parents[2]
ARTIFACTS = Path(os.environ.get("SKILLPULSE_TEST_ARTIFACTS", ROOT / "test-artifacts")) / "web"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs /usr/bin/chromium")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(market_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import httpx

    db = tmp_path_factory.mktemp("web") / "store.duckdb"
    shutil.copy(market_folder / "skillpulse.duckdb", db)
    port = _port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("SKILLPULSE_API_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "skillpulse.cli", "serve", "--db", str(db),
                             "--port", str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(base + "/v1/status", timeout=60).raise_for_status()
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _get(server: str, path: str, **params: Any) -> Any:
    import httpx

    r = httpx.get(server + path, params=params, timeout=300)
    r.raise_for_status()
    return r.json()


def pct(v: float | None) -> str:
    return "" if v is None else f"{100 * v:.2f}%"


def _rows(page: Any, table: str) -> list[list[str]]:
    out: list[list[str]] = page.eval_on_selector_all(
        f"#{table} tbody tr",
        "rows => rows.map(r => [...r.cells].map(c => c.textContent))")
    return out


def _ready(page: Any) -> None:
    page.wait_for_function("document.body.dataset.ready === '1'", timeout=300_000)


def _check_top(page: Any, base: str, **params: Any) -> dict[str, Any]:
    data = _get(base, "/v1/top", n=10, **{k: v for k, v in params.items() if v})
    shown = _rows(page, "top-table")
    assert shown == [[str(r["rank"]), r["label"], str(r["count"]), pct(r["share"]),
                      f"{pct(r['share_low'])}–{pct(r['share_high'])}"] for r in data["rows"]]
    assert page.inner_text("#top-sub") == (f"{data['kind']} in {data['period']}: "
                                           f"{data['exposure']} documents")
    return data


def test_dashboard(server: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1300, "height": 1600})
        page.on("console", lambda m: problems.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
        page.on("response", lambda r: problems.append(f"{r.status} {r.url}")
                if r.status >= 400 else None)
        page.on("request", lambda r: problems.append(f"off-site request {r.url}")
                if not r.url.startswith(server) and not r.url.startswith("data:") else None)
        try:
            page.goto(server + "/")
            _ready(page)
            page.screenshot(path=ARTIFACTS / "1-overview.png", full_page=True)
            period = page.input_value("#period")
            _check_top(page, server, kind="postings", period=period)
            assert page.locator("#top-chart svg").count() == 1
            assert page.locator("#share-chart svg").count() == 1

            # growth: rows and breakouts apart, as the API ranks them
            growth = _get(server, "/v1/growth", kind="postings", base=page.input_value("#base"),
                          current=page.input_value("#current"), n=10)
            assert [r[1] for r in _rows(page, "growth-table")] == [
                r["label"] for r in growth["rows"]]
            assert [r[0] for r in _rows(page, "breakout-table")] == [
                r["label"] for r in growth["breakouts"]]

            # another period
            periods = page.eval_on_selector_all("#period option", "os => os.map(o => o.value)")
            other = periods[-2]
            page.select_option("#period", other)
            _ready(page)
            assert f"period={other}" in page.url
            _check_top(page, server, kind="postings", period=other)

            # a category
            page.select_option("#category", "generative-ai")
            _ready(page)
            assert "category=generative-ai" in page.url
            _check_top(page, server, kind="postings", period=other, category="generative-ai")
            page.screenshot(path=ARTIFACTS / "2-period-category.png", full_page=True)

            # a segment (category filter off again, so the list is long enough)
            page.select_option("#category", "")
            _ready(page)
            segs = page.eval_on_selector_all("#segment option", "os => os.map(o => o.value)")
            segment = next(s for s in segs if s.startswith("country="))
            page.select_option("#segment", segment)
            _ready(page)
            top = _check_top(page, server, kind="postings", period=other, where=segment)
            assert top["rows"], "the segment must rank something"
            page.screenshot(path=ARTIFACTS / "3-segment.png", full_page=True)

            # CSV export of what is on screen
            href = page.get_attribute("#top-csv", "href")
            assert href is not None
            import httpx

            csv_rows = list(csv.DictReader(io.StringIO(httpx.get(server + href).text)))
            assert [(r["label"], r["count"]) for r in csv_rows] == [
                (r[1], r[2]) for r in _rows(page, "top-table")]

            # the view is in the URL: a reload shows the same list
            page.reload()
            _ready(page)
            assert page.input_value("#segment") == segment
            _check_top(page, server, kind="postings", period=other, where=segment)

            # survey panel
            share = _get(server, "/v1/survey/share", name=page.input_value("#survey"),
                         question=page.input_value("#question"))
            assert _rows(page, "survey-table") == [
                [r["answer"], str(r["count"]), pct(r["share"]),
                 f"{pct(r['share_low'])}–{pct(r['share_high'])}"] for r in share["rows"]]

            # a skill page
            first = page.locator("#top-table a.skill").first
            skill = first.get_attribute("data-skill")
            first.click()
            _ready(page)
            assert f"skill={skill}" in page.url
            card = _get(server, f"/v1/skills/{skill}")
            assert page.inner_text("#skill-label") == card["label"]
            trend = {r[0]: r for r in _rows(page, "trend-table")}
            for kind, res in card["trend"].items():
                assert trend[kind][2] == str(sum(r["count"] for r in res["rows"]))
            related = _get(server, "/v1/related", skill=skill, kind="postings", period=other,
                           n=10, **{"min-count": 2})
            assert [r[:2] for r in _rows(page, "related-table")] == [
                [r["label"], str(r["co_count"])] for r in related["rows"]]
            assert page.locator("#skill-chart svg").count() == 1
            page.screenshot(path=ARTIFACTS / "4-skill.png", full_page=True)

            # back to the overview with the browser's back button
            page.go_back()
            _ready(page)
            assert page.is_visible("#top-table")
        finally:
            page.screenshot(path=ARTIFACTS / "last.png", full_page=True)
            browser.close()
    assert problems == []
