"""Helpers shared by the command modules: options, output, error handling."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from skillpulse.errors import SkillpulseError

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """``--db PATH``: the store (default ``./skillpulse.duckdb``, or ``SKILLPULSE_DB``)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=None,
        help="DuckDB store path [default: $SKILLPULSE_DB or ./skillpulse.duckdb].",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(
        func
    )


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, default=str))


def stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def stdout_console() -> Any:
    from rich.console import Console

    return Console()


def print_table(title: str | None, columns: list[str], rows: list[list[Any]]) -> None:
    """A plain, aligned table on stdout (rich, no colour when piped)."""
    from rich.table import Table

    table = Table(title=title, show_edge=False, header_style="bold")
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    for i, col in enumerate(columns):
        if col == "id" or col.endswith("_id"):
            # identifiers are copied, never folded: the other columns give way
            width = max([len(col), *(len(r[i]) for r in cells if i < len(r))])
            table.add_column(col, no_wrap=True, min_width=width)
        else:
            table.add_column(col, overflow="fold")
    for row in cells:
        table.add_row(*row)
    stdout_console().print(table)


def run_cli(group: click.Group, argv: list[str]) -> int:
    """Run the group; turn :class:`SkillpulseError` into one clear line and exit code 2."""
    try:
        group.main(args=argv, prog_name="skillpulse", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except SkillpulseError as exc:
        click.echo(f"error: {exc}", err=True)
        return 2
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    return 0
