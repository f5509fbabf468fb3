"""Merging taxonomies: one concept per real-world skill, priorities, no false unifications."""

from __future__ import annotations

import csv
import gzip

from skillpulse.taxonomy import Concept, Taxonomy
from skillpulse.taxonomy.model import NameInfo

from .conftest import LIGHTCAST_CSV, ONET_TXT


def concept(cid: str, label: str, source: str, *, aliases: tuple[str, ...] = (),
            ambiguous: tuple[str, ...] = (), kind: str = "alias") -> Concept:
    return Concept(
        id=cid, label=label, aliases=aliases, ambiguous=ambiguous, sources=((source, cid),),
        name_info=(NameInfo(label, source, "label"), *(NameInfo(a, source, kind) for a in aliases)),
    )


def tax(source: str, *concepts: Concept) -> Taxonomy:
    return Taxonomy.from_concepts(concepts, {source: "1"})


def lightcast_id(label: str) -> str:
    with gzip.open(LIGHTCAST_CSV, "rt", encoding="utf-8", newline="") as fh:
        return next(r["id"] for r in csv.DictReader(fh) if r["description"] == label)


def test_tensorflow_from_three_sources_is_one_concept(merged_slices: Taxonomy) -> None:
    tf = merged_slices.resolve("tensorflow")
    assert tf.id == "sp.tensorflow"  # the catalog's ID and label survive
    assert tf.label == "TensorFlow"
    assert tf.sources == (
        ("skillpulse-genai", "sp.tensorflow"),
        ("lightcast", lightcast_id("TensorFlow")),
        ("onet", "TensorFlow"),
    )
    assert len(merged_slices.lookup("TensorFlow")) == 1  # counted once
    # former IDs lead to the survivor; O*NET's flags and roles are kept
    assert merged_slices.get(f"lc.{lightcast_id('TensorFlow')}").id == "sp.tensorflow"
    assert merged_slices.get("onet.tensorflow").id == "sp.tensorflow"
    assert "onet_hot_technology" in tf.flags
    with gzip.open(ONET_TXT, "rt", encoding="utf-8", newline="") as fh:
        socs = {r["O*NET-SOC Code"] for r in csv.DictReader(fh, delimiter="\t")
                if r["Example"] == "TensorFlow"}
    assert len([r for r in tf.roles if r]) == len(socs)
    assert tf.category == "generative-ai"


def test_python_from_three_general_sources(merged_slices: Taxonomy) -> None:
    """Lightcast "Python (Programming Language)", O*NET "Python", ESCO "Python (computer
    programming)": unified through the derived name "Python"; Lightcast wins the ID."""
    py = merged_slices.resolve("Python")
    assert py.id == f"lc.{lightcast_id('Python (Programming Language)')}"
    assert py.label == "Python (Programming Language)"
    assert [s for s, _ in py.sources] == ["lightcast", "onet", "esco"]
    report = merged_slices.merge_report
    assert report is not None
    unified = next(u for u in report.unified if u.id == py.id)
    # O*NET's label "Python" = Lightcast's derived name; ESCO's derived "Python" = O*NET label
    assert [(m.source, m.how, m.on) for m in unified.members] == [
        ("lightcast", "anchor", ""), ("onet", "label=derived", "python"),
        ("esco", "label=derived", "python")]


def test_pytorch_qualified_label_joins_catalog(merged_slices: Taxonomy) -> None:
    pt = merged_slices.resolve("PyTorch")
    assert pt.id == "sp.pytorch"
    assert {s for s, _ in pt.sources} == {"skillpulse-genai", "lightcast", "onet"}
    # Lightcast's qualified label is now a name of the catalog concept
    assert merged_slices.resolve("PyTorch (Machine Learning Library)").id == "sp.pytorch"


def test_catalog_beats_language_model(merged_slices: Taxonomy) -> None:
    assert merged_slices.resolve("large language models").id == "sp.large-language-models"
    assert merged_slices.resolve("LLMs").id == "sp.large-language-models"
    lm = merged_slices.resolve("Language Model")
    assert lm.id.startswith("lc.")
    assert lm.id != "sp.large-language-models"


def test_priority_not_argument_order() -> None:
    a = tax("esco", concept("esco.1", "widget making", "esco"))
    b = tax("onet", concept("onet.w", "Widget Making", "onet"))
    c = tax("lightcast", concept("lc.W", "Widget making", "lightcast"))
    for order in ((a, b, c), (c, b, a), (b, a, c)):
        merged = Taxonomy.merge(*order)
        assert len(merged) == 1
        only = next(iter(merged))
        assert only.id == "lc.W" and only.label == "Widget making"
        assert [s for s, _ in only.sources] == ["lightcast", "onet", "esco"]


def test_aliases_alone_do_not_unify() -> None:
    a = tax("acme", concept("acme.x", "Xylo", "acme", aliases=("shared name",)))
    b = tax("skillpulse-genai", concept("sp.y", "Yonder", "skillpulse-genai",
                                         aliases=("shared name",)))
    merged = Taxonomy.merge(a, b)
    assert len(merged) == 2
    assert [c.id for c in merged.lookup("shared name")] == ["acme.x", "sp.y"]  # user first
    assert merged.is_ambiguous_name("shared name")
    report = merged.merge_report
    assert report is not None and not report.unified
    assert [c.name for c in report.collisions] == ["shared name"]


def test_ambiguous_alias_does_not_unify_but_labels_do() -> None:
    cat = tax("skillpulse-genai",
              concept("sp.stable-diffusion", "Stable Diffusion", "skillpulse-genai",
                      aliases=("SD",), ambiguous=("SD",)),
              concept("sp.r", "R", "skillpulse-genai", ambiguous=("R",)))
    lc = tax("lightcast", concept("lc.SD", "SD", "lightcast"),
             concept("lc.R", "R (Programming Language)", "lightcast",
                     aliases=("R",), kind="derived"))
    onet = tax("onet", concept("onet.r", "R", "onet"))
    merged = Taxonomy.merge(cat, lc, onet)
    assert merged.get("lc.SD").id == "lc.SD"  # "SD" is only an ambiguous alias: no merge
    assert merged.get("sp.stable-diffusion").sources == (("skillpulse-genai", "sp.stable-diffusion"),)
    # "R" is a one-letter name: label = label unifies (O*NET), derived "R" does not
    assert merged.get("onet.r").id == "sp.r"
    assert merged.get("lc.R").id == "lc.R"


def test_ties_are_reported_not_guessed() -> None:
    lc = tax("lightcast", concept("lc.A", "Data Mining", "lightcast"),
             concept("lc.B", "Data Mining (Analytics)", "lightcast",
                     aliases=("Data Mining",), kind="derived"))
    esco = tax("esco", concept("esco.1", "data mining", "esco"))
    merged = Taxonomy.merge(lc, esco)
    # label = label beats label = derived: ESCO joins lc.A, not lc.B
    assert merged.get("esco.1").id == "lc.A"
    two = tax("onet", concept("onet.a", "Foo", "onet"))
    three = tax("lightcast", concept("lc.1", "Foo", "lightcast"), concept("lc.2", "foo", "lightcast"))
    merged = Taxonomy.merge(two, three)
    assert len(merged) == 3  # two Lightcast concepts match equally: nothing unified
    report = merged.merge_report
    assert report is not None
    assert {s.id for s in report.skipped} == {"onet.a"}


def test_same_source_never_unifies_with_itself(lightcast_slice: Taxonomy) -> None:
    merged = Taxonomy.merge(lightcast_slice)
    assert len(merged) == len(lightcast_slice)
    assert merged.version == lightcast_slice.version


def test_user_concept_with_same_id_extends_it(mini_catalog: Taxonomy) -> None:
    user = tax("acme", concept("sp.chatgpt", "ChatGPT", "acme", aliases=("our gpt bot",)))
    merged = Taxonomy.merge(mini_catalog, user)
    gpt = merged.resolve("our gpt bot")
    assert gpt.id == "sp.chatgpt"
    assert gpt.parent == "sp.large-language-models"  # kept from the catalog
    assert len(merged) == len(mini_catalog)


def test_report_counts_agree(merged_slices: Taxonomy, mini_catalog: Taxonomy,
                             lightcast_slice: Taxonomy, onet_slice: Taxonomy,
                             esco_slice: Taxonomy) -> None:
    report = merged_slices.merge_report
    assert report is not None
    n_in = len(mini_catalog) + len(lightcast_slice) + len(onet_slice) + len(esco_slice)
    absorbed = sum(len(u.members) - 1 for u in report.unified)
    assert report.concept_count == len(merged_slices) == n_in - absorbed
    assert len(merged_slices.redirects) == absorbed
    summary = report.summary()
    assert summary["concepts_in"] == n_in
    assert summary["unified_by_sources"]["skillpulse-genai+lightcast+onet"] >= 2


def test_same_file_twice_is_idempotent(mini_catalog: Taxonomy) -> None:
    once = Taxonomy.merge(mini_catalog)
    twice = Taxonomy.merge(mini_catalog, mini_catalog)
    assert len(twice) == len(mini_catalog)
    assert twice.version == once.version == mini_catalog.version
    assert twice.get("sp.chatgpt").sources == (("skillpulse-genai", "sp.chatgpt"),)
