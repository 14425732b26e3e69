"""`towns site --output DIR`: write the generated site pages and files to disk.

The same pages MkDocs builds through the hook, as plain Markdown and files, so another static
site builder can use them (and so the generation is testable without MkDocs).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

from towns import clock
from towns.check import run_check
from towns.cli.common import EXIT_FINDINGS, EXIT_OK, UsageError, add_date, add_root, day_of, print_findings


def register(sub: Any) -> None:
    parser = sub.add_parser("site", help="把公开网站的页面和数据文件生成到指定文件夹")
    add_root(parser)
    parser.add_argument("--output", type=Path, required=True, help="输出文件夹（已有同名文件会被覆盖）")
    parser.add_argument("--no-demo", action="store_true", help="不显示“演示数据”提示（正式数据时使用）")
    parser.add_argument("--site-url", default="", help="网站公开地址，用于订阅中的绝对链接")
    add_date(parser, "--today", help="生成指定日期时的网站（回溯；默认：今天）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so that only `towns site` loads the site generator (`towns --help` builds every
    # subcommand's parser).
    from towns.site.apply_form import FormBundleMissing  # noqa: PLC0415
    from towns.site.pages import SiteOptions, build_site, find_guides  # noqa: PLC0415

    root = args.root
    today = day_of(args)
    result = run_check(root, today=today, now=clock.today())
    if result.program is None:
        print_findings(result.findings)
        return EXIT_FINDINGS
    guides = find_guides(root / "docs")
    options = SiteOptions(demo=not args.no_demo, site_url=args.site_url, as_of=today, guides=guides)
    try:
        site = build_site(result, root, options)
    except FormBundleMissing as exc:
        raise UsageError(str(exc)) from None
    out: Path = args.output
    for rel, markdown in site.pages.items():
        _write(out / rel, markdown.encode("utf-8"))
    for rel, content in site.files.items():
        if isinstance(content, Path):
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(content, out / rel)
        else:
            _write(out / rel, content)
    print(f"已生成 {len(site.pages)} 个页面、{len(site.files)} 个文件到 {out}")
    return EXIT_OK


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
