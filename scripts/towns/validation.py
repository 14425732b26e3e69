"""Validate positioned YAML data against a pydantic model; every error becomes a located finding.

pydantic reports errors by location tuple; `Document.at` turns that into file, line and column. The
message names the field by its Chinese title path (`towns.models.labels.field_label`) and shows
the value as the user wrote it (空 for nothing, ``true``/``false``); the finding's ``field`` keeps
the dotted path for machines.

Where a number, code, date or identifier is expected, full-width digits and letters (what a
Chinese input method types in its full-width mode) are refused, as the published JSON Schema
refuses them; when the half-width (NFKC) form would be accepted, the finding says so and shows it
(`E-SCHEMA-014`). A number written as text (``"300"``) is refused with its own hint
(`E-SCHEMA-015`). A key that is not a field but is spelt almost like a field the mapping lacks
(``remak:`` for ``remark:``) is one finding, `E-SCHEMA-017`, which names the field it should be;
when that field is required, its "missing" error is the same mistake and is not reported again.
Every message names the kind of document (申报表, 分批审核结果, …: the model's title) and every
hint says where its format is explained. See docs/dev/validation.md.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, TypeVar, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from towns.catalog import as_written, finding_at
from towns.findings import Finding
from towns.loading import Document, dotted, resolve_plain, value_at
from towns.models.common import WHITESPACE
from towns.models.declaration import MODELS
from towns.models.labels import field_info, field_label, field_title, inner_model
from towns.models.records import RecordModel

M = TypeVar("M", bound=BaseModel)

DECLARATION_MODELS: frozenset[type[BaseModel]] = frozenset(MODELS.values())
RECORD_MODELS: frozenset[type[BaseModel]] = frozenset(get_args(RecordModel))

# pydantic error type → catalog code
_BY_TYPE: dict[str, str] = {
    "missing": "E-SCHEMA-001",
    "extra_forbidden": "E-SCHEMA-002",
    "string_type": "E-SCHEMA-003",
    "int_type": "E-SCHEMA-003",
    "int_parsing": "E-SCHEMA-003",
    "int_from_float": "E-SCHEMA-003",
    "decimal_type": "E-SCHEMA-003",
    "decimal_parsing": "E-SCHEMA-003",
    "float_type": "E-SCHEMA-003",
    "bool_type": "E-SCHEMA-003",
    "bool_parsing": "E-SCHEMA-003",
    "list_type": "E-SCHEMA-003",
    "dict_type": "E-SCHEMA-003",
    "model_type": "E-SCHEMA-003",
    "model_attributes_type": "E-SCHEMA-003",
    "written_as": "E-SCHEMA-003",
    "greater_than": "E-SCHEMA-004",
    "greater_than_equal": "E-SCHEMA-004",
    "less_than": "E-SCHEMA-004",
    "less_than_equal": "E-SCHEMA-004",
    "decimal_max_digits": "E-SCHEMA-004",
    "decimal_max_places": "E-SCHEMA-004",
    "string_pattern_mismatch": "E-SCHEMA-005",
    "literal_error": "E-SCHEMA-006",
    "enum": "E-SCHEMA-006",
    "date_type": "E-SCHEMA-007",
    "date_parsing": "E-SCHEMA-007",
    "date_from_datetime_parsing": "E-SCHEMA-007",
    "date_from_datetime_inexact": "E-SCHEMA-007",
    "string_too_short": "E-SCHEMA-008",
    "too_short": "E-SCHEMA-008",
    "string_too_long": "E-SCHEMA-009",
    "too_long": "E-SCHEMA-009",
}

_EXPECTED: dict[str, str] = {
    "string_type": "文字",
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数（不能带小数）",
    "decimal_type": "数字",
    "decimal_parsing": "数字",
    "float_type": "数字",
    "bool_type": "“true”或“false”",
    "bool_parsing": "“true”或“false”",
    "list_type": "列表（每项以“- ”开头）",
    "dict_type": "带下级字段的一组内容",
    "model_type": "带下级字段的一组内容",
    "model_attributes_type": "带下级字段的一组内容",
}

_BOUND: dict[str, str] = {
    "greater_than": "大于 {gt}",
    "greater_than_equal": "不小于 {ge}",
    "less_than": "小于 {lt}",
    "less_than_equal": "不大于 {le}",
    "decimal_max_digits": "不超过 {max_digits} 位数字",
    "decimal_max_places": "小数不超过 {decimal_places} 位",
}

# Codes whose failure can come from how a value was typed rather than what it says.
_TYPED_CODES = frozenset({"E-SCHEMA-003", "E-SCHEMA-005", "E-SCHEMA-006", "E-SCHEMA-007"})
_LITERAL_VALUE = re.compile(r"'((?:[^'\\]|\\.)*)'|(-?[0-9]+)")
_MAX_SHOWN = 40
# How alike (difflib ratio, after case folding) an unknown key and an absent field must be for
# the key to be taken as that field misspelt: "remak"/"remark" 0.91, "grdae"/"grade" 0.80,
# "yaer"/"year" 0.75, while "year"/"date" is 0.25.
_MISSPELT_RATIO = 0.75
# Where each kind of document's format is explained, for the last part of a schema hint.
_GUIDE_DECLARATION = "可运行 towns new 生成带说明的模板对照填写"
_GUIDE_RECORD = "各类记录的写法见申报指南“申报之后”一页（docs/guide/lifecycle.md）"
_GUIDE_OTHER = "请对照该文件中的说明填写"


def shown(value: Any) -> str:
    """A value as the applicant wrote it (`towns.catalog.as_written`), empty text as 空, shortened."""
    text = "空" if value == "" else str(as_written(value))
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


def _describe(error: ErrorDetails) -> dict[str, Any]:
    kind = error["type"]
    ctx = dict(error.get("ctx") or {})
    params: dict[str, Any] = {"given": shown(error.get("input"))}
    params["expected"] = ctx["expected"] if kind == "written_as" else _EXPECTED.get(kind, "")
    if kind in _BOUND:
        params["bound"] = _BOUND[kind].format(**{k: str(v) for k, v in ctx.items()})
    if kind in {"literal_error", "enum"}:
        params["allowed"] = "、".join(a or b for a, b in _LITERAL_VALUE.findall(str(ctx.get("expected", ""))))
    if kind in {"string_too_short", "too_short"}:
        params["min"] = ctx.get("min_length", 1)
    if kind in {"string_too_long", "too_long"}:
        params["max"] = ctx.get("max_length", "")
    if kind == "value_error":
        params["detail"] = str(ctx.get("error", "")) or "取值不符合要求"
    else:
        params["detail"] = "取值不符合要求"
    return params


def version_finding(document: Document, supported: int) -> Finding | None:
    """The finding for a mapping's ``schema_version`` other than ``supported``, else None.

    It is read before any model is chosen. Written as text (``"1"``) or in full-width (``１``),
    the version gets the same findings as any number field (E-SCHEMA-015, E-SCHEMA-014); ``true``
    is not 1 (E-SCHEMA-013).
    """
    given = document.data.get("schema_version") if isinstance(document.data, dict) else None
    if given == supported and isinstance(given, int | Decimal) and not isinstance(given, bool):
        return None  # 1.0 is the integer 1 to a JSON Schema too
    params = {"label": "格式版本", "given": shown(given), "expected": "整数", "normalised": str(supported)}
    code = "E-SCHEMA-013"
    if isinstance(given, str) and resolve_plain(_half_width(given)) == supported:
        code = "E-SCHEMA-015" if resolve_plain(given.strip()) == supported else "E-SCHEMA-014"
        params["chars"] = _full_width_chars(given)
    return finding_at(code, document.at(("schema_version",)), supported=supported, **params)


def validate_model(model: type[M], document: Document, *, data: Any = None) -> tuple[M | None, list[Finding]]:
    """Validate ``document.data`` (or ``data``) against ``model``; return the instance or findings."""
    instance, errors = model_errors(model, document.data if data is None else data)
    return instance, error_findings(model, document, errors)


def model_errors(model: type[M], payload: Any) -> tuple[M | None, list[ErrorDetails]]:
    """The instance, or pydantic's errors about ``payload`` (for callers that repair the data)."""
    try:
        return model.model_validate(payload), []
    except ValidationError as exc:
        return None, exc.errors(include_url=False)


def error_findings(
    model: type[BaseModel], document: Document, errors: Sequence[ErrorDetails]
) -> list[Finding]:
    """Every error as a finding; a misspelt key and the field it stands for give one finding."""
    misspelt = misspellings(model, document.data, errors)
    consumed = {id(missing) for _, _, missing in misspelt.values() if missing is not None}
    out = []
    for error in errors:
        if id(error) in consumed:
            continue
        loc = _loc(error)
        if error["type"] == "extra_forbidden" and loc in misspelt:
            out.append(_misspelt_finding(model, document, loc, misspelt[loc][1]))
        else:
            out.append(error_finding(model, document, error))
    return out


def _loc(error: ErrorDetails) -> tuple[str | int, ...]:
    return tuple(p for p in error["loc"] if isinstance(p, str | int))


def misspellings(
    model: type[BaseModel], data: Any, errors: Sequence[ErrorDetails]
) -> dict[tuple[str | int, ...], tuple[str, str, ErrorDetails | None]]:
    """Unknown keys that are a field of their mapping misspelt: key path → (written, field, missing).

    ``missing`` is the error that the field itself is missing, when it is required.
    """
    missing = {_loc(e): e for e in errors if e["type"] == "missing"}
    out: dict[tuple[str | int, ...], tuple[str, str, ErrorDetails | None]] = {}
    taken: set[tuple[str | int, ...]] = set()
    for error in errors:
        loc = _loc(error)
        if error["type"] != "extra_forbidden" or not loc or not isinstance(loc[-1], str):
            continue
        parent = loc[:-1]
        name = _closest(loc[-1], _absent_fields(model, data, parent))
        if name is None or (*parent, name) in taken:
            continue
        taken.add((*parent, name))
        out[loc] = (loc[-1], name, missing.get((*parent, name)))
    return out


def _absent_fields(model: type[BaseModel], data: Any, parent: Sequence[str | int]) -> list[str]:
    """The fields of the mapping at ``parent`` that it does not contain."""
    current: Any = model if not parent else inner_model(_annotation(model, parent))
    fields = getattr(current, "model_fields", None)
    mapping = value_at(data, parent)
    if not fields or not isinstance(mapping, dict):
        return []
    return [name for name in fields if name not in mapping]


def _annotation(model: type[BaseModel], path: Sequence[str | int]) -> Any:
    info = field_info(model, path)
    return info.annotation if info is not None else None


def _closest(written: str, names: Sequence[str]) -> str | None:
    folded = unicodedata.normalize("NFKC", written).casefold()
    by_folded = {name.casefold(): name for name in names}
    match = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=_MISSPELT_RATIO)
    return by_folded[match[0]] if match else None


def _misspelt_finding(
    model: type[BaseModel], document: Document, loc: tuple[str | int, ...], name: str
) -> Finding:
    intended = (*loc[:-1], name)
    return finding_at(
        "E-SCHEMA-017",
        document.at(loc, key=True),
        field=dotted(loc),
        written=str(loc[-1]),
        key=name,
        label=field_label(model, intended),
        document=document_name(model),
    )


def document_name(model: type[BaseModel]) -> str:
    """What a user calls a document of ``model``: its title (申报表, 分批审核结果, …)."""
    title = model.model_config.get("title")
    return title if isinstance(title, str) and title else "文件"


def format_guide(model: type[BaseModel]) -> str:
    """Where the format of ``model``'s documents is explained, as the last part of a hint."""
    if model in DECLARATION_MODELS:
        return _GUIDE_DECLARATION
    if model in RECORD_MODELS:
        return _GUIDE_RECORD
    return _GUIDE_OTHER


def error_finding(model: type[BaseModel], document: Document, error: ErrorDetails) -> Finding:
    """One pydantic error as a finding at the right line and column."""
    loc = _loc(error)
    kind = error["type"]
    code = _BY_TYPE.get(kind, "E-SCHEMA-010")
    if kind == "written_as" and error.get("ctx", {}).get("expected") == "日期":
        code = "E-SCHEMA-007"
    # A missing key has no position of its own: place it at its parent mapping, name the key.
    if kind == "missing":
        where = document.at(loc[:-1], key=True)
    else:
        where = document.at(loc, key=kind == "extra_forbidden")
    params = _describe(error)
    given = error.get("input")
    if code in _TYPED_CODES and isinstance(given, str):
        code, params = _as_typed(model, loc, given, code, params)
    code, params = _as_text(kind, given, code, params)
    info = field_info(model, loc) if loc else None
    return finding_at(
        code,
        where,
        field=dotted(loc) or None,
        title=field_title(model, loc) or (str(loc[-1]) if loc else ""),
        label=field_label(model, loc) if loc else "文件顶层",
        key=str(loc[-1]) if loc else "",
        document=document_name(model),
        guide=format_guide(model),
        description=(info.description if info is not None else None) or format_guide(model),
        **params,
    )


def _as_typed(
    model: type[BaseModel], loc: Sequence[str | int], given: str, code: str, params: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """E-SCHEMA-014 (full-width, half-width accepted) or -015 (a number in quotes), else as it was."""
    half = _half_width(given)
    if half != given.strip():
        written = _half_width_written(model, loc, half)
        if written is not None:
            return "E-SCHEMA-014", {**params, "chars": _full_width_chars(given), "normalised": written}
    number = resolve_plain(given.strip())
    if (
        params.get("expected") in {"数字", "整数"}
        and isinstance(number, int | Decimal)
        and _accepts(model, loc, number)
    ):
        return "E-SCHEMA-015", {**params, "normalised": shown(given.strip())}
    return code, params


def _half_width_written(model: type[BaseModel], loc: Sequence[str | int], half: str) -> str | None:
    """How to write the half-width form so that the field accepts it, or None when it does not.

    Written plainly, ``13800138000`` is a number; a text field takes it only in quotes.
    """
    plain = resolve_plain(half)
    if _accepts(model, loc, plain):
        return shown(half)
    if not isinstance(plain, str) and _accepts(model, loc, half):
        return shown(f'"{half}"')
    return None


def _as_text(kind: str, given: Any, code: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """E-SCHEMA-016 for a number where text is expected; E-SCHEMA-008 for a blank text.

    YAML reads an unquoted ``13800138000`` as a number, as editors and the JSON Schema do; the
    text it should be is the number in quotes. A text of blanks only fails the not-blank pattern,
    but is reported as empty.
    """
    if kind == "string_type" and isinstance(given, int | Decimal) and not isinstance(given, bool):
        return "E-SCHEMA-016", {**params, "normalised": f'"{given}"'}
    if kind == "string_pattern_mismatch" and isinstance(given, str) and not given.strip(WHITESPACE):
        return "E-SCHEMA-008", {**params, "min": 1}
    return code, params


def _half_width(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _full_width_chars(text: str) -> str:
    """The characters NFKC changes, each once, in order (at most ten): "４、０、１、６"."""
    changed = dict.fromkeys(ch for ch in text if unicodedata.normalize("NFKC", ch) != ch)
    return "、".join(list(changed)[:10])


def _accepts(model: type[BaseModel], loc: Sequence[str | int], value: Any) -> bool:
    adapter = _adapter(model, tuple(p for p in loc if isinstance(p, str)))
    if adapter is None:
        return False
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


@cache
def _adapter(model: type[BaseModel], path: tuple[str, ...]) -> TypeAdapter[Any] | None:
    """A validator for the one field at ``path``, with the model's own settings."""
    info = field_info(model, path)
    if info is None:
        return None
    field_type: Any = Annotated[info.annotation, info]
    return TypeAdapter(field_type)
