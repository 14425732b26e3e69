"""Any Unicode in any field: a located answer, never an internal error; full-width refused alike.

Where the form expects a number, year, date, code or identifier, full-width digits and letters
(what a Chinese input method types in full-width mode) are refused with `E-SCHEMA-014`, whose hint
shows the half-width value; free text keeps them. The rule is the same in every field, because it
is derived from the field's own validator: a field either accepts the full-width text as it is, or
refuses it and names the half-width value.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import pytest
import yaml
from declaration_strategies import (
    Path_,
    full_width,
    full_width_changes,
    full_width_document,
    unicode_document,
)
from hostile_support import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from message_language import assert_readable
from towns.catalog import catalog
from towns.cli import main
from towns.loading import dotted, resolve_plain
from towns.models.declaration import MODELS
from towns.models.labels import field_info
from towns.synth import generate
from towns.synth.declarations import SCHEMA_LINE
from towns.synth.yamldump import dump


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """Two valid towns (industry type first, application type second) and their data.

    Each test rewrites a declaration whole, starting from a copy of the data.
    """
    root = generate(tmp_path_factory.mktemp("unicode") / "registry", 2, seed=11, records=False, as_of=TODAY)
    return root, [_data(_declaration(root, index)) for index in (0, 1)]


def _declaration(root: Path, index: int) -> Path:
    return sorted(root.glob("submissions/*/*/declaration.yaml"))[index]


def _data(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def check(
    registry: tuple[Path, list[dict[str, Any]]], index: int, data: dict[str, Any], written: Sequence[str] = ()
) -> dict[str, Any]:
    """Write town ``index``'s declaration (the other as generated), run `towns check` as the
    console script does, and return its JSON report."""
    root, bases = registry
    for number, content in enumerate(bases):
        text = SCHEMA_LINE + dump(data if number == index else content)
        _declaration(root, number).write_text(text, encoding="utf-8", errors="surrogatepass")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json"])
    assert code in (0, 1), f"exit {code}"
    report = json.loads(out.getvalue())
    known = catalog()
    for f in report["findings"]:
        assert f["file"] and f["line"] >= 1 and f["column"] >= 1, f
        assert f["code"] in known, f
    assert_readable(report["findings"], written)
    return report


def _accepts(model: type[BaseModel], path: Path_, text: str) -> bool:
    info = field_info(model, path)
    assert info is not None, path
    try:
        TypeAdapter(Annotated[info.annotation, info]).validate_python(text)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("index", [0, 1], ids=["industry", "application"])
def test_full_width_is_refused_with_the_half_width_value_in_every_constrained_field(
    registry: tuple[Path, list[dict[str, Any]]], index: int
) -> None:
    root, bases = registry
    base = bases[index]
    model = MODELS[base["type"]]
    data = full_width_document(base)
    changed = {dotted(path): (path, value) for path, value in full_width_changes(base).items()}
    assert len(changed) > 30, "the declaration should have many fields with ASCII in them"
    report = check(registry, index, data)
    by_field: dict[str, list[dict[str, Any]]] = {}
    for f in report["findings"]:
        if f["file"] == _declaration(root, index).relative_to(root).as_posix():
            by_field.setdefault(f["field"], []).append(f)
    for name, (path, value) in changed.items():
        found = by_field.get(name, [])
        if _accepts(model, path, full_width(value)):
            assert not [f for f in found if f["code"].startswith("E-SCHEMA")], (name, found)
            continue
        written = ("true" if value else "false") if isinstance(value, bool) else str(value)
        if isinstance(value, str) and not isinstance(resolve_plain(value), str):
            written = f'"{value}"'  # all digits: text only in quotes
        assert [f["code"] for f in found] == ["E-SCHEMA-014"], (name, found)
        assert found[0]["hint"].endswith("：" + written), found[0]["hint"]


@pytest.mark.parametrize(
    ("key", "value", "code", "half"),
    [("schema_version", "１", "E-SCHEMA-014", "1"), ("type", "ｉｎｄｕｓｔｒｙ", "E-SCHEMA-011", "industry")],
)
def test_full_width_in_the_dispatch_fields_gets_an_answer_naming_the_value(
    registry: tuple[Path, list[dict[str, Any]]], key: str, value: str, code: str, half: str
) -> None:
    """Both are read before the model is chosen; the answer still names the half-width value."""
    data = copy.deepcopy(registry[1][0])
    data[key] = value
    report = check(registry, 0, data)
    assert [f["code"] for f in report["findings"]] == [code]
    assert half in report["findings"][0]["hint"]


def test_the_reported_crash_is_a_finding(registry: tuple[Path, list[dict[str, Any]]]) -> None:
    """`applicant.uscc: 11４４０１０６MB2C00013X` ended the whole check with exit 3."""
    data = copy.deepcopy(registry[1][0])
    data["applicant"]["uscc"] = "11４４０１０６MB2C00013X"
    (finding,) = [f for f in check(registry, 0, data)["findings"] if f["field"] == "applicant.uscc"]
    assert finding["code"] == "E-SCHEMA-014"
    assert (
        finding["message"]
        == "“申报单位 › 统一社会信用代码”中有全角字符（４、０、１、６），此处只能使用半角字符"
    )
    assert finding["hint"] == "请切换到半角（英文）输入后改为：11440106MB2C00013X"


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_arbitrary_unicode_in_any_scalar_field_never_crashes(
    registry: tuple[Path, list[dict[str, Any]]], data: st.DataObject
) -> None:
    index = data.draw(st.sampled_from([0, 1]))
    document, written = unicode_document(copy.deepcopy(registry[1][index]), data)
    check(registry, index, document, written)
