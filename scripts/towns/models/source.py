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
