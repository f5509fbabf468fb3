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
    VERY_COMMON_ZIPF,
    Sense,
    SenseModel,
    acronym_tokens,
    english_zipf,
    inner_acronyms,
    label_acronym,
    lightcast_product_names,
    product_names,
    technical,
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
_KIND_RANK = {"label": 0, "alias": 1, "derived": 2, "acronym": 3, "alt_label": 4, "head": 5,
              "compound": 5}
_GENERAL = {"lightcast", "onet", "esco"}
_NO_ALNUM = re.compile(r"[\W_]*")
#: the head noun of a "Software X" label stands for it in a list when rarer than this
#: ("testing" 4.7; not "features" 4.9, "development" 5.3)
HEAD_MAX_ZIPF = 4.8
_QUALIFIED = re.compile(r"^(?P<base>[^()]*[^\s()])\s*\((?P<qual>[^()]+)\)$")


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

    acronyms: dict[str, list[str]] = {}
    # "Amazon S3" is written "AWS S3": the vendor's platform acronym for the vendor
    by_vendor = {v: a.upper() for a, v in model.vendor_acronyms.items()}
    for concept in taxonomy:
        if GROUP_FLAG in concept.flags:
            continue
        for name in product_names(concept, model.vendors, tools, model.major_vendors):
            key = normalize_name(name)
            if not index.get(key) or (esco_only(key) and not name.isupper()):
                yield name, concept.id, "onet", "derived"
        source = "lightcast" if concept.id.startswith("lc.") else "onet"
        first, _, rest = concept.label.partition(" ")
        acr = by_vendor.get(normalize_name(first))
        # a product name ("S3", "DynamoDB", "Route 53"), not English words ("Automatic
        # Milking" is no product of ADP, "Forecast" no name)
        if acr is not None and rest and "(" not in rest and rest[:1].isupper() and \
                concept.id.startswith(("lc.", "onet.")) and len(rest.split()) <= 3 and any(
                    english_zipf(t) == 0 or _techy(t) for t in rest.split()) and \
                not index.get(normalize_name(f"{acr} {rest}")):
            yield f"{acr} {rest}", concept.id, source, "derived"
        for name in lightcast_product_names(concept, model.vendor_prefixes, model.generic):
            key = normalize_name(name)
            # nor the plural or singular of another name ("Dashboards" of "Digital
            # Dashboards" is the plural of Dashboard)
            if not (index.get(key) or index.get(key[:-1] if key.endswith("s") else key + "s")):
                yield name, concept.id, "lightcast", "derived"
        if concept.id.startswith(("lc.", "onet.")):
            for inner in inner_acronyms(concept):
                if not index.get(normalize_name(inner)):
                    yield inner, concept.id, source, "acronym"
        if concept.id.startswith("lc.") and technical(concept):
            for text, kind in _list_words(concept):
                if not index.get(normalize_name(text)) or kind == "compound":
                    yield text, concept.id, "lightcast", kind
        if concept.id.startswith("lc."):
            acr = label_acronym(concept, tokens)
            if acr is not None and not index.get(acr.lower()):
                acronyms.setdefault(acr, []).append(concept.id)
    # an upper-case acronym that several labels spell ("ORM": Object-Relational Mapping,
    # Operational Risk Management, ...) names none of them
    for acr, ids in acronyms.items():
        if len(ids) == 1 or not acr.isupper():
            for cid in ids:
                yield acr, cid, "lightcast", "acronym"


def _list_words(concept: Concept) -> Iterator[tuple[str, str]]:
    """Words that stand for a technical concept in a list of skills: the head noun of a
    "Software X" label ("testing" of "Software Testing"), and the closed compound of a
    two-word name ("frontend" of "Front End (Software Engineering)")."""
    label = concept.label
    toks = label.split()
    if len(toks) == 2 and toks[0] == "Software" and toks[1].isalpha():
        head = toks[1].lower()
        if english_zipf(head) < HEAD_MAX_ZIPF:
            yield head, "head"
    base = _QUALIFIED.match(label)
    words = (base.group("base") if base else label).split()
    if len(words) == 2 and all(w.isalpha() for w in words):
        closed = "".join(words).lower()
        if closed in generic_names():
            yield closed, "compound"


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
        if general and ((key in stop and (raw.sense is None or raw.sense.profile != "tech_list"))
                        or len(key.split()) > policy.max_words):
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
    tech = frozenset(n.skill_id for n in out if n.source == "lightcast"
                     and technical(taxonomy.concepts.get(n.skill_id)))
    out.extend(_inflected(out, tech))
    out.extend(_spaced(out))
    out.sort(key=lambda m: m.key)
    return out


_LETTERS_DIGITS = re.compile(r"^(?P<word>[a-z]{3,})(?P<version>[0-9][a-z0-9]{0,2})$")


def _spaced(names: list[MatchName]) -> list[MatchName]:
    """A one-word name of letters then a short version ("Unity3D", "Python3"; "S3" is too
    short) also as two words ("Unity 3D"), when no name holds that key and the word is a name
    itself or no English word ("her 2" is no spelling of HER2): same concept and decision."""
    keys = {n.key for n in names}
    out = []
    for n in names:
        m = _LETTERS_DIGITS.match(n.key)
        # the word alone is a name ("unity", "python") or no English word ("graylog"): not
        # "HER2" as "her 2"
        if m is None or not ((m.group("word") in keys and english_zipf(m.group("word")) <
                             VERY_COMMON_ZIPF) or english_zipf(m.group("word")) == 0):
            continue
        key = f"{m.group('word')} {m.group('version')}"
        if key in keys:
            continue
        keys.add(key)
        forms = tuple(sorted({f[:len(m.group('word'))] + " " + f[len(m.group('word')):]
                              for f in n.forms if len(f) == len(n.key)}))
        out.append(dataclasses.replace(n, key=key, forms=forms or (key,),
                                       reason=(n.reason + "; spaced version of a name").lstrip(
                                           "; ")))
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


def _singular(word: str) -> str | None:
    """The singular of a plural English noun ("apps" -> "app", "libraries" -> "library",
    "switches" -> "switch"); None for a word that does not look like a regular plural
    ("analytics", "business", "status", "analysis")."""
    if len(word) < 4 or not word.isalpha() or not word.endswith("s") or \
            word.endswith(("ss", "us", "is", "ics")):
        return None
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def _inflected(names: list[MatchName], technical_ids: frozenset[str] = frozenset()
               ) -> list[MatchName]:
    """Each singular name with its last word in the plural ("api integrations" for "API
    integration", "dashboards" for "Dashboard"), when no name holds that key: same concept
    and context rule. Names of one word that need context, and ESCO names, are left
    alone. The plural multi-word names of technical Lightcast concepts (``technical_ids``)
    that need no context also get their singular when it is an English word ("web
    service" for "Web Services"; not "microsoft team" for "Microsoft Teams", a product)."""
    keys = {n.key for n in names}
    out = []
    for n in names:
        if n.source == "esco" or len(n.key) < 4:
            continue
        head, _, last = n.key.rpartition(" ")
        if not head and n.ambiguous:
            continue
        variant = _number_variant(last)
        how = "plural"
        if variant is None:
            # plurals of singular names only, but for technical concepts: a plural label's
            # singular is often another thing ("Job Descriptions" is a skill, a "Job
            # description:" heading is not), not so "Mobile Apps" or "Web Services"
            single = (_singular(last) if head and not n.ambiguous
                      and n.skill_id in technical_ids else None)
            if single is None or not english_zipf(single):
                continue  # not a plural: "Struts", "dbShards"
            variant, how = single, "singular"
        key = f"{head} {variant}" if head else variant
        if key in keys:
            continue
        keys.add(key)
        forms = tuple(sorted({f"{f.rsplit(' ', 1)[0]} {variant}" if head else variant
                              for f in n.forms}))
        out.append(dataclasses.replace(n, key=key, forms=forms,
                                       reason=(n.reason + f"; {how} of a name").lstrip(
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


# per taxonomy version (a hash of its content): a long-running caller (the REST API's
# skill cards) reads the matcher's names and the implied names once, not per concept
_SELECTED: dict[str, list[MatchName]] = {}
_EXTRA: dict[str, dict[str, list[tuple[str, str, str, str]]]] = {}


def _selected(taxonomy: Taxonomy) -> list[MatchName]:
    if taxonomy.version in _SELECTED:
        return _SELECTED[taxonomy.version]
    from skillpulse.extract.cache import cache_file, load_prepared

    found = load_prepared(cache_file(taxonomy.version, NamePolicy()))
    if found is not None:
        names = found.names
    else:
        from skillpulse.extract.pipeline import Extractor  # builds and caches the names

        names = Extractor(taxonomy, roles=False).matcher.names
    _SELECTED.clear()  # the newest taxonomy only
    _SELECTED[taxonomy.version] = names
    return names


def _extra_for(taxonomy: Taxonomy, model: SenseModel, concept: Concept
               ) -> list[tuple[str, str, str, str]]:
    """:func:`extra_names` of one concept (``model`` is ``sense_model(taxonomy)``)."""
    if taxonomy.version not in _EXTRA:
        per: dict[str, list[tuple[str, str, str, str]]] = {}
        for x in extra_names(taxonomy, model):
            per.setdefault(x[1], []).append(x)
        _EXTRA.clear()
        _EXTRA[taxonomy.version] = per
    return list(_EXTRA[taxonomy.version].get(concept.id, ()))
