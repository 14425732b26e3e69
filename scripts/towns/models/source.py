"""Where a setting of the program data comes from: a clause of the policy text, or the province.

Every setting in `program.yaml` carries one (`tests/test_program_sources.py` fails when a setting
has none), so the rules page, the guides and a reviewer can tell the policy's own words from what
the province decided to run the program by. A setting may have both: a clause it derives from and
what the province added to it (the application-type report outline is derived from the
industry-type one of 附件2, because the seed names 附件3-2 without its text).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

LOCAL = "本省设定"


class Source(BaseModel):
    """``clause``: the seed's clause (方案 4.2(2), 附件2); ``local``: 本省设定 and its reason or precedent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    clause: str | None = Field(default=None, min_length=1, title="方案条款", description="如 4.2(2)、附件2")
    local: str | None = Field(
        default=None, min_length=1, title="本省设定", description="方案没有规定、由省里设定时写明理由或先例"
    )

    @model_validator(mode="after")
    def _something(self) -> Source:
        if self.clause is None and self.local is None:
            raise ValueError("来源须写明方案条款（clause）或本省设定的理由（local）")
        return self

    @property
    def text(self) -> str:
        """“方案 4.2(2)”, “本省设定：……”, or both joined with “；”."""
        parts = []
        if self.clause is not None:
            parts.append(f"方案 {self.clause}")
        if self.local is not None:
            parts.append(f"{LOCAL}：{self.local}")
        return "；".join(parts)

    @property
    def is_policy(self) -> bool:
        """The setting is the seed's own, with nothing the province added."""
        return self.local is None


class Sourced(BaseModel):
    """A setting with its source (the mixin every sourced model of the program data uses)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: Source = Field(title="来源", description="方案条款，或本省设定及其理由")


class HasSources(BaseModel):
    """A settings section whose plain values (numbers, dates, lists) take their sources from ``sources``.

    A field whose value is `Sourced` (or a list or mapping of them) carries its own; every other
    field must be named in ``sources`` (`unsourced` finds those that are not).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: dict[str, Source] = Field(
        default_factory=dict, title="来源", description="本节各项设定的来源：键为设定名称"
    )

    @model_validator(mode="after")
    def _known_keys(self) -> HasSources:
        unknown = sorted(set(self.sources) - set(type(self).model_fields))
        if unknown:
            raise ValueError(f"sources 中的“{'、'.join(unknown)}”不是本节的设定")
        return self


Setting = tuple[str, str, Source | None]
"""(dotted path, Chinese title, source) of one setting; None when it has no source."""

_NOT_SETTINGS = frozenset({"source", "sources", "schema_version"})


def settings(model: BaseModel, path: str = "") -> list[Setting]:
    """Every setting under ``model`` with its source, in the order of the data.

    A `Sourced` value is one setting; so is a field named in its section's ``sources``. Any other
    model is looked into; any other value is a setting without a source.
    """
    out: list[Setting] = []
    named = model.sources if isinstance(model, HasSources) else {}
    for name, info in type(model).model_fields.items():
        if name in _NOT_SETTINGS:
            continue
        value = getattr(model, name)
        where = f"{path}.{name}" if path else name
        title = info.title or name
        if name in named:
            out.append((where, title, named[name]))
        else:
            out += _value_settings(value, where, title)
    return out


def _value_settings(value: object, where: str, title: str) -> list[Setting]:
    if isinstance(value, Sourced):
        return [(where, _title_of(value, title), value.source)]
    if isinstance(value, list | tuple) and value and all(isinstance(v, Sourced) for v in value):
        return [(f"{where}.{i}", _title_of(v, title), v.source) for i, v in enumerate(value)]
    if isinstance(value, dict) and value and all(isinstance(v, Sourced) for v in value.values()):
        return [(f"{where}.{k}", _title_of(v, f"{title}“{k}”"), v.source) for k, v in value.items()]
    if isinstance(value, BaseModel):
        return settings(value, where)
    return [(where, title, None)]


def _title_of(value: BaseModel, fallback: str) -> str:
    """A sourced item's own name (a batch's year, a target's name), else the field's title."""
    for attribute in ("name", "title"):
        text = getattr(value, attribute, None)
        if isinstance(text, str) and text:
            return text
    year = getattr(value, "year", None)
    return f"{fallback}（{year}）" if year is not None else fallback


def unsourced(model: BaseModel) -> list[str]:
    """The dotted paths of the settings that carry no source."""
    return [where for where, _, source in settings(model) if source is None]
