"""Copied declarations (`towns.copies`): the same attachment or company in two towns' declarations
is one advisory at each town's entry, naming the other town, in the full, the town-scoped and the
trusted pull-request check."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from pull_requests import PullRequestRepos, build
from towns.check import run_check
from towns.findings import Finding
from towns.github.trusted import fetch_pull_head, trusted_check
from towns.scope import light_companies
from towns.synth import generate

TODAY = dt.date(2026, 11, 30)
CODES = ("W-COPY-001", "W-COPY-002")


def _copies(findings: list[Finding]) -> list[tuple[str, str, str | None, str]]:
    return sorted((f.code, f.file, f.field, f.message) for f in findings if f.code in CODES)


def _folders(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.glob("submissions/*/*/declaration.yaml"))


def _id(folder: Path) -> str:
    return folder.name


def _first_company(folder: Path) -> tuple[str, str]:
    text = (folder / "declaration.yaml").read_text(encoding="utf-8")
    found = re.search(r'(?m)^    - name: "(.*)"\n      uscc: "(.*)"$', text)
    assert found is not None
    return found.group(1), found.group(2)


def _replace_first_company(folder: Path, name: str, uscc: str | None) -> None:
    path = folder / "declaration.yaml"
    text = path.read_text(encoding="utf-8")
    code = f'\n      uscc: "{uscc}"' if uscc else ""
    new, n = re.subn(
        r'(?m)^    - name: ".*"\n      uscc: ".*"$', f'    - name: "{name}"{code}', text, count=1
    )
    assert n == 1
    path.write_text(new, encoding="utf-8")


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Town 1 attaches town 0's local policy; town 2 lists town 0's first company (same code);
    town 3 lists it by its full name without a code (written with a half-width bracket)."""
    root = generate(tmp_path_factory.mktemp("copies") / "registry", 12, seed=8, as_of=TODAY)
    towns = _folders(root)
    shutil.copy(towns[0] / "attachments/local-policy.pdf", towns[1] / "attachments/local-policy.pdf")
    name, uscc = _first_company(towns[0])
    _replace_first_company(towns[2], name, uscc)
    _replace_first_company(towns[3], name.replace("（", "(").replace("）", ")"), None)
    return root


def test_generated_registry_has_no_copies(tmp_path: Path) -> None:
    """Every generated town's files are its own: nothing is flagged without a reason."""
    root = generate(tmp_path / "registry", 12, seed=8, as_of=TODAY)
    assert _copies(run_check(root, today=TODAY).findings) == []


def test_full_check_flags_each_side_once(registry: Path) -> None:
    towns = _folders(registry)
    ids = [_id(t) for t in towns]
    found = _copies(run_check(registry, today=TODAY).findings)
    name, uscc = _first_company(towns[0])
    decl = [f"{t.relative_to(registry).as_posix()}/declaration.yaml" for t in towns]
    policy = "附件“attachments/local-policy.pdf”与小镇“{}”申报材料中的附件内容完全相同"
    company = f"企业“{name}”（统一社会信用代码 {uscc}）也列在小镇“{{}}”、“{{}}”的企业名单中"
    # Town 2 shares the code with town 0 and the name with town 3, which gives no code.
    by_code_or_name = company.format(*sorted([ids[0], ids[3]]))
    plain = name.replace("（", "(").replace("）", ")")
    assert found == sorted(
        [
            ("W-COPY-001", decl[0], "attachments[1].file", policy.format(ids[1])),
            ("W-COPY-001", decl[1], "attachments[1].file", policy.format(ids[0])),
            ("W-COPY-002", decl[0], "industrial_base.companies[0].uscc", company.format(*sorted(ids[2:4]))),
            ("W-COPY-002", decl[2], "industrial_base.companies[0].uscc", by_code_or_name),
            (
                "W-COPY-002",
                decl[3],
                "industrial_base.companies[0].name",
                "企业“{}”也列在小镇“{}”、“{}”的企业名单中".format(plain, *sorted([ids[0], ids[2]])),
            ),
        ]
    )


def test_advisories_do_not_block(registry: Path) -> None:
    result = run_check(registry, today=TODAY)
    assert {f.severity for f in result.findings if f.code in CODES} == {"warning"}


@pytest.mark.parametrize("pick", [0, 1, 2, 3])
def test_town_scoped_check_reports_what_the_full_check_reports(registry: Path, pick: int) -> None:
    """Only the pull request's town is loaded; the others are read through the light index."""
    town = _folders(registry)[pick]
    rel = town.relative_to(registry).as_posix()
    full = [f for f in _copies(run_check(registry, today=TODAY).findings) if f[1].startswith(rel + "/")]
    scoped = _copies(run_check(registry, paths=[f"{rel}/declaration.yaml"], today=TODAY).findings)
    assert scoped == full
    assert scoped


def test_light_companies_read_plain_yaml_and_refuse_what_they_cannot() -> None:
    text = 'industrial_base:\n  companies:\n    - name: "甲公司"\n      uscc: 7\n    - name: [1]\n'
    assert [(c.name, c.uscc) for c in light_companies(text.encode("utf-8")) or []] == [("甲公司", None)]
    assert light_companies(b"industrial_base: [") is None
    assert light_companies(b"- a list\n") == []


def test_trusted_run_compares_with_an_untouched_towns_placeholder(tmp_path: Path) -> None:
    """The trusted run writes other towns' attachments as placeholders; their git ids still count."""
    repos: PullRequestRepos = build(tmp_path)
    source = repos.fork.root / repos.town(0)
    target = repos.fork.root / repos.town(1)
    shutil.copy(source / "attachments/site-plan.png", target / "attachments/site-plan.png")
    repos.fork.commit("换了规划图")
    head = repos.push_pull(7)
    fetch_pull_head(repos.runner.root, 7, head)
    checked = trusted_check(repos.runner.root, head, today=TODAY)
    found = [(f.code, f.file, f.field) for f in checked.result.findings if f.code in CODES]
    assert found == [("W-COPY-001", f"{repos.town(1)}/declaration.yaml", "attachments[2].file")]
    assert f"“{Path(repos.town(0)).name}”" in next(
        f.message for f in checked.result.findings if f.code == "W-COPY-001"
    )
