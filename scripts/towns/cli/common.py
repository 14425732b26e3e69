"""Helpers shared by subcommands: loading the program data with its findings shown."""

from __future__ import annotations

import sys
from pathlib import Path

from towns.models.program import Program
from towns.program import load_program
from towns.report.text import format_finding


def program_or_report(root: Path) -> Program | None:
    """The repository's program data, or None after printing why it cannot be used."""
    program, findings = load_program(root)
    if program is None:
        for f in findings:
            print("\n".join(format_finding(f)), file=sys.stderr)
    return program
