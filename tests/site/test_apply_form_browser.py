"""The declaration form page (申报 → 在线填写申报表) in a real headless Chromium.

Everything goes through the built site and the real checker: a form filled from empty, downloaded
as a ZIP and completed with attachments passes `towns check`; every shipped declaration imported
and exported again is judged exactly as before; bad files are refused in Chinese and leave the
draft alone; the draft survives a reload. The `page` fixture fails any test that makes a request
to another host.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import form_samples
import pytest
from form_driver import download_zip, fill, fill_header, fill_report, import_file, open_form

from towns.check import CheckResult, run_check
from towns.program import load_program_file

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
OPEN_DAY = form_samples.DAY  # inside the 2018 batch window of the shipped program
BASE = REPO / "tests" / "fixtures" / "base-industry"
SHIPPED = sorted((REPO / "submissions").glob("*/*/declaration.yaml"))


@pytest.mark.parametrize(
    ("data", "city"),
    [(form_samples.industry(), "guangzhou"), (form_samples.application(), "meizhou")],
    ids=["industry-prd", "application-ewn"],
)
def test_a_form_filled_from_empty_passes_the_checker(
    page: Any, base_url: str, tmp_path: Path, data: dict[str, Any], city: str
) -> None:
    open_form(page, base_url, OPEN_DAY)
    page.context.set_offline(True)  # once loaded, the page needs no network: fill, check, download
    assert "当前受理 2018 年批次" in page.inner_text(".towns-apply-notice")
    fill_header(page, data)
    fill(page, data)
    fill_report(page)
    assert page.evaluate("window.townsForm.errors()") == []
    assert page.evaluate("window.townsForm.type") == data["type"]
    assert "申报表已填写完整" in page.inner_text(".towns-apply-summary")
    root = tmp_path / "registry"
    root.mkdir()
    shutil.copy(REPO / "program.yaml", root / "program.yaml")
    names = download_zip(page, root)
    folder = f"submissions/{city}/{data['id']}"
    assert {"README.txt", f"{folder}/declaration.yaml", f"{folder}/report.md"} <= set(names)
    readme = (root / "README.txt").read_text(encoding="utf-8-sig")
    assert "attachments/uscc.pdf" in readme and "attachments/policy.pdf" in readme
    (root / "README.txt").unlink()
    report = (root / folder / "report.md").read_text(encoding="utf-8")
    guidance = page.inner_text(".towns-apply-report .towns-apply-help >> nth=1")
    assert guidance and guidance not in report  # the template's guidance is help, never output
    for name in ("uscc.pdf", "policy.pdf"):
        shutil.copy(BASE / "attachments" / "uscc-certificate.pdf", root / folder / "attachments" / name)
    result = run_check(root, today=OPEN_DAY)
    assert [f"{f.code} {f.message}" for f in result.findings if f.blocking] == []
    (town,) = result.towns
    assert town.eligible, town.eligibility


def _judgement(result: CheckResult) -> Counter[tuple[str, ...]]:
    """What the checker says, without the lines and columns (an export drops the comments)."""
    out: Counter[tuple[str, ...]] = Counter()
    for f in result.findings:
        out[(f.file or "", f.code, f.severity.value, f.message, f.field or "")] += 1
    for town in result.towns:
        summary = town.as_json()
        verdict = summary.get("eligibility") or {}
        conditions = tuple(f"{c['id']}:{c['status']}:{c['actual']}" for c in verdict.get("conditions", []))
        out[(summary["folder"], str(summary["valid"]), str(verdict.get("eligible")), *conditions)] += 1
    return out


def _copy_registry(into: Path) -> Path:
    into.mkdir()
    shutil.copy(REPO / "program.yaml", into / "program.yaml")
    for name in ("submissions", "records", "decisions"):
        shutil.copytree(REPO / name, into / name)
    return into


LOAD = "async t => { const r = window.townsForm.load(t); await window.townsForm.whenReady(); return r; }"


def _round_trip(page: Any, text: str) -> str:
    """Import into the form, let the editor hold the values, export again."""
    outcome = page.evaluate(LOAD, text)
    assert outcome["ok"], outcome
    assert outcome["dropped"] == []
    return str(page.evaluate("window.townsForm.dump()"))


def test_every_shipped_declaration_round_trips(page: Any, base_url: str, tmp_path: Path) -> None:
    assert len(SHIPPED) >= 10
    open_form(page, base_url)
    root = _copy_registry(tmp_path / "registry")
    today = dt.date(2026, 11, 30)
    before = _judgement(run_check(root, today=today))
    for path in SHIPPED:
        exported = _round_trip(page, path.read_text(encoding="utf-8"))
        (root / path.relative_to(REPO)).write_text(exported, encoding="utf-8")
    after = _judgement(run_check(root, today=today))
    assert after == before


# Values a JavaScript form could change without noticing: decimals beyond a double's precision,
# trailing zeros, big amounts, digits that must stay text, text that looks like a number, a
# boolean or a date, leading zeros, several lines.
TRICKY = [
    ("planned_area_mu: 420", "planned_area_mu: 299.99999999999999999"),
    ("core_area_mu: 180.5", "core_area_mu: 150.000"),
    ("internet_output_wan: 153400", "internet_output_wan: 99999999999.99"),
    ("share_of_local_output_percent: 38.2", "share_of_local_output_percent: 38.20"),
    ('landline: "020-38880000"', 'landline: "02038880000"'),
    ("fax: null", "fax: 020-38880001"),
    ("head: 李明（管委会主任）", 'head: "1.50"'),
    ("coordination_lead: 区长", "coordination_lead: yes"),
    ("leading_industry: 云计算、大数据、工业互联网", "leading_industry: 2018-08-20"),
    ("rd_institution: 广州星河云数据研究院（虚构）", 'rd_institution: "0755"'),
    ("competent_department: 广州市天河区工业和信息化局", 'competent_department: "12345"'),
    (
        "  highlights: 一核两带，核心区集中布局研发总部，两带布局数据中心和孵化空间",
        '  highlights: |\n    一核两带：#核心区\n    "两带" 布局\n',
    ),
]


def test_tricky_values_round_trip(page: Any, base_url: str, tmp_path: Path) -> None:
    text = (BASE / "declaration.yaml").read_text(encoding="utf-8")
    for old, new in TRICKY:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    root = tmp_path / "registry"
    folder = root / "submissions" / "guangzhou" / "tianhe-yunfan"
    shutil.copytree(BASE, folder)
    shutil.copy(REPO / "program.yaml", root / "program.yaml")
    (folder / "declaration.yaml").write_text(text, encoding="utf-8")
    day = dt.date(2018, 8, 20)
    before = _judgement(run_check(root, today=day))
    assert any(key[1] == "W-ELIG-022" for key in before)  # 299.999… is short of 300, exactly
    open_form(page, base_url)
    exported = _round_trip(page, text)
    (folder / "declaration.yaml").write_text(exported, encoding="utf-8")
    assert _judgement(run_check(root, today=day)) == before
    assert "299.99999999999999999" in exported and "99999999999.99" in exported


BAD_FILES = [
    ("broken.yaml", b"name: [unclosed\nid: x\n", "第 2 行"),
    ("picture.png", (BASE / "attachments" / "uscc-certificate.pdf").read_bytes()[:64] + b"\x00\x01", "UTF-8"),
    ("gbk.yaml", "name: 云帆小镇\n".encode("gb18030"), "UTF-8"),
    ("list.yaml", b"- a\n- b\n", "不是互联网+小镇申报表"),
    (
        "recommendation.yaml",
        next((REPO / "records").glob("*/recommendations/*/*.yaml")).read_bytes(),
        "不是互联网+小镇申报表",
    ),
    ("alias.yaml", b"type: industry\nname: &n x\naddress: *n\n", "锚点"),
]


DRAFT = "(() => { const d = JSON.parse(localStorage.getItem('towns-apply-draft-v1'));"
DRAFT += " delete d.savedAt; return d; })()"


def test_bad_files_are_refused_in_chinese_and_the_draft_survives(page: Any, base_url: str) -> None:
    open_form(page, base_url)
    name = page.locator('[name="root[name]"]')
    name.fill("我的草稿小镇（虚构）")
    name.dispatch_event("change")
    page.wait_for_function("localStorage.getItem('towns-apply-draft-v1').includes('我的草稿小镇')")
    saved = page.evaluate(DRAFT)
    for filename, content, expected in BAD_FILES:
        message = import_file(page, filename, content)
        assert "无法导入" in message and expected in message and "草稿没有改动" in message, message
        assert name.input_value() == "我的草稿小镇（虚构）"
        assert page.evaluate(DRAFT) == saved


def test_the_draft_is_restored_after_a_reload(page: Any, base_url: str) -> None:
    open_form(page, base_url)
    page.select_option("#towns-apply-city", value="汕头市")
    page.select_option("#towns-apply-district", value="龙湖区")
    page.evaluate("window.townsForm.whenReady()")  # rebuilt for the city's region
    name = page.locator('[name="root[name]"]')
    name.fill("潮汕数创小镇（虚构）")
    name.dispatch_event("change")
    page.locator(".towns-apply-report textarea").first.fill("小镇位于汕头市龙湖区。")
    page.wait_for_function("localStorage.getItem('towns-apply-draft-v1').includes('龙湖区。')")
    page.reload()
    page.wait_for_function("window.townsForm !== undefined")
    page.evaluate("window.townsForm.whenReady()")
    assert page.locator('[name="root[name]"]').input_value() == "潮汕数创小镇（虚构）"
    assert page.locator("#towns-apply-district").input_value() == "龙湖区"
    assert page.locator(".towns-apply-report textarea").first.input_value() == "小镇位于汕头市龙湖区。"
    assert "name: 潮汕数创小镇（虚构）" in page.evaluate("window.townsForm.dump()")


def _day_without_an_open_batch() -> dt.date:
    """The day after the program's last batch closes (the test registry keeps the repository's batches)."""
    program = load_program_file(REPO / "program.yaml")
    return max(b.closes for b in program.batches) + dt.timedelta(days=1)


def test_without_an_open_batch_the_page_says_what_to_do(page: Any, base_url: str) -> None:
    open_form(page, base_url, _day_without_an_open_batch())
    notice = page.inner_text(".towns-apply-notice")
    assert "目前没有正在受理的申报批次" in notice and "保存草稿" in notice


def test_imported_markup_stays_text(page: Any, base_url: str) -> None:
    open_form(page, base_url)
    text = (BASE / "declaration.yaml").read_text(encoding="utf-8")
    text = text.replace("name: 云帆互联网小镇（虚构）", 'name: "<img src=x onerror=window.__xss=1>小镇"')
    assert page.evaluate(LOAD, text)["ok"]
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator('[name="root[name]"]').input_value().startswith("<img")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_form_is_accessible_at_phone_and_desktop_width(browser: Any, base_url: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415 - only with a browser

    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
    page = context.new_page()
    try:
        open_form(page, base_url)
        text = (BASE / "declaration.yaml").read_text(encoding="utf-8")
        assert page.evaluate(LOAD, text)["ok"]
        results = Axe().run(page)
        serious = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])})"
            for v in results.response["violations"]
            if v.get("impact") in {"serious", "critical"}
        ]
        assert serious == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.keyboard.press("Tab")  # the controls are reachable from the keyboard
        assert page.evaluate("document.activeElement !== document.body")
    finally:
        context.close()
