"""The catalog file format (the built-in gen-AI catalog and users' own files).

A catalog is a YAML (or JSON, a subset of YAML) mapping::

    name: skillpulse-genai          # the source name recorded in every concept's sources
    version: "2026.11.1"            # a string: quote it
    concepts:
      - id: sp.chatgpt              # required, unique in the file
        label: ChatGPT              # required
        aliases: [chat gpt, chatgpt-4]
        ambiguous: []               # subset of label/aliases that need context in text
        category: generative-ai
        parent: sp.large-language-models
        description: OpenAI's conversational assistant.
        roles: [AI chatbot developer]
        flags: []

The file is validated on the YAML node tree, so every error names the file, the line and the
field at fault (:class:`~skillpulse.errors.TaxonomyFileError`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from skillpulse.errors import TaxonomyFileError
from skillpulse.taxonomy.model import Concept, Taxonomy, normalize_label

log = logging.getLogger(__name__)

BUILTIN_FILE = "genai_catalog.yaml"
#: further files of the built-in catalog (same ``name``), loaded after it (issue 19): the
#: concepts of 2024-2026 kept apart from the main file, and the current-tools layer built by
#: ``scripts/build_current_tools.py`` (IDs ``tools.*``)
BUILTIN_EXTRA_FILES = ("catalog_2026.yaml", "current_tools.yaml")

TOP_FIELDS = ("name", "version", "description", "concepts")
CONCEPT_FIELDS = (
    "id", "label", "aliases", "ambiguous", "category", "parent", "description", "roles",
    "flags",
)
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:+#-]*$")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class _Ctx:
    path: str

    def fail(self, node: yaml.Node | None, field: str | None, reason: str) -> TaxonomyFileError:
        line = node.start_mark.line + 1 if node is not None else None
        return TaxonomyFileError(self.path, line, field, reason)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kind = node.tag.rsplit(":", 1)[-1]
    return f"{kind} {node.value!r}" if kind != "null" else "empty"


def _mapping(ctx: _Ctx, node: yaml.Node, field: str | None, allowed: tuple[str, ...]
             ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise ctx.fail(node, field, f"expected a mapping, got {_describe(node)}")
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            raise ctx.fail(key_node, field, f"keys must be field names, got {_describe(key_node)}")
        key = key_node.value
        where = f"{field}.{key}" if field else key
        if key not in allowed:
            raise ctx.fail(key_node, where, f"unknown field; expected one of: {', '.join(allowed)}")
        if key in out:
            first = out[key][0].start_mark.line + 1
            raise ctx.fail(key_node, where, f"duplicate field (first given on line {first})")
        out[key] = (key_node, value_node)
    return out


def _string(ctx: _Ctx, node: yaml.Node, field: str, *, required: bool = False) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
        if required:
            raise ctx.fail(node, field, "is required and must not be empty")
        return None
    if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
        hint = " (quote it)" if isinstance(node, yaml.ScalarNode) else ""
        raise ctx.fail(node, field, f"expected a string, got {_describe(node)}{hint}")
    value = node.value.strip()
    if required and not value:
        raise ctx.fail(node, field, "is required and must not be empty")
    return value


def _required(ctx: _Ctx, node: yaml.Node, field: str) -> str:
    value = _string(ctx, node, field, required=True)
    if value is None:  # unreachable: required=True raises on empty values
        raise ctx.fail(node, field, "is required and must not be empty")
    return value


def _strings(ctx: _Ctx, node: yaml.Node, field: str) -> list[str]:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise ctx.fail(node, field, f"expected a list of strings, got {_describe(node)}")
    out: list[str] = []
    for i, item in enumerate(node.value):
        out.append(_required(ctx, item, f"{field}[{i}]"))
    return out


def _dedupe(names: list[str], exclude: set[str]) -> list[str]:
    seen = set(exclude)
    out = []
    for n in names:
        key = normalize_label(n)
        if key not in seen:
            seen.add(key)
            out.append(n)
    return out


def _prescan_id(node: yaml.Node) -> str | None:
    """The concept's ID, if its mapping has a usable one, to name fields in messages."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if (isinstance(key, yaml.ScalarNode) and key.value == "id"
                and isinstance(value, yaml.ScalarNode) and value.tag == _STR
                and _ID_RE.match(value.value.strip())):
            return str(value.value.strip())
    return None


def parse_catalog(text: str, path: str, *, known_ids: Iterable[str] = ()) -> Taxonomy:
    """Parse and validate catalog text; ``path`` is only used in error messages."""
    ctx = _Ctx(path)
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise TaxonomyFileError(path, line, None, f"not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise TaxonomyFileError(path, None, None, f"not valid YAML: {exc}") from None
    if root is None:
        raise TaxonomyFileError(path, None, None, "the file is empty")
    top = _mapping(ctx, root, None, TOP_FIELDS)
    for required in ("name", "version", "concepts"):
        if required not in top:
            raise ctx.fail(root, required, "is required")
    name = _required(ctx, top["name"][1], "name")
    if not _NAME_RE.match(name):
        raise ctx.fail(top["name"][1], "name", "must be letters, digits, '.', '_' or '-'")
    version = _required(ctx, top["version"][1], "version")
    seq = top["concepts"][1]
    if not isinstance(seq, yaml.SequenceNode):
        raise ctx.fail(seq, "concepts", f"expected a list of concepts, got {_describe(seq)}")

    concepts: list[Concept] = []
    id_lines: dict[str, int] = {}
    parent_nodes: list[tuple[str, str, yaml.Node, str]] = []
    for i, node in enumerate(seq.value):
        index_where = f"concepts[{i}]"
        where = _prescan_id(node) or index_where
        fields = _mapping(ctx, node, index_where if where == index_where else where,
                          CONCEPT_FIELDS)
        if "id" not in fields:
            raise ctx.fail(node, f"{index_where}.id", "is required")
        if "label" not in fields:
            raise ctx.fail(node, f"{where}.label", "is required")
        cid = _required(ctx, fields["id"][1], f"{index_where}.id")
        id_node = fields["id"][1]
        if not _ID_RE.match(cid):
            raise ctx.fail(id_node, f"{index_where}.id",
                           f"invalid ID {cid!r}: use letters, digits and . _ - : + #")
        if cid in id_lines:
            raise ctx.fail(id_node, f"{index_where}.id",
                           f"duplicate ID {cid!r} (first on line {id_lines[cid]})")
        id_lines[cid] = id_node.start_mark.line + 1
        where = cid

        def opt(key: str, _f: dict[str, tuple[yaml.Node, yaml.Node]] = fields,
                _w: str = where) -> str | None:
            return _string(ctx, _f[key][1], f"{_w}.{key}") if key in _f else None

        def many(key: str, _f: dict[str, tuple[yaml.Node, yaml.Node]] = fields,
                 _w: str = where) -> list[str]:
            return _strings(ctx, _f[key][1], f"{_w}.{key}") if key in _f else []

        label = _required(ctx, fields["label"][1], f"{where}.label")
        raw_aliases = many("aliases")
        aliases = _dedupe(raw_aliases, {normalize_label(label)})
        if len(aliases) != len(raw_aliases):
            log.warning("%s:%s: %s.aliases repeats a name; duplicates ignored",
                        path, fields["aliases"][1].start_mark.line + 1, cid)
        own = {normalize_label(n) for n in (label, *aliases)}
        ambiguous = many("ambiguous")
        for j, amb in enumerate(ambiguous):
            if normalize_label(amb) not in own:
                amb_node = fields["ambiguous"][1]
                item = amb_node.value[j] if isinstance(amb_node, yaml.SequenceNode) else amb_node
                raise ctx.fail(item, f"{where}.ambiguous[{j}]",
                               f"{amb!r} is neither the label nor an alias of {cid}")
        parent = opt("parent")
        if parent is not None:
            if parent == cid:
                raise ctx.fail(fields["parent"][1], f"{where}.parent", "a concept cannot be its own parent")
            parent_nodes.append((cid, parent, fields["parent"][1], f"{where}.parent"))
        concepts.append(Concept(
            id=cid,
            label=label,
            aliases=tuple(aliases),
            ambiguous=tuple(_dedupe(ambiguous, set())),
            category=opt("category") or None,
            parent=parent,
            description=opt("description") or "",
            roles=tuple(_dedupe(many("roles"), set())),
            sources=((name, cid),),
            flags=tuple(sorted(set(many("flags")))),
            name_codes="l" + "a" * len(aliases),
        ))

    known = set(known_ids) | set(id_lines)
    parents = {cid: parent for cid, parent, _, _ in parent_nodes}
    for cid, parent, node, field in parent_nodes:
        if parent not in known:
            raise ctx.fail(node, field, f"unknown parent {parent!r}: not a concept of this file"
                           + (" or of the taxonomy it extends" if known_ids else ""))
        seen = {cid}
        cur: str | None = parent
        while cur is not None and cur in parents:
            if cur in seen:
                raise ctx.fail(node, field, f"parent cycle through {cur!r}")
            seen.add(cur)
            cur = parents.get(cur)
    return Taxonomy.from_concepts(concepts, {name: version})


def load_catalog(path: Path, *, known_ids: Iterable[str] = ()) -> Taxonomy:
    """Load a catalog file; any problem raises :class:`TaxonomyFileError` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TaxonomyFileError(str(path), None, None, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyFileError(str(path), None, None, f"cannot read: {exc}") from None
    return parse_catalog(text, str(path), known_ids=known_ids)


def _builtin_file_text(name: str) -> str:
    return (resources.files("skillpulse.taxonomy") / "data" / name).read_text("utf-8")


def builtin_text() -> str:
    """The text of the built-in catalog files (the main file, then the extra files)."""
    return "\n".join(_builtin_file_text(n) for n in (BUILTIN_FILE, *BUILTIN_EXTRA_FILES))


def load_builtin(*, extra: bool = False, without: Sequence[str] = ()) -> Taxonomy:
    """The built-in generative-AI catalog ``genai_catalog.yaml``; with ``extra`` also the
    extra files (:data:`BUILTIN_EXTRA_FILES`, loaded by the default taxonomy), whose parents
    may name the main file's concepts. An ID defined twice is an error naming the second
    file. The catalog alone (``Taxonomy.builtin()``, the demo's fast taxonomy) keeps the main
    file only, the vocabulary of the synthetic marketplace's truth. ``without`` names extra
    files to leave out (the current-tools build compares against the taxonomy without its
    own layer)."""
    main = parse_catalog(_builtin_file_text(BUILTIN_FILE),
                         f"skillpulse/taxonomy/data/{BUILTIN_FILE}")
    if not extra:
        return main
    concepts = dict(main.concepts)
    for name in BUILTIN_EXTRA_FILES:
        if name in without:
            continue
        where = f"skillpulse/taxonomy/data/{name}"
        more = parse_catalog(_builtin_file_text(name), where, known_ids=concepts)
        for cid, c in more.concepts.items():
            if cid in concepts:
                raise TaxonomyFileError(where, None, cid, "ID already defined by the catalog")
            concepts[cid] = c
    return Taxonomy.from_concepts(concepts.values(), main.source_versions)
