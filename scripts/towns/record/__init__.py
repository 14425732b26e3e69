"""Writing the authorities' records from the registry's state (`towns record`).

Each writer is a plain function of the registry's state (`state.load_state`) returning the record's
repository path and its lines: schema-valid YAML whose first line names its JSON Schema, with
Chinese comments beside every value and the registry's facts a reviewer needs (verdicts, reports,
targets), and a blank 「（请填写……）」 wherever a person must decide or write (`towns check` lists
each one, E-FILL-001, until it is filled). `write_new` never replaces an existing file.

    recommend <town>    records/<city>/recommendations/<batch>/<town>.yaml     (`recommend`)
    batch <year>        decisions/batches/<year>.yaml                          (`batch`)
    evaluation <year>   decisions/evaluations/<year>.yaml                      (`evaluation`)
    acceptance <town>   records/<city>/acceptance-applications/<year>/<town>.yaml  (`acceptance`)
    naming <name>       decisions/namings/<name>.yaml                          (`acceptance`)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from towns.record.acceptance import acceptance_application, naming
from towns.record.batch import batch_review
from towns.record.evaluation import evaluation
from towns.record.recommend import recommendation
from towns.record.state import RecordError, RegistryState, load_state
from towns.record.text import document


def write_new(root: Path, rel: str, lines: Sequence[str]) -> Path:
    """Write a new record at ``rel``; an existing file (or anything in its place) is never touched."""
    path = root / rel
    for parent in reversed(path.relative_to(root).parents):
        if (root / parent).is_symlink():
            raise RecordError(f"{(root / parent).relative_to(root).as_posix()} 是符号链接，拒绝写入")
    if path.exists() or path.is_symlink():
        raise RecordError(f"{rel} 已存在，未做任何修改：已有的记录只能由其负责部门修改或更正")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(document(lines))
    except FileExistsError:
        raise RecordError(f"{rel} 已存在，未做任何修改") from None
    return path


__all__ = [
    "RecordError",
    "RegistryState",
    "acceptance_application",
    "batch_review",
    "evaluation",
    "load_state",
    "naming",
    "recommendation",
    "write_new",
]
