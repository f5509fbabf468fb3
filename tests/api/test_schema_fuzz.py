"""The OpenAPI schema fuzzed with schemathesis: no generated request, on any operation, gets
a server error (5xx)."""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from skillpulse.api.app import router  # noqa: E402

OPERATIONS = sorted((method, route.path) for route in router.routes
                    for method in getattr(route, "methods", ()))
#: each of these assembles a report or runs the extractor over the store: fewer cases
SLOW = {"/v1/report": 6, "/v1/extract/run": 5, "/v1/ingest/{kind}": 10}


@pytest.fixture(scope="module")
def api_schema(ws: Any) -> Any:
    from skillpulse.api import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(ws, token="fuzz"))


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_server_error(api_schema: Any, method: str, path: str) -> None:
    op = api_schema[path][method]
    calls: list[int] = []

    @settings(max_examples=SLOW.get(path, 30), deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=op.as_strategy())
    def run(case: Any) -> None:
        response = case.call_and_validate(checks=[not_a_server_error])
        calls.append(response.status_code)

    run()
    assert calls, "schemathesis generated no request"
