"""The REST API of ``skillpulse serve`` (the ``web`` extra): the library's front door over
HTTP, and the dashboard at ``/``. See ``docs/api.md``.

    >>> from skillpulse.api import create_app           # doctest: +SKIP
    >>> app = create_app(skillpulse.open("market.duckdb"))  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from skillpulse.errors import MissingExtraError

if TYPE_CHECKING:
    from skillpulse.workspace import Workspace


def require_web() -> None:
    """Raise :class:`MissingExtraError` naming the ``web`` extra when FastAPI, uvicorn or
    python-multipart is missing."""
    try:
        import fastapi  # noqa: F401
        import python_multipart  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("skillpulse serve (the REST API)", "web") from exc


def create_app(workspace: Workspace, **options: Any) -> Any:
    """The FastAPI application over ``workspace`` (see :func:`skillpulse.api.app.create_app`
    for the options)."""
    require_web()
    from skillpulse.api.app import create_app as make

    return make(workspace, **options)
