"""The ``miler`` command line: one entry point, one error handler.

Errors are translated here and nowhere else: bad input exits 2 with one line naming the
field, the rule and the value; any other ``MilerError`` exits 1; never a traceback for a
user's mistake.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from miler.errors import InvalidInputError, MilerError

__all__ = ["main"]


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"miler: error: {message.strip().splitlines()[0]}\n")
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit code."""
    import typer  # imported here so `import miler` stays light

    from miler.cli.app import app

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = app(args=args, prog_name="miler", standalone_mode=False)
    except InvalidInputError as exc:
        return _fail(str(exc), 2)
    except MilerError as exc:
        return _fail(str(exc), 1)
    except typer.Abort:
        return _fail("aborted", 130)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except typer.TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `miler`, `miler athlete`: help
            sys.stdout.write(exc.ctx.get_help() + "\n")  # type: ignore[attr-defined]
            return 0
        code = int(getattr(exc, "exit_code", 2))
        formatter = getattr(exc, "format_message", None)
        return _fail(formatter() if callable(formatter) else str(exc), code)
    return int(result) if isinstance(result, int) else 0
