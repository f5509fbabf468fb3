"""Helpers shared by the command modules: options, output, error handling."""

from __future__ import annotations

import json
import sys
import traceback
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
    """One line of JSON on stdout: non-ASCII text as is, unless the line holds text stdout
    cannot encode (a lone surrogate, from an undecodable input byte or a ``"\\ud800"``
    escape): then non-ASCII characters are escaped, so the line is still valid JSON."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(data, ensure_ascii=True, default=str)
    click.echo(text)


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


#: the global option that shows tracebacks (``skillpulse --debug COMMAND ...``)
DEBUG_FLAG = "--debug"
#: exit codes: a typed skillpulse error (bad input, missing store ...), an unexpected error,
#: an interrupt (128 + SIGINT)
EXIT_ERROR = 2
EXIT_BUG = 1
EXIT_INTERRUPTED = 130


def debug_requested(argv: list[str]) -> bool:
    """Whether ``--debug`` is among the global options (the ones before the command)."""
    for arg in argv:
        if arg == DEBUG_FLAG:
            return True
        if arg == "--" or not arg.startswith("-"):
            return False
    return False


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 300 else text[:297] + "..."


def run_cli(group: click.Group, argv: list[str]) -> int:
    """Run the group and turn every way it can end into an exit code and at most one line.

    - a :class:`SkillpulseError`: ``error: <its message>``, exit 2 (or the error's own
      ``exit_code`` attribute, when it has one);
    - a click usage error: click's message, exit 2; ``--help``/``--version``: exit 0;
    - Ctrl-C: ``interrupted``, exit 130;
    - anything else (a bug, or a library error nobody mapped): ``error: unexpected
      <Type>: <message on one line>`` and a hint to rerun with ``--debug``, exit 1.

    With ``skillpulse --debug ...`` the traceback is printed before that line.
    """
    debug = debug_requested(argv)
    try:
        group.main(args=argv, prog_name="skillpulse", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort as exc:
        # click turns KeyboardInterrupt and EOFError into Abort; an EOFError is not Ctrl-C
        # (a truncated .gz raises it): report it as the error it is
        cause = exc.__cause__
        if isinstance(cause, BaseException) and not isinstance(cause, KeyboardInterrupt):
            return _unexpected(cause, debug)
        click.echo("interrupted", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return EXIT_INTERRUPTED
    except SkillpulseError as exc:
        if debug:
            traceback.print_exception(exc)
        click.echo(f"error: {exc}", err=True)  # typed errors word their own message
        code = getattr(exc, "exit_code", EXIT_ERROR)
        return code if isinstance(code, int) else EXIT_ERROR
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as exc:
        return _unexpected(exc, debug)
    return 0


def _unexpected(exc: BaseException, debug: bool) -> int:
    if debug:
        traceback.print_exception(exc)
        click.echo(f"error: unexpected {type(exc).__name__}: {_one_line(exc)}", err=True)
    else:
        click.echo(f"error: unexpected {type(exc).__name__}: {_one_line(exc)} "
                   f"(rerun as 'skillpulse {DEBUG_FLAG} ...' to see the traceback)", err=True)
    return EXIT_BUG
