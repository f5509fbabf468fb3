"""Build the current-tools layer of the default taxonomy (issue 19).

    python scripts/build_current_tools.py                 # writes src/.../data/current_tools.yaml
    python scripts/build_current_tools.py --report        # also prints every decision
    python scripts/build_current_tools.py --so S --hn H --onet O --out F   # other inputs

Reads the sources that name the technologies people use now:

1. the Stack Overflow 2024 survey's technology columns (``LanguageHaveWorkedWith``,
   ``DatabaseHaveWorkedWith``, ``PlatformHaveWorkedWith``, ``WebframeHaveWorkedWith``,
   ``MiscTechHaveWorkedWith``, ``ToolsTechHaveWorkedWith``, ``AISearchDevHaveWorkedWith``):
   every answer option at least ``--min-so`` respondents ticked;
2. the Hacker News "Who is hiring?" stack field (``languages_frameworks``) of 2022-2025:
   every item (split like a tag list) named by at least ``--min-hn`` postings;
3. O*NET's hot technologies (``Hot Technology = Y`` in ``technology_skills.txt.gz``);
4. the tool families the issue lists as missing from real 2025 posts (``CURATED`` below:
   backend-as-a-service, JavaScript frameworks and state libraries, WordPress builders and
   form plugins, CRM and marketing suites, error monitoring, payment APIs, BI formula
   languages, no-code builders, testing), each a named product checked by hand.

Each tool becomes a concept ``tools.<slug>`` with its spellings as aliases, a category and a
parent (a built-in catalog concept) where one fits. A tool is skipped when the merged taxonomy
(built-in catalog + Lightcast + O*NET + ESCO, without this layer) already names it: names are
compared by the variant key of ``discover`` (case, spaces, hyphens, dots, plural, version
suffix ignored), also with a vendor prefix ("Apache", "Microsoft"...) or a trailing
"software"/"database" removed. So O*NET's hot technologies, a bundled source already, add
none: they are counted in the report only. Ordinary English is kept out of free-text matching
with the word-frequency evidence of extraction: a name that is a common English word or made
only of common words is marked ``ambiguous`` (it then counts only in a list of skills or next
to a technical cue), and a generic name ("unknown", "Backend") is skipped.
The output is deterministic (sorted by ID).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "skillpulse" / "taxonomy" / "data" / "current_tools.yaml"
SO_FILE = SHARED / "surveys" / "stackoverflow_2024" / "survey_results_public_2024_subset.csv.bz2"
HN_FILE = SHARED / "postings" / "hn_whoishiring" / "hn_whoishiring_2022-12_2025-10.csv.gz"
ONET_FILE = SHARED / "taxonomies" / "onet" / "technology_skills.txt.gz"
VERSION = "2026.12.1"

#: Stack Overflow column -> (category, parent ID or None, what the column holds)
SO_COLUMNS: dict[str, tuple[str, str | None]] = {
    "LanguageHaveWorkedWith": ("software", None),
    "DatabaseHaveWorkedWith": ("data", None),
    "PlatformHaveWorkedWith": ("software", "sp.cloud-computing"),
    "WebframeHaveWorkedWith": ("software", "sp.web-development"),
    "MiscTechHaveWorkedWith": ("software", None),
    "ToolsTechHaveWorkedWith": ("software", "sp.devops"),
    "AISearchDevHaveWorkedWith": ("generative-ai", "sp.ai-coding-assistants"),
}
HN_YEARS = ("2022", "2023", "2024", "2025")

#: the issue's missing tool families: (name, aliases, category, parent)
CURATED: tuple[tuple[str, tuple[str, ...], str, str | None], ...] = (
    # backend-as-a-service
    ("Supabase", (), "software", "sp.web-development"),
    ("Appwrite", (), "software", "sp.web-development"),
    ("PocketBase", (), "software", "sp.web-development"),
    ("Convex", ("Convex.dev",), "software", "sp.web-development"),
    ("AWS Amplify", ("Amplify",), "software", "sp.aws"),
    ("Hasura", (), "software", "sp.graphql"),
    # JavaScript frameworks and state libraries
    ("Redux", ("Redux Toolkit", "RTK Query"), "software", "sp.react"),
    ("Zustand", (), "software", "sp.react"),
    ("Jotai", (), "software", "sp.react"),
    ("Recoil", ("Recoil.js",), "software", "sp.react"),
    ("TanStack Query", ("React Query",), "software", "sp.react"),
    ("Pinia", (), "software", "sp.vue"),
    ("Vuex", (), "software", "sp.vue"),
    ("Nuxt", ("Nuxt.js", "NuxtJS"), "software", "sp.vue"),
    ("NgRx", (), "software", "sp.angular"),
    ("Remix", ("Remix.run",), "software", "sp.react"),
    ("SvelteKit", (), "software", "sp.javascript"),
    ("Astro", ("Astro.build",), "software", "sp.javascript"),
    ("Solid.js", ("SolidJS",), "software", "sp.javascript"),
    ("Alpine.js", ("AlpineJS",), "software", "sp.javascript"),
    ("htmx", (), "software", "sp.web-development"),
    ("NestJS", ("Nest.js",), "software", "sp.nodejs"),
    ("tRPC", (), "software", "sp.typescript"),
    ("Prisma", ("Prisma ORM",), "software", "sp.typescript"),
    ("Drizzle ORM", ("drizzle-orm",), "software", "sp.typescript"),
    ("Vite", ("Vite.js",), "software", "sp.javascript"),
    ("Vercel", (), "software", "sp.cloud-computing"),
    ("Netlify", (), "software", "sp.cloud-computing"),
    # WordPress builders and form plugins
    ("Elementor", ("Elementor Pro",), "software", "sp.wordpress"),
    ("Divi", ("Divi Builder",), "software", "sp.wordpress"),
    ("WPBakery", ("WPBakery Page Builder",), "software", "sp.wordpress"),
    ("Beaver Builder", (), "software", "sp.wordpress"),
    ("Bricks Builder", (), "software", "sp.wordpress"),
    ("Gravity Forms", (), "software", "sp.wordpress"),
    ("WPForms", (), "software", "sp.wordpress"),
    ("Contact Form 7", (), "software", "sp.wordpress"),
    ("Advanced Custom Fields", ("ACF Pro",), "software", "sp.wordpress"),
    ("Yoast SEO", ("Yoast",), "marketing", "sp.seo"),
    # CRM and marketing suites
    ("Klaviyo", (), "marketing", "sp.email-marketing"),
    ("ActiveCampaign", (), "marketing", "sp.email-marketing"),
    ("Brevo", ("Sendinblue",), "marketing", "sp.email-marketing"),
    ("ConvertKit", (), "marketing", "sp.email-marketing"),
    ("ClickFunnels", (), "marketing", "sp.digital-marketing"),
    ("Kajabi", (), "marketing", "sp.digital-marketing"),
    ("Pipedrive", (), "business", "sp.crm"),
    ("Zoho CRM", (), "business", "sp.crm"),
    ("Keap", ("Infusionsoft",), "business", "sp.crm"),
    # error monitoring and product analytics
    ("Sentry", ("Sentry.io",), "software", "sp.devops"),
    ("Rollbar", (), "software", "sp.devops"),
    ("LogRocket", (), "software", "sp.devops"),
    ("PostHog", (), "data", "sp.data-analysis"),
    ("Hotjar", (), "marketing", "sp.digital-marketing"),
    ("Google Analytics 4", ("GA4",), "marketing", "sp.digital-marketing"),
    # payment APIs
    ("Stripe", ("Stripe API", "Stripe Connect"), "software", "sp.api-development"),
    ("Braintree", (), "software", "sp.api-development"),
    ("Adyen", (), "software", "sp.api-development"),
    ("Razorpay", (), "software", "sp.api-development"),
    ("Lemon Squeezy", (), "software", "sp.api-development"),
    # BI formula languages
    ("Power Query", ("Power Query M", "M language"), "data", "sp.power-bi"),
    ("LookML", (), "data", "sp.data-visualization"),
    # no-code and internal-tool builders
    ("Bubble", ("Bubble.io",), "software", "sp.web-development"),
    ("Webflow", (), "design", "sp.web-design"),
    ("FlutterFlow", (), "software", "sp.mobile-app-development"),
    ("Retool", (), "software", "sp.web-development"),
    ("Softr", (), "software", "sp.web-development"),
    ("Glide", ("Glide Apps",), "software", "sp.mobile-app-development"),
    # testing
    ("Cypress", ("Cypress.io",), "software", "sp.web-development"),
    # AI coding editors beyond the catalog (the survey names Cody)
    ("Cody", ("Sourcegraph Cody",), "generative-ai", "sp.ai-coding-assistants"),
    ("Vitest", (), "software", "sp.javascript"),
    ("Testing Library", ("React Testing Library",), "software", "sp.react"),
    # mobile
    ("Expo", ("Expo.dev",), "software", "sp.react-native"),
    ("SwiftUI", (), "software", "sp.ios"),
    ("Jetpack Compose", (), "software", "sp.android"),
    ("Capacitor", ("Capacitor.js",), "software", "sp.mobile-app-development"),
    ("Ionic", ("Ionic Framework",), "software", "sp.mobile-app-development"),
)

#: items of the HN field and survey options read and rejected by hand: not a tool
NOT_TOOLS = frozenset([
    "unknown", "backend", "support", "optimization", "apis", "3d", "hpc", "shell",
    "distributed systems", "service mesh", "gitops", "slam", "raft", "object-store",
    "managed hosting", "ai", "ml", "full stack", "frontend", "web", "mobile", "cloud",
    "microservices", "llms", "llm", "data", "infrastructure", "security", "embedded",
    "devops", "sql", "nosql", "serverless", "hardware reverse engineering", "zephyr",
    "visual",
])
#: label spellings fixed by hand (the survey's "Cockroachdb")
LABELS: dict[str, str] = {
    "Cockroachdb": "CockroachDB", "Clickhouse": "ClickHouse", "Yii 2": "Yii",
    "IBM Cloud Or Watson": "IBM Cloud", "StimulusJS": "Stimulus", "Prisma ORM": "Prisma",
    "Temporal.io": "Temporal", "LiveView": "Phoenix LiveView", "CDK": "AWS CDK",
    "Scylla DB": "ScyllaDB", "Digital Ocean": "DigitalOcean",
    "Unity 3D": "Unity", "eventstore": "EventStoreDB", "Wireguard": "WireGuard",
}
#: parents (built-in catalog concepts) and categories of tools the defaults do not place
PARENTS: dict[str, str] = {
    "Databricks SQL": "sp.databricks",
    "AWS CDK": "sp.infrastructure-as-code", "Pulumi": "sp.infrastructure-as-code",
    "Terragrunt": "sp.terraform", "EKS": "sp.kubernetes", "Helm": "sp.kubernetes",
    "ArgoCD": "sp.kubernetes", "Podman": "sp.docker", "GitHub Actions": "sp.ci-cd",
    "GitLab CI": "sp.ci-cd", "Pydantic": "sp.python", "asyncio": "sp.python",
    "Celery": "sp.python", "Ruff": "sp.python", "MicroPython": "sp.python",
    "Hotwire": "sp.ruby-on-rails",
    "ViewComponent": "sp.ruby-on-rails", "Chakra UI": "sp.react", "Gatsby": "sp.react",
    "RedwoodJS": "sp.react", "Apollo": "sp.graphql", "Dagster": "sp.data-engineering",
    "Airbyte": "sp.etl", "Metabase": "sp.data-visualization", "D3": "sp.data-visualization",
    "deck.gl": "sp.data-visualization", "TimescaleDB": "sp.postgresql",
    "Deno": "sp.javascript", "Bun": "sp.javascript", "npm": "sp.javascript",
    "pnpm": "sp.javascript", "Electron": "sp.javascript", "ReScript": "sp.javascript",
    "Turborepo": "sp.javascript", "Fastify": "sp.nodejs", "Strapi": "sp.nodejs",
    "Tauri": "sp.rust", "Quarkus": "sp.java", "Ktor": "sp.kotlin", "Composer": "sp.php",
    "Yii": "sp.php", "Roslyn": "sp.dotnet", "MFC": "sp.cpp", "VBA": "sp.excel",
    "SCSS": "sp.css", "Meta AI": "sp.ai-chatbot", "You.com": "sp.ai-chatbot",
    "Quora Poe": "sp.ai-chatbot", "Lightning AI": "sp.mlops", "Snyk Code": "sp.cybersecurity",
    "Apache Arrow": "sp.data-engineering", "OpenTelemetry": "sp.devops",
    "Phoenix LiveView": "tools.phoenix", "Turbo": "tools.hotwire", "Stimulus": "tools.hotwire",
    "Firebase Realtime Database": "sp.firebase",
}
CATEGORIES: dict[str, str] = {
    "Databricks SQL": "data", "Dagster": "data", "Airbyte": "data", "Metabase": "data",
    "D3": "data", "deck.gl": "data", "TimescaleDB": "data", "Apache Arrow": "data",
    "ClickHouse": "data", "DuckDB": "data", "Lightning AI": "ai-ml", "WolframAlpha": "ai-ml",
    "Snyk Code": "software",
}
#: tools whose name is also another vendor's product ("Apache Phoenix" is not Elixir's Phoenix,
#: "Apache Yarn" not the JavaScript package manager)
VENDOR_HOMONYMS = frozenset(["phoenix", "yarn"])
#: vendor prefixes and product suffixes ignored when comparing names
_VENDORS = ("apache ", "microsoft ", "google ", "amazon ", "aws ", "azure ", "oracle ",
            "ibm ", "adobe ", "atlassian ")
_SUFFIXES = (" software", " database", " db", " framework", " (software)")
_QUALIFIER = re.compile(r"^(?P<base>[^()]*[^\s()])\s*\((?P<qual>[^()]+)\)\s*$")


@dataclass
class Tool:
    label: str
    aliases: list[str] = field(default_factory=list)
    category: str = "software"
    parent: str | None = None
    sources: set[str] = field(default_factory=set)
    count: int = 0


def slug(text: str) -> str:
    s = text.lower().replace("+", "-plus").replace("#", "-sharp").replace(".", "-")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def so_names(option: str) -> list[tuple[str, list[str]]]:
    """The tool names of one survey answer option: (label, aliases)."""
    text = option.strip()
    if ", now " in text:  # "Linode, now Akamai"
        text = text.split(", now ")[0]
    aliases: list[str] = []
    m = _QUALIFIER.match(text)
    if m:
        qual = m.group("qual").strip()
        text = m.group("base").strip()
        if qual.isupper() and qual.isalpha() and len(qual) <= 6:
            aliases.append(qual)  # "Amazon Web Services (AWS)"
    parts = [p.strip() for p in text.split("/")]
    if len(parts) > 1 and all(parts) and not all(len(p) <= 2 and p.isalpha() for p in parts):
        # "HTML/CSS", "Torch/PyTorch", "C/C++"; not "CI/CD" or "UI/UX"
        return [(p, []) for p in parts if p]
    return [(text, aliases)]


def read_so(path: Path, min_count: int) -> Iterator[tuple[str, list[str], str, str | None, int]]:
    import pandas as pd

    df = pd.read_csv(path, usecols=list(SO_COLUMNS), dtype=str)
    for column, (category, parent) in SO_COLUMNS.items():
        counts: Counter[str] = Counter()
        for value in df[column].dropna():
            counts.update(v for v in value.split(";") if v.strip())
        for option, n in sorted(counts.items()):
            if n < min_count:
                continue
            for label, aliases in so_names(option):
                yield label, aliases, category, parent, n


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def read_hn(path: Path) -> Counter[tuple[str, str]]:
    """(variant key, spelling) -> postings of 2022-2025 naming it in the stack field."""
    from skillpulse.discover.terms import tag_occurrences, variant_key

    out: Counter[tuple[str, str]] = Counter()
    with _open_text(path) as fh:
        for row in csv.DictReader(fh):
            if (row.get("post_date") or "")[:4] not in HN_YEARS:
                continue
            seen: set[tuple[str, str]] = set()
            for occ in tag_occurrences((row.get("languages_frameworks") or "").split(",")):
                for label, _ in so_names(occ.text):  # "C/C++", "Apollo/GraphQL"
                    seen.add((variant_key(label), label))
            out.update(seen)
    return out


def read_onet_hot(path: Path) -> list[str]:
    with _open_text(path) as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return sorted({r["Example"].strip() for r in rows if r.get("Hot Technology") == "Y"})


def _key(text: str) -> str:
    """Lower case, no spaces, hyphens or dots, no plural "s" (a version stays: "Vercel v0" is
    not "Vercel")."""
    key = re.sub(r"[\s._-]+", "", text.strip().lower())
    if len(key) > 4 and key.endswith("s") and not key.endswith(("ss", "us", "is")):
        key = key[:-1]
    return key


def comparison_keys(name: str) -> set[str]:
    """The keys a name is compared by (see the module doc)."""
    text = name.strip()
    m = _QUALIFIER.match(text)
    forms = {text, m.group("base")} if m else {text}
    out = set()
    for form in forms:
        low = form.lower()
        out.add(_key(form))
        for v in _VENDORS:
            if low.startswith(v) and len(low) > len(v) + 1 and \
                    _key(form[len(v):]) not in VENDOR_HOMONYMS:
                out.add(_key(form[len(v):]))
        for s in _SUFFIXES:
            if low.endswith(s) and len(low) > len(s) + 2:
                out.add(_key(form[: -len(s)]))
    return {k for k in out if k}


_TOOL_SUFFIX = re.compile(r"(?:\.io|\.dev|\.js|js| orm)$", re.IGNORECASE)


def merge_keys(name: str) -> set[str]:
    """Keys by which two spellings from the sources are one tool: the comparison keys, also
    without a ".io", ".dev", ".js", "JS" or " ORM" ending ("Temporal.io", "StimulusJS")."""
    from skillpulse.discover.terms import variant_key

    out = comparison_keys(name) | {variant_key(name)}
    bare = _TOOL_SUFFIX.sub("", name.strip())
    if bare != name.strip() and len(bare) >= 3:
        out |= comparison_keys(bare) | {variant_key(bare)}
    return out


def known_keys(names: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for n in names:
        out |= comparison_keys(n)
        bare = _TOOL_SUFFIX.sub("", n.strip())
        if bare != n.strip() and len(bare) >= 3:  # "Nuxt.js" also names "Nuxt"
            out |= comparison_keys(bare)
    return out


def ambiguous_names(names: Iterable[str]) -> list[str]:
    """Names that are ordinary English by extraction's word-frequency evidence."""
    from skillpulse.discover.terms import _TOOLISH
    from skillpulse.extract.names import ordinary_words
    from skillpulse.extract.normalize import normalize_name
    from skillpulse.extract.sense import COMMON_WORDS_ZIPF, COMMON_ZIPF, english_zipf

    ordinary = ordinary_words()
    out = []
    for name in names:
        words = name.split()
        if any(_TOOLISH.search(w) for w in words) or (name.isupper() and len(name) > 3):
            continue
        plain = [w for w in words if w.isalpha()]
        if len(words) == 1 and plain:
            z = english_zipf(words[0])
            if z >= COMMON_ZIPF or normalize_name(name) in ordinary or len(name) <= 3:
                out.append(name)
        elif plain and len(plain) == len(words) and all(
                english_zipf(w) >= COMMON_WORDS_ZIPF for w in words):
            out.append(name)
    return out


def build(*, so: Path | None, hn: Path | None, onet: Path | None, min_so: int, min_hn: int,
          report: bool) -> tuple[list[Tool], dict[str, int]]:
    from skillpulse.discover.terms import is_ordinary
    from skillpulse.extract.names import generic_names
    from skillpulse.extract.normalize import normalize_name
    from skillpulse.extract.sense import VERY_COMMON_ZIPF, english_zipf
    from skillpulse.taxonomy.catalog import load_builtin
    from skillpulse.taxonomy.default import load_general
    from skillpulse.taxonomy.merge import merge
    from skillpulse.taxonomy.sources import GROUP_FLAG

    base = merge(load_builtin(extra=True, without=(OUT.name,)), *load_general())
    known = known_keys(n for c in base if GROUP_FLAG not in c.flags for n in c.names)
    generic = generic_names()
    exact_names = {normalize_name(n) for c in base if GROUP_FLAG not in c.flags for n in c.names}
    tools: list[Tool] = []
    by_key: dict[str, Tool] = {}
    loose: list[str] = []
    stats: Counter[str] = Counter()

    def note(msg: str) -> None:
        if report:
            print(msg, file=sys.stderr)

    def offer(label: str, aliases: Iterable[str], category: str, parent: str | None,
              source: str, count: int) -> None:
        stats[f"{source}: read"] += 1
        label = label.strip()
        if label in LABELS:  # the source's spelling stays an alias
            aliases = [label, *aliases]
            label = LABELS[label]
        low = normalize_name(label)
        keys = comparison_keys(label)
        if keys & known:
            exact = low in exact_names
            note(f"known {source:5} {label!r}" + ("" if exact else " (by a variant of a name)"))
            stats[f"{source}: already in the taxonomy"] += 1
            if not exact:
                loose.append(label)
            return
        plain_word = len(label.split()) == 1 and label[:1].isupper() and \
            english_zipf(label) < VERY_COMMON_ZIPF
        if not label or low in NOT_TOOLS or low in generic or (
                source != "issue" and is_ordinary(label, strong=True) and not plain_word):
            note(f"skip  {source:5} {label!r}: not a tool name")
            stats[f"{source}: not a tool"] += 1
            return
        tool = next((by_key[k] for k in sorted(merge_keys(label)) if k in by_key), None)
        if tool is None:
            tool = Tool(label, [], CATEGORIES.get(label, category), PARENTS.get(label, parent))
            tools.append(tool)
            stats[f"{source}: new"] += 1
            note(f"new   {source:5} {label!r} ({count})")
        else:
            stats[f"{source}: also from an earlier source"] += 1
            note(f"same  {source:5} {label!r} = {tool.label!r}")
            aliases = [label, *aliases]
        tool.sources.add(source)
        tool.count = max(tool.count, count)
        for k in merge_keys(label):
            by_key.setdefault(k, tool)
        for a in aliases:
            if normalize_name(a) != normalize_name(tool.label) and not (comparison_keys(a) & known) \
                    and a not in tool.aliases:
                tool.aliases.append(a)
                for k in merge_keys(a):
                    by_key.setdefault(k, tool)
        if tool.parent is None and parent is not None:
            tool.parent = parent

    for name, curated_aliases, category, parent in CURATED:
        offer(name, curated_aliases, category, parent, "issue", 0)
    if so is not None:
        for label, so_aliases, category, parent, n in read_so(so, min_so):
            offer(label, so_aliases, category, parent, "so", n)
    if hn is not None:
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for (key, text), n in read_hn(hn).items():
            spellings[key][text] += n
        for _, forms in sorted(spellings.items()):
            total = sum(forms.values())
            if total < min_hn:
                continue
            ordered = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))
            label = ordered[0][0]
            others = [t for t, _ in ordered[1:] if normalize_name(t) != normalize_name(label)]
            offer(label, others, "software", None, "hn", total)
    if onet is not None:
        for name in read_onet_hot(onet):
            offer(name, (), "software", None, "onet", 0)
    # a spelling that differs only in case from the label is the same name
    for tool in tools:
        seen = {normalize_name(tool.label)}
        kept = []
        for a in tool.aliases:
            if normalize_name(a) not in seen:
                seen.add(normalize_name(a))
                kept.append(a)
        tool.aliases = kept
    if loose:
        note("known only by a variant (the exact name does not resolve): " + ", ".join(loose))
    return sorted(tools, key=lambda t: slug(t.label)), dict(sorted(stats.items()))


_SOURCE_TEXT = {"issue": "a tool family issue 19 lists as missing",
                "so": "the Stack Overflow 2024 survey",
                "hn": "the HN Who-is-hiring stack field 2022-2025",
                "onet": "O*NET hot technologies"}


def _q(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


#: what a tool without a parent is hired for, by category
_HIRED_FOR = {"software": "software development", "data": "data work", "marketing": "marketing",
              "design": "design work", "business": "business operations",
              "ai-ml": "machine learning work", "generative-ai": "generative-AI work"}


def hired_sentence(label: str, category: str, parent_label: str | None) -> str:
    """The second sentence of a tool's description, as the catalog writes it ("Hired to/for
    ..."): what the tool is hired for, from its parent concept or its category."""
    if parent_label and " " in parent_label and all(
            w.islower() for w in parent_label.split()[1:]) and parent_label[1:2].islower():
        parent_label = parent_label[0].lower() + parent_label[1:]  # "Data engineering"
    what = f"{parent_label} work" if parent_label else _HIRED_FOR.get(category, "work")
    return f"Hired for {what} with {label}."


def render(tools: list[Tool], stats: dict[str, int],
           parent_labels: dict[str, str] | None = None) -> str:
    lines = [
        "# The current-tools layer (issue 19), generated by scripts/build_current_tools.py: do not",
        "# edit by hand, rebuild. Tools named by the Stack Overflow 2024 survey's technology",
        "# columns, the HN Who-is-hiring stack field 2022-2025, O*NET hot technologies and the",
        "# tool families issue 19 lists, that no concept of the merged taxonomy named. Loaded",
        "# with the built-in catalog (same source name) by the default taxonomy only.",
        "# Build counts: " + "; ".join(f"{k} {v}" for k, v in stats.items()),
        "",
        "name: skillpulse-genai",
        f'version: "{VERSION}"',
        "concepts:",
    ]
    used: set[str] = set()
    for t in tools:
        cid = "tools." + slug(t.label)
        while cid in used:
            cid += "-2"
        used.add(cid)
        amb = ambiguous_names([t.label, *t.aliases])
        src = ", ".join(_SOURCE_TEXT[s] for s in sorted(t.sources))
        lines.append(f"  - id: {cid}")
        lines.append(f"    label: {_q(t.label)}")
        if t.aliases:
            lines.append("    aliases: [" + ", ".join(_q(a) for a in t.aliases) + "]")
        if amb:
            lines.append("    ambiguous: [" + ", ".join(_q(a) for a in amb) + "]")
        lines.append(f"    category: {t.category}")
        if t.parent:
            lines.append(f"    parent: {t.parent}")
        hired = hired_sentence(t.label, t.category,
                               (parent_labels or {}).get(t.parent or "", None))
        lines.append(f"    description: "
                     f"{_q('A current software tool named by ' + src + '. ' + hired)}")
        lines.append("    flags: [current_tool]")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--so", type=Path, default=SO_FILE)
    ap.add_argument("--hn", type=Path, default=HN_FILE)
    ap.add_argument("--onet", type=Path, default=ONET_FILE)
    ap.add_argument("--min-so", type=int, default=50, help="least respondents (default 50)")
    ap.add_argument("--min-hn", type=int, default=4, help="least HN postings (default 4)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--report", action="store_true", help="print every decision to stderr")
    args = ap.parse_args(argv)
    for p in (args.so, args.hn, args.onet):
        if not p.is_file():
            print(f"error: {p}: no such file", file=sys.stderr)
            return 2
    tools, stats = build(so=args.so, hn=args.hn, onet=args.onet, min_so=args.min_so,
                         min_hn=args.min_hn, report=args.report)
    from skillpulse.taxonomy.catalog import load_builtin

    labels = {c.id: c.label for c in load_builtin(extra=True, without=(OUT.name,))}
    labels.update({"tools." + slug(t.label): t.label for t in tools})
    args.out.write_text(render(tools, stats, labels), encoding="utf-8")
    print(f"{len(tools)} tools written to {args.out}")
    for k, v in stats.items():
        print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
