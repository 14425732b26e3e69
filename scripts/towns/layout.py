"""Where things live in the registry repository, and who owns each place.

    program.yaml                                   province: policy parameters
    submissions/<city>/<town>/declaration.yaml     applicant: the declaration form (申报表)
    submissions/<city>/<town>/report.md            applicant: the application report (申请报告)
    submissions/<city>/<town>/attachments/...      applicant: certificate scan, policy documents, other
    records/<city>/recommendations/<batch>/<town>.yaml    city department: recommendation (推荐)
    records/<city>/annual-reports/<year>/<town>.yaml      city department: annual report (年度发展情况)
    records/<city>/acceptance-applications/<year>/<town>.yaml   city department: acceptance (验收申请)
    decisions/batches/<year>.yaml                  province: batch review (分批审核, the lists)
    decisions/evaluations/<year>.yaml              province: annual evaluation results (年度考核)
    decisions/namings/<name>.yaml                  province: acceptance and naming (验收命名)

Record places are parsed in `towns.lifecycle.paths`; any other file under `records/` or `decisions/`
(except README.md and dot-files) is a finding.

`<city>` is the city's slug from `program.yaml`; `<town>` is the town id, also written in its form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath

SUBMISSIONS = "submissions"
RECORDS = "records"
DECISIONS = "decisions"
DECLARATION = "declaration.yaml"
REPORT = "report.md"
ATTACHMENTS = "attachments"
SCHEMA_DIR = "schema"
# The `$id` base of the published JSON Schemas; the site copies `schema/` to the same path.
SCHEMA_BASE_URL = "https://example.invalid/towns/schema"

TOWN_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Area(StrEnum):
    """Who owns a path: the separation of duties is decided on these."""

    TOWN = "town"  # an applicant's town folder
    CITY_RECORD = "city_record"  # a city department's records
    DECISION = "decision"  # the province's decisions
    PROGRAM = "program"  # program data, schema, code, workflows: the province's maintainers
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Place:
    """The ownership of one repository-relative path."""

    area: Area
    city: str | None = None
    town: str | None = None


def classify(rel_path: str) -> Place:
    """Classify a repository-relative POSIX path."""
    parts = PurePosixPath(rel_path).parts
    if len(parts) >= 3 and parts[0] == SUBMISSIONS:
        return Place(Area.TOWN, city=parts[1], town=parts[2])
    if len(parts) >= 2 and parts[0] == RECORDS:
        return Place(Area.CITY_RECORD, city=parts[1])
    if parts and parts[0] == DECISIONS:
        return Place(Area.DECISION)
    if parts and parts[0] in {SUBMISSIONS, RECORDS}:
        return Place(Area.OTHER)
    return Place(Area.PROGRAM)


def town_folder(city: str, town: str) -> str:
    return f"{SUBMISSIONS}/{city}/{town}"
