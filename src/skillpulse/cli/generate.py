"""``skillpulse generate``: write a synthetic marketplace with planted gen-AI trends."""

from __future__ import annotations

import click

from skillpulse.cli.common import echo_json, json_option, print_table


@click.command(name="generate")
@click.option(
    "--out", "out_dir", required=True, type=click.Path(file_okay=False),
    help="Directory to write postings/searches/hires/profiles JSONL, survey.csv and truth.json.",
)  # fmt: skip
@click.option(
    "--seed", default=0, show_default=True, type=int, help="Random seed (same seed, same bytes)."
)
@click.option(
    "--scale", default=1.0, show_default=True, type=click.FloatRange(min=0.0, min_open=True),
    help="Volume multiplier: 1.0 is about 50k postings, 300k searches, 10k hires, 20k profile snapshots.",
)  # fmt: skip
@click.option("--start", default="2022-10", show_default=True, help="First month (YYYY-MM).")
@click.option(
    "--end",
    default="2023-06",
    show_default=True,
    help="Last month (YYYY-MM); later months continue the trends.",
)
@click.option("--emerging", is_flag=True,
              help="Also plant surging tools outside the planted skills in postings (real "
                   "2023-2026 tools and invented ones), to test 'skillpulse discover'.")
@json_option
def generate_cmd(
    out_dir: str, seed: int, scale: float, start: str, end: str, emerging: bool, as_json: bool
) -> None:
    """Generate a realistic synthetic marketplace and the truth of its planted trends."""
    from skillpulse.generate import generate

    result = generate(out_dir, seed=seed, scale=scale, start=start, end=end, emerging=emerging)
    if as_json:
        echo_json(result.to_dict())
        return
    rows = [[f.name, f.lines, f"{f.bytes / 1e6:.1f} MB", f.sha256[:12]] for f in result.files]
    print_table(
        f"generated {result.out_dir} in {result.seconds:.1f} s (seed {seed}, scale {scale})",
        ["file", "lines", "size", "sha256"],
        rows,
    )
    if not result.survey_written:
        click.echo(
            "note: survey.csv not written (skillpulse.survey.synthetic not available)", err=True
        )


COMMANDS = {"generate": generate_cmd}
