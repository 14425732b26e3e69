"""A synthetic town's files: its declaration, its application report and its attachments.

Every declaration passes `towns check` and meets the eligibility thresholds of its type with a
margin; the report follows the official outline of its type; the attachments are small but real
PDF and PNG files.
"""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path
from typing import Any

from towns import layout
from towns.identity import complete_uscc, organisation_code_check
from towns.synth.plan import TownPlan
from towns.synth.text import APPLICATION_DOMAINS, FICTIONAL, INDUSTRY_DOMAINS, company_name, paragraph
from towns.synth.yamldump import dump

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/declaration.schema.json\n"

# A minimal but well-formed one-page PDF and a 1×1 PNG: real files of the allowed types.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)
MINIMAL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f1e2a40000000049454e44ae426082"
)


def write_town(root: Path, plan: TownPlan, program: dict[str, Any], rng: random.Random) -> None:
    folder = root / plan.folder
    attachments = folder / layout.ATTACHMENTS
    attachments.mkdir(parents=True)
    declaration = build_declaration(plan, rng)
    (folder / layout.DECLARATION).write_text(SCHEMA_LINE + dump(declaration), encoding="utf-8")
    outline = program.get("report_outline", {}).get(plan.kind, [])
    (folder / layout.REPORT).write_text(build_report(plan, outline, rng), encoding="utf-8")
    # Each town's files are its own: identical bytes in two towns would be copied material.
    (attachments / "uscc-certificate.pdf").write_bytes(signed_pdf(f"{plan.id} uscc-certificate"))
    (attachments / "local-policy.pdf").write_bytes(signed_pdf(f"{plan.id} local-policy"))
    (attachments / "site-plan.png").write_bytes(signed_png(f"{plan.id} site-plan"))


def signed_pdf(label: str) -> bytes:
    """The minimal PDF with a comment naming what it stands for, after its end-of-file marker."""
    return MINIMAL_PDF + f"% {label}\n".encode("ascii")


def signed_png(label: str) -> bytes:
    """The minimal PNG with a text chunk (``tEXt``, CRC included) naming what it stands for."""
    body = b"tEXtComment\0" + label.encode("ascii")
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    end = MINIMAL_PNG.rindex(b"\0\0\0\0IEND")
    return MINIMAL_PNG[:end] + chunk + MINIMAL_PNG[end:]


def uscc(rng: random.Random, area: str, registration: str = "91") -> str:
    """A valid USCC whose embedded organisation code is valid too."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    org8 = "".join(rng.choice(alphabet[:10] if i < 2 else alphabet) for i in range(8))
    return complete_uscc(f"{registration}{area}{org8}{organisation_code_check(org8)}")


def build_declaration(plan: TownPlan, rng: random.Random) -> dict[str, Any]:
    """A complete declaration of ``plan`` that meets every condition of its type with a margin."""
    city_name, area = str(plan.city["name"]), str(plan.city["code"])
    planned = rng.randint(320, 2400)
    core = rng.randint(160, max(161, planned // 2))
    companies = _companies(plan, rng, area)
    year = int(plan.batch["year"])
    short = plan.name.removesuffix(FICTIONAL).removesuffix("小镇")
    return {
        "schema_version": 1,
        "type": plan.kind,
        "id": plan.id,
        "batch": year,
        "name": plan.name,
        "city": city_name,
        "district": plan.district,
        "address": f"{city_name}{plan.district}{short}大道{rng.randint(1, 399)}号（虚构地址）",
        "basic_situation": {
            "area_description": f"小镇规划范围约 {planned} 亩，东至{short}路，西至滨江大道，"
            "南至科创一路，北至环城北路。",
            "leading_industry": paragraph(rng, plan.kind, sentences=2),
            "internet_development": paragraph(rng, plan.kind, sentences=3),
        },
        "work_mechanism": {
            "management_body": {"name": f"{short}小镇管理委员会{FICTIONAL}", "head": "王某（管委会主任）"},
            "competent_department": f"{city_name}经济和信息化局",
            "coordination_mechanism": True,
            "coordination_lead": "区长",
            "operations_team": "established",
        },
        "spatial_layout": {
            "conforms_to_urban_plan": True,
            "plan_name": f"{plan.district}城市总体规划（2016—2030年）",
            "boundary": "defined_boundary",
            "planned_area_mu": planned,
            "core_area_mu": core,
            "highlights": paragraph(rng, plan.kind, sentences=3),
        },
        "industrial_base": {
            "internet_output_wan": sum(int(c.get("annual_output_wan", 0)) for c in companies),
            "share_of_local_output_percent": rng.randint(12, 60),
            "companies": companies,
        },
        "application_projects": _projects(plan, rng),
        "rd_innovation": {"platforms": _platforms(short, rng)},
        "policy_support": {
            "creation_plan_status": "issued",
            "creation_plan_name": f"{plan.district}互联网+小镇创建工作方案",
            "matching_funds": {"local": rng.choice([1, 1, 2]), "provincial": 1},
            "other_policies": paragraph(rng, "policy", sentences=2),
        },
        "infrastructure": {
            "transport": paragraph(rng, "transport", sentences=2),
            "public_services": paragraph(rng, "services", sentences=2),
            "service_platforms": [
                {"name": f"{short}创业投资基金", "kind": "venture_fund"},
                {"name": f"{short}科技金融服务中心", "kind": "financing"},
                {"name": f"{short}互联网人才培训基地", "kind": "talent_training"},
                {"name": f"{short}技术咨询服务站", "kind": "technical_consulting"},
            ],
            "fibre_mbps": rng.choice([100, 200, 500, 1000]),
            "fibre_full_coverage": True,
            "mobile_4g_full_coverage": True,
            "public_wlan_full_coverage": True,
        },
        "creation_plan": {
            "overall_goal": paragraph(rng, plan.kind, sentences=2),
            "key_projects": [_key_project(short, n, year, rng) for n in range(rng.randint(2, 4))],
        },
        "summary_counts": {"platforms": 4, "service_platforms": 4},
        "applicant": {
            "name": f"{city_name}{plan.district}人民政府{FICTIONAL}",
            "uscc": uscc(rng, area, "11"),
            "kind": "county_government",
        },
        "recommender": {"name": f"{city_name}经济和信息化局"},
        "filing_date": plan.filed.isoformat(),
        "contact": {
            "name": "李某",
            "landline": f"0{rng.randint(20, 769)}-8{rng.randint(1000000, 9999999)}",
            "mobile": f"1380013{rng.randint(8000, 8099)}",
            "email": f"{plan.id}@example.cn",
        },
        "attachments": [
            {
                "kind": "uscc_certificate",
                "title": "申报单位统一社会信用代码证复印件",
                "file": "attachments/uscc-certificate.pdf",
            },
            {
                "kind": "local_policy",
                "title": f"{plan.district}促进互联网产业发展的若干措施",
                "file": "attachments/local-policy.pdf",
            },
            {"kind": "supporting", "title": "小镇规划范围示意图", "file": "attachments/site-plan.png"},
        ],
    }


def _companies(plan: TownPlan, rng: random.Random, area: str) -> list[dict[str, Any]]:
    """Industry: 4 backbone (≥ 2 亿元) and 8–10 mid-sized (≥ 3000 万元) internet companies, most with
    R&D institutions and ≥ 10 in R&D cooperation. Application: 4 internet and 6–9 traditional
    companies, most of them integrated and with an IT department."""
    out: list[dict[str, Any]] = []
    if plan.kind == "industry":
        tiers = [(25_000, 90_000)] * 4 + [(3_500, 15_000)] * rng.randint(8, 10)
        for n, (low, high) in enumerate(tiers):
            out.append(
                _company(
                    plan, rng, area, n, category="internet", output=rng.randint(low, high), with_rd=n % 4 != 3
                )
            )
        for company in out[:10]:
            company["cooperations"] = [_cooperation(rng)]
        return out
    for n in range(4):
        out.append(
            _company(plan, rng, area, n, category="internet", output=rng.randint(3_000, 30_000), with_rd=True)
        )
    for n in range(4, 4 + rng.randint(6, 9)):
        company = _company(
            plan, rng, area, n, category="traditional", output=rng.randint(2_000, 50_000), with_rd=n % 3 != 0
        )
        company["internet_integrated"] = n % 4 != 0
        out.append(company)
    for company in out[:4]:
        company["cooperations"] = [_cooperation(rng)]
    return out


def _company(
    plan: TownPlan, rng: random.Random, area: str, n: int, *, category: str, output: int, with_rd: bool
) -> dict[str, Any]:
    name = company_name(rng, plan.name, n, category)
    return {
        "name": name,
        "uscc": uscc(rng, area),
        "category": category,
        "annual_output_wan": output,
        "rd_institution": f"{name.removesuffix(FICTIONAL).removesuffix('有限公司')}研究院{FICTIONAL}"
        if with_rd
        else None,
        "cooperations": [],
    }


_PARTNERS = (
    ("华南理工大学", "university"),
    ("中山大学", "university"),
    ("广东工业大学", "university"),
    ("省科学院智能制造研究所", "institute"),
    ("中国科学院深圳先进技术研究院", "institute"),
    ("某互联网领军企业研究院", "leading_internet_firm"),
)
_FIELDS = ("工业互联网平台", "大数据分析", "人工智能视觉检测", "物联网传感", "云计算服务", "移动支付安全")


def _cooperation(rng: random.Random) -> dict[str, Any]:
    partner, kind = rng.choice(_PARTNERS)
    return {"partner": partner, "partner_kind": kind, "field": rng.choice(_FIELDS)}


def _projects(plan: TownPlan, rng: random.Random) -> list[dict[str, Any]]:
    domains = INDUSTRY_DOMAINS if plan.kind == "industry" else APPLICATION_DOMAINS
    picked = rng.sample(domains, k=3)
    return [
        {
            "name": f"“互联网+{domain}”示范项目",
            "domain": domain,
            "status": rng.choice(["completed", "in_progress"]),
            "description": paragraph(rng, plan.kind, sentences=2),
            "investment_wan": rng.randint(500, 20_000),
        }
        for domain in picked
    ]


def _platforms(short: str, rng: random.Random) -> list[dict[str, Any]]:
    kinds = [
        ("众创空间", "maker_space"),
        ("创业学院", "entrepreneurship_college"),
        ("创业咖啡", "startup_cafe"),
        ("科技企业孵化器", "incubator"),
    ]
    return [{"name": f"{short}{label}", "kind": kind} for label, kind in kinds]


def _key_project(short: str, n: int, year: int, rng: random.Random) -> dict[str, Any]:
    yearly = [rng.randint(1_000, 30_000) for _ in range(3)]
    labels = ("互联网创新大厦", "数据中心", "产业孵化园", "智慧服务中心")
    return {
        "name": f"{short}{labels[n % len(labels)]}",
        "investment_wan": sum(yearly),
        "land_mu": rng.randint(20, 150),
        "yearly_plan": [{"year": year + k, "investment_wan": amount} for k, amount in enumerate(yearly)],
    }


def build_report(plan: TownPlan, outline: list[str], rng: random.Random) -> str:
    """`report.md` with every heading of the outline (top-level parts `##`, sub-sections `###`)."""
    lines = [f"# {plan.name}申请报告", ""]
    for heading in outline:
        level = "###" if heading.startswith("（") else "##"
        lines += [f"{level} {heading}", "", paragraph(rng, plan.kind, sentences=rng.randint(3, 6)), ""]
    lines += ["| 指标 | 数值 |", "| --- | --- |", f"| 规划面积（亩） | {rng.randint(300, 2000)} |", ""]
    return "\n".join(lines)
