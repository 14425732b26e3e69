"""The declaration form page (申报 → 在线填写申报表) and the files it loads.

The page is static: one Markdown page holding an empty container, the form's script and style
(built from `tools/form/` by `python3 scripts/dev.py setup` into `scripts/towns/site/assets/`),
the licences of what the script bundles, and `form-data.json` (`apply_data`). Everything lives
under one folder so that the script finds its data next to itself, whatever the site's URLs.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from towns.models.program import Program
from towns.schema import all_schemas
from towns.site.apply_data import form_data_bytes
from towns.site.escape import md

FORM_DIR = "apply/form"
FORM_PAGE = f"{FORM_DIR}/index.md"
FORM_DATA = f"{FORM_DIR}/form-data.json"
ASSETS = ("apply-form.js", "apply-form.css", "THIRD-PARTY-LICENSES.txt")
SCHEMA_HASH = "apply-form.schema.sha256"  # the schema the script's validators were compiled from
ASSETS_ENV = "TOWNS_FORM_ASSETS"  # another build of the assets (tests point it at an empty folder)
BUILD_COMMAND = "python3 scripts/dev.py setup"


class FormBundleMissing(Exception):
    """The form's script is not built, or built for another schema; the message says how to build it."""


def assets_dir() -> Path:
    """Where the built script, style and licences are."""
    override = os.environ.get(ASSETS_ENV)
    return Path(override) if override else Path(__file__).resolve().parent / "assets"


def form_files(program: Program) -> dict[str, bytes | Path]:
    """Site path → content of every file the page loads; raises `FormBundleMissing`."""
    folder = assets_dir()
    missing = [name for name in (*ASSETS, SCHEMA_HASH) if not (folder / name).is_file()]
    if missing:
        raise FormBundleMissing(
            f"网上申报表的脚本尚未构建（缺少 {'、'.join(missing)}）：请先运行 {BUILD_COMMAND}"
            "（需要 Node.js 和 npm），再生成网站。"
        )
    schema = all_schemas(program)["declaration.schema.json"]
    built_for = (folder / SCHEMA_HASH).read_text(encoding="utf-8").strip()
    if built_for != hashlib.sha256(schema.encode()).hexdigest():
        raise FormBundleMissing(
            "网上申报表的脚本是按另一版申报表格式构建的（申报表格式或 program.yaml 已修改）："
            f"请先运行 towns schema 和 {BUILD_COMMAND}，再生成网站。"
        )
    files: dict[str, bytes | Path] = {f"{FORM_DIR}/assets/{name}": folder / name for name in ASSETS}
    files[FORM_DATA] = form_data_bytes(program)
    return files


def apply_form_page(program: Program) -> str:
    """The page: how it works in a few lines, and the container the script fills."""
    authority = md(program.province.authority_short)
    return f"""---
towns_form: true
hide:
  - toc
---

# 在线填写申报表

在本页直接填写申报表（`declaration.yaml`）和申请报告（`report.md`），不需要安装任何软件，也不需要
了解 Git 或 YAML。填写的内容只保存在您这台电脑的浏览器里，不会上传到任何地方。

1. 选择小镇类型和所在地，逐项填写申报表。每一项都会即时检查，需要修改的地方会在该项旁边和
   页面上方的清单中列出。
2. 按提纲撰写申请报告，每个标题一个文本框，框下的灰色文字是该节应写的内容。
3. 点“下载申报材料（ZIP）”，把附件放进其中的 `attachments` 文件夹，再按
   [不用 Git 提交申报](../../guide/web.md)的步骤在 GitHub 网页上提交。

草稿随时自动保存在本浏览器中，关闭页面后再打开仍在。换一台电脑时，先点“导出申报表”保存
`declaration.yaml`，在另一台电脑上点“导入申报表”即可继续填写；已有的 `declaration.yaml` 也可以导入。
申请报告会在公开网站发布，请不要写入个人身份证号码、手机号码。

是否符合申报条件，以提交后自动检查的结果和{authority}的审核为准；本页只帮助您把材料填写完整、格式正确。

<div id="towns-apply" class="towns-apply" markdown="0">
<noscript><p class="towns-apply-notice">本页需要浏览器启用 JavaScript。也可以下载
<a href="../templates/industry.yaml">申报表模板</a>，用文本编辑器填写。</p></noscript>
<p class="towns-apply-loading">正在加载申报表……</p>
</div>

<p class="towns-apply-credits"><a href="assets/THIRD-PARTY-LICENSES.txt">本页使用的开源软件及其许可证</a></p>
"""
