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
def serve_command(db: str | None, taxonomy_files: tuple[str, ...], host: str, port: int,
                  max_upload_mb: int) -> None:
    """Serve the REST API (/v1, OpenAPI at /openapi.json, docs at /docs) and the dashboard
    (/) over the store. Read-only unless SKILLPULSE_API_TOKEN is set: then POST
    /v1/ingest/KIND and /v1/extract/run take 'Authorization: Bearer TOKEN'."""
    from skillpulse.api import create_app, require_web

    require_web()
    import uvicorn

    app = create_app(workspace(db=db, taxonomy_files=taxonomy_files),
                     max_upload_bytes=max_upload_mb * 1024 * 1024)
    click.echo(f"skillpulse: serving http://{host}:{port}/ (API at /v1, docs at /docs)",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


COMMANDS = {"serve": serve_command}
