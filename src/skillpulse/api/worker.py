"""The application of one server process of ``skillpulse serve --workers N``.

uvicorn starts each worker process by importing an application factory by name; the
parent passes what :func:`skillpulse.api.create_app` needs in the environment variable
:data:`OPTIONS_ENV` (JSON: the store, the taxonomy files, the upload limit and the folder
the processes share their results and their computation lock through).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

OPTIONS_ENV = "SKILLPULSE_SERVE_OPTIONS"


def options_json(*, db: Path, taxonomy_files: tuple[str, ...], max_upload_bytes: int,
                 shared: Path) -> str:
    return json.dumps({"db": str(db), "taxonomy_files": list(taxonomy_files),
                       "max_upload_bytes": max_upload_bytes, "shared": str(shared)})


def app() -> Any:
    """The app of this worker, from :data:`OPTIONS_ENV` (a uvicorn factory)."""
    from skillpulse.api import create_app
    from skillpulse.cli.common import workspace

    opts = json.loads(os.environ[OPTIONS_ENV])
    ws = workspace(db=opts["db"], taxonomy_files=tuple(opts["taxonomy_files"]))
    return create_app(ws, max_upload_bytes=int(opts["max_upload_bytes"]),
                      shared=Path(opts["shared"]))
