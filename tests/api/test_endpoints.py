"""Every read endpoint answers what the library answers for the same arguments (the JSON of
the result's ``to_dict()``, which is the CLI's ``--json``), in JSON, CSV and the report's
chart; validation errors are 422 with a message naming what is allowed."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from skillpulse import explore


def as_json(data: Any) -> Any:
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


CASES: list[tuple[str, Any]] = [
    ("/v1/top?kind=postings&period=2023Q2&n=5",
     lambda ws: ws.top(kind="postings", period="2023Q2", n=5)),
    ("/v1/top?kind=searches&period=2023Q2&category=generative-ai&n=10",
     lambda ws: ws.top(kind="searches", period="2023Q2", category="generative-ai", n=10)),
    ("/v1/top?kind=postings&from=2022-11&to=2023-02&by=country&n=3",
     lambda ws: ws.top(kind="postings", start="2022-11", end="2023-02", by="country", n=3)),
    ("/v1/top?kind=postings&period=2023&where=country=US&where=country=GB",
     lambda ws: ws.top(kind="postings", period="2023", where=["country=US", "country=GB"])),
    ("/v1/growth?kind=searches&base=2022Q4&current=2023Q2&n=5&min-count=3&breakout-floor=2",
     lambda ws: ws.growth(kind="searches", base="2022Q4", current="2023Q2", n=5,
                          min_count=3, breakout_floor=2)),
    ("/v1/share?kind=postings&category=generative-ai",
     lambda ws: ws.share(kind="postings", category="generative-ai")),
    ("/v1/share?kind=searches&category=generative-ai&by=quarter&base=2022Q4&current=2023Q2",
     lambda ws: ws.share(kind="searches", category="generative-ai", by="quarter",
                         base="2022Q4", current="2023Q2")),
    ("/v1/share?kind=postings&category=generative-ai&by=quarter&segment=company_size",
     lambda ws: ws.share(kind="postings", category="generative-ai", by="quarter",
                         segment="company_size")),
    ("/v1/gap?period=2023Q2&n=5&min-count=2",
     lambda ws: ws.gap(period="2023Q2", n=5, min_count=2)),
    ("/v1/related?skill=chatgpt&kind=searches&period=2023&min-count=2&measure=npmi",
     lambda ws: ws.related("chatgpt", kind="searches", period="2023", min_count=2,
                           measure="npmi")),
    ("/v1/status", lambda ws: ws.status()),
    ("/v1/survey/questions?name=leaders&max-answers=3",
     lambda ws: ws.survey_questions(name="leaders", max_answers=3)),
    ("/v1/survey/share?name=leaders&question=role",
     lambda ws: ws.survey_share(name="leaders", question="role")),
    ("/v1/surveys", lambda ws: explore.surveys(ws)),
    ("/v1/skills/sp.pytorch", lambda ws: explore.skill_card(ws, "sp.pytorch")),
    ("/v1/skills/PyTorch?by=quarter&from=2023Q1",
     lambda ws: explore.skill_card(ws, "PyTorch", by="quarter", start="2023Q1")),
    ("/v1/skills?search=pytorch&limit=5",
     lambda ws: explore.search_skills(ws, "pytorch", limit=5).to_dict()["hits"]),
    ("/v1/categories", lambda ws: explore.categories(ws)),
    ("/v1/segments?kind=postings", lambda ws: explore.segment_values(ws, kind="postings")),
]


@pytest.mark.parametrize(("url", "call"), CASES, ids=[c[0] for c in CASES])
def test_endpoint_equals_the_library(client: Any, ws: Any, url: str, call: Any) -> None:
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    expected = call(ws)
    expected = expected if isinstance(expected, list) else expected.to_dict()
    assert r.json() == as_json(expected)


def test_top_equals_the_cli_json(client: Any, api_folder: Path) -> None:
    """The issue's example: /v1/top?... is `skillpulse top ... --json`."""
    r = client.get("/v1/top?kind=searches&period=2023Q2&category=generative-ai&n=10")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    out = subprocess.run(
        [sys.executable, "-m", "skillpulse.cli", "top", "--kind", "searches", "--period",
         "2023Q2", "--category", "generative-ai", "-n", "10", "--json",
         "--db", str(api_folder / "skillpulse.duckdb")],
        capture_output=True, text=True, env=env, check=True)
    assert r.json() == json.loads(out.stdout)
    assert r.json()["rows"], "the example must rank something"


def test_skill_card_holds_the_taxonomy_entry_and_a_trend_per_kind(client: Any, ws: Any) -> None:
    top = ws.top(kind="postings", period="2023-05", n=100000)
    skill = next(r for r in top.rows if ws.taxonomy.get(r.skill_id).parent)
    card = client.get(f"/v1/skills/{skill.skill_id}").json()
    concept = ws.taxonomy.get(skill.skill_id)
    assert card["label"] == concept.label and card["description"] == concept.description
    assert card["parent"]["id"] == concept.parent
    assert card["roles"] == list(concept.roles)
    assert card["sources"] == [{"source": s, "id": i} for s, i in concept.sources]
    assert set(card["trend"]) == {"postings", "searches", "hires", "profiles"}
    # the trend counts the skill as `top` counts it in the same month
    may = next(r for r in card["trend"]["postings"]["rows"] if r["period"] == "2023-05")
    assert (may["count"], may["exposure"]) == (skill.count, top.exposure)


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_by_accept_header_or_format(client: Any) -> None:
    url = "/v1/top?kind=postings&period=2023Q2&n=5"
    data = client.get(url).json()
    by_accept = client.get(url, headers={"Accept": "text/csv"})
    by_param = client.get(url + "&format=csv")
    assert by_accept.headers["content-type"].startswith("text/csv")
    assert by_accept.text == by_param.text
    rows = _csv(by_param.text)
    assert [(r["skill_id"], int(r["count"]), float(r["share"])) for r in rows] == [
        (r["skill_id"], r["count"], r["share"]) for r in data["rows"]]


def test_growth_csv_keeps_breakouts_apart(client: Any) -> None:
    url = "/v1/growth?kind=searches&base=2022Q4&current=2023Q2&min-count=1&breakout-floor=3"
    data = client.get(url).json()
    assert data["breakouts"], "this case needs breakouts"
    rows = _csv(client.get(url + "&format=csv").text)
    assert [r["skill_id"] for r in rows if r["list"] == "breakouts"] == [
        r["skill_id"] for r in data["breakouts"]]
    assert [r["skill_id"] for r in rows if r["list"] == "rows"] == [
        r["skill_id"] for r in data["rows"]]


def test_charts_are_the_reports_specs_over_the_same_numbers(client: Any) -> None:
    url = "/v1/top?kind=postings&period=2023Q2&n=5"
    data = client.get(url).json()
    spec = client.get(url + "&format=vega-lite").json()
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "rule"]
    values = next(iter(spec["datasets"].values()))
    assert [(v["skill"], v["count"], v["share"]) for v in values] == [
        (r["label"], r["count"], r["share"]) for r in data["rows"]]
    share = client.get("/v1/share?kind=postings&category=generative-ai&format=vega-lite")
    assert [layer["mark"]["type"] for layer in share.json()["layer"]] == ["area", "line"]
    bad = client.get("/v1/share?kind=postings&category=generative-ai&by=quarter"
                     "&format=vega-lite")
    assert bad.status_code == 422 and "by=month" in bad.json()["detail"]


@pytest.mark.parametrize(("url", "words"), [
    ("/v1/top?kind=jobs&period=2023Q2", ["postings", "searches", "hires", "profiles"]),
    ("/v1/top?kind=postings&period=2023Q9", ["2023Q2", "2023-W07"]),
    ("/v1/top?kind=postings&period=2023Q2&n=0", ["greater than or equal to 1"]),
    ("/v1/top?kind=postings&period=2023Q2&n=ten", ["integer"]),
    ("/v1/share?kind=postings&category=generative-ai&by=day", ["month", "quarter"]),
    ("/v1/share?kind=postings", ["category"]),
    ("/v1/top?kind=postings&period=2023Q2&category=no-such-category", ["known categories"]),
    ("/v1/top?kind=postings&period=2023Q2&where=country", ["FIELD=VALUE"]),
    ("/v1/top?kind=postings&period=2023Q2&where=1;DROP TABLE postings=x", ["1;DROP"]),
    ("/v1/related?skill=python&period=2023&measure=cosine", ["lift", "pmi", "npmi"]),
    ("/v1/survey/share?name=nobody&question=role", ["leaders"]),
])
def test_bad_parameters_are_422_saying_what_is_allowed(client: Any, url: str,
                                                       words: list[str]) -> None:
    r = client.get(url)
    assert r.status_code == 422, r.text
    for word in words:
        assert word in r.text


def test_sql_in_a_parameter_is_only_a_value(client: Any, ws: Any) -> None:
    r = client.get("/v1/top?kind=postings&period=2023Q2&where=country=x' OR '1'='1")
    assert r.status_code == 200 and r.json()["exposure"] == 0
    assert ws.status().kinds["postings"].count > 0


def test_unknown_skill_is_404_and_each_skill_its_own_card(client: Any) -> None:
    assert client.get("/v1/skills/sp.chatgpt").json()["id"] == "sp.chatgpt"
    assert client.get("/v1/skills/sp.pytorch").json()["id"] == "sp.pytorch"
    r = client.get("/v1/skills/no-such-skill-anywhere")
    assert r.status_code == 404 and "no-such-skill-anywhere" in r.json()["detail"]


def test_etag_and_if_none_match(client: Any) -> None:
    url = "/v1/top?kind=postings&period=2023Q1&n=3"
    first = client.get(url)
    again = client.get(url)
    assert first.headers["etag"] == again.headers["etag"]
    assert client.get(url, headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    other = client.get("/v1/top?kind=postings&period=2023Q1&n=4")
    assert other.headers["etag"] != first.headers["etag"]
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_extract_text_equals_the_extractor(client: Any, ws: Any) -> None:
    from skillpulse.extract.store import build_extractor

    text = "Senior ML engineer: PyTorch, LLM fine-tuning, chatgtp"
    r = client.post("/v1/extract", json={"text": text, "kind": "search", "with_field": True})
    assert r.status_code == 200
    expected = [{**m.public_dict(), "field": m.field}
                for m in build_extractor(ws.taxonomy)(text, "search")]
    assert r.json() == {"mentions": expected}
    assert any(m["skill_id"] == "sp.pytorch" for m in expected)
    assert client.post("/v1/extract", json={"text": text, "kind": "tweet"}).status_code == 422


def test_link_equals_the_linker(client: Any) -> None:
    pytest.importorskip("onnxruntime")
    from skillpulse.link.linker import Linker, LinkerConfig

    r = client.post("/v1/link", json={"text": "keep the books in order", "top": 3})
    assert r.status_code == 200, r.text
    linker = Linker("esco", config=LinkerConfig.for_target("esco"))
    expected = [c.to_dict() for c in linker.link_many(["keep the books in order"], top=3)[0]]
    assert r.json() == {"text": "keep the books in order", "candidates": expected}


def test_report_json_is_the_reports_json(client: Any, ws: Any, tmp_path: Path) -> None:
    args = {"period": "2023Q2", "base": "2022Q4", "current": "2023Q2", "n": 5}
    r = client.get("/v1/report", params={"format": "json", "surge-base": "2022Q4", **args})
    assert r.status_code == 200
    ws.report(out=tmp_path, format="json", surge_base="2022Q4", **args)
    expected = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    got = r.json()
    for key in ("headline", "lists", "monthly_share", "supply_demand"):
        assert got[key] == expected[key]


def test_report_html_is_the_self_contained_page(client: Any) -> None:
    r = client.get("/v1/report?period=2023Q2&base=2022Q4&current=2023Q2&surge-base=2022Q4&n=5")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "vegaEmbed" in r.text and "window.vegaEmbed(node, spec" in r.text
    assert re.search(r"<script[^>]*src=[\"']?https?:", r.text) is None


def test_openapi_and_docs(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    for p in ("/v1/top", "/v1/growth", "/v1/share", "/v1/gap", "/v1/related",
              "/v1/skills/{skill_id}", "/v1/skills", "/v1/categories", "/v1/status",
              "/v1/survey/questions", "/v1/survey/share", "/v1/extract", "/v1/link",
              "/v1/report", "/v1/ingest/{kind}", "/v1/extract/run"):
        assert p in paths
    assert all(p.startswith("/v1/") for p in paths)
    names = {p["name"] for p in schema["paths"]["/v1/growth"]["get"]["parameters"]}
    assert {"kind", "base", "current", "min-count", "breakout-floor", "where",
            "taxonomy-version"} <= names
    assert client.get("/docs").status_code == 200


def test_dashboard_and_its_files_are_served_from_the_package(client: Any) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    for src in ("/static/app.js", "/static/app.css", "/static/vega-bundle.js"):
        assert client.get(src).status_code == 200
    assert "http" not in "".join(
        line for line in page.text.splitlines() if "src=" in line or "href=" in line)


def test_cached_answers_equal_the_routed_ones(client: Any, ws: Any) -> None:
    """The second request of a URL is sent from the cache before routing: same body, same
    headers; parameter order does not matter, the format does."""
    from fastapi.testclient import TestClient

    from skillpulse.api import create_app
    from skillpulse.api.fastpath import request_key

    url = "/v1/gap?period=2023Q2&n=4&min-count=1"
    client.get(url)  # the store's derived counting table is built by now
    fresh = TestClient(create_app(ws))
    routed = fresh.get(url)
    cached = fresh.get("/v1/gap?min-count=1&n=4&period=2023Q2")
    assert cached.content == routed.content
    assert cached.headers["etag"] == routed.headers["etag"]
    assert cached.headers["content-type"] == routed.headers["content-type"]
    as_csv = client.get(url, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert request_key("/v1/gap", "a=1&b=2", "") == request_key("/v1/gap", "b=2&a=1", "")
    assert request_key("/v1/gap", "a=1", "") != request_key("/v1/gap", "a=1", "text/csv")
    # the report's default format (html) is not format=json
    assert request_key("/v1/report", "n=1", "") != request_key("/v1/report", "n=1&format=json",
                                                               "")


def test_report_html_and_json_of_the_same_periods_are_two_answers(client: Any) -> None:
    q = "period=2023Q2&base=2022Q4&current=2023Q2&surge-base=2022Q4&n=3"
    assert client.get(f"/v1/report?{q}&format=json").headers["content-type"].startswith(
        "application/json")
    assert client.get(f"/v1/report?{q}").headers["content-type"].startswith("text/html")
