"""Issue 15 item 12: report.md escapes labels, descriptions and roles from a user taxonomy
file (Markdown and HTML injection) as report.html does. The report runs through the CLI on a
real store with a taxonomy file holding markup."""

from __future__ import annotations

import re
from pathlib import Path

from tests.report.test_assembly import _add

from skillpulse.store import DuckDBStore

EVIL = """name: evil
version: "1"
concepts:
  - id: evil.x
    label: "<script>alert(1)</script> [click](javascript:alert(2)) | *x*"
    category: generative-ai
    description: "<img src=x onerror=alert(3)> ![i](http://example.invalid/x.png)"
    roles: ["`rm -rf`", "<b>boss</b>"]
"""


def test_markdown_and_html_escape_user_markup(store_path: Path, tmp_path: Path) -> None:
    from skillpulse.cli import main

    with DuckDBStore(store_path) as store:
        for i in range(30):
            _add(store, "postings", f"a{i}", "2023-02-10", ["evil.x"] if i < 25 else [])
            _add(store, "postings", f"b{i}", "2023-05-10", ["evil.x"] if i < 28 else [])
    tax = tmp_path / "evil.yaml"
    tax.write_text(EVIL, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", "--db", str(store_path), "--out", str(out), "--period", "2023H1",
                 "--base", "2023Q1", "--current", "2023Q2", "--surge-base", "2023Q1",
                 "--taxonomy-file", str(tax), "--min-count", "1"]) == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    assert md.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # summary, table, card
    for raw in ("<script", "<img", "<b>", "![i](", "| *x*", "`rm -rf`"):
        assert raw not in md, raw
    assert not re.search(r"(?<!\\)\]\(javascript", md)  # no link: the bracket is escaped
    assert r"\[click\](javascript:alert(2)) \| \*x\*" in md
    html = (out / "report.html").read_text(encoding="utf-8")
    body = html.split("<main>", 1)[1].split("</main>", 1)[0]
    assert "<script>alert(1)" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_markdown_escapes_survey_names_and_answers(store_path: Path, tmp_path: Path) -> None:
    from skillpulse.cli import main
    from skillpulse.survey import ingest_survey

    csv = tmp_path / "s.csv"
    rows = ["size,likes_ai"] + [f"{'<i>big</i>' if i % 2 else 'small'},"
                                f"{'yes' if i % 3 else '[no](javascript:x)'}"
                                for i in range(60)]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    name = "<script>s</script>*leaders*"
    with DuckDBStore(store_path) as store:
        _add(store, "postings", "p1", "2023-02-10", ["sp.chatgpt"])
        _add(store, "postings", "p2", "2023-05-10", ["sp.chatgpt"])
        ingest_survey(store, csv, name=name)
    out = tmp_path / "out"
    assert main(["report", "--db", str(store_path), "--out", str(out), "--survey", name,
                 "--survey-question", "likes_ai", "--survey-by", "size"]) == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    assert r"## Survey: &lt;script&gt;s&lt;/script&gt;\*leaders\*" in md
    assert r"likes\_ai: \[no\](javascript:x)" in md
    # the command line is shown as typed, in a code span (where Markdown shows markup as text)
    prose = re.sub(r"`[^`\n]*`", "", md)
    assert "<script>" not in prose and "<i>" not in prose
    assert not re.search(r"(?<!\\)\]\(javascript", prose)
