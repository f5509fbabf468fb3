"""Every error skillpulse raises, in one place.

All errors derive from :class:`SkillpulseError`, so callers can catch one type. Messages name
the step, the input (file, line, field) and what to do about it. The CLI turns these into a
one-line message and a non-zero exit code; the library never prints.
"""

from __future__ import annotations


class SkillpulseError(Exception):
    """Base class of every error raised by skillpulse."""


class InputFileError(SkillpulseError):
    """A whole input file cannot be read (missing, unreadable, unknown format)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class IngestInterrupted(SkillpulseError):
    """An ingest was interrupted (Ctrl-C); the file's transaction was rolled back."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: interrupted, nothing of this file was stored")


class RowError(SkillpulseError):
    """One input row is invalid. Ingest records these as rejects instead of raising."""

    def __init__(self, reason: str, field: str | None = None) -> None:
        self.reason = reason
        self.field = field
        super().__init__(f"{field}: {reason}" if field else reason)


class MappingError(SkillpulseError):
    """A column mapping (``--map`` or ``--mapping FILE.toml``) is malformed."""


class TaxonomyFileError(SkillpulseError):
    """A taxonomy file is malformed; the message names the file, line and field."""

    def __init__(self, path: str, line: int | None, field: str | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.reason = reason
        where = path if line is None else f"{path}:{line}"
        what = f" field '{field}'" if field else ""
        super().__init__(f"{where}:{what} {reason}".replace(": ", ": ", 1))


class UnknownSkillError(SkillpulseError):
    """A skill ID, label or alias that the taxonomy does not know."""


class PeriodError(SkillpulseError):
    """A period string (``2023Q2``, ``2023H1``, ``2023-05``, ``2023-W07``) cannot be parsed."""


class StoreError(SkillpulseError):
    """The store cannot be opened or holds data of an unexpected shape."""


class SettingsError(SkillpulseError):
    """A setting (``skillpulse.toml``, environment, flag) has a bad name or value."""


class MissingExtraError(SkillpulseError, ImportError):
    """An optional engine is needed but its extra is not installed."""

    def __init__(self, feature: str, extra: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(
            f"{feature} needs the '{extra}' extra: pip install 'skillpulse[{extra}]'"
        )


class StepError(SkillpulseError):
    """A pipeline step failed; carries the step name and the input it was working on."""

    def __init__(self, step: str, target: str, reason: str) -> None:
        self.step = step
        self.target = target
        self.reason = reason
        super().__init__(f"step '{step}' failed on {target}: {reason}")


class SurveyError(SkillpulseError):
    """A survey request cannot be answered: unknown survey, question, answer or segment."""


class AnalyticsError(SkillpulseError):
    """An analytics request cannot be answered as asked (unknown kind, field or category)."""


class UnknownKindError(AnalyticsError):
    """A name that is not an event kind (postings, searches, hires, profiles)."""

    def __init__(self, name: str, kinds: tuple[str, ...]) -> None:
        self.name = name
        self.kinds = kinds
        super().__init__(f"unknown kind {name!r}: expected one of {', '.join(kinds)}")


class ExtractionError(SkillpulseError):
    """Skill extraction was given something it cannot work on (an unknown document kind, an
    unreadable input line); one document's text never raises it."""
