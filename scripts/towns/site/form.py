"""The printable declaration form (申报表), laid out like the official 附件2 table.

A body prints it on A4 (see the `@page` rules in the site stylesheet), seals and scans it. The
contact lines are left blank on purpose: the published data never carries the contact person, so
they are filled in by hand after printing.
"""

from __future__ import annotations

from collections.abc import Iterable

from towns.site.data import SiteData, TownEntry
from towns.site.escape import html, html_block, md
from towns.site.fmt import number, yes_no

Row = tuple[str, str]
# The form repeats the town page: keep it out of the search index (half the indexing time) and
# give the table the whole width.
FRONT_MATTER = "---\nsearch:\n  exclude: true\nhide:\n  - navigation\n  - toc\n---\n\n"


def form_page(data: SiteData, entry: TownEntry) -> str:
    """A page holding the whole form as one raw HTML block."""
    d = entry.declaration
    kind = d.type.label
    province = data.program.province
    title = f"{province.name}互联网+小镇（{kind}）申报表"
    rows = _rows(entry)
    body = "".join(f'<tr><th scope="row">{html(k)}</th><td>{v}</td></tr>' for k, v in rows)
    parts = [
        FRONT_MATTER + f"# {md(d.name)} 申报表（打印版） {{ .towns-noprint }}",
        '<p class="towns-noprint">使用浏览器的“打印”功能（Ctrl+P），纸张选择 A4、纵向，即可打印本表；'
        "打印后加盖申报单位、推荐单位公章，手工填写联系人信息。</p>",
        '<div class="towns-form">'
        f'<div class="towns-form-cover"><p class="towns-form-title">{html(title)}</p>'
        f"<p>申 报 单 位：{html(d.applicant.name)}（盖章）</p>"
        f"<p>推 荐 单 位：{html(d.recommender.name)}（盖章）</p>"
        f"<p>填 报 日 期：{d.filing_date.year} 年 {d.filing_date.month} 月 {d.filing_date.day} 日</p>"
        f"<p>{html(province.authority)}制</p></div>"
        f'<table class="towns-form-table"><caption>{html(title)}</caption><tbody>{body}</tbody></table>'
        '<p class="towns-form-contact">填表联系人：__________；联系电话（座机和手机）：__________；'
        "传真：__________；电子邮箱：__________。</p>"
        "</div>",
    ]
    return "\n\n".join(parts) + "\n"


def _rows(entry: TownEntry) -> list[Row]:
    d = entry.declaration
    b, w, s, ib = d.basic_situation, d.work_mechanism, d.spatial_layout, d.industrial_base
    funds = d.policy_support.matching_funds
    return [
        ("小镇名称", html(d.name)),
        ("小镇地址", html(d.address)),
        (
            "基本情况",
            _lines(
                [
                    f"小镇面积及范围：{b.area_description}",
                    f"主导产业：{b.leading_industry}",
                    f"互联网发展情况：{b.internet_development}",
                ]
            ),
        ),
        (
            "工作机制",
            _lines(
                [
                    f"特色小镇日常管理机构：{w.management_body.name}；负责人：{w.management_body.head}",
                    f"特色小镇的政府主管部门：{w.competent_department}",
                    f"是否建立政府牵头的工作协调机制：{yes_no(w.coordination_mechanism)}"
                    + (f"（牵头领导：{w.coordination_lead}）" if w.coordination_lead else ""),
                    f"小镇运营的专门服务团队：{w.operations_team.label}",
                ]
            ),
        ),
        (
            "空间布局",
            _lines(
                [
                    f"是否符合城乡规划：{yes_no(s.conforms_to_urban_plan)}；规划名称：{s.plan_name or '—'}",
                    f"区域边界：{s.boundary.label}",
                    f"规划建设面积（亩）：{number(s.planned_area_mu)}；其中核心区面积（亩）：{number(s.core_area_mu)}",
                    f"特色小镇规划要点：{s.highlights}",
                ]
            ),
        ),
        (
            "产业基础",
            _lines(
                [
                    f"互联网产业产值（万元）：{number(ib.internet_output_wan)}；"
                    f"占当地全部产业总产值比重（%）：{number(ib.share_of_local_output_percent)}",
                    f"企业名单（{len(ib.companies)} 家）：",
                    *_numbered(_company(c) for c in ib.companies),
                ]
            ),
        ),
        (
            "应用项目",
            _lines(
                _numbered(
                    f"{p.name}（{p.domain}，{p.status.label}）：{p.description}"
                    for p in d.application_projects
                )
            )
            or "—",
        ),
        (
            "研发创新",
            _lines(
                [
                    f"创业创新服务平台数量：{len(d.rd_innovation.platforms)}，分别为：",
                    *_numbered(f"{p.name}（{p.kind.label}）" for p in d.rd_innovation.platforms),
                    "研发机构与研发合作见产业基础企业名单。",
                ]
            ),
        ),
        (
            "政策配套",
            _lines(
                [
                    f"小镇创建总体规划：{d.policy_support.creation_plan_status.label}"
                    + (
                        f"（{d.policy_support.creation_plan_name}）"
                        if d.policy_support.creation_plan_name
                        else ""
                    ),
                    f"承诺配套资金省、市部分比例：省 {number(funds.provincial)} : 市 {number(funds.local)}",
                    f"产业政策、人才引进等其他配套政策：{d.policy_support.other_policies or '—'}",
                ]
            ),
        ),
        ("基础设施", _infrastructure(entry)),
        ("创建工作方案要点", _plan(entry)),
    ]


def _company(c: object) -> str:
    name = getattr(c, "name", "")
    parts = [str(name)]
    output = getattr(c, "annual_output_wan", None)
    if output is not None:
        parts.append(f"产值：{number(output)} 万元")
    rd = getattr(c, "rd_institution", None)
    if rd:
        parts.append(f"研发机构名称：{rd}")
    for co in getattr(c, "cooperations", []):
        parts.append(f"研发合作：{co.partner}（研发领域：{co.field}）")
    return "，".join(parts)


def _infrastructure(entry: TownEntry) -> str:
    i = entry.declaration.infrastructure
    return _lines(
        [
            f"交通条件：{i.transport}",
            f"公共服务与生活配套：{i.public_services}",
            f"专业性公共服务平台数量：{len(i.service_platforms)}，分别为：",
            *_numbered(f"{p.name}（{p.kind.label}）" for p in i.service_platforms),
            f"光纤接入带宽（Mbps）：{i.fibre_mbps}；是否实现光纤全覆盖：{yes_no(i.fibre_full_coverage)}",
            f"是否实现 4G 信号全覆盖：{yes_no(i.mobile_4g_full_coverage)}；"
            f"公共区域 WLAN 热点是否全覆盖：{yes_no(i.public_wlan_full_coverage)}",
        ]
    )


def _plan(entry: TownEntry) -> str:
    p = entry.declaration.creation_plan
    projects = []
    for k in p.key_projects:
        yearly = "、".join(f"{y.year} 年 {number(y.investment_wan)} 万元" for y in k.yearly_plan)
        projects.append(
            f"{k.name}：总投资 {number(k.investment_wan)} 万元，用地 {number(k.land_mu)} 亩；"
            f"分年投资计划：{yearly}"
        )
    return _lines([f"小镇建设总体目标：{p.overall_goal}", "重点建设项目：", *_numbered(projects)])


def _numbered(items: Iterable[str]) -> list[str]:
    return [f"{n}. {text}" for n, text in enumerate(items, start=1)]


def _lines(lines: list[str]) -> str:
    """Escaped lines of one form cell, each on its own line."""
    return "<br>".join(html_block(line) for line in lines if line)
