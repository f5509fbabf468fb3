"""The cached read path as plain ASGI: a GET whose answer is cached for the store's current
version is sent straight from the cache, before routing and validation (the request was
validated when its answer was computed; the key is the one :func:`skillpulse.api.app.answer`
stores under: path, Accept asking for CSV or not, sorted query parameters)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from skillpulse.api.cache import ResultCache, store_version


def request_key(path: str, query: str, accept: str) -> str:
    """The cache key of a request, as ``answer`` computes it: the path, whether the Accept
    header asks for CSV, and every query parameter (``format`` included: the report's
    default format is HTML, every other endpoint's JSON)."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return json.dumps([path, "csv" if "text/csv" in accept else "", pairs])


class CachedReads:
    """ASGI middleware: answer cached GETs under ``/v1/`` from ``cache``."""

    def __init__(self, app: Any, *, cache: ResultCache, db: Any) -> None:
        self.app = app
        self.cache = cache
        self.db = db

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET"
                or not scope["path"].startswith("/v1/")):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        key = request_key(scope["path"], scope.get("query_string", b"").decode("latin-1"),
                          headers.get("accept", ""))
        entry = self.cache.lookup(key, store_version(self.db))
        if entry is None:
            await self.app(scope, receive, send)
            return
        out = [(b"etag", entry.etag.encode()), (b"cache-control", b"no-cache")]
        if headers.get("if-none-match") == entry.etag:
            await send({"type": "http.response.start", "status": 304, "headers": out})
            await send({"type": "http.response.body", "body": b""})
            return
        body, media = entry.data
        out += [(b"content-type", media.encode()), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": out})
        await send({"type": "http.response.body", "body": body})
