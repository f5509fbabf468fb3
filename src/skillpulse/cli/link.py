"""``skillpulse link`` and ``skillpulse eval linking``: semantic linking to a taxonomy."""

from __future__ import annotations

import click

from skillpulse.cli.common import echo_json, json_option, print_table

TAXONOMY_CHOICE = click.Choice(["esco", "default"])
MODE_CHOICE = click.Choice(["hybrid", "lexical", "dense"])


def _linker(taxonomy: str, mode: str = "hybrid"):  # type: ignore[no-untyped-def]
    from skillpulse.link.encoder import require_semantic
    from skillpulse.link.linker import Linker, LinkerConfig

    require_semantic()
    return Linker(taxonomy, config=LinkerConfig.for_target(taxonomy, mode=mode))


@click.command(name="link")
@click.argument("text", required=False)
@click.option("--input", "input_path", type=click.Path(dir_okay=False, exists=True),
              help="Link every sentence of FILE: CSV ('sentence' column), JSONL ('sentence' or "
              "'text' field) or plain text (one sentence per line).")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="Number of candidates per text.")
@click.option("--taxonomy", default="esco", show_default=True, type=TAXONOMY_CHOICE,
              help="Target: ESCO skills, or the merged default taxonomy.")
@json_option
def link_command(
    text: str | None, input_path: str | None, top: int, taxonomy: str, as_json: bool
) -> None:
    """Map a skill phrase or sentence to the top taxonomy concepts (needs the semantic extra).

    With --input, prints one JSON line per input sentence, in input order:
    {"text": ..., "candidates": [{"skill_id": ..., "label": ..., "score": ...}]}.
    """
    if (text is None) == (input_path is None):
        raise click.UsageError("give either TEXT or --input FILE")
    from skillpulse.link.inputs import read_sentences

    texts = read_sentences(input_path) if input_path else [text or ""]
    results = _linker(taxonomy).link_many(texts, top=top)
    if as_json or input_path:
        for sentence, candidates in zip(texts, results, strict=True):
            echo_json({"text": sentence, "candidates": [c.to_dict() for c in candidates]})
        return
    print_table(
        f"{taxonomy} concepts for: {texts[0]}",
        ["#", "skill_id", "label", "score"],
        [[i + 1, c.skill_id, c.label, f"{c.score:.4f}"] for i, c in enumerate(results[0])],
    )


@click.command(name="linking")
@click.option("--data", "data_path", required=True, type=click.Path(dir_okay=False, exists=True),
              help="Benchmark CSV with sentence,span,sub_span,label columns.")
@click.option("--taxonomy", default="esco", show_default=True, type=TAXONOMY_CHOICE,
              help="Target the gold labels belong to.")
@click.option("--mode", default="hybrid", show_default=True, type=MODE_CHOICE,
              help="Retrieval: the full pipeline, BM25 alone, or the embedding model alone.")
@json_option
def eval_linking_command(data_path: str, taxonomy: str, mode: str, as_json: bool) -> None:
    """Linking accuracy on a benchmark file: RP@5, RP@10, MRR and the number of sentences.

    With kNN voting turned on (off by default), sentences of FILE that the linker's memory
    holds are removed from the memory first.
    """
    from skillpulse.link.metrics import evaluate, read_benchmark

    data = read_benchmark(data_path)
    linker = _linker(taxonomy, mode)
    # the kNN memory holds labelled benchmark sentences: never score a sentence by itself
    linker.hold_out([d.sentence for d in data])

    def rank(sentences: list[str]) -> list[list[str]]:
        return [[c.label for c in cands] for cands in linker.link_many(sentences, top=10)]

    scores = evaluate(rank, data)
    result = {"data": data_path, "taxonomy": taxonomy, "mode": mode, **scores.to_dict()}
    if as_json:
        echo_json(result)
        return
    print_table(
        "linking",
        ["metric", "value"],
        [[k, v] for k, v in result.items()],
    )


COMMANDS = {"link": link_command}
EVAL_COMMANDS = {"linking": eval_linking_command}
