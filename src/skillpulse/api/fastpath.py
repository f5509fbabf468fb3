"""The cached read path as plain ASGI: a GET whose answer is cached for the store's current
version is sent straight from the cache, before routing and validation (the request was
validated when its answer was computed; the key is the one :func:`skillpulse.api.app.answer`
stores under: path, format, sorted query parameters)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from skillpulse.api.cache import ResultCache, store_version


def request_key(path: str, query: str, accept: str) -> str:
    """The cache key of a request, as ``answer`` computes it."""
    pairs = parse_qsl(query, keep_blank_values=True)
    fmt = None
    for k, v in pairs:
        if k == "format":
            fmt = v
    if not fmt:
        fmt = "csv" if "text/csv" in accept else "json"
    params = sorted((k, v) for k, v in pairs if k != "format")
    return json.dumps([path, fmt, params])


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
        entry = self.cache.get(key)
        if entry is None or entry.version != store_version(self.db):
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
