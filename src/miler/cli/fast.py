"""Run a well-formed ``miler plan ...`` without importing Typer, and answer a well-formed
``miler progress ...`` from what the database keeps (start-up, issue 22).

Importing Typer and its Click, and building the command from its annotations, was about a
third of the instructions of ``miler plan --json``. A run whose words are all options the
command declares (``cli.options.Option``) in their plain form, ``--option VALUE`` for text
and ``--flag`` for an on/off flag, each at most once, is parsed here into the very
arguments Typer would pass, and the command is called directly. Anything else declines
(``DECLINED``) and the Typer application runs as before, with its help, errors and exit
codes: ``-h``/``--help``, an unknown word, ``--option=VALUE``, a repeated option, a missing
value or one that starts with ``-`` (Typer takes it, or reports it), an option of another
type (paths, lists), and shell completion. ``tests/cli/test_fast.py`` checks that whenever
this parser accepts some words, Typer's parser gives the same arguments for them.

``miler progress [--athlete NAME] [--db URL|FILE] [--json]`` goes further (``KEPT``):
``cli/kept.py`` reads its words with the same parser and answers from the progress kept in
a SQLite file (or a PostgreSQL database), with neither SQLAlchemy, Typer nor Rich loaded,
or declines to Typer. ``miler today [--date DATE] [--athlete NAME] [--db URL|FILE]
[--json]`` is answered there alike, by the use case itself on a read-only store of the
same database (``services.kept_today``), or declined.
``miler paces GOAL [--json]`` is answered from its words alone (``ANSWERED``,
``cli/quick.py``). ``miler --version`` alone prints the version as the application's
option does.
"""

from __future__ import annotations

import gc
import os
import sys

__all__ = ["ANSWERED", "COMMANDS", "DECLINED", "KEPT", "Aborted", "parse", "read_words", "run"]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing and inspect are a few ms of a fast start; mypy reads this
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any, Final

#: What ``run`` returns when it leaves the words to Typer.
DECLINED: Final = object()
#: The commands run here, by name: (module, function). Their modules import without Typer.
COMMANDS: Final = {"plan": ("miler.cli.plan", "plan")}
#: The commands answered here from what the database holds, by name: (module, function),
#: a function of the words after the command's name that gives the whole output, or None
#: to leave the run to Typer (``cli/kept.py``).
KEPT: Final = {"progress": ("miler.cli.kept", "progress"), "today": ("miler.cli.kept", "today")}
#: The commands answered here from their words alone, alike (``cli/quick.py``).
ANSWERED: Final = {"paces": ("miler.cli.quick", "paces")}
# Settings of an Option that change only its help, not how its words are parsed.
_HELP_ONLY: Final = frozenset({"help", "metavar", "show_default", "rich_help_panel"})
TEXT, FLAG, _OTHER = "text", "flag", "other"


class Aborted(Exception):
    """Interrupted (Ctrl-C, or the end of input) while the command ran, as Click reports it."""


def run(args: Sequence[str]) -> Any:
    """The command's result when the words are plain, else ``DECLINED`` (nothing run)."""
    if not args or "_MILER_COMPLETE" in os.environ:
        return DECLINED
    if list(args) == ["--version"]:  # as the application's eager --version prints it
        from miler._version import __version__

        return _call(_writing, f"miler {__version__}\n")
    answer = KEPT.get(args[0]) or ANSWERED.get(args[0])
    if answer is not None:
        module, name = answer
        out = getattr(_module(module), name)(args[1:])
        return DECLINED if out is None else _call(_writing, out)
    if args[0] not in COMMANDS:
        return DECLINED
    module, name = COMMANDS[args[0]]
    command = getattr(_module(module), name)
    kwargs = parse(command, args[1:])
    if kwargs is None:
        return DECLINED
    return _call(command, **kwargs)


def _module(name: str) -> Any:
    """The module ``name``, imported (``importlib`` and its ``warnings`` cost a start 1 ms)."""
    __import__(name)
    return sys.modules[name]


def _writing(out: str) -> None:
    sys.stdout.write(out)
    sys.stdout.flush()  # here, where a closed pipe is caught, not as the process ends


def _call(command: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``command``'s result, with Click's handling of an interrupt and a closed pipe."""
    collecting = gc.isenabled()
    gc.disable()  # a plan's objects live to the end: collecting them was 3 % of its run
    try:
        return command(*args, **kwargs)
    except (EOFError, KeyboardInterrupt) as exc:  # what Click does around a command
        sys.stderr.write("\n")
        raise Aborted from exc
    except BrokenPipeError:  # the reader left (`| head`): exit 1, quietly, as Click does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    finally:
        if collecting:
            gc.enable()


def parse(command: Callable[..., Any], words: Sequence[str]) -> dict[str, Any] | None:
    """The keyword arguments Typer would call ``command`` with, or None when the words (or
    the command's parameters) are not all of the plain kinds this module reproduces."""
    options = _options(command)
    return None if options is None else read_words(*options, words)


def read_words(flags: Mapping[str, tuple[str, str]], defaults: Mapping[str, Any],
               words: Sequence[str]) -> dict[str, Any] | None:
    """The keyword arguments for ``words``, given each option word's (parameter, kind)
    (``TEXT`` or ``FLAG``) and every parameter's default; None unless every word is a
    declared option in its plain form, each at most once."""
    kwargs = dict(defaults)
    given: set[str] = set()
    i = 0
    while i < len(words):
        name, kind = flags.get(words[i], ("", _OTHER))
        if kind == _OTHER or name in given:
            return None
        given.add(name)
        if kind == FLAG:
            kwargs[name] = True
            i += 1
            continue
        if i + 1 == len(words) or words[i + 1].startswith("-"):
            return None
        kwargs[name] = words[i + 1]
        i += 2
    return kwargs


def _options(command: Callable[..., Any]
             ) -> tuple[dict[str, tuple[str, str]], dict[str, Any]] | None:
    """Each option word -> (parameter, kind), and every parameter's default; None when a
    parameter is not an ``Option`` with a default and help-only settings."""
    from inspect import Parameter, signature

    from miler.cli.options import Option

    flags: dict[str, tuple[str, str]] = {}
    defaults: dict[str, Any] = {}
    for param in signature(command).parameters.values():
        option = next((item for item in getattr(param.annotation, "__metadata__", ())
                       if isinstance(item, Option)), None)
        if (option is None or param.default is Parameter.empty
                or not _HELP_ONLY.issuperset(option.settings)):
            return None
        kind = _kind(param.annotation.__origin__, param.default, option.decls)
        flags |= dict.fromkeys(option.decls, (param.name, kind))
        defaults[param.name] = param.default
    return flags, defaults


def _kind(base: Any, default: Any, decls: tuple[str, ...]) -> str:
    """Text passes through Typer as typed; an on/off flag (off by default, no ``--no-``
    twin) becomes True; anything else (paths, lists) is Typer's to convert."""
    if base in (str, str | None) and (default is None or isinstance(default, str)):
        return TEXT
    if base is bool and default is False and not any("/" in decl for decl in decls):
        return FLAG
    return _OTHER
