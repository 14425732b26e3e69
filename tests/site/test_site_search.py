"""Search documents, bigram terms, page facts, the nav's single entries and code spans, without a browser.

The browser half (the real index, budget, ranking, paste) is in test_site_visitor.py.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from site_registry import NAMES, TODAY, XSS_NAME, build_registry

from towns.check import run_check
from towns.site.escape import code
from towns.site.nav import extend_nav, nav_paths
from towns.site.pages import Site, SiteOptions, build_site
from towns.site.provenance import _first_dates, git_dates, source_url, static_page_dates
from towns.site.search import page_document, stub_html
from towns.site.searchindex import build_index, write_documents
from towns.site.searchterms import HAN, char_code, index_terms, query_terms

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_registry(tmp_path_factory.mktemp("search") / "registry")


@pytest.fixture(scope="module")
def site(registry: Path) -> Site:
    result = run_check(registry, today=TODAY)
    return build_site(result, registry, SiteOptions(demo=True, as_of=TODAY))


# ---- terms ----


def test_a_character_is_four_base36_digits() -> None:
    assert char_code("云") == format_base36(ord("云"))
    assert char_code("𠀀") == format_base36(0x20000)  # beyond the basic plane
    assert all(len(char_code(chr(n))) == 4 for n in (0x3400, 0x9FFF, 0x3134F))


def format_base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out.rjust(4, "0")


NAMES_TO_SEARCH = ["槎头云织小镇（虚构）", "大朗镇金林智慧农业小镇", "广州市槎湖区", "云谷", "𠀀𠀁镇"]


@pytest.mark.parametrize("text", NAMES_TO_SEARCH)
def test_every_contiguous_query_matches_its_text(text: str) -> None:
    """Each term of a query for any run of two or more characters of a text is an index term of it,
    and a one-character query is a prefix of one (the engine matches the last word by prefix)."""
    terms = set(index_terms(text).split())
    for run in (m.group(0) for m in HAN.finditer(text)):
        for start in range(len(run)):
            for end in range(start + 1, len(run) + 1):
                query = query_terms(run[start:end]).split()
                if end - start == 1:
                    assert any(t.startswith(query[0]) for t in terms), run[start:end]
                else:
                    assert set(query) <= terms, run[start:end]


def test_a_query_that_is_not_in_the_text_does_not_match() -> None:
    terms = set(index_terms("槎头云织小镇").split())
    assert not set(query_terms("云槎").split()) <= terms
    assert not set(query_terms("头小").split()) <= terms


def test_a_long_query_keeps_its_first_terms() -> None:
    name = "赤坎荔乐智慧旅游小镇（虚构）"
    assert query_terms(name).split() == query_terms("赤坎荔乐智慧旅游").split()
    assert len(query_terms(name).split()) == 4


def test_other_text_is_left_to_the_engine() -> None:
    assert query_terms("E-SCHEMA-003 alpha") == "E-SCHEMA-003 alpha"
    assert index_terms("town 42") == "town 42"
    assert query_terms("  云  ") == "h" + char_code("云")


# ---- documents ----


def test_town_documents_carry_name_place_and_state(site: Site) -> None:
    doc = site.search_docs["towns/guangzhou/alpha/index.md"]
    assert doc.url == "towns/guangzhou/alpha/"
    assert doc.title == NAMES["alpha"]
    assert doc.parts[0] == (10.0, NAMES["alpha"])
    assert "槎湖区" in doc.parts[1][1] and "alpha" in doc.parts[1][1]
    assert doc.description == "广州市槎湖区 · 产业型 · 已命名 · 2016 年申报"
    assert len(site.search_docs) == 4  # one per town, none for the printable forms


def test_stub_page_holds_terms_and_escaped_metadata(site: Site) -> None:
    stub = stub_html(site.search_docs["towns/guangzhou/xss/index.md"])
    assert "<script>" not in stub and "&lt;/title&gt;&lt;script&gt;" in stub
    assert 'data-pagefind-meta="title[content]"' in stub and 'data-pagefind-weight="10"' in stub
    body = stub.split("<body>", 1)[1]
    assert "测试" not in body  # no Chinese reaches the engine's segmenter


ARTICLE = """<html><body><nav>导航不算</nav><article class="md-content__inner">
<h1 id="x">如何申报<a class="headerlink" href="#x" title="本节链接">¶</a></h1>
<p>小镇<strong>管理机构</strong>作为申报主体。第二句。</p><script>var 脚本 = 1;</script>
<h2 data-search-exclude>不收录的标题</h2><h2>申报材料</h2><table><tr><td>表格里的字</td></tr></table>
<p>换行<br>之后</p></article></body></html>"""


def test_page_document_reads_the_article() -> None:
    doc = page_document("apply/", ARTICLE)
    assert doc is not None
    assert doc.title == "如何申报"
    assert doc.description == "小镇管理机构作为申报主体。"
    headings, text = doc.parts[1][1], doc.parts[2][1]
    assert headings == "申报材料"
    assert "表格里的字" in text and "换行 之后" in text
    assert "导航不算" not in text and "脚本" not in text and "¶" not in text


def test_list_pages_give_only_their_introduction() -> None:
    doc = page_document("cities/guangzhou/", ARTICLE)
    assert doc is not None and "表格里的字" not in doc.parts[2][1]
    assert page_document("x/", "<article><p>没有标题</p></article>") is None


def test_documents_never_leave_the_index_folder(tmp_path: Path, site: Site) -> None:
    doc = site.search_docs["towns/guangzhou/alpha/index.md"]
    bad = type(doc)("../../outside/", "x", "", ((1.0, "x"),))
    assert write_documents([doc, bad], tmp_path / "docs") == 1
    assert not (tmp_path / "outside").exists()


def test_index_bundle_is_built_without_the_ready_made_interfaces(tmp_path: Path, site: Site) -> None:
    assert build_index(site.search_docs.values(), tmp_path) == 4
    bundle = tmp_path / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert not (bundle / "pagefind-ui.js").exists()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == 4


# ---- provenance ----


def test_town_facts_come_from_its_data(site: Site) -> None:
    facts = site.facts["towns/guangzhou/alpha/index.md"]
    assert facts.updated == "2018-12-20"  # the naming, the latest event of its history
    assert facts.source == "submissions/guangzhou/alpha"
    assert facts.record == "api/v1/towns/guangzhou/alpha.json"
    assert site.facts["lists/2016.md"].updated == "2016-06-24"  # the batch decision it shows
    assert site.facts["evaluations/2017.md"].updated == "2018-03-01"
    assert site.footer["publisher"] == "广东省经济和信息化委员会"
    assert site.footer["data_date"] == max(f.updated or "" for f in site.facts.values())


def test_per_town_record_is_published(site: Site) -> None:
    record = site.files["api/v1/towns/guangzhou/alpha.json"]
    assert isinstance(record, bytes)
    data = json.loads(record)
    assert data["town"]["id"] == "alpha" and data["town"]["name"] == NAMES["alpha"]
    assert data["history"][-1]["date"] == "2018-12-20"
    assert "contact" not in json.dumps(data, ensure_ascii=False)
    xss = json.loads(site.files["api/v1/towns/guangzhou/xss.json"])  # type: ignore[arg-type]
    assert xss["town"]["name"] == XSS_NAME


def test_source_link_needs_a_repository() -> None:
    assert source_url("", "main", "submissions/guangzhou/alpha") is None
    assert (
        source_url("https://example.invalid/org/towns/", "main", "submissions/guangzhou/槎 头")
        == "https://example.invalid/org/towns/tree/main/submissions/guangzhou/%E6%A7%8E%20%E5%A4%B4"
    )


def test_git_dates_in_one_log(tmp_path: Path) -> None:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": "/usr/bin:/bin",
    }

    def git(*args: str, date: str = "") -> None:
        extra = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, env={**env, **extra})

    (tmp_path / "docs").mkdir()
    git("init", "-q")
    (tmp_path / "docs/a.md").write_text("a", encoding="utf-8")
    (tmp_path / "program.yaml").write_text("p", encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "one", date="2021-03-04T10:00:00")
    (tmp_path / "docs/a.md").write_text("b", encoding="utf-8")
    git("commit", "-q", "-am", "two", date="2022-05-06T10:00:00")
    dates = git_dates(tmp_path, ["docs", "program.yaml"])
    assert dates == {"docs/a.md": "2022-05-06", "program.yaml": "2021-03-04"}
    facts = static_page_dates(dates, "docs", ["a.md", "b.md"])
    assert facts["a.md"].updated == "2022-05-06" and "b.md" not in facts
    assert facts["apply/conditions.md"].updated == "2021-03-04"  # made from program.yaml
    assert git_dates(tmp_path / "docs" / "missing", ["docs"]) == {}
    shallow = tmp_path.parent / f"{tmp_path.name}-shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{tmp_path}", str(shallow)], check=True, env=env
    )
    assert git_dates(shallow, ["docs", "program.yaml"]) == {}  # one commit would seem to touch all


def test_first_date_per_file_is_its_latest() -> None:
    log = "\x002022-01-02\n\ndocs/a.md\n\x002021-01-01\n\ndocs/a.md\ndocs/b.md\n"
    assert _first_dates(log) == {"docs/a.md": "2022-01-02", "docs/b.md": "2021-01-01"}


# ---- nav and code spans ----


def test_a_page_is_listed_once_in_the_nav() -> None:
    nav = [{"申报": ["apply/index.md", {"申报材料格式": "guide/format.md"}]}, {"部署": "guide/deploy.md"}]
    additions = {
        "apply/index.md": [
            {"格式": "guide/format.md"},
            {"提交": "guide/submit.md"},
            {"部署": "guide/deploy.md"},
        ]
    }
    paths = list(nav_paths(extend_nav(nav, additions)))
    assert paths == ["apply/index.md", "guide/submit.md", "guide/format.md", "guide/deploy.md"]


def test_the_shipped_nav_lists_each_page_once() -> None:
    import yaml  # noqa: PLC0415

    from towns.site.data import site_data  # noqa: PLC0415
    from towns.site.pages import find_guides, nav_additions  # noqa: PLC0415

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    data = site_data(run_check(REPO, today=dt.date(2026, 11, 30)))
    nav = extend_nav(config["nav"], nav_additions(data, find_guides(REPO / "docs")))
    paths = list(nav_paths(nav))
    assert len(paths) == len(set(paths)), [p for p in paths if paths.count(p) > 1]
    assert "guide/submit.md" in paths and "guide/deploy.md" in paths


@pytest.mark.parametrize(
    ("value", "expected"),
    [("uscc_certificate", "`uscc_certificate`"), ("a`b", "``a`b``"), ("`x`", "`` `x` ``"), ("", "")],
)
def test_code_span_shows_the_value_literally(value: str, expected: str) -> None:
    assert code(value) == expected


def test_apply_page_has_no_escaped_code(site: Site) -> None:
    page = site.pages["apply/index.md"]
    assert "`uscc_certificate`" in page and "&#95;" not in page
