"""A small registry for the site tests: four towns, two batches, two evaluation years, a naming.

槎湖区 and 槎头 are rare words on purpose: the search must find them whole. The ``xss`` town carries
script payloads in its name, its description and its report; they must show as text.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lifecycle_builder import World
from registry_builder import BASE_TOWN

_REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 30)
XSS_NAME = "</title><script>window.__xss=7</script><img src=x onerror=window.__xss=1>测试小镇"
XSS_DESCRIPTION = "<script>window.__xss=2</script>[点我](javascript:window.__xss=3)"
XSS_REPORT = """# 申请报告

<script>window.__xss=4</script>

<img src=x onerror="window.__xss=5">

[链接](javascript:window.__xss=6) <a href="data:text/html,<script>alert(1)</script>">数据</a>

报告正文：联系电话 13800138000。
"""
NAMES = {
    "alpha": "槎头云织小镇（虚构）",
    "beta": "榕溪数创小镇（虚构）",
    "gamma": "青峦智造小镇（虚构）",
}


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _rewrite(
    world: World, town: str, *, name: str, district: str | None = None, area: str | None = None
) -> None:
    path = world.root / "submissions" / "guangzhou" / town / "declaration.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(f"name: {town} 小镇（虚构）", f"name: {_quoted(name)}")
    if district:
        text = text.replace("district: 天河区", f"district: {district}")
    if area:
        text = text.replace(
            "area_description: 规划范围东至云帆路、西至星河路，面积约 420 亩",
            f"area_description: {_quoted(area)}",
        )
    path.write_text(text, encoding="utf-8")
    shutil.copytree(BASE_TOWN / "attachments", path.parent / "attachments")
    shutil.copy(BASE_TOWN / "report.md", path.parent / "report.md")


# 槎湖区 is fictional (a rare word for the search tests): the test registry's program lists it
# among Guangzhou's districts, so that the towns placed there stay valid.
FICTIONAL_DISTRICT = '    - {code: "440199", name: 槎湖区}\n'


def build_registry(root: Path) -> Path:
    """Write the registry at ``root`` and return it."""
    w = World(root)
    program = w.root / "program.yaml"
    text = program.read_text(encoding="utf-8")
    anchor = '    - {code: "440106", name: 天河区}\n'
    program.write_text(text.replace(anchor, anchor + FICTIONAL_DISTRICT, 1), encoding="utf-8")
    w.town("alpha", batch=2016, filed="2016-04-01")
    w.town("beta", batch=2016, filed="2016-04-02")
    w.town("gamma", batch=2016, filed="2016-04-03")
    w.town("xss", batch=2017, filed="2017-05-01")
    _rewrite(w, "alpha", name=NAMES["alpha"], district="槎湖区")
    _rewrite(w, "beta", name=NAMES["beta"])
    _rewrite(w, "gamma", name=NAMES["gamma"])
    _rewrite(w, "xss", name=XSS_NAME, area=XSS_DESCRIPTION)
    (w.root / "submissions/guangzhou/xss/report.md").write_text(XSS_REPORT, encoding="utf-8")
    for town in ("alpha", "beta", "gamma"):
        w.recommend(town, 2016, "2016-05-20")
    w.recommend("xss", 2017, "2017-06-20")
    w.batch(2016, "2016-06-24", creation=["alpha"], cultivation=["beta"], not_selected=["gamma"])
    w.batch(2017, "2017-09-01", creation=["xss"])
    w.report("alpha", 2016, "2017-01-05", output=300_000)
    w.report("alpha", 2017, "2018-01-08", output=520_000)
    w.report("beta", 2016, "2017-01-06", output=80_000)
    w.evaluation(2016, "2017-03-01", [("alpha", "优秀"), ("beta", "合格")])
    w.evaluation(2017, "2018-03-01", [("alpha", "良好"), ("beta", "警告"), ("xss", "合格")])
    w.acceptance("alpha", "2018-10-01")
    w.naming("2018-first", "2018-12-20", ["alpha"])
    return w.root


def site_config(root: Path) -> None:
    """The repository's mkdocs.yml and docs/, pointed at the test registry."""
    text = (_REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(
        "custom_dir: scripts/towns/site/theme", f"custom_dir: {_REPO / 'scripts/towns/site/theme'}"
    )
    text = text.replace(
        "- scripts/towns/site/mkdocs_hook.py", f"- {_REPO / 'scripts/towns/site/mkdocs_hook.py'}"
    )
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(_REPO / "docs", root / "docs")


# MkDocs 1.x prints end-of-life banners unless these are set; TOWNS_TODAY pins the day the hook
# judges the registry on, so a build in a later year gives the same pages.
MKDOCS_ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "TOWNS_TODAY": TODAY.isoformat(),
}


def mkdocs_build(project: Path, out: Path, timeout: int = 600) -> str:
    """The real `mkdocs build --strict` of ``project`` into ``out``; its log, or a failed test."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=project,
        env=MKDOCS_ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return proc.stderr


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def need_chromium() -> None:
    """Skip without /usr/bin/chromium locally; fail in CI, where it must be installed."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail("CI 环境缺少 /usr/bin/chromium：请 apt-get install -y chromium fonts-wqy-microhei")
    pytest.skip("本机没有 /usr/bin/chromium")
