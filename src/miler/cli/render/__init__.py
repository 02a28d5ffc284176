"""All terminal output. Only this package imports Rich (lazily), one module per noun."""

from __future__ import annotations

import json
import sys
from typing import Any

__all__ = ["console", "json_out"]


def console(stderr: bool = False) -> Any:
    """A Rich console; imported on first use so `miler --version` never pays for Rich."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, stderr=stderr)


def json_out(doc: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(doc, indent=2) + "\n")
