"""Where each kind of authority record lives (see `towns.layout` for the whole repository).

    records/<city>/recommendations/<batch year>/<town>.yaml    推荐 (city department)
    records/<city>/annual-reports/<year>/<town>.yaml           年度发展情况报告 (city department)
    records/<city>/acceptance-applications/<year>/<town>.yaml  验收申请 (city department)
    decisions/batches/<year>.yaml                              分批审核结果 (province)
    decisions/evaluations/<year>.yaml                          年度考核结果 (province)
    decisions/namings/<any name>.yaml                          验收命名 (province)

The path says what a file is, so a record never needs a "kind" field and a file placed in the
wrong folder is caught before its content is read. An acceptance application sits in the folder of
the year it is made, since a town whose acceptance failed may apply again; one written directly
under ``acceptance-applications/`` (the earlier place, when a town could apply only once) is
still read. `README.md` and dot-files are allowed anywhere
under `records/` and `decisions/` (for notes to the departments); anything else is a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath

from towns.layout import DECISIONS, RECORDS, TOWN_ID

RECORD_SUFFIX = ".yaml"
_YEAR = re.compile(r"^(19|20|21)[0-9][0-9]$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class Kind(StrEnum):
    RECOMMENDATION = "recommendation"
    ANNUAL_REPORT = "annual_report"
    ACCEPTANCE_APPLICATION = "acceptance_application"
    BATCH = "batch"
    EVALUATION = "evaluation"
    NAMING = "naming"


KIND_NAMES: dict[Kind, str] = {
    Kind.RECOMMENDATION: "审核推荐意见",
    Kind.ANNUAL_REPORT: "年度发展情况报告",
    Kind.ACCEPTANCE_APPLICATION: "验收申请",
    Kind.BATCH: "分批审核结果",
    Kind.EVALUATION: "年度考核结果",
    Kind.NAMING: "验收命名",
}

CITY_FOLDERS: dict[str, Kind] = {
    "recommendations": Kind.RECOMMENDATION,
    "annual-reports": Kind.ANNUAL_REPORT,
    "acceptance-applications": Kind.ACCEPTANCE_APPLICATION,
}
PROVINCE_FOLDERS: dict[str, Kind] = {
    "batches": Kind.BATCH,
    "evaluations": Kind.EVALUATION,
    "namings": Kind.NAMING,
}
# Where each kind of record goes, as shown to the departments (findings, record schemas).
PLACES: dict[Kind, str] = {
    Kind.RECOMMENDATION: "records/<地市>/recommendations/<批次年度>/<小镇编号>.yaml",
    Kind.ANNUAL_REPORT: "records/<地市>/annual-reports/<年度>/<小镇编号>.yaml",
    Kind.ACCEPTANCE_APPLICATION: "records/<地市>/acceptance-applications/<申请年度>/<小镇编号>.yaml",
    Kind.BATCH: "decisions/batches/<年度>.yaml",
    Kind.EVALUATION: "decisions/evaluations/<年度>.yaml",
    Kind.NAMING: "decisions/namings/<名称>.yaml",
}
EXPECTED_PLACES = "、".join(PLACES.values())


@dataclass(frozen=True, slots=True)
class RecordPath:
    """What a path says about its record: kind, owning city, year folder or year file, file stem."""

    kind: Kind
    stem: str
    city: str | None = None
    year: int | None = None


def is_note(rel: str) -> bool:
    """Files the departments may keep beside their records without them being records."""
    name = PurePosixPath(rel).name
    return name == "README.md" or name.startswith(".")


def parse_record_path(rel: str) -> RecordPath | None:
    """The record a repository-relative path holds, or None when the path fits no record place."""
    path = PurePosixPath(rel)
    if path.suffix != RECORD_SUFFIX:
        return None
    parts = path.parts
    stem = path.stem
    if parts[0] == RECORDS:
        return _city_record(parts, stem)
    if parts[0] == DECISIONS:
        return _province_record(parts, stem)
    return None


def _city_record(parts: tuple[str, ...], stem: str) -> RecordPath | None:
    if len(parts) < 4 or parts[2] not in CITY_FOLDERS or not TOWN_ID.match(stem):
        return None
    kind = CITY_FOLDERS[parts[2]]
    if kind is Kind.ACCEPTANCE_APPLICATION and len(parts) == 4:
        return RecordPath(kind, stem, city=parts[1])
    if len(parts) == 5 and _YEAR.match(parts[3]):
        return RecordPath(kind, stem, city=parts[1], year=int(parts[3]))
    return None


def _province_record(parts: tuple[str, ...], stem: str) -> RecordPath | None:
    if len(parts) != 3 or parts[1] not in PROVINCE_FOLDERS:
        return None
    kind = PROVINCE_FOLDERS[parts[1]]
    if kind is Kind.NAMING:
        return RecordPath(kind, stem) if _NAME.match(stem) else None
    return RecordPath(kind, stem, year=int(stem)) if _YEAR.match(stem) else None


def recommendation_path(city: str, batch: int, town: str) -> str:
    return f"{RECORDS}/{city}/recommendations/{batch}/{town}{RECORD_SUFFIX}"


def annual_report_path(city: str, year: int, town: str) -> str:
    return f"{RECORDS}/{city}/annual-reports/{year}/{town}{RECORD_SUFFIX}"


def acceptance_application_path(city: str, year: int, town: str) -> str:
    return f"{RECORDS}/{city}/acceptance-applications/{year}/{town}{RECORD_SUFFIX}"


def batch_path(year: int) -> str:
    return f"{DECISIONS}/batches/{year}{RECORD_SUFFIX}"


def evaluation_path(year: int) -> str:
    return f"{DECISIONS}/evaluations/{year}{RECORD_SUFFIX}"


def naming_path(name: str) -> str:
    return f"{DECISIONS}/namings/{name}{RECORD_SUFFIX}"
