"""Helpers shared by the command modules: options, output, error handling."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from skillpulse.errors import SkillpulseError

F = TypeVar("F", bound=Callable[..., Any])


def _default_text(setting: Any) -> str:
    if setting.type == "paths":
        return "none"
    if setting.name == "cache_dir":
        return "~/.cache/skillpulse"
    return str(setting.default)


def setting_option(name: str, *, help: str | None = None) -> Callable[[F], F]:
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
    (this command's setting options) and the global options given to ``skillpulse``."""
    from skillpulse.settings import SETTINGS, resolve

    ctx = click.get_current_context(silent=True)
    root = ctx.find_root().params if ctx is not None else {}
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


db_option = setting_option("db")
taxonomy_files_option = setting_option("taxonomy_files")
workers_option = setting_option("workers")


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
