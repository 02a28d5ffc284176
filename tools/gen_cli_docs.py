"""Write docs/cli.md from the CLI's own definitions: python tools/gen_cli_docs.py"""

from pathlib import Path

from miler.cli.reference import cli_reference

Path(__file__).resolve().parent.parent.joinpath("docs", "cli.md").write_text(
    cli_reference(), encoding="utf-8")
