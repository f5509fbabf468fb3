"""Which taxonomy names the free-text matcher uses, and how (the name-selection policy).

The taxonomy's own policy (:func:`skillpulse.taxonomy.names.text_usage`) classes every name
as ``match`` (safe verbatim), ``context`` (only with supporting context) or ``skip`` (never in
free text: skill groups, long descriptive labels). On top of it extraction applies:

- a stoplist of generic words and phrases (``data/generic_names.txt``) that general
  taxonomies hold as skills but that are ordinary words in postings ("management", "design",
  "english", "go"); they are skipped in free text unless a curated catalog names them;
- names that are common English words but also tools or languages
  (``data/word_tools.txt``: "Swift", "Rust", "Spark", "Excel", "Bard") need context;
- one- and two-character names always need context and are matched case-sensitively
  (spelled as in the taxonomy, or in upper case);
- when one normalised name belongs to several concepts, the best-ranked entry wins:
  ``match`` before ``context``, then source rank (user file, built-in catalog, Lightcast,
  O*NET, ESCO), then name kind (label, alias, derived, acronym, alt label).

Tags (client skill lists) are looked up against every name, whatever this policy says.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from skillpulse.extract.context import profile_of
from skillpulse.extract.normalize import normalize_name
from skillpulse.extract.sense import (
    ANCHOR_MAX_ZIPF,
    FREE,
    OFF,
    Sense,
    SenseModel,
    acronym_tokens,
    english_zipf,
    label_acronym,
    product_names,
)
from skillpulse.extract.sense import CONTEXT as CONTEXT_USAGE
from skillpulse.extract.words import generic_names, ordinary_words, word_tools
from skillpulse.taxonomy.model import Concept, Taxonomy
from skillpulse.taxonomy.names import name_entries
from skillpulse.taxonomy.sources import GROUP_FLAG

__all__ = ["MatchName", "NamePolicy", "name_decisions", "select_names"]

MATCH = "match"
CONTEXT = "context"
SKIP = "skip"

_SOURCE_RANK = {"skillpulse-genai": 1, "lightcast": 2, "onet": 3, "esco": 4}
_KIND_RANK = {"label": 0, "alias": 1, "derived": 2, "acronym": 3, "alt_label": 4}
_GENERAL = {"lightcast", "onet", "esco"}
_NO_ALNUM = re.compile(r"[\W_]*")


@dataclass(frozen=True)
class NamePolicy:
    """Tunable knobs of the name-selection policy (defaults chosen on the gold set)."""

    #: use names the taxonomy classes as ``context`` (with the context rules) or drop them
    context_names: bool = True
    #: apply the generic-word stoplist to general-source names
    stoplist: bool = True
    #: longest name (in words) taken from a general source
    max_words: int = 5


@dataclass(frozen=True)
class MatchName:
    """One normalised name the matcher looks for, and the concept it stands for."""

    key: str
    #: spellings as the taxonomy writes them (for case-sensitive short names)
    forms: tuple[str, ...]
    skill_id: str
    label: str
    #: True when the name needs supporting context to count
    ambiguous: bool
    source: str
    #: the context rule of an ambiguous name (see :mod:`skillpulse.extract.context`)
    profile: str = "default"
    #: an ambiguous name that only a list of other skills can confirm ("cloud")
    strict: bool = False
    #: an acronym that counts only in upper case ("SAN", not "San Diego")
    upper_only: bool = False
    #: words that confirm the sense of a homonym (profiles ``sense`` and ``sense_tech``)
    cues: tuple[str, ...] = ()
    #: why the name is free or needs context (:mod:`skillpulse.extract.sense`)
    reason: str = ""
    #: a mention of this name confirms general-source homonyms and common words next to it:
    #: a catalog name, or a free name that is a rare word (Zipf below 3.0), is spelled
    #: technically or has several words ("Calibration", Zipf 3.3, is free but confirms
    #: nothing)
    anchor: bool = False


@dataclass(frozen=True)
class _Raw:
    text: str
    concept_id: str
    source: str
    kind: str
    usage: str
    sense: Sense | None = None


def _source_of(concept_id: str) -> str:
    if concept_id.startswith("sp."):
        return "skillpulse-genai"
    for prefix, source in (("lc.", "lightcast"), ("onet.", "onet"), ("esco.", "esco")):
        if concept_id.startswith(prefix):
            return source
    return "user"


_TECHY = re.compile(r"[0-9+#./]|[a-z][A-Z]|^[A-Z]{2,}")
#: natural languages: a competence when required ("fluent English"), else the language of a
#: task; they take the ``human_language`` context rule
HUMAN_LANGUAGES = frozenset(["english", "french", "spanish", "german", "italian", "portuguese", "dutch", "chinese", "mandarin", "cantonese", "japanese", "korean", "arabic", "russian", "hindi", "turkish", "polish", "swedish", "norwegian", "danish", "finnish", "greek", "hebrew", "vietnamese", "thai", "indonesian", "malay", "tagalog", "ukrainian", "czech", "romanian", "hungarian", "bengali", "urdu", "persian", "farsi", "swahili"])


def _techy(text: str) -> bool:
    return bool(_TECHY.search(text))


def sense_model(taxonomy: Taxonomy | None = None) -> SenseModel:
    """The sense model with this module's word lists."""
    return SenseModel(taxonomy, generic=generic_names(), ordinary=ordinary_words())


def extra_names(taxonomy: Taxonomy, model: SenseModel) -> Iterator[tuple[str, str, str, str]]:
    """Names the general sources imply but do not list: (text, concept ID, source, kind).

    The product name inside an O*NET label ("SharePoint" of "Microsoft SharePoint", "Unity"
    of "Unity Technologies Unity"), unless another concept has it as a name; and the
    mixed-case acronym other labels use for a label ("VoIP" for "Voice Over IP")."""
    index = taxonomy.names()
    concepts = taxonomy.concepts
    tokens = acronym_tokens(taxonomy)
    tools = word_tools()

    def esco_only(key: str) -> bool:  # no other concept, or only ESCO's loose names
        return all(n.source == "esco" for cid in index.get(key, ())
                   if (c := concepts.get(cid)) is not None for n in c.name_kinds(key))

    for concept in taxonomy:
        if GROUP_FLAG in concept.flags:
            continue
        for name in product_names(concept, model.vendors, tools, model.major_vendors):
            key = normalize_name(name)
            if not index.get(key) or (esco_only(key) and not name.isupper()):
                yield name, concept.id, "onet", "derived"
        if concept.id.startswith("lc."):
            acr = label_acronym(concept, tokens)
            if acr is not None and not index.get(acr.lower()):
                yield acr, concept.id, "lightcast", "acronym"


def _raw_entries(taxonomy: Taxonomy) -> Iterator[_Raw]:
    """Every name with provenance and this module's usage class (see module docs)."""
    # the taxonomy's name index with provenance
    try:
        entries = list(name_entries(taxonomy))
    except AttributeError:  # concepts built without name provenance
        entries = []
    if entries:
        model = sense_model(taxonomy)
        concepts = taxonomy.concepts
        groups = {c.id for c in taxonomy if GROUP_FLAG in c.flags}
        for e in entries:
            if e.group or e.concept_id in groups:
                continue
            yield _entry(model, e.text, e.concept_id, e.source, e.kind, e.ambiguous,
                         e.shared, concepts.get(e.concept_id))
        for text, cid, source, kind in extra_names(taxonomy, model):
            yield _entry(model, text, cid, source, kind, False, 1, concepts.get(cid))
        return
    for concept in taxonomy:
        source = _source_of(concept.id)
        amb = {normalize_name(a) for a in concept.ambiguous}
        for i, name in enumerate(concept.names):
            kind = "label" if i == 0 else "alias"
            yield _Raw(name, concept.id, source, kind,
                       _usage(name, source, kind, normalize_name(name) in amb))


def _entry(model: SenseModel, text: str, concept_id: str, source: str, kind: str,
           ambiguous: bool, shared: int, concept: Concept | None) -> _Raw:
    """One raw name with its usage: the sense model's decision for general sources."""
    if source not in _GENERAL or normalize_name(text) in HUMAN_LANGUAGES:
        return _Raw(text, concept_id, source, kind, _usage(text, source, kind, ambiguous))
    sense = model.decide(text, source, kind, concept, shared=shared)
    usage = {FREE: MATCH, OFF: SKIP}.get(sense.usage, CONTEXT)
    return _Raw(text, concept_id, source, kind, usage, sense)


def _usage(text: str, source: str, kind: str, ambiguous: bool) -> str:
    """``match``, ``context`` or ``skip`` for one name of one source."""
    if source not in _GENERAL:
        return CONTEXT if ambiguous else MATCH
    stripped = text.strip()
    words = len(stripped.split())
    techy = _techy(stripped)
    single_word = (words == 1 and stripped.replace("-", "").isalpha() and not techy
                   and normalize_name(stripped) in ordinary_words())
    if source == "esco":
        # ESCO labels are mostly verb phrases and loose synonyms: technical names only,
        # and natural languages (with their own context rule)
        if normalize_name(stripped) in HUMAN_LANGUAGES:
            return CONTEXT
        if not techy or words > 4 or (kind == "alt_label" and words > 3):
            return SKIP
        return CONTEXT if ambiguous or kind == "acronym" else MATCH
    if words > (5 if source == "onet" else 4):
        return SKIP
    if ambiguous or kind == "acronym" or single_word or len(stripped) <= 2:
        return CONTEXT
    return MATCH


def _rank(raw: _Raw, usage: str) -> tuple[int, int, int]:
    return (
        _SOURCE_RANK.get(raw.source, 0),
        0 if usage == MATCH else 1,
        _KIND_RANK.get(raw.kind, 5),
    )


def select_names(taxonomy: Taxonomy, policy: NamePolicy | None = None) -> list[MatchName]:
    """The names to match in free text, one per normalised key (see module docs)."""
    policy = policy or NamePolicy()
    stop = generic_names() if policy.stoplist else frozenset()
    tools = word_tools()
    best: dict[str, tuple[tuple[int, int, int], _Raw, bool]] = {}
    forms: dict[str, set[str]] = {}
    owners: dict[tuple[str, str], set[str]] = {}
    for raw in _raw_entries(taxonomy):
        key = normalize_name(raw.text)
        if not key or _NO_ALNUM.fullmatch(key):
            continue
        usage = raw.usage
        general = raw.source in _GENERAL
        if usage == SKIP:
            continue
        if general and (key in stop or len(key.split()) > policy.max_words):
            continue
        ambiguous = (usage == CONTEXT or (key in tools and raw.sense is None)
                     or len(key) <= 2 or key in HUMAN_LANGUAGES)
        if ambiguous and not policy.context_names and usage == CONTEXT:
            continue
        if general:
            owners.setdefault((key, raw.source), set()).add(raw.concept_id)
        rank = _rank(raw, CONTEXT if ambiguous else MATCH)
        forms.setdefault(key, set()).add(raw.text.strip())
        cur = best.get(key)
        if cur is None or rank < cur[0]:
            best[key] = (rank, raw, ambiguous)
    generic = generic_names()
    out = []
    for key, (_, raw, ambiguous) in best.items():
        # a general-source name that several concepts of that source carry needs context
        if raw.source in _GENERAL and len(owners.get((key, raw.source), ())) > 1:
            ambiguous = True
        concept = taxonomy.concepts.get(raw.concept_id)
        label = concept.label if concept is not None else raw.text
        spellings = tuple(sorted(forms[key]))
        profile = profile_of(key)
        sense = raw.sense
        cues: tuple[str, ...] = ()
        if sense is not None and sense.usage != FREE and ambiguous and (
                profile == "default" or sense.profile == "listed"):
            profile, cues = sense.profile, sense.cues
        if profile == "default":
            if key in HUMAN_LANGUAGES:
                profile = "human_language"
            elif concept is not None and concept.category in ("generative-ai", "ai-ml"):
                profile = "ai"
        upper_only = ambiguous and all(
            f.isupper() and sum(c.isalpha() for c in f) >= 2 for f in spellings)
        if sense is not None:
            reason = sense.reason
            if ambiguous and sense.usage == FREE:
                reason = "needs context: " + ("shared by several concepts of its source"
                                              if len(owners.get((key, raw.source), ())) > 1
                                              else "short or a known word-tool name")
        else:
            reason = "catalog name marked ambiguous" if ambiguous else "catalog name"
        anchor = not ambiguous and (sense is None or " " in key
                                    or english_zipf(key) < ANCHOR_MAX_ZIPF
                                    or any(_techy(f) for f in spellings))
        out.append(MatchName(key, spellings, raw.concept_id, label, ambiguous, raw.source,
                             profile, ambiguous and key in generic, upper_only, cues, reason,
                             anchor))
    out.extend(_inflected(out))
    out.sort(key=lambda m: m.key)
    return out


def _number_variant(word: str) -> str | None:
    """The plural of an English noun ("dashboard" -> "dashboards", "library" ->
    "libraries", "box" -> "boxes"); None for a word that looks plural already or is no word."""
    if len(word) < 3 or not word.isalpha() or (word.endswith("s") and not word.endswith("ss")):
        return None
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _inflected(names: list[MatchName]) -> list[MatchName]:
    """Each singular name with its last word in the plural ("api integrations" for "API
    integration", "dashboards" for "Dashboard"), when no name holds that key: same concept
    and context rule. Names of one word that need context, and ESCO names, are left
    alone."""
    keys = {n.key for n in names}
    out = []
    for n in names:
        if n.source == "esco" or len(n.key) < 4:
            continue
        head, _, last = n.key.rpartition(" ")
        if not head and n.ambiguous:
            continue
        variant = _number_variant(last)
        if variant is None:
            # plurals of singular names only: a plural label's singular is often another
            # thing ("Job Descriptions" is a skill, a "Job description:" heading is not)
            continue
        key = f"{head} {variant}" if head else variant
        if key in keys:
            continue
        keys.add(key)
        forms = tuple(sorted({f"{f.rsplit(' ', 1)[0]} {variant}" if head else variant
                              for f in n.forms}))
        out.append(dataclasses.replace(n, key=key, forms=forms,
                                       reason=(n.reason + "; plural of a name").lstrip(
                                           "; ")))
    return out


def name_decisions(taxonomy: Taxonomy, concept_id: str,
                   selected: list[MatchName] | None = None) -> list[dict[str, object]]:
    """How free text may match each name of one concept (``skillpulse taxonomy show``).

    One row per name (the implied product names and acronyms included): ``free_text`` is
    ``free``, ``context`` or ``off``, ``why`` the sense model's reason, ``rule`` the context
    rule of a ``context`` name, ``matches`` the concept free text finds under this name
    (another concept when a better-ranked one holds the same name). ``selected`` are the
    matcher's names (:func:`select_names`), read from the extraction cache when omitted."""
    concept = taxonomy.concepts[concept_id]
    if selected is None:
        selected = _selected(taxonomy)
    by_key = {n.key: n for n in selected}
    model = sense_model(taxonomy)
    index = taxonomy.names()
    rows: list[tuple[str, str, str]] = [(n.text, n.source, n.kind)
                                        for n in concept.name_entries()]
    rows += [(t, s, k) for t, cid, s, k in _extra_for(taxonomy, model, concept)
             if cid == concept_id]
    out: list[dict[str, object]] = []
    seen: set[tuple[str, str, str]] = set()
    for text, source, kind in rows:
        if (text, source, kind) in seen:
            continue
        seen.add((text, source, kind))
        key = normalize_name(text)
        raw = _entry(model, text, concept_id, source, kind, key in {
            normalize_name(a) for a in concept.ambiguous}, len(index.get(key, ())) or 1, concept)
        usage = {MATCH: FREE, SKIP: OFF}.get(raw.usage, CONTEXT_USAGE)
        why = raw.sense.reason if raw.sense is not None else (
            "catalog name marked ambiguous" if raw.usage == CONTEXT else "catalog name")
        rule = raw.sense.profile if raw.sense is not None and usage == CONTEXT_USAGE else ""
        winner = by_key.get(key)
        matches = ""
        if usage != OFF:
            if winner is None:
                usage, why = OFF, why + "; not selected (generic word list or policy)"
            elif winner.skill_id == concept_id:
                usage = CONTEXT_USAGE if winner.ambiguous else FREE
                why, rule = winner.reason or why, winner.profile if winner.ambiguous else ""
                matches = concept_id
            else:
                matches = winner.skill_id
        out.append({"name": text, "source": source, "kind": kind, "free_text": usage,
                    "rule": rule, "why": why, "matches": matches})
    return out


def _selected(taxonomy: Taxonomy) -> list[MatchName]:
    from skillpulse.extract.cache import cache_file, load_prepared

    found = load_prepared(cache_file(taxonomy.version, NamePolicy()))
    if found is not None:
        return found.names
    from skillpulse.extract.pipeline import Extractor  # builds and caches the names

    return Extractor(taxonomy, roles=False).matcher.names


def _extra_for(taxonomy: Taxonomy, model: SenseModel, concept: Concept
               ) -> list[tuple[str, str, str, str]]:
    """:func:`extra_names` of one concept."""
    return [x for x in extra_names(taxonomy, model) if x[1] == concept.id]
