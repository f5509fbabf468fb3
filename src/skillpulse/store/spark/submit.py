"""The entry file for ``spark-submit``: runs the ``skillpulse`` command given after it.

    spark-submit [spark options] "$(python -m skillpulse.store.spark.submit --path)" \\
        extract --engine spark --lake s3a://bucket/lake

``spark-submit`` puts the folder of the file it runs first on ``sys.path``; this file removes
it before importing anything, so no module of that folder shadows another.
"""

from __future__ import annotations

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))


def main() -> int:
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
    if sys.argv[1:] == ["--path"]:
        print(os.path.abspath(__file__))
        return 0
    from skillpulse.cli import main as cli

    return cli(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
