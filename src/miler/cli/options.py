"""Options many commands share."""

from __future__ import annotations

from typing import Annotated

import typer

#: ``--json``: the command's ``miler.<name>/1`` document on stdout (``miler schema <name>``);
#: errors become a ``miler.error/1`` document on stderr with the same exit code.
JsonOption = Annotated[bool, typer.Option(
    "--json", help="Print the result as JSON for machines (see `miler schema`).")]
