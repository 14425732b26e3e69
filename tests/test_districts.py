"""The county-level divisions in program.yaml: consistent with the cities, checked in declarations."""

from __future__ import annotations

from pathlib import Path

from towns.program import program_from_bytes

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = (ROOT / "program.yaml").read_text(encoding="utf-8")


def _codes(text: str) -> list[str]:
    _, findings = program_from_bytes(text.encode("utf-8"))
    return [f.code for f in findings if f.blocking]


def test_every_city_lists_its_divisions_under_its_own_code() -> None:
    program, findings = program_from_bytes(PROGRAM.encode("utf-8"))
    assert program is not None and program.districts, findings
    assert program.sources["districts"].local  # where the names and codes come from
    assert set(program.districts) == {c.slug for c in program.cities}
    for city in program.cities:
        listed = program.districts[city.slug]
        assert all(d.code.startswith(city.code[:4]) for d in listed), city.name
        assert len({d.name for d in listed}) == len(listed), city.name
    # Guangdong has 122 county-level divisions; Dongguan and Zhongshan have none and list
    # their streets, towns and functional areas instead (9-digit statistical codes).
    six = [d for ds in program.districts.values() for d in ds if len(d.code) == 6]
    assert len(six) == 122
    assert {len(d.code) for d in program.districts["dongguan"]} == {9}


def test_a_list_for_an_unknown_city_is_refused() -> None:
    text = PROGRAM.replace("\n  guangzhou:\n", "\n  guangzhuo:\n", 1)
    assert _codes(text) == ["E-PROGRAM-007"]


def test_a_code_outside_its_city_is_refused() -> None:
    text = PROGRAM.replace('{code: "440106", name: 天河区}', '{code: "440306", name: 天河区}', 1)
    assert _codes(text) == ["E-PROGRAM-008"]


def test_a_program_without_districts_checks_none() -> None:
    start = PROGRAM.index("\ndistricts:\n")
    end = PROGRAM.index("\n# ", start + 1)
    text = PROGRAM[:start] + PROGRAM[end:]
    program, findings = program_from_bytes(text.encode("utf-8"))
    assert program is not None and program.districts == {}, findings
    assert program.district_names("guangzhou") is None
