"""The current-tools layer (issue 19): built by scripts/build_current_tools.py from the Stack
Overflow 2024 survey, the HN stack field and O*NET hot technologies; shipped as
current_tools.yaml and loaded by the default taxonomy."""

from __future__ import annotations

import csv
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from skillpulse.taxonomy import Taxonomy
from skillpulse.taxonomy.catalog import BUILTIN_EXTRA_FILES, load_builtin, parse_catalog

REPO = Path(__file__).resolve().parent.parent.parent
SCRIPT = REPO / "scripts" / "build_current_tools.py"
SLICES = REPO / "tests" / "data" / "taxonomy" / "current_tools"
SO = SLICES / "stackoverflow_2024_slice.csv"
HN = SLICES / "hn_whoishiring_slice.csv"
ONET = SLICES / "onet_technology_skills_slice.txt"
SHARED = REPO.parent / "shared" / "data"


def _shipped() -> dict[str, object]:
    text = (resources.files("skillpulse.taxonomy") / "data" / "current_tools.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The script run on the slices of the real sources: (the YAML text, its stdout)."""
    out = tmp_path_factory.mktemp("tools") / "tools.yaml"
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--so", str(SO), "--hn", str(HN), "--onet", str(ONET),
         "--min-so", "5", "--min-hn", "2", "--out", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    return out.read_text("utf-8"), run.stdout


def _so_options() -> set[str]:
    with SO.open(encoding="utf-8") as fh:
        return {v for row in csv.DictReader(fh) for col, cell in row.items()
                if col != "ResponseId" and cell for v in cell.split(";")}


def test_build_on_the_slices(built: tuple[str, str]) -> None:
    text, stdout = built
    tax = parse_catalog(text, "tools.yaml", known_ids=load_builtin(extra=True).concepts)
    by_label = {c.label: c for c in tax}
    options = _so_options()
    # survey options no taxonomy names become tools, with their source in the description
    for name in ("Hetzner", "Tauri", "pnpm"):
        assert name in options and name in by_label, name
        assert "Stack Overflow 2024 survey" in by_label[name].description
        assert by_label[name].id.startswith("tools.")
    # what the merged taxonomy already names is skipped: PostgreSQL, React, Docker...
    default = Taxonomy.default()
    for name in ("PostgreSQL", "React", "Docker", "Python"):
        assert name in options and default.lookup(name), name
        assert name not in by_label
    # O*NET hot technologies are a bundled source already: every one is known
    onet_read = int(stdout.split("onet: read: ")[1].split()[0])
    onet_known = int(stdout.split("onet: already in the taxonomy: ")[1].split()[0])
    assert onet_read > 50 and onet_known == onet_read
    # an ordinary English word needs context: marked ambiguous; a distinctive name is not
    assert "Render" in by_label["Render"].ambiguous
    assert not by_label["Hetzner"].ambiguous
    # the issue's families are there with a parent in the catalog
    assert by_label["Elementor"].parent == "sp.wordpress"
    assert by_label["Zustand"].parent == "sp.react"


def test_build_thresholds_and_spelling_merge(built: tuple[str, str]) -> None:
    text, _ = built
    tax = parse_catalog(text, "tools.yaml", known_ids=load_builtin(extra=True).concepts)
    labels = {c.label for c in tax}
    names = {n.lower() for c in tax for n in c.names}
    # "Clickhouse" (survey) and "ClickHouse" (HN) are one tool, spelled as fixed by hand
    assert "ClickHouse" in labels and "Clickhouse" not in labels
    # "CI/CD" is not split into tools "CI" and "CD"
    assert "ci" not in names and "cd" not in names
    # "unknown", "Backend" are not tools
    assert "unknown" not in names and "backend" not in names


def test_build_is_deterministic(built: tuple[str, str], tmp_path: Path) -> None:
    out = tmp_path / "again.yaml"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--so", str(SO), "--hn", str(HN), "--onet", str(ONET),
         "--min-so", "5", "--min-hn", "2", "--out", str(out)],
        capture_output=True, text=True, check=True,
    )
    assert out.read_text("utf-8") == built[0]


def test_missing_input_is_an_error(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--so", str(tmp_path / "nope.csv"), "--out",
         str(tmp_path / "x.yaml")], capture_output=True, text=True, check=False,
    )
    assert run.returncode == 2 and "nope.csv" in run.stderr
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.skipif(not (SHARED / "surveys").is_dir(), reason="needs ../shared/data")
def test_shipped_file_is_the_build_of_the_full_sources(tmp_path: Path) -> None:
    out = tmp_path / "full.yaml"
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], capture_output=True,
                   text=True, check=True)
    shipped = resources.files("skillpulse.taxonomy") / "data" / "current_tools.yaml"
    assert out.read_text("utf-8") == shipped.read_text("utf-8")


def test_shipped_layer_is_loaded_by_the_default_only() -> None:
    concepts = _shipped()["concepts"]
    assert isinstance(concepts, list) and len(concepts) > 100
    assert "current_tools.yaml" in BUILTIN_EXTRA_FILES
    default = Taxonomy.default()
    builtin = Taxonomy.builtin()
    for c in concepts:
        assert default.get(c["id"]).id == c["id"]  # none unified with another concept
        assert c["id"] not in builtin
        assert "current_tool" in default.get(c["id"]).flags


# the tool families issue 19 found missing in real 2025 posts, and the tools it names
ISSUE_TOOLS = [
    ("Supabase", "tools.supabase"), ("Firebase", "sp.firebase"), ("Elementor", "tools.elementor"),
    ("Gravity Forms", "tools.gravity-forms"), ("HubSpot", "sp.hubspot"),
    ("GoHighLevel", "sp.gohighlevel"), ("Sentry", "tools.sentry"), ("Stripe", "tools.stripe"),
    ("DAX", "sp.dax"), ("Cursor", "sp.cursor"), ("Windsurf", "sp.windsurf"),
    ("Playwright", "sp.playwright"), ("Looker Studio", "sp.looker-studio"),
    ("Redux", "tools.redux"), ("Zustand", "tools.zustand"), ("Pinia", "tools.pinia"),
    ("React Query", "tools.tanstack-query"), ("SvelteKit", "tools.sveltekit"),
    ("WPForms", "tools.wpforms"), ("Klaviyo", "tools.klaviyo"), ("Pipedrive", "tools.pipedrive"),
    ("Braintree", "tools.braintree"), ("LookML", "sp.looker"), ("Webflow", "tools.webflow"),
]


@pytest.mark.parametrize(("name", "cid"), ISSUE_TOOLS)
def test_issue_tools_resolve(name: str, cid: str) -> None:
    concept = Taxonomy.default().resolve(name)
    assert concept.id == cid
    assert concept.category
    if cid.startswith("tools."):
        assert concept.parent is not None


def test_tools_in_text_and_ordinary_words() -> None:
    from skillpulse.extract.store import build_extractor

    extract = build_extractor(Taxonomy.default())
    listed = "Skills: Supabase, Stripe, Sentry, Elementor, Gravity Forms, Zustand, Hetzner"
    found = {m.skill_id for m in extract(listed)}
    assert {"tools.supabase", "tools.stripe", "tools.sentry", "tools.elementor",
            "tools.gravity-forms", "tools.zustand", "tools.hetzner"} <= found
    prose = ("We render every bubble of the chart, keep the vault door shut, and a composer "
             "writes the score while the ray of light hits the electron.")
    assert not {m.skill_id for m in extract(prose)} & {
        "tools.render", "tools.bubble", "tools.vault", "tools.composer", "tools.ray",
        "tools.electron"}


def test_every_tool_description_says_what_and_hired_for() -> None:
    # the catalog's rule: what the skill is, then "Hired to/for/as/by ..."
    from tests.taxonomy.test_catalog_data import description_problem

    concepts = _shipped()["concepts"]
    assert isinstance(concepts, list)
    bad = {c["id"]: description_problem(c["description"]) for c in concepts}
    assert {k: v for k, v in bad.items() if v} == {}
    texts = {c["label"]: c["description"] for c in concepts}
    assert texts["Airbyte"].endswith("Hired for ETL work with Airbyte.")  # from its parent
