"""``python -m miler``."""

from miler.cli import main

raise SystemExit(main())
