"""Settings, declared once: name, type, default, environment variable, command-line flag, help.

Precedence, lowest first: the declared default < ``skillpulse.toml`` (in the project folder,
or the file given with ``--config`` / ``skillpulse.open(config=...)``) < the environment
(``SKILLPULSE_<NAME>``) < command-line flags or keyword arguments. :func:`resolve` applies it
once, at the edge (the CLI or :func:`skillpulse.open`), and the library receives the values
as arguments. The CLI builds its options from :data:`SETTINGS` (:mod:`skillpulse.cli.common`)
and ``README.md`` lists every setting (a test fails when one is missing).

A ``skillpulse.toml`` holds the settings by name, at top level or under ``[skillpulse]``::

    db = "market.duckdb"               # relative paths are relative to the file's folder
    taxonomy_files = ["my_skills.yaml"]
    workers = 1
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillpulse.errors import SettingsError

#: The project file looked for in the project folder.
CONFIG_NAME = "skillpulse.toml"
#: The environment variable naming a project file (same as ``--config``).
CONFIG_ENV = "SKILLPULSE_CONFIG"


@dataclass(frozen=True)
class Setting:
    """One setting. ``type``: ``path``, ``paths`` (a list of paths), ``int``, ``choice`` (one
    of ``choices``) or ``location`` (a local path or a URI such as ``s3a://bucket/lake``).

    ``flag`` is the command-line option generated for it; ``scope`` says where: ``command``
    options sit on the commands that use the setting, ``global`` ones on ``skillpulse``
    itself (``skillpulse --cache-dir DIR top ...``)."""

    name: str
    type: str
    default: Any
    help: str
    flag: str
    scope: str = "command"
    metavar: str = "PATH"
    choices: tuple[str, ...] = ()

    @property
    def env(self) -> str:
        return f"SKILLPULSE_{self.name.upper()}"


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "path", "skillpulse.duckdb", "Path of the DuckDB store.", "--db"),
    Setting(
        "taxonomy_files", "paths", (),
        "Taxonomy files merged on top of the default taxonomy, later files on top (flag "
        "repeatable; in the environment separated by the OS path separator).",
        "--taxonomy-file",
    ),
    Setting(
        "cache_dir", "path", str(Path.home() / ".cache" / "skillpulse"),
        "Where derived artefacts are cached (taxonomy pickle, label vectors, chart bundle).",
        "--cache-dir", scope="global", metavar="DIR",
    ),
    Setting("workers", "int", 2, "Processes used by store extraction.", "--workers",
            metavar="N"),
    Setting("engine", "choice", "duckdb",
            "The store's engine: duckdb (the --db file) or spark (the --lake folder; needs the "
            "spark extra and Java).", "--engine", metavar="ENGINE", choices=("duckdb", "spark")),
    Setting("lake", "location", None,
            "The Spark store: a folder or a URI such as s3a://bucket/lake (with --engine "
            "spark).", "--lake", metavar="PATH"),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """Resolved settings, and where each value came from (``default``, ``file``, ``env``,
    ``flag``)."""

    db: Path
    taxonomy_files: tuple[Path, ...]
    cache_dir: Path
    workers: int
    engine: str = "duckdb"
    lake: str | None = None
    config: Path | None = None
    sources: Mapping[str, str] = field(default_factory=dict)

    @property
    def store_location(self) -> str:
        """Where the store lives: the lake with the Spark engine, else the DuckDB file."""
        if self.engine == "spark":
            if self.lake is None:
                raise SettingsError("the Spark engine needs a lake: --lake PATH, "
                                    "SKILLPULSE_LAKE or lake = \"...\" in skillpulse.toml")
            return self.lake
        return str(self.db)

    def to_dict(self) -> dict[str, Any]:
        return {
            "db": str(self.db),
            "taxonomy_files": [str(p) for p in self.taxonomy_files],
            "cache_dir": str(self.cache_dir),
            "workers": self.workers,
            "engine": self.engine,
            "lake": self.lake,
            "config": None if self.config is None else str(self.config),
            "sources": dict(self.sources),
        }


def setting(name: str) -> Setting:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise SettingsError(_unknown(name, "setting")) from None


def _unknown(name: str, what: str) -> str:
    close = difflib.get_close_matches(name, list(_BY_NAME), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown {what} {name!r}{hint} (settings: {', '.join(_BY_NAME)})"


#: a URL scheme or a DuckDB service prefix (``md:``, ``motherduck:``, ``s3://``, ``https://``);
#: two letters at least, so a Windows drive (``C:``) is still a path
_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def is_remote(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a remote or service database rather than a local file."""
    return bool(_REMOTE.match(str(path)))


def _convert(s: Setting, value: Any, origin: str, base: Path | None) -> Any:
    """``value`` as the setting's type; relative paths from a file are taken from ``base``."""

    def path(v: Any) -> Path:
        if not isinstance(v, (str, os.PathLike)) or not str(v).strip():
            raise SettingsError(f"{origin}: {s.name} must be a path (a non-empty string)")
        if s.name == "db" and is_remote(v):  # before Path() folds "s3://b" into "s3:/b"
            raise SettingsError(f"store {v}: remote and service databases (md:, s3://, "
                                "https://, ...) are not supported; give the path of a local "
                                "DuckDB file")
        p = Path(v).expanduser()
        return base / p if base is not None and not p.is_absolute() else p

    if s.type == "path":
        return path(value)
    if s.type == "paths":
        if isinstance(value, (str, os.PathLike)):
            items: list[Any] = [value]
        elif isinstance(value, (list, tuple)):
            items = list(value)
        else:
            raise SettingsError(f"{origin}: {s.name} must be a list of paths")
        return tuple(path(v) for v in items)
    if s.type == "choice":
        if not isinstance(value, str) or value.strip().lower() not in s.choices:
            raise SettingsError(f"{origin}: {s.name} must be one of {', '.join(s.choices)}, "
                                f"not {value!r}")
        return value.strip().lower()
    if s.type == "location":
        if value is None:
            return None
        if not isinstance(value, (str, os.PathLike)) or not str(value).strip():
            raise SettingsError(f"{origin}: {s.name} must be a path or a URI")
        text = str(value).strip()
        if is_remote(text):  # a URI (s3a://bucket/lake) stays as written
            return text
        p = Path(text).expanduser()
        return str(base / p if base is not None and not p.is_absolute() else p)
    if s.type == "int":
        if isinstance(value, bool):
            raise SettingsError(f"{origin}: {s.name} must be an integer, not {value!r}")
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise SettingsError(f"{origin}: {s.name} must be an integer, not {value!r}") from None
        if number < 1:
            raise SettingsError(f"{origin}: {s.name} must be at least 1, not {number}")
        return number
    raise SettingsError(f"setting {s.name} has an unknown type {s.type!r}")  # pragma: no cover


def read_config(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The settings a ``skillpulse.toml`` file holds, converted (paths relative to it)."""
    import tomllib

    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"{p}: cannot read the settings file: {exc.strerror or exc}"
                            ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{p}: invalid TOML: {exc}") from exc
    if set(data) == {"skillpulse"} and isinstance(data["skillpulse"], dict):
        data = data["skillpulse"]
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _BY_NAME:
            raise SettingsError(f"{p}: {_unknown(key, 'setting')}")
        out[key] = _convert(_BY_NAME[key], value, f"{p}: {key}", p.parent)
    return out


def _from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for s in SETTINGS:
        raw = environ.get(s.env)
        if raw is None or (raw == "" and s.type != "paths"):
            continue
        value: Any = [p for p in raw.split(os.pathsep) if p.strip()] if s.type == "paths" else raw
        out[s.name] = _convert(s, value, f"environment variable {s.env}", None)
    return out


def find_config(project_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """``skillpulse.toml`` in ``project_dir`` (default: the current directory), if any."""
    candidate = Path(project_dir if project_dir is not None else Path.cwd()) / CONFIG_NAME
    return candidate if candidate.is_file() else None


def resolve(
    *,
    config: str | os.PathLike[str] | None = None,
    project_dir: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    **flags: Any,
) -> Settings:
    """Resolve every setting: default < settings file < environment < ``flags``.

    The settings file is ``config`` if given (it must exist), else ``$SKILLPULSE_CONFIG``,
    else ``skillpulse.toml`` in ``project_dir`` (default: the current directory) when there
    is one. ``flags`` are values given explicitly (a ``None`` value, or an empty tuple for a
    list setting, means "not given"). The default store is ``skillpulse.duckdb`` in
    ``project_dir`` when one is given.
    """
    env = os.environ if environ is None else environ
    for name in flags:
        setting(name)
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for s in SETTINGS:
        default = s.default
        if s.name == "db" and project_dir is not None:
            default = Path(project_dir) / s.default
        values[s.name] = _convert(s, default, "default", None)
        sources[s.name] = "default"
    path: Path | None = None
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise SettingsError(f"{path}: settings file not found")
    elif env.get(CONFIG_ENV):
        path = Path(env[CONFIG_ENV])
        if not path.is_file():
            raise SettingsError(f"{path}: settings file not found (from {CONFIG_ENV})")
    else:
        path = find_config(project_dir)
    layers: list[tuple[str, dict[str, Any]]] = []
    if path is not None:
        layers.append(("file", read_config(path)))
    layers.append(("env", _from_env(env)))
    given = {k: _convert(_BY_NAME[k], v, f"option {_BY_NAME[k].flag}", None)
             for k, v in flags.items() if v is not None and v != ()}
    layers.append(("flag", given))
    for origin, layer in layers:
        for name, value in layer.items():
            values[name] = value
            sources[name] = origin
    return Settings(config=path, sources=sources, **values)


_APPLIED: ContextVar[Settings | None] = ContextVar("skillpulse_settings", default=None)


@contextmanager
def applied(resolved: Settings) -> Iterator[Settings]:
    """Within the block, :func:`get` answers from ``resolved`` (the settings resolved at the
    edge), so library code that was given no value (a cache location deep inside) uses the
    same settings as the caller. The CLI and :class:`~skillpulse.workspace.Workspace` wrap
    each command or call in it."""
    token = _APPLIED.set(resolved)
    try:
        yield resolved
    finally:
        _APPLIED.reset(token)


def get(name: str, override: str | None = None) -> str:
    """One setting as text, for library code called without it as an argument:
    ``override``, else the settings :func:`applied` by the caller, else its environment
    variable, else its default (a settings file is read only by :func:`resolve`)."""
    s = setting(name)
    if override is not None:
        return override
    active = _APPLIED.get()
    if active is not None:
        value: Any = getattr(active, name)
        if s.type == "paths":
            return os.pathsep.join(str(p) for p in value)
        return str(value)
    value = os.environ.get(s.env)
    if value:
        return value
    return os.pathsep.join(s.default) if s.type == "paths" else str(s.default)


def db_path(override: str | None = None) -> Path:
    """The store path: ``override``, else ``SKILLPULSE_DB``, else ``./skillpulse.duckdb``."""
    return Path(get("db", override))
