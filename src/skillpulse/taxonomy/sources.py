"""Source names, their merge priority, and the kinds of names a concept can carry.

Every concept records where each of its names comes from (:class:`NameInfo`): the source
(``skillpulse-genai``, ``lightcast``, ``onet``, ``esco`` or a user file's ``name``) and the
kind of name. Merge priority and lookup order both follow :func:`source_rank`.
"""

from __future__ import annotations

#: the built-in generative-AI catalog's source name (the ``name`` in its YAML file)
CATALOG = "skillpulse-genai"
LIGHTCAST = "lightcast"
ONET = "onet"
ESCO = "esco"

#: general taxonomies, in merge priority order (after user files and the built-in catalog)
GENERAL_SOURCES: tuple[str, ...] = (LIGHTCAST, ONET, ESCO)

#: Name kinds, from most to least trustworthy as an identity of the concept:
#: ``label``: the preferred label in its source;
#: ``alias``: an alias curated in a catalog file (built-in or user);
#: ``derived``: a label with its parenthesised qualifier removed ("PyTorch" from Lightcast's
#: "PyTorch (Machine Learning Library)", "Python" from ESCO's "Python (computer programming)");
#: ``acronym``: the parenthesised acronym of a general-source label ("NLP" from
#: "Natural Language Processing (NLP)");
#: ``alt_label``: an ESCO alternative label (often long or generic).
NAME_KINDS: tuple[str, ...] = ("label", "alias", "derived", "acronym", "alt_label")
KIND_RANK: dict[str, int] = {k: i for i, k in enumerate(NAME_KINDS)}
#: one-letter codes of the kinds, for :attr:`Concept.name_codes`
KIND_CODE: dict[str, str] = {"label": "l", "alias": "a", "derived": "d", "acronym": "c",
                             "alt_label": "t"}
KIND_OF_CODE: dict[str, str] = {v: k for k, v in KIND_CODE.items()}

#: flags set on concepts that are groups of skills (ESCO skill groups, Lightcast categories
#: and subcategories, O*NET commodity classes), not skills
GROUP_FLAG = "skill_group"


def source_rank(source: str) -> int:
    """Merge and lookup priority of a source: lower wins.

    User files (any name that is not a known source) rank 0, the built-in catalog 1, then
    Lightcast 2, O*NET 3 and ESCO 4.
    """
    if source == CATALOG:
        return 1
    if source in GENERAL_SOURCES:
        return 2 + GENERAL_SOURCES.index(source)
    return 0


def is_curated(source: str) -> bool:
    """Whether a source is a reviewed catalog file (built-in or user), not a general taxonomy."""
    return source not in GENERAL_SOURCES
