"""The sense model of general-taxonomy names: may a name count in free text, and on what.

Lightcast, O*NET and ESCO hold 53,700 concepts whose names were written for a taxonomy, not
for matching prose: "Library", "Track (Rail Transport)", O*NET's "Analyze" and "Google",
"NICE (WFM Software)". Each name of a general source gets one decision, made from data:

- ``free``: the name is distinctive and counts wherever it appears;
- ``context``: it counts only when its context confirms the sense; the decision names the
  context rule (``profile``) and, for homonyms, the words that confirm the sense (``cues``);
- ``off``: it never counts in free text (tags still resolve it).

The evidence, in order (first rule that applies):

1. skill groups, and names longer than the source's limit (4 words; 5 for O*NET product
   names; 3 for ESCO alternative labels) are ``off``; so are ESCO names without a technical
   token (ESCO labels are verb phrases and loose synonyms) except natural languages;
2. the generic-word list (``data/generic_names.txt``) is ``off``, but for a single word of a
   technical concept ("debugging", "scalability"), and the head noun of a "Software X"
   label (kind ``head``: "testing"), which count only as items of a list of distinctive
   skills (the ``tech_list`` rule);
3. an acronym taken from a label's qualifier must spell the initials of that label
   ("Natural Language Processing (NLP)"); one that does not ("Zope (CMS)", "Xactly (SaaS)")
   names a category, not the concept: ``off``. A real acronym needs context: the default
   rule for a technical concept (a list, a technical cue), else the words of its expansion
   nearby;
4. the bare name of a qualified label ("Track" of "Track (Rail Transport)") is a homonym:
   it needs the qualifier's own words nearby ("rail"), or for a technical qualifier
   ("Software", "Operating System") a list of distinctive skills or a technical cue;
5. a spelling no English word has (digits, ``+#./``, an inner capital, upper case) is
   ``free`` unless it is an English word in upper case ("REDUCE", "NICE": the ``product``
   rule) or an English word but for its capitals ("ImPACT", "ProFile": the ``cased`` rule,
   counted only as written);
6. the word frequency in general English (Zipf scale, from ``wordfreq``; the table
   ``data/english_zipf.txt`` is derived from it, CC BY-SA 4.0) and the job-ad usage list
   (``data/ordinary_words.txt``, lower-case words of SkillSpan ads) decide for plain words:
   a software product or technical concept named by a common word ("Analyze", "Unity",
   "Google") needs the ``product`` rule (capitalised, not the first word of a longer name,
   a technical cue or a list); another common word (``plain``) counts where the text lists
   skills (next to an accepted or free skill, a list-shaped clause, after a colon, before
   "skills"/"experience") or near a technical cue, and a very common one (Zipf >= 5.0) is
   ``off``;
7. a name several concepts of the source share needs context; anything else is ``free``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from skillpulse.extract.normalize import normalize_name

if TYPE_CHECKING:
    from skillpulse.taxonomy.model import Concept, Taxonomy

__all__ = ["CONTEXT", "FREE", "OFF", "Sense", "SenseModel", "english_zipf", "inner_acronyms",
           "lightcast_product_names", "phrase_zipf"]

FREE = "free"
CONTEXT = "context"
OFF = "off"

#: a word at least this frequent (Zipf) is ordinary English
COMMON_ZIPF = 3.5
#: a free single-word name rarer than this confirms its neighbours (an anchor)
ANCHOR_MAX_ZIPF = 3.0
#: a plain word at least this frequent is never a skill in free text
VERY_COMMON_ZIPF = 5.0
#: each word of a multi-word product name at least this frequent: a name made of common words
COMMON_WORDS_ZIPF = 4.0
#: a word that starts at least this many O*NET product labels is a vendor ("Microsoft")
VENDOR_MIN_LABELS = 5
#: a vendor of at least this many labels names products by plain words too ("Apache Hive")
MAJOR_VENDOR_LABELS = 20
#: a vendor word rarer than this in English is a name ("Oracle", "Apache"), not an adjective
#: that starts product labels ("Visual", "Virtual", "Digital")
BRAND_MAX_ZIPF = 4.0
#: the same for a major vendor ("Microsoft" 4.4 is a name; "Digital" 4.8 is not)
MAJOR_BRAND_MAX_ZIPF = 4.6

GENERAL = frozenset(["lightcast", "onet", "esco"])
_TECHY = re.compile(r"[0-9+#./]|[a-z][A-Z]|^[A-Z]{2,}")
_QUALIFIED = re.compile(r"^(?P<base>[^()]*[^\s()])\s*\((?P<qual>[^()]+)\)$")
_WORD = re.compile(r"[a-z]+")
#: punctuation the dictionary matcher reads as a word break (see its ``_BREAKS``)
_MATCHER_BREAKS = re.compile(r"[!\"$%&'()*,/:;<=>?@\[\\\]^`{|}~]")
#: what an apostrophe leaves as a word of its own ("everyone's voice", "don't")
_CLITICS = frozenset(["s", "t", "d", "m"])
_STOP = frozenset(["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"])
#: words of a qualifier that make the sense technical ("Capybara (Software)")
_TECH_QUALIFIER = frozenset(
    ["software", "programming", "language", "languages", "framework", "library", "database", "system", "systems", "operating", "platform", "tool", "tools", "computing", "computer", "network", "networking", "protocol", "cloud", "web", "application", "applications", "api", "data", "markup", "scripting", "query", "engine"])
_TECH_CATEGORY = ("information technology", "software", "icts", "working with computers")


@dataclass(frozen=True)
class Sense:
    """The decision on one name (see module docs)."""

    usage: str
    reason: str
    #: the context rule of a ``context`` name
    profile: str = "default"
    #: words that confirm the sense (a qualifier's or an acronym expansion's words)
    cues: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _zipf_table() -> dict[str, float]:
    text = resources.files("skillpulse.extract").joinpath("data", "english_zipf.txt").read_text(
        "utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        if not line or line[0] == "#":
            continue
        word, _, z = line.partition(" ")
        out[word] = float(z)
    return out


def english_zipf(word: str) -> float:
    """Zipf frequency of one word in general English (0.0 below 2.5 or unknown)."""
    return _zipf_table().get(word.lower(), 0.0)


def phrase_zipf(text: str) -> float:
    """Zipf frequency of a phrase, combined as ``wordfreq`` does (1/f = sum of 1/f_i); a
    token that is not an English word counts as Zipf 1.0."""
    toks = normalize_name(text).replace("-", " ").split()
    if not toks:
        return 0.0
    table = _zipf_table()
    inv = 0.0
    for tok in toks:
        z = table.get(tok, 0.0) if tok.isalpha() else 0.0
        inv += 1.0 / 10 ** (z if z > 0 else 1.0)
    from math import log10

    z = -log10(inv)
    return round(z, 2) if z > 1.0 else 0.0


def _content_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) >= 3)


def _initials(text: str) -> str:
    """Initials of a label; a token in upper case gives all its letters ("Voice Over IP")."""
    out = []
    for tok in re.findall(r"[A-Za-z0-9]+", text):
        if len(tok) > 1 and tok.isupper():
            out.append(tok)
        elif tok.lower() in ("a", "an", "the") and out:
            continue
        else:
            out.append(tok[0])
    return "".join(out).lower()


def _acronym_of(acronym: str, base: str) -> bool:
    """Whether ``acronym`` abbreviates ``base``: its initials (small words optional), or
    prefixes of its words in order starting with the first ("FinTech" of "Financial
    Technology", "J2EE" of "Java Platform Enterprise Edition")."""
    letters = re.sub(r"[^a-z0-9]", "", acronym.lower())
    if not letters:
        return False
    full = _initials(base)
    if letters == full:
        return True
    content = _initials(" ".join(t for t in base.split() if t.lower() not in _STOP))
    if letters == content:
        return True
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", base)]
    alpha = re.sub(r"[^a-z]", "", letters)
    return bool(words and alpha and alpha[0] == words[0][0] and _prefixes(alpha, words))


def _prefixes(letters: str, words: list[str]) -> bool:
    """Whether ``letters`` splits into non-empty prefixes of some of ``words``, in order,
    the first of them from ``words[0]``."""
    if not letters:
        return True
    if not words:
        return False
    head = words[0]
    for n in range(min(len(head), len(letters)), 0, -1):
        if letters[:n] == head[:n] and any(
                _prefixes(letters[n:], words[k:]) for k in range(1, len(words) + 1)):
            return True
    return False


def _onet(concept: Concept | None) -> bool:
    """An O*NET technology (a software product), alone or merged into another concept."""
    if concept is None:
        return False
    return concept.id.startswith("onet.") or any(src == "onet" for src, _ in concept.sources)


def technical(concept: Concept | None) -> bool:
    """A software product (O*NET technology) or a concept of a technical category."""
    if concept is None:
        return False
    if _onet(concept):
        return True
    cat = (concept.category or "").lower()
    return any(t in cat for t in _TECH_CATEGORY)


class SenseModel:
    """Decisions for the names of one taxonomy (see module docs)."""

    def __init__(self, taxonomy: Taxonomy | None = None, *,
                 generic: frozenset[str] = frozenset(),
                 ordinary: frozenset[str] = frozenset()) -> None:
        self.generic = generic
        self.ordinary = ordinary
        self.vendors: frozenset[str] = frozenset()
        self.major_vendors: frozenset[str] = frozenset()
        #: vendors and their acronyms as they start technical Lightcast labels ("AWS")
        self.vendor_prefixes: frozenset[str] = frozenset()
        #: a vendor's platform acronym -> the vendor ("aws" -> "amazon")
        self.vendor_acronyms: dict[str, str] = {}
        if taxonomy is not None:
            counts = vendor_counts(taxonomy)  # one pass over the taxonomy for both sets
            self.vendors = vendor_words(counts)
            self.major_vendors = major_vendors(counts)
            self.vendor_prefixes, self.vendor_acronyms = vendor_prefixes(taxonomy,
                                                                         self.vendors)

    def decide(self, text: str, source: str, kind: str, concept: Concept | None, *,
               shared: int = 1, group: bool = False) -> Sense:
        """The decision on one name of a general source (see module docs)."""
        stripped = text.strip()
        key = normalize_name(stripped)
        words = len(key.split())
        if group:
            return Sense(OFF, "a skill group, not a skill")
        limit = 5 if source == "onet" else 4
        if source == "esco" and kind == "alt_label":
            limit = 3
        if words > limit:
            return Sense(OFF, f"longer than {limit} words: a description, not a name")
        if key in self.generic:
            own = kind != "derived" or not concept or _QUALIFIED.match(concept.label.strip())
            if source != "esco" and own and words == 1 and technical(concept) and \
                    phrase_zipf(key) < VERY_COMMON_ZIPF:
                # "debugging", "scalability", "front end": a skill where a list of
                # distinctive skills holds it ("Python, debugging, Docker"), else a word
                return Sense(CONTEXT, "generic word (data/generic_names.txt) of a technical "
                             "concept: only as an item of a list of distinctive skills",
                             "tech_list")
            return Sense(OFF, "generic word (data/generic_names.txt)")
        if kind == "head" and concept is not None:
            return Sense(CONTEXT, f"the head noun of '{concept.label}': only as an item of a "
                         "list of distinctive skills", "tech_list")
        if words > 1 and key.split(" ", 1)[0] in _CLITICS:
            # "S Voice": the matcher reads "everyone's voice" as "everyone s voice"
            return Sense(CONTEXT, "starts with a letter that a possessive or contraction "
                         "leaves ('s, 't, 'd, 'm): counts only as written", "cased")
        techy = bool(_TECHY.search(stripped))
        if source == "esco" and not techy and kind != "derived":
            return Sense(OFF, "ESCO name without a technical token")
        label = concept.label if concept is not None else stripped
        m = _QUALIFIED.match(label.strip())
        tech = technical(concept)
        if kind == "acronym":
            base = m.group("base") if m else label
            if not _acronym_of(stripped, base):
                # "Simple network management protocol SNMP software": an acronym written
                # after the words it abbreviates
                inner = inner_acronym_base(stripped, label)
                if inner is None:
                    return Sense(OFF, f"qualifier '{stripped}' is not the acronym of '{base}'")
                base = inner
            if shared <= 1 and not stripped.isupper() and not stripped.islower() and \
                    english_zipf(key) < COMMON_ZIPF:
                return Sense(FREE, f"mixed-case acronym of '{base}', no English word")
            cues = _content_words(base)
            if tech and english_zipf(key) < COMMON_ZIPF:
                return Sense(CONTEXT, f"acronym of '{base}' (a technical concept): the "
                             "default context rule")
            return Sense(CONTEXT, f"acronym of '{base}': needs its words nearby"
                         + (" or a list of skills" if tech else ""),
                         "sense_tech" if tech else "sense", cues)
        if kind == "derived" and m is not None and normalize_name(m.group("base")) == key:
            qual = m.group("qual").strip()
            if _acronym_of(qual, stripped):
                pass  # "Natural Language Processing (NLP)": the base is the expansion
            elif techy and source != "esco" and not (
                    stripped.isupper() and english_zipf(key) >= COMMON_ZIPF):
                return Sense(FREE, f"distinctive spelling (label qualified by '{qual}')")
            else:
                cues = _content_words(qual)
                tq = tech or bool(_TECH_QUALIFIER.intersection(cues))
                return Sense(CONTEXT, f"homonym: needs the sense '{qual}' nearby"
                             + (" or a list of skills" if tq else ""),
                             "sense_tech" if tq else "sense", cues)
        # the words as the matcher sees them: punctuation it reads as a space ("Act!",
        # "people@work") distinguishes nothing
        seen = _MATCHER_BREAKS.sub(" ", key).split() or [key]
        z = phrase_zipf(" ".join(seen))
        if techy and all(w.isalpha() for w in seen) and not _TECHY.search(
                _MATCHER_BREAKS.sub(" ", stripped)):
            techy = False
        words = len(seen)
        if techy:
            if stripped.isupper() and stripped.isalpha() and len(stripped) >= 3 and (
                    z >= COMMON_WORDS_ZIPF or (len(stripped) >= 4 and z >= COMMON_ZIPF)):
                return Sense(CONTEXT, f"English word in upper case (Zipf {z})", "product")
            if words == 1 and stripped.isalpha() and not stripped.isupper() and \
                    z >= COMMON_ZIPF:
                return Sense(CONTEXT, "an English word but for its capitals: counts only "
                             "as written", "cased")
            return Sense(FREE, "distinctive spelling")
        vendor_product = kind == "derived" and not label.startswith(stripped) and \
            label.endswith(stripped) and (_onet(concept) or (
                concept is not None and concept.id.startswith("lc.")))
        if words == 1 and vendor_product and (
                z >= COMMON_ZIPF or key in self.ordinary or (z > 0 and not _onet(concept))):
            return Sense(CONTEXT, f"product name left by its vendor's name, a common word "
                         f"(Zipf {z}): only capitalised in a list of skills", "listed")
        if words == 1:
            # job ads write technical terms in lower case too ("multithreading",
            # "mechatronics"): that usage makes a word common only if English has it at all
            common = z >= COMMON_ZIPF or (key in self.ordinary and z > 0)
            if key in self.vendors and _onet(concept):
                return Sense(CONTEXT, "company name (first word of many product names)",
                             "company")
            if common and tech:
                return Sense(CONTEXT, f"technical concept named by a common word (Zipf {z})",
                             "product")
            if common and z >= VERY_COMMON_ZIPF:
                return Sense(OFF, f"very common English word (Zipf {z})")
            if common:
                return Sense(CONTEXT, f"ordinary English word (Zipf {z}"
                             + (", used in lower case in job ads" if key in self.ordinary
                                else "") + "): needs a list of skills", "plain")
        elif tech and _onet(concept) and all(
                english_zipf(w) >= COMMON_WORDS_ZIPF for w in seen):
            return Sense(CONTEXT, "product named by common words", "product")
        if words == 1:
            return Sense(FREE, f"rare in English (Zipf {z})" if z else "not an English word")
        return Sense(FREE, "multi-word name")


def vendor_words(counts: Counter[str]) -> frozenset[str]:
    """First words of at least ``VENDOR_MIN_LABELS`` O*NET product labels, followed by a
    capitalised word ("Microsoft Word", "Google Analytics"): vendors."""
    # a very common English word ("Data", "Advanced", "American") starts names, it is no vendor
    return frozenset(w for w, n in counts.items()
                     if n >= VENDOR_MIN_LABELS and english_zipf(w) < VERY_COMMON_ZIPF)


def major_vendors(counts: Counter[str]) -> frozenset[str]:
    """Vendors of at least ``MAJOR_VENDOR_LABELS`` O*NET product labels ("Apache", "Oracle")."""
    return frozenset(w for w, n in counts.items() if n >= MAJOR_VENDOR_LABELS)


def vendor_prefixes(taxonomy: Taxonomy, vendors: frozenset[str]
                    ) -> tuple[frozenset[str], dict[str, str]]:
    """The vendors (:func:`vendor_words`) that are names, not English words used as the first
    word of product labels ("Oracle", "Apache"; not "Visual", "Virtual", "Digital": Zipf
    below ``BRAND_MAX_ZIPF``, a major vendor below ``MAJOR_BRAND_MAX_ZIPF``: "Microsoft", or
    an upper-case acronym of up to three letters or rare in English: "HP", "IBM"), and the
    acronym of a vendor's platform ("AWS" of "Amazon Web Services AWS software") that starts
    at least ``VENDOR_MIN_LABELS`` labels of its own; with that acronym -> vendor ("aws" ->
    "amazon")."""
    counts = vendor_counts(taxonomy)
    brands = {v for v in vendors if english_zipf(v) < BRAND_MAX_ZIPF or (
        counts[v] >= MAJOR_VENDOR_LABELS and english_zipf(v) < MAJOR_BRAND_MAX_ZIPF)}
    firsts: Counter[str] = Counter()
    acronyms: dict[str, str] = {}
    for concept in taxonomy:
        label = concept.label
        toks = label.split()
        if len(toks) >= 2 and toks[0].isupper() and toks[0].isalpha() and \
                normalize_name(toks[0]) in vendors and (
                    len(toks[0]) <= 3 or english_zipf(toks[0]) < COMMON_ZIPF):
            brands.add(normalize_name(toks[0]))
        if len(toks) >= 2 and toks[1][:1].isupper():
            firsts[normalize_name(toks[0])] += 1
        vendor = normalize_name(toks[0]) if len(toks) >= 2 else ""
        if vendor in vendors:
            m = _QUALIFIED.match(label.strip())
            if m and " " in m.group("base") and _acronym_of(m.group("qual"), m.group("base")):
                acronyms.setdefault(normalize_name(m.group("qual")), vendor)
            for a in inner_acronyms(concept, min_len=3):
                acronyms.setdefault(normalize_name(a), vendor)
    # the vendor's platform acronym, when it starts labels of its own ("AWS CloudFormation")
    own = {a: v for a, v in acronyms.items() if firsts[a] >= VENDOR_MIN_LABELS
           and english_zipf(a) < COMMON_ZIPF}
    return frozenset(brands | set(own)), own


def vendor_counts(taxonomy: Taxonomy) -> Counter[str]:
    """How many O*NET product labels each capitalised first word starts ("Microsoft Word")."""
    counts: Counter[str] = Counter()
    for concept in taxonomy:
        if not _onet(concept) or "skill_group" in concept.flags:
            continue
        toks = concept.label.split()
        if len(toks) >= 2 and toks[0][:1].isupper() and toks[1][:1].isupper():
            counts[normalize_name(toks[0])] += 1
    return counts


#: second words that make the vendor two words ("Elite Software DPIPE")
_VENDOR_TAIL = frozenset(["software", "technologies", "technology", "systems", "group", "corporation", "inc", "solutions", "labs", "international"])


def product_names(concept: Concept, vendors: frozenset[str],
                  word_tools: frozenset[str] = frozenset(),
                  major: frozenset[str] = frozenset()) -> Iterator[str]:
    """Product names inside an O*NET label: the label without its vendor ("SharePoint" of
    "Microsoft SharePoint"), or the repeated product name ("Unity" of "Unity Technologies
    Unity"). A single common word left alone ("Drive" of "Google Drive") is no name, unless
    it is a known word-tool name ("Word")."""
    if not _onet(concept):
        return
    toks = concept.label.split()
    if len(toks) < 2:
        return
    if len(toks) >= 3 and toks[-1] == toks[0]:
        yield toks[-1]
        return
    if normalize_name(toks[0]) in vendors and len(toks) <= 4:
        rest_toks = toks[1:]
        if rest_toks[0].lower() in _VENDOR_TAIL:
            rest_toks = rest_toks[1:]
        rest = " ".join(rest_toks)
        if rest_toks and len(rest) >= 3 and "(" not in rest and all(
                t[:1].isupper() or t[:1].isdigit() for t in rest_toks):
            z = english_zipf(rest)
            if len(rest_toks) == 1 and not _TECHY.search(rest) and z > 0 and \
                    normalize_name(rest) not in word_tools and (
                        z >= COMMON_ZIPF or normalize_name(toks[0]) not in major):
                return
            yield rest


_INNER_ACRONYM = re.compile(r"^[A-Z]{3,6}[0-9]?$")


def inner_acronym_base(token: str, label: str, *, min_len: int = 4) -> str | None:
    """The words of ``label`` right before ``token`` that ``token`` abbreviates ("Simple
    network management protocol" for "SNMP" in "Simple network management protocol SNMP
    software"), or None. The token (``min_len`` to six capitals, a digit allowed at the end)
    ends the label, is written in parentheses, or is followed by "software"."""
    if not _INNER_ACRONYM.match(token) or sum(c.isalpha() for c in token) < min_len:
        return None
    toks = label.replace("(", " ").replace(")", " ").split()
    if token not in toks[1:]:
        return None
    i = toks.index(token, 1)
    if i < len(toks) - 1 and f"({token})" not in label and toks[i + 1].lower() != "software":
        return None  # "... (CCNP) Wireless" is a variant; "CCNP Wireless" is not "CCNP"
    for j in range(max(0, i - 6), i - 1):
        base = " ".join(toks[j:i])
        if _initials(base) == token.lower() or _initials(" ".join(
                t for t in toks[j:i] if t.lower() not in _STOP)) == token.lower():
            return base
    return None


def inner_acronyms(concept: Concept, *, min_len: int = 4) -> Iterator[str]:
    """Acronyms of at least ``min_len`` letters written inside a label after the words they
    abbreviate ("SNMP" of "Simple network management protocol SNMP software"; three-letter
    ones, "OMS", "EMS", name too many things)."""
    label = concept.label
    for tok in sorted(set(label.replace("(", " ").replace(")", " ").split()[2:])):
        if inner_acronym_base(tok, label, min_len=min_len) is not None:
            yield tok


def lightcast_product_names(concept: Concept, prefixes: frozenset[str],
                            generic_words: frozenset[str] = frozenset()) -> Iterator[str]:
    """Product names inside a technical Lightcast label that starts with a vendor or its
    acronym (:func:`vendor_prefixes`): "Flink" of "Apache Flink", "CloudFormation" of "AWS
    CloudFormation". One word must be rarer in English than ``ANCHOR_MAX_ZIPF`` ("Storm",
    "Lambda", "Text": no name; "Tomcat", "Maven", English words all the same, count only
    capitalised in a list of skills: the sense model's ``listed`` rule); several words must
    hold a word English lacks or a technical spelling ("Tiered Storage", "Elastic Container
    Registry": no name)."""
    if not concept.id.startswith("lc."):
        return  # the vendor (a software vendor of O*NET's products) makes it a product
    m = _QUALIFIED.match(concept.label.strip())
    base = m.group("base") if m else concept.label
    toks = base.split()
    if not 2 <= len(toks) <= 4 or normalize_name(toks[0]) not in prefixes:
        return
    rest = toks[1:]
    if not all(t[:1].isupper() or t[:1].isdigit() for t in rest):
        return
    if len(rest) == 1:
        if english_zipf(rest[0]) >= ANCHOR_MAX_ZIPF and not _TECHY.search(rest[0]):
            return  # an English word: "Streams", "Text", "Lambda", "Workflow"
    elif not any(english_zipf(t) == 0 or _TECHY.search(t) for t in rest):
        return  # English words: "Data Pump", "Tiered Storage", "Search Appliance"
    name = " ".join(rest)
    key = normalize_name(name)
    if len(rest) == 1 and ((name.isupper() and len(name) <= 4) or not any(
            c.isalpha() for c in name) or key in generic_words or key.rstrip("s") in generic_words):
        return  # "SDK", "DNS" (the vendor's own of a generic thing), "3000", "APIs"
    if len(name) >= 3:
        yield name


#: an upper-case token written in at least this many labels is an acronym in use ("SOA" in
#: "Oracle SOA Suite", "SOA Governance", ...)
UPPER_ACRONYM_MIN_LABELS = 3


def acronym_tokens(taxonomy: Taxonomy) -> dict[str, str]:
    """Acronym-shaped tokens written in labels ("VoIP" in "VoIP Recording"): lower case ->
    spelling. Mixed-case ones, and upper-case ones of three to five letters that at least
    ``UPPER_ACRONYM_MIN_LABELS`` labels write and that are no common English word ("SOA",
    "ORM"; not "CASE")."""
    out: dict[str, str] = {}
    upper: Counter[str] = Counter()
    for concept in taxonomy:
        for tok in set(re.findall(r"[A-Za-z]{3,6}", concept.label)):
            if sum(c.isupper() for c in tok) >= 2 and not tok.isupper() and tok[0].isupper():
                out.setdefault(tok.lower(), tok)
            elif tok.isupper() and len(tok) <= 5:
                upper[tok] += 1
    for tok, n in upper.items():
        if n >= UPPER_ACRONYM_MIN_LABELS and english_zipf(tok) < COMMON_ZIPF:
            out.setdefault(tok.lower(), tok)
    return out


def label_acronym(concept: Concept, tokens: dict[str, str]) -> str | None:
    """The acronym other labels use for this concept's label ("VoIP" for "Voice Over IP"):
    the label's initials, written as a mixed-case token elsewhere in the taxonomy."""
    label = concept.label
    if "(" in label or not 2 <= len(label.split()) <= 5:
        return None
    return tokens.get(_initials(label))
