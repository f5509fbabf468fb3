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
