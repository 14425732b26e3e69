"""Write real towns and authority records into a temporary registry, then derive their lives.

Every record is written as YAML text with one value per line, so a test can name the line a
finding must point at (`World.line`). The towns are copies of the base fixture with their id,
batch and filing date rewritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from message_language import assert_readable
from registry_builder import BASE_TOWN, make_registry
from towns.eligibility import Eligibility
from towns.eligibility.judgements import required_judgements
from towns.findings import Finding
from towns.lifecycle import LifecycleResult, derive, evaluate, load_records, records_from_files
from towns.lifecycle.machine import TownLife
from towns.lifecycle.store import discover_record_files
from towns.models.program import Program
from towns.program import load_program
from towns.registry import Town, discover_towns, load_town

CITY = "guangzhou"
DEPT = "广州市工业和信息化局"


class World:
    """A registry under construction."""

    def __init__(self, root: Path, program_text: str | None = None) -> None:
        self.root = make_registry(root, with_base_town=False, program_text=program_text)
        self._judged: dict[str, list[str]] = {}

    # -- towns ---------------------------------------------------------------------------------
    def town(self, town_id: str, *, batch: int = 2016, filed: str = "2016-04-01", city: str = CITY) -> None:
        text = (BASE_TOWN / "declaration.yaml").read_text(encoding="utf-8")
        text = text.replace("id: tianhe-yunfan", f"id: {town_id}").replace("batch: 2018", f"batch: {batch}")
        text = text.replace("filing_date: 2018-08-20", f"filing_date: {filed}")
        text = text.replace("name: 云帆互联网小镇（虚构）", f"name: {town_id} 小镇（虚构）")
        folder = self.root / "submissions" / city / town_id
        folder.mkdir(parents=True)
        (folder / "declaration.yaml").write_text(text, encoding="utf-8")
        self._judged.clear()

    # -- records -------------------------------------------------------------------------------
    def write(self, rel: str, lines: Iterable[str]) -> str:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return rel

    def line(self, rel: str, needle: str) -> int:
        """1-based line of the only line of ``rel`` containing ``needle``."""
        hits = [
            n
            for n, text in enumerate((self.root / rel).read_text(encoding="utf-8").splitlines(), 1)
            if needle in text
        ]
        assert len(hits) == 1, f"{needle!r} occurs {len(hits)} times in {rel}"
        return hits[0]

    def judgement_ids(self, town: str) -> list[str]:
        """The judgements the town's declaration needs (program data), for complete conclusions."""
        if not self._judged:
            program = self.program()
            for t in self.towns(program):
                assert t.declaration is not None
                self._judged[t.id] = [j.id for j in required_judgements(t.declaration, program)]
        return self._judged.get(town, [])

    def conclusions(self, town: str, indent: str, *, verdict: str = "符合") -> list[str]:
        return [
            f"{indent}- {{judgement: {judgement}, conclusion: {verdict}, reason: 经核实{verdict}要求}}"
            for judgement in self.judgement_ids(town)
        ]

    def recommend(
        self, town: str, batch: int, date: str, *, city: str = CITY, conclusions: bool = True
    ) -> str:
        lines = [
            "schema_version: 1",
            f"town: {town}",
            f"batch: {batch}",
            f"department: {DEPT}",
            f"date: {date}",
            "opinion: 材料真实完整，同意推荐。",
        ]
        if conclusions and (given := self.conclusions(town, "  ")):
            lines += ["conclusions:", *given]
        return self.write(f"records/{city}/recommendations/{batch}/{town}.yaml", lines)

    def batch(
        self,
        year: int,
        date: str,
        *,
        creation: Sequence[str] = (),
        cultivation: Sequence[str] = (),
        not_selected: Sequence[str] = (),
        waivers: Sequence[tuple[str, str]] = (),
        reviews: bool = True,
    ) -> str:
        lines = [
            "schema_version: 1",
            f"year: {year}",
            f"date: {date}",
            f"document_number: 粤经信函〔{year}〕1号",
        ]
        for key, towns in (
            ("creation_list", creation),
            ("cultivation_list", cultivation),
            ("not_selected", not_selected),
        ):
            lines += [f"{key}:", *[f"  - {t}" for t in towns]] if towns else [f"{key}: []"]
        if waivers:
            lines += [
                "waivers:",
                *[f"  - {{town: {t}, condition: {c}, reason: 酌情豁免}}" for t, c in waivers],
            ]
        listed = [t for t in (*creation, *cultivation) if self.judgement_ids(t)] if reviews else []
        if listed:
            lines.append("reviews:")
            for town in dict.fromkeys(listed):
                lines += [f"  - town: {town}", "    conclusions:", *self.conclusions(town, "      ")]
        return self.write(f"decisions/batches/{year}.yaml", lines)

    def report(
        self,
        town: str,
        year: int,
        filed: str,
        *,
        city: str = CITY,
        output: int = 500_000,
        smes: int = 10,
        backbone: int = 3,
        leading: int = 0,
    ) -> str:
        return self.write(
            f"records/{city}/annual-reports/{year}/{town}.yaml",
            [
                "schema_version: 1",
                f"town: {town}",
                f"year: {year}",
                f"department: {DEPT}",
                f"filed_on: {filed}",
                "indicators:",
                "  investment_completed_wan: 20000",
                f"  internet_output_wan: {output}",
                "  internet_companies: 40",
                f"  backbone_companies: {backbone}",
                f"  leading_companies: {leading}",
                f"  new_innovative_smes: {smes}",
                "  rd_institutions: 12",
                "  platforms: 4",
                "  demonstration_projects: 3",
                "summary: 建设进展顺利。",
            ],
        )

    def evaluation(self, year: int, date: str, results: Sequence[tuple[str, str]]) -> str:
        lines = [
            "schema_version: 1",
            f"year: {year}",
            f"date: {date}",
            f"document_number: 粤经信考〔{year}〕1号",
            "results:",
        ]
        lines += [f"  - {{town: {t}, grade: {g}}}" for t, g in results]
        return self.write(f"decisions/evaluations/{year}.yaml", lines)

    def acceptance(self, town: str, date: str, *, city: str = CITY, year_folder: bool = False) -> str:
        folder = f"records/{city}/acceptance-applications" + (f"/{date[:4]}" if year_folder else "")
        return self.write(
            f"{folder}/{town}.yaml",
            [
                "schema_version: 1",
                f"town: {town}",
                f"department: {DEPT}",
                f"date: {date}",
                "summary: 已达到创建目标。",
            ],
        )

    def naming(self, name: str, date: str, towns: Sequence[str], *, failed: Sequence[str] = ()) -> str:
        lines = ["schema_version: 1", f"date: {date}", "document_number: 粤经信命〔2019〕1号"]
        if towns:
            lines += ["towns:", *[f"  - {t}" for t in towns]]
        if failed:
            lines += [
                "failed:",
                *[f"  - {{town: {t}, reason: 互联网产业产值未达到创建目标}}" for t in failed],
            ]
        return self.write(f"decisions/namings/{name}.yaml", lines)

    # -- deriving ------------------------------------------------------------------------------
    def program(self) -> Program:
        program, findings = load_program(self.root)
        assert program is not None, findings
        return program

    def towns(self, program: Program) -> list[Town]:
        towns = discover_towns(self.root)
        for town in towns:
            load_town(self.root, town, program)
            assert town.declaration is not None, town.findings
        return towns

    def evaluate(
        self, today: dt.date, eligibility: Mapping[str, Eligibility] | None = None
    ) -> LifecycleResult:
        program = self.program()
        towns = self.towns(program)
        records = load_records(self.root, program)
        result = evaluate(records, towns, eligibility or {}, program, today)
        result.findings = [*records.findings, *result.findings]
        assert_readable(result.findings)
        return result

    def lives(
        self, today: dt.date, order: Sequence[str] | None = None
    ) -> tuple[dict[str, TownLife], list[Finding]]:
        """Lives derived from the record files read in ``order`` (default: sorted)."""
        program = self.program()
        towns = self.towns(program)
        files = discover_record_files(self.root) if order is None else order
        records = records_from_files(self.root, program, files)
        lives, _, findings = derive(records, towns, program, today)
        assert_readable([*records.findings, *findings])
        return lives, [*records.findings, *findings]


def codes(findings: Iterable[Finding]) -> list[tuple[str, str, int]]:
    return sorted((f.code, f.file, f.line) for f in findings)
