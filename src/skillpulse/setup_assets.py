"""Build derived assets that are too large to ship but deterministic to make offline.

``python -m skillpulse.setup_assets`` is run by ``make test`` and ``make demo`` after
install. Each optional asset builds only when its extra is installed; nothing downloads.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def main() -> int:
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
