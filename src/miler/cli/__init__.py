"""The ``miler`` command line: one entry point, one error handler.

Errors are translated here and nowhere else: bad input exits 2 with one line naming the
field, the rule and the value; any other ``MilerError`` exits 1; never a traceback for a
user's mistake. With ``--json`` the error is a ``miler.error/1`` document on stderr instead,
with the same exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from miler.errors import InvalidInputError, MilerError

__all__ = ["main"]


def _fail(message: str, code: int, as_json: bool = False,
          error: MilerError | None = None) -> int:
    line = message.strip().splitlines()[0] if message.strip() else "failed"
    if as_json:
        import json

        detail: dict[str, object] = {"code": code, "message": line}
        if isinstance(error, InvalidInputError):
            detail |= {"field": error.field, "rule": error.rule, "value": str(error.value)}
        sys.stderr.write(json.dumps({"schema": "miler.error/1", "error": detail}) + "\n")
    else:
        sys.stderr.write(f"miler: error: {line}\n")
    return code


def _wants_json(args: list[str]) -> bool:
    """``--json`` among the options (not after ``--``, where it would be a value)."""
    return "--json" in (args[:args.index("--")] if "--" in args else args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit code."""
    import os

    # numpy's OpenBLAS would start a thread per core that spins while it waits: on a busy
    # 2-core machine the track correction took 2-4x the time with it; the matrices are small
    # (set before numpy loads; workers and the server inherit it; the user's value wins)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from miler.cli import fast

    args = list(sys.argv[1:] if argv is None else argv)
    as_json = _wants_json(args)
    try:
        result = fast.run(args)  # a plain `miler plan ...` runs without Typer (start-up)
        if result is fast.DECLINED:
            return _run_typer(args, as_json)
        if argv is None:  # the process ends with this run: its objects are spared the
            import gc  # interpreter's last collection (4 % of a plan's instructions)

            gc.freeze()
    except InvalidInputError as exc:
        return _fail(str(exc), 2, as_json, exc)
    except MilerError as exc:
        return _fail(str(exc), 1, as_json, exc)
    except fast.Aborted:
        return _fail("aborted", 130, as_json)
    except KeyboardInterrupt:
        return _fail("interrupted", 130, as_json)
    return int(result) if isinstance(result, int) else 0


def _run_typer(args: list[str], as_json: bool) -> int:
    """Run the words through the Typer application; its own errors are reported here, the
    command's ``MilerError``s go up to ``main``."""
    import typer  # imported here so `import miler` stays light

    from miler.cli.app import app_for

    try:
        result = app_for(args)(args=args, prog_name="miler", standalone_mode=False)
    except typer.Abort:
        return _fail("aborted", 130, as_json)
    except typer.TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `miler`, `miler athlete`: help
            sys.stdout.write(exc.ctx.get_help() + "\n")  # type: ignore[attr-defined]
            return 0
        code = int(getattr(exc, "exit_code", 2))
        formatter = getattr(exc, "format_message", None)
        return _fail(formatter() if callable(formatter) else str(exc), code, as_json)
    return int(result) if isinstance(result, int) else 0
