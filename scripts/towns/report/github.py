"""GitHub workflow commands: one `::error`/`::warning` annotation per finding.

Values are escaped as the workflow-command format requires (%, CR, LF in data; also ':' and ','
in properties), so a message cannot inject a second command.
"""

from __future__ import annotations

from towns.check import CheckResult


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(result: CheckResult) -> str:
    lines = []
    for f in result.findings:
        command = "error" if f.blocking else "warning"
        message = f.message + (f"（修改建议：{f.hint}）" if f.hint else "")
        props = f"file={_prop(f.file)},line={f.line},col={f.column},title={_prop(f.code)}"
        lines.append(f"::{command} {props}::{_data(message)}")
    for town in result.towns:
        if town.eligibility is None:
            where = f"file={_prop(town.folder + '/declaration.yaml')},title={_prop(town.id)}"
            lines.append(f"::notice {where}::{_data(town.eligibility_words)}")
    return "\n".join(lines) + ("\n" if lines else "")
