"""Driving the declaration form page the way a person does: the header, the editor's fields and
tables, the report's text areas, the import button and the ZIP download.

Fields are found by the names the form gives them (``root[spatial_layout][planned_area_mu]``),
choices are picked by the option's value, yes/no questions by their Chinese words.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from local_site import PIN_DATE

FORM_PATH = "/apply/form/"
HEADER = ("schema_version", "type", "city", "district", "batch")


def open_form(page: Any, base_url: str, day: dt.date | None = None) -> None:
    """Open the form (with the browser's date on ``day``) and wait until it is ready."""
    page.set_default_timeout(60_000)  # a form of 150 fields on a machine shared with other work
    if day is not None:
        page.add_init_script(PIN_DATE % day.isoformat())
    page.goto(base_url + FORM_PATH)
    page.wait_for_function("window.townsForm !== undefined")
    page.evaluate("window.townsForm.whenReady()")


def fill_header(page: Any, data: dict[str, Any]) -> None:
    page.check(f"#towns-apply-type-{data['type']}")
    page.select_option("#towns-apply-city", value=data["city"])
    page.select_option("#towns-apply-district", value=data["district"])
    page.select_option("#towns-apply-batch", value=str(data["batch"]))
    page.evaluate("window.townsForm.whenReady()")  # the editor is rebuilt for the region's thresholds


def fill(page: Any, data: dict[str, Any]) -> None:
    """Every field of ``data`` except the header's, typed or chosen in the form."""
    selects = _selects(page)
    for key, value in data.items():
        if key not in HEADER:
            _fill(page, [key], value, selects)
    page.keyboard.press("Tab")  # leaves the last field, as a person would


def _selects(page: Any) -> set[str]:
    return set(page.eval_on_selector_all(".towns-apply-editor select", "els => els.map(e => e.name)"))


def _name(path: list[str | int]) -> str:
    return "root" + "".join(f"[{p}]" for p in path)


def _fill(page: Any, path: list[str | int], value: Any, selects: set[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(page, [*path, key], item, selects)
    elif isinstance(value, list):
        holder = page.locator(f'[data-schemapath="{".".join(["root", *map(str, path)])}"]')
        for index, item in enumerate(value):
            row = f'[data-schemapath="{".".join(["root", *map(str, path), str(index)])}"]'
            if page.locator(row).count() == 0:
                holder.locator("button.json-editor-btntype-add").last.click()
                selects |= _selects(page)
            _fill(page, [*path, index], item, selects)
    elif value is not None:
        _scalar(page, _name(path), value, selects)


def _scalar(page: Any, name: str, value: Any, selects: set[str]) -> None:
    field = page.locator(f'[name="{name}"]')
    if name in selects:
        if isinstance(value, bool):
            field.select_option(label="是" if value else "否")
        else:
            field.select_option(value=str(value))
    elif isinstance(value, dt.date):
        field.fill(value.isoformat())
    else:
        field.fill(str(value))


def fill_report(page: Any, text: str = "本节内容（虚构）。") -> None:
    areas = page.locator(".towns-apply-report textarea")
    for index in range(areas.count()):
        areas.nth(index).fill(f"{text}第 {index + 1} 节。")


def import_file(page: Any, name: str, content: bytes, mime: str = "text/yaml") -> str:
    """Choose a file with the import button; the status line that answers."""
    page.set_input_files("#towns-apply-import", files=[{"name": name, "mimeType": mime, "buffer": content}])
    status = page.locator(".towns-apply-status")
    status.wait_for()
    page.wait_for_function("document.querySelector('.towns-apply-status').textContent.includes('“')")
    return str(status.inner_text())


def download_zip(page: Any, into: Path) -> list[str]:
    """Click the download button, unpack the ZIP into ``into``; the names it held."""
    with page.expect_download() as info:
        page.locator(".towns-apply-toolbar button", has_text="下载申报材料").click()
    raw = Path(info.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        archive.extractall(into)
        return archive.namelist()
