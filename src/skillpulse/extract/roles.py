"""Role nouns imply their skill (method ``role``): "prompt engineer" -> Prompt engineering.

A search query or a posting title often names a role, not a skill: "data analyst", "android
developer", "senior prompt engineer". The role component reads ``<words> <role noun>`` and
looks up, in the taxonomy's full name index (every name of every source, best source
first), the activity the role practises:

1. ``<words> <activity>``, the role noun turned into its activity ("analyst" -> "analysis"
   or "analytics", "engineer" -> "engineering", "developer" -> "development");
2. else ``<words>`` alone when free text may match that name without context ("android"
   developer -> Android; not "lead" developer).

``<words>`` are the one to three words right before the role noun, longest first. The
mention spans the role phrase, with method ``role`` and confidence :data:`ROLE_CONFIDENCE`
(below the exact matcher's 1.0). Names on the generic-word list ("design", "sales") never
come out of a role, and only concepts of curated catalogs (the built-in one, user files) do:
the general taxonomies name whole trades ("Software Engineer" would give Software
Engineering for most titles and lead every top list). The component runs on search queries and on ``title`` fields only, and
is on by default (``Extractor(taxonomy, roles=False)`` or ``skillpulse extract --no-roles``
turns it off).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from skillpulse.extract.doc import Doc
from skillpulse.extract.mention import Mention
from skillpulse.extract.names import generic_names
from skillpulse.extract.normalize import normalize_name

__all__ = ["ROLE_CONFIDENCE", "ROLE_NOUNS", "RoleMatcher"]

#: confidence of a skill implied by a role noun
ROLE_CONFIDENCE = 0.8

#: role noun -> the activities it practises, most specific first
ROLE_NOUNS: dict[str, tuple[str, ...]] = {
    "engineer": ("engineering", "development"),
    "developer": ("development", "programming"),
    "programmer": ("programming", "development"),
    "analyst": ("analysis", "analytics"),
    "scientist": ("science",),
    "designer": ("design",),
    "architect": ("architecture",),
    "administrator": ("administration",),
    "admin": ("administration",),
    "tester": ("testing",),
    "writer": ("writing",),
    "editor": ("editing",),
    "translator": ("translation",),
    "consultant": ("consulting",),
    "trainer": ("training",),
    "marketer": ("marketing",),
    "animator": ("animation",),
    "illustrator": ("illustration",),
    "photographer": ("photography",),
    "researcher": ("research",),
    "modeler": ("modeling", "modelling"),
    "specialist": (),
    "expert": (),
}
_PLURAL = {f"{noun}s": noun for noun in ROLE_NOUNS}
_GENERAL_PREFIXES = ("lc.", "onet.", "esco.")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#.\-]*")


class RoleMatcher:
    """The ``role`` component (see module docs)."""

    name = "role"

    def __init__(self, index: Mapping[str, str], labels: Mapping[str, str],
                 free: frozenset[str], *, taxonomy_version: str = "") -> None:
        #: normalised name -> concept ID (the tag index: every name, best source first)
        self.index = index
        self.labels = labels
        #: names free text may match without context: the only ones a role's words may be
        #: alone ("android" developer; not "lead" developer)
        self.free = free
        self.taxonomy_version = taxonomy_version
        self._generic = generic_names()

    def __call__(self, doc: Doc) -> list[Mention]:
        if doc.kind != "searches" and doc.field != "title":
            return []
        text = doc.text
        if len(text) > 2000:  # titles and queries are short; a long field is no title
            return []
        words = [(m.start(), m.end(), m.group().rstrip(".").lower())
                 for m in _WORD.finditer(text)]
        out: list[Mention] = []
        taken_until = -1
        for j, (_, role_end, word) in enumerate(words):
            noun = word if word in ROLE_NOUNS else _PLURAL.get(word)
            if noun is None or j == 0:
                continue
            found = self._implied(words, j, noun, taken_until)
            if found is None:
                continue
            start, sid = found
            if sid.startswith(_GENERAL_PREFIXES):
                # general taxonomies name whole trades ("Software Engineer" -> Software
                # Engineering in every title): only curated concepts are implied
                continue
            if any(m.skill_id == sid for m in doc.mentions):
                continue  # the name itself is in the text: no weaker copy
            out.append(Mention(sid, self.labels.get(sid, sid), start, role_end,
                               text[start:role_end], "role", ROLE_CONFIDENCE, doc.field,
                               self.taxonomy_version))
            taken_until = role_end
        return out

    def _implied(self, words: list[tuple[int, int, str]], j: int, noun: str,
                 taken_until: int) -> tuple[int, str] | None:
        """(start of the role phrase, concept ID) for the role noun at ``words[j]``."""
        index = self.index
        generic = self._generic
        for n in (3, 2, 1):
            if j - n < 0 or words[j - n][0] < taken_until:
                continue
            head = normalize_name(" ".join(w for _, _, w in words[j - n:j]))
            for activity in ROLE_NOUNS[noun]:
                key = f"{head} {activity}"
                sid = index.get(key)
                if sid is not None and key not in generic:
                    return words[j - n][0], sid
            sid = index.get(head)
            if sid is not None and head in self.free and head not in generic:
                return words[j - n][0], sid
        return None
