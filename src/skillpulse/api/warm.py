"""``skillpulse serve --warm``: ask the server, once it answers, for the requests its
dashboard makes first, so their answers are cached before a user asks.

The requests are found from the server's own answers (``/v1/status`` gives each kind's date
range): per kind with documents, the top list of every quarter, the growth from four
quarters before to every quarter, the monthly share of the ``generative-ai`` category
(postings and searches, when the taxonomy has that category), each as JSON and as the
dashboard's chart, and the card of each skill in the top list of the last quarter. They
are asked over HTTP, as a client would ask them, so the answers land in the cache that
every server process reads (with ``--workers``, the shared folder).
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

log = logging.getLogger(__name__)

#: the category whose monthly share the dashboard draws by default
SHARE_CATEGORY = "generative-ai"


def quarters(first: str, last: str) -> list[str]:
    """The quarters from the one holding the day ``first`` to the one holding ``last``,
    as the dashboard lists them (``2023Q2``)."""
    a, b = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    y, q = a.year, (a.month - 1) // 3 + 1
    out = []
    while (y, q) <= (b.year, (b.month - 1) // 3 + 1):
        out.append(f"{y}Q{q}")
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def _path(endpoint: str, **params: Any) -> str:
    return f"/v1/{endpoint}?{urlencode(params)}" if params else f"/v1/{endpoint}"


def list_requests(status: dict[str, Any], categories: list[str]) -> list[str]:
    """The paths to ask (without the skill cards, which need the top lists' answers)."""
    paths = [_path("status"), _path("categories"), _path("surveys")]
    for kind, info in status["kinds"].items():
        if not info.get("count") or not info.get("first") or not info.get("last"):
            continue
        paths.append(_path("segments", kind=kind))
        qs = quarters(info["first"], info["last"])
        for i, q in enumerate(qs):
            lists = [("top", {"kind": kind, "period": q, "n": 10})]
            if i >= 4:
                lists.append(("growth", {"kind": kind, "base": qs[i - 4], "current": q,
                                         "n": 10}))
            for endpoint, params in lists:
                paths.append(_path(endpoint, **params))
                paths.append(_path(endpoint, **params, format="vega-lite"))
        if kind in ("postings", "searches") and SHARE_CATEGORY in categories:
            params = {"kind": kind, "category": SHARE_CATEGORY, "by": "month"}
            paths.append(_path("share", **params))
            paths.append(_path("share", **params, format="vega-lite"))
    return paths


def _get(base: str, path: str, *, timeout: float) -> Any:
    with urllib.request.urlopen(base + path, timeout=timeout) as r:
        return json.loads(r.read()) if "json" in r.headers.get("content-type", "") else None


def wait_until_up(base: str, *, timeout: float = 600.0) -> bool:
    """True once ``base`` answers ``/v1/status``; False after ``timeout`` seconds."""
    stop = time.monotonic() + timeout
    while time.monotonic() < stop:
        try:
            _get(base, "/v1/status", timeout=timeout)
            return True
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    return False


def warm(base: str, *, timeout: float = 600.0) -> dict[str, Any]:
    """Ask the server at ``base`` (``http://127.0.0.1:8000``) for each request of
    :func:`list_requests` and the top skills' cards; returns how many were asked, how many
    failed, and the seconds taken. A failed request is logged and skipped."""
    t0 = time.perf_counter()
    if not wait_until_up(base, timeout=timeout):
        log.warning("warm: %s did not answer within %.0f s", base, timeout)
        return {"asked": 0, "failed": 0, "seconds": round(time.perf_counter() - t0, 1)}
    status = _get(base, "/v1/status", timeout=timeout)
    cats = [c["category"] for c in _get(base, "/v1/categories", timeout=timeout)["categories"]]
    asked = failed = 0
    skills: list[str] = []
    last_top: dict[str, str] = {}
    paths = list_requests(status, cats)
    for p in paths:
        if p.startswith("/v1/top?") and "format=" not in p:
            kind = p.split("kind=")[1].split("&")[0]
            last_top[kind] = p  # the quarters are in order: the last one stays
    queue = list(paths)
    while queue:
        p = queue.pop(0)
        asked += 1
        try:
            data = _get(base, p, timeout=timeout)
        except (OSError, urllib.error.URLError) as exc:
            failed += 1
            log.warning("warm: %s: %s", p, exc)
            continue
        if p in last_top.values() and isinstance(data, dict):
            for row in data.get("rows", []):
                if row["skill_id"] not in skills:
                    skills.append(row["skill_id"])
                    queue.append(f"/v1/skills/{quote(row['skill_id'], safe='')}")
    out = {"asked": asked, "failed": failed, "seconds": round(time.perf_counter() - t0, 1)}
    log.info("warm: %s", out)
    return out
