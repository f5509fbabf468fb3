"""``skillpulse serve``: the REST API and the dashboard over one store (``web`` extra)."""

from __future__ import annotations

import click

from skillpulse.cli.common import db_option, taxonomy_files_option, workspace


@click.command(name="serve")
@db_option
@taxonomy_files_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (0.0.0.0 exposes the API to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port.")
@click.option("--max-upload-mb", default=200, show_default=True, type=click.IntRange(1),
              help="Largest file POST /v1/ingest accepts, in MB.")
@click.option("--workers", "processes", default=1, show_default=True,
              type=click.IntRange(1, 64),
              help="Server processes, not the 'workers' setting of extraction (they "
                   "share their cached results through a temporary folder and compute one "
                   "answer at a time among them).")
@click.option("--warm", is_flag=True,
              help="Once listening, ask for the dashboard's first requests (top and growth "
                   "lists per quarter, the gen-AI share, the top skills' cards) so their "
                   "answers are cached before a user asks.")
def serve_command(db: str | None, taxonomy_files: tuple[str, ...], host: str, port: int,
                  max_upload_mb: int, processes: int, warm: bool) -> None:
    """Serve the REST API (/v1, OpenAPI at /openapi.json, docs at /docs) and the dashboard
    (/) over the store. Read-only unless SKILLPULSE_API_TOKEN is set: then POST
    /v1/ingest/KIND and /v1/extract/run take 'Authorization: Bearer TOKEN'."""
    from skillpulse.api import create_app, require_web

    require_web()
    import uvicorn

    ws = workspace(db=db, taxonomy_files=taxonomy_files)
    max_upload = max_upload_mb * 1024 * 1024
    click.echo(f"skillpulse: serving http://{host}:{port}/ (API at /v1, docs at /docs)"
               + (f" with {processes} processes" if processes > 1 else ""), err=True)
    if warm:
        _warm_in_background(host, port)
    if processes == 1:
        uvicorn.run(create_app(ws, max_upload_bytes=max_upload), host=host, port=port,
                    log_level="warning")
        return
    import os
    import tempfile
    from pathlib import Path

    from skillpulse.api.worker import OPTIONS_ENV, options_json

    with tempfile.TemporaryDirectory(prefix="skillpulse-serve-") as shared:
        os.environ[OPTIONS_ENV] = options_json(
            db=ws.db, taxonomy_files=tuple(str(f) for f in ws.settings.taxonomy_files),
            max_upload_bytes=max_upload, shared=Path(shared))
        uvicorn.run("skillpulse.api.worker:app", factory=True, workers=processes, host=host,
                    port=port, log_level="warning")


def _warm_in_background(host: str, port: int) -> None:
    import threading

    from skillpulse.api.warm import warm

    # the server asked on loopback when it listens on every interface
    target = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(host, host)
    base = f"http://[{target}]:{port}" if ":" in target else f"http://{target}:{port}"

    def run() -> None:
        done = warm(base)
        click.echo(f"skillpulse: warmed {done['asked']} requests in {done['seconds']} s"
                   + (f" ({done['failed']} failed)" if done["failed"] else ""), err=True)

    threading.Thread(target=run, name="skillpulse-warm", daemon=True).start()


COMMANDS = {"serve": serve_command}
