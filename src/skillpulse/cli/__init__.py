"""The ``skillpulse`` command line: a thin layer over the library.

Each module in this package owns a group of commands and exports ``COMMANDS`` (name ->
click command); modules may also export ``EVAL_COMMANDS`` (subcommands of ``skillpulse
eval``). Command modules import the library lazily, inside the command, so ``--help`` stays
fast and optional extras are only needed by the commands that use them.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from skillpulse import __version__
from skillpulse.cli.common import DEBUG_FLAG, global_setting_options, run_cli


def _collect(attr: str) -> dict[str, click.Command]:
    found: dict[str, click.Command] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name in {"common"} or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.update(getattr(module, attr, {}))
    return found


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="skillpulse")
@click.option(DEBUG_FLAG, "debug", is_flag=True,
              help="On an unexpected error, print the full traceback; log skillpulse's "
                   "debug messages to stderr.")
@global_setting_options
@click.pass_context
def cli(ctx: click.Context, config: str | None, cache_dir: str | None, debug: bool) -> None:
    """skillpulse: skills-demand intelligence from raw marketplace data.

    Ingest postings, searches, hires, profiles and surveys into a DuckDB store, extract
    canonical skills, and rank them with honest statistics.

    Settings: defaults < skillpulse.toml (this folder, or --config) < SKILLPULSE_*
    environment variables < options.
    """
    if debug:
        import logging

        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger = logging.getLogger("skillpulse")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    from skillpulse.settings import applied, resolve

    # library code given no cache location uses the one resolved here
    ctx.with_resource(applied(resolve(config=config, cache_dir=cache_dir)))


@click.group(name="eval")
def eval_group() -> None:
    """Measure extraction and linking accuracy against labelled data."""


for _name, _cmd in _collect("COMMANDS").items():
    cli.add_command(_cmd, _name)
for _name, _cmd in _collect("EVAL_COMMANDS").items():
    eval_group.add_command(_cmd, _name)
if eval_group.commands:
    cli.add_command(eval_group)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    return run_cli(cli, sys.argv[1:] if argv is None else argv)
