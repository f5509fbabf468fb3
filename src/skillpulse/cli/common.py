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


def _default_text(setting: Any) -> str:
    if setting.type == "paths" or setting.default is None:
        return "none"
    if setting.name == "cache_dir":
        return "~/.cache/skillpulse"
    return str(setting.default)


def setting_option(name: str, *, help: str | None = None, **extra: Any) -> Callable[[F], F]:
    """The option of setting ``name``, generated from its declaration in
    :mod:`skillpulse.settings` (flag, type, help, environment variable, default). Its value
    is ``None`` (or an empty tuple) when not given, so :func:`resolved` can apply the
    precedence default < skillpulse.toml < environment < flag."""
    from skillpulse.settings import setting

    s = setting(name)
    text = (f"{help or s.help} [setting '{s.name}': ${s.env}, skillpulse.toml; default: "
            f"{_default_text(s)}]")
    if s.type == "paths":
        return click.option(s.flag, s.name, multiple=True, type=click.Path(dir_okay=False),
                            metavar=s.metavar, help=text)
    if s.type == "int":
        return click.option(s.flag, s.name, type=click.IntRange(1, 64), default=None,
                            metavar=s.metavar, help=text)
    if s.type == "choice":
        return click.option(s.flag, s.name, type=click.Choice(s.choices, case_sensitive=False),
                            default=None, help=text, **extra)
    if s.type == "location":
        return click.option(s.flag, s.name, default=None, metavar=s.metavar, help=text, **extra)
    file_okay = s.metavar != "DIR"
    return click.option(s.flag, s.name, default=None, metavar=s.metavar, help=text,
                        type=click.Path(dir_okay=not file_okay, file_okay=file_okay))


def global_setting_options(func: F) -> F:
    """The options of the settings declared with ``scope="global"``, for ``skillpulse``
    itself, plus ``--config``."""
    from skillpulse.settings import CONFIG_ENV, CONFIG_NAME, SETTINGS

    for s in reversed([s for s in SETTINGS if s.scope == "global"]):
        func = setting_option(s.name)(func)
    return click.option(
        "--config", "config", type=click.Path(exists=True, dir_okay=False), default=None,
        help=f"Settings file [default: ${CONFIG_ENV}, else ./{CONFIG_NAME} when present].",
    )(func)


def resolved(**flags: Any) -> Any:
    """The settings of this command: defaults < settings file < environment < ``flags``
    (this command's setting options, with ``--engine`` and ``--lake`` where the store
    options are) and the global options given to ``skillpulse``."""
    from skillpulse.settings import SETTINGS, resolve

    ctx = click.get_current_context(silent=True)
    root = ctx.find_root().params if ctx is not None else {}
    if ctx is not None:
        for name, value in ctx.meta.get(_ENGINE_META, {}).items():
            flags.setdefault(name, value)
    for s in SETTINGS:
        if s.scope == "global" and s.name not in flags:
            flags[s.name] = root.get(s.name)
    return resolve(config=root.get("config"), **flags)


def db_path(db: str | None) -> Any:
    """The store path of this command (``--db``, else the resolved ``db`` setting)."""
    return resolved(db=db).db


def workspace(*, default_taxonomy: bool = True, **flags: Any) -> Any:
    """A :class:`~skillpulse.workspace.Workspace` on this command's resolved settings."""
    from skillpulse.workspace import Workspace

    return Workspace(resolved(**flags), default_taxonomy=default_taxonomy)


#: where ``--engine`` and ``--lake`` leave their values for :func:`resolved`
_ENGINE_META = "skillpulse.engine_flags"


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None and param.name:
        ctx.meta.setdefault(_ENGINE_META, {})[param.name] = value
    return value


def engine_options(func: F) -> F:
    """``--engine`` and ``--lake`` (settings ``engine`` and ``lake``): which store a command
    opens. They are not passed to the command function; :func:`resolved` reads them."""
    for name in ("lake", "engine"):
        func = setting_option(name, expose_value=False, callback=_remember,
                              is_eager=True)(func)
    return func


def db_option(func: F) -> F:
    """``--db`` (setting ``db``) with ``--engine`` and ``--lake``: every command that opens a
    store takes all three."""
    return engine_options(setting_option("db")(func))


taxonomy_files_option = setting_option("taxonomy_files")
workers_option = setting_option("workers")


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


#: global options that take a value (``skillpulse --config F --debug top ...``)
_GLOBAL_VALUE_OPTIONS = frozenset({"--config", "--cache-dir"})


def debug_requested(argv: list[str]) -> bool:
    """Whether ``--debug`` is among the global options (the ones before the command)."""
    args = iter(argv)
    for arg in args:
        if arg == DEBUG_FLAG:
            return True
        if arg == "--" or not arg.startswith("-"):
            return False
        if arg in _GLOBAL_VALUE_OPTIONS:
            next(args, None)  # its value
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
        # without standalone mode click returns the code of a ctx.exit(N) instead of raising
        result = group.main(args=argv, prog_name="skillpulse", standalone_mode=False)
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
    return result if isinstance(result, int) and not isinstance(result, bool) else 0


def _unexpected(exc: BaseException, debug: bool) -> int:
    if debug:
        traceback.print_exception(exc)
        click.echo(f"error: unexpected {type(exc).__name__}: {_one_line(exc)}", err=True)
    else:
        click.echo(f"error: unexpected {type(exc).__name__}: {_one_line(exc)} "
                   f"(rerun as 'skillpulse {DEBUG_FLAG} ...' to see the traceback)", err=True)
    return EXIT_BUG
