"""Emerging tools the taxonomy may not know: planted in postings with ``--emerging``.

Each tool surges: its share of the month's postings grows linearly from ``start`` (per
100,000 postings in the first month) to ``end`` (in the last month); a tool with ``start``
0 is absent in the first month(s) and a breakout. The phrasing follows how clients write
tools: a skill cue ("Experience with X"), a stack list, or a tag. The tools are real ones of
2023-2026 (the rediscovery set of ``skillpulse discover``: remove them from the taxonomy and
discover must find them) and invented ones no taxonomy holds (``INVENTED``). They are not
planted skills: truth.json does not count them, and the default marketplace holds none.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from skillpulse.generate.events import Docs


@dataclass(frozen=True)
class EmergingTool:
    #: as written in postings
    name: str
    #: the catalog concept it is (None for invented tools)
    skill_id: str | None
    start: float
    end: float


def _e(name: str, skill_id: str | None, start: float, end: float) -> EmergingTool:
    return EmergingTool(name, skill_id, start, end)


#: the rediscovery set: real 2023-2026 tools, with their catalog IDs
REAL: tuple[EmergingTool, ...] = (
    _e("LangChain", "sp.langchain", 20, 400), _e("RAG", "sp.rag", 10, 450),
    _e("Pinecone", "sp.pinecone", 10, 250), _e("Midjourney", "sp.midjourney", 30, 350),
    _e("Claude", "sp.claude", 0, 400), _e("Gemini", "sp.gemini", 0, 350),
    _e("Cursor", "sp.cursor", 0, 300), _e("n8n", "sp.n8n", 5, 300),
    _e("LlamaIndex", "sp.llamaindex", 0, 200), _e("LangGraph", "sp.langgraph", 0, 220),
    _e("CrewAI", "sp.crewai", 0, 200), _e("Weaviate", "sp.weaviate", 5, 150),
    _e("Qdrant", "sp.qdrant", 0, 150), _e("Ollama", "sp.ollama", 0, 180),
    _e("vLLM", "sp.vllm", 0, 150), _e("ElevenLabs", "sp.elevenlabs", 5, 250),
    _e("HeyGen", "sp.heygen", 0, 180), _e("Perplexity", "sp.perplexity", 0, 150),
    _e("DeepSeek", "sp.deepseek", 0, 250), _e("Make.com", "sp.make-com", 10, 200),
    _e("GitHub Copilot", "sp.github-copilot", 10, 220), _e("Qwen", "sp.qwen", 0, 150),
)  # fmt: skip
#: invented tools: no taxonomy names them
INVENTED: tuple[EmergingTool, ...] = (
    _e("Quillmesh", None, 0, 250), _e("VectorLoom", None, 5, 220),
    _e("Promptsmith", None, 0, 200), _e("Zentrik", None, 0, 180),
)
TOOLS: tuple[EmergingTool, ...] = (*REAL, *INVENTED)

#: name shapes of :func:`invented_tools`: a word of English ("Lattice"), a made-up word
#: ("Vornix"), digits inside ("Kest9"), a dotted name ("Tarvo.js"), two words ("Plume
#: Studio"), CamelCase ("GlintFlow"), lower case ("qorvo")
SHAPES = ("english", "word", "digits", "dotted", "multi", "camel", "lower")
#: growth shapes: linear from zero, a late step (absent until two thirds of the months), a
#: steady base that grows
GROWTH = ("linear", "step", "grow")
_SYLLABLES = ("ka", "vor", "nix", "tel", "quin", "bra", "zo", "mir", "dex", "lu", "fen",
              "tar", "vo", "rel", "sy", "gan", "plo", "wex", "cri", "dun")
_SUFFIXES = (".js", ".ai", ".io", ".dev", ".run")
_SECOND = ("Studio", "Flow", "Cloud", "Agents", "Hub", "AI", "Engine", "Labs")
#: English words a tool may be named after, rare (Zipf below 4: "Lattice", "Beacon") and
#: common (4 to 5: "Harbor", "Signal", "Orbit")
_ENGLISH = ("Lattice", "Beacon", "Quarry", "Ember", "Harbor", "Tundra", "Marble", "Falcon",
            "Saffron", "Meadow", "Pylon", "Cobalt", "Thimble", "Juniper", "Lantern", "Gravel",
            "Signal", "Orbit", "Pulse", "Anchor", "Mercury", "Canvas", "Summit", "Compass")


def invented_tools(seed: int, n: int = 8) -> tuple[EmergingTool, ...]:
    """``n`` invented tools of seed ``seed``, names of every shape of :data:`SHAPES` and
    growth of :data:`GROWTH` in turn: held-out sets for ``discover`` (none of them is in a
    taxonomy or in :data:`INVENTED`; the word list and syllables are fixed, the draws seeded)."""
    r = random.Random(f"skillpulse-invented-{seed}")
    out: list[EmergingTool] = []
    names: set[str] = {t.name.lower() for t in TOOLS}

    def word(k: int) -> str:
        return "".join(r.choice(_SYLLABLES) for _ in range(k)).capitalize()

    while len(out) < n:
        shape, growth = SHAPES[len(out) % len(SHAPES)], GROWTH[r.randrange(len(GROWTH))]
        name = {"english": lambda: r.choice(_ENGLISH), "word": lambda: word(3),
                "digits": lambda: f"{word(2)}{r.randint(2, 9)}",
                "dotted": lambda: f"{word(2)}{r.choice(_SUFFIXES)}",
                "multi": lambda: f"{word(2)} {r.choice(_SECOND)}",
                "camel": lambda: f"{word(2)}{r.choice(_SECOND[:4])}",
                "lower": lambda: word(3).lower()}[shape]()
        if name.lower() in names:
            continue
        names.add(name.lower())
        start, end = {"linear": (0.0, 250.0), "step": (-250.0, 300.0),
                      "grow": (40.0, 260.0)}[growth]
        out.append(EmergingTool(name, None, start, end))
    return tuple(out)

_CUE = ("Experience with {a} is a must.", "Hands-on experience with {a} and {b} preferred.",
        "You should be proficient in {a}.", "Knowledge of {a} is a plus.")
_LIST = ("Stack: {a}, {b}, Python, PostgreSQL.", "Tools: {a}, {b}, Docker.")
#: more ways clients write a tool (``plant(..., phrasing="varied")``): a list without a
#: header, a tool named in a sentence, a tool in a question
VARIED = _CUE + _LIST + (
    "We work with Python, {a}, {b} and React.", "Our team builds agents using {a}.",
    "You will integrate {a} with our CRM.", "Familiarity with tools such as {a} or {b}.",
    "Must have shipped production work on {a}.", "Bonus: {a}, {b}, Kubernetes.",
)


def plant(docs: Docs, months: list[int], month_of_doc: list[int], seed: int, *,
          tools: Sequence[EmergingTool] = TOOLS, phrasing: str = "plain") -> int:
    """Add emerging ``tools`` to postings (description sentence and, for some, a tag), in
    place; returns the number of (posting, tool) plantings. A rate below zero plants
    nothing (a tool that appears part-way). ``phrasing="varied"`` writes the tools in more
    ways (:data:`VARIED`) than the default cue and list sentences."""
    templates = VARIED if phrasing == "varied" else _CUE + _LIST
    r = random.Random(f"skillpulse-emerging-{seed}")
    rng = np.random.default_rng([seed, 99])
    n_months = max(1, len(months) - 1)
    by_month: dict[int, list[int]] = {}
    for i, m in enumerate(month_of_doc):
        by_month.setdefault(m, []).append(i)
    planted = 0
    for k, m in enumerate(months):
        idx = by_month.get(m, [])
        if not idx:
            continue
        for tool in tools:
            rate = max(0.0, tool.start + (tool.end - tool.start) * k / n_months)
            count = int(rng.poisson(rate * len(idx) / 100_000))
            for i in r.sample(idx, min(count, len(idx))):
                row = docs.rows[i]
                other = r.choice([t.name for t in tools if t is not tool])
                template = r.choice(templates)
                row["description"] = f"{row['description']} {template.format(a=tool.name, b=other)}"
                if r.random() < 0.3:
                    row["skills"] = [*(row.get("skills") or []), tool.name]
                planted += 1
    return planted
