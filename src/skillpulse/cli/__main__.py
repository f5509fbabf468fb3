"""``python -m skillpulse.cli``: the same as the ``skillpulse`` command."""

from skillpulse.cli import main

raise SystemExit(main())
