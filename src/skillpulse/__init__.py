"""skillpulse: skills-demand intelligence from raw marketplace data.

Importing the package is cheap: no Spark, torch, web framework, network or disk access.
The public API lives in the submodules (``skillpulse.ingest``, ``skillpulse.taxonomy``,
``skillpulse.extract``, ``skillpulse.analytics``, ``skillpulse.report``).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("skillpulse")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]
