"""Chinese editor help, proven with the real yaml-language-server over LSP.

One server process for the module (`tools/node`, installed by `scripts/dev.py setup`). A
declaration opened the way the templates are written (a modeline pointing at
`schema/declaration.schema.json`) gets Chinese titles in completion, the Chinese name of each value
of a value set, Chinese hover, and Chinese diagnostics for the common mistakes. The texts asserted
are read from the published schema, which derives them from the models (`towns.schema_help`).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from registry_builder import REPO, base_declaration_text

SERVER = REPO / "tools" / "node" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
TOWN = "submissions/guangzhou/tianhe-yunfan/declaration.yaml"
TIMEOUT = 30


def _unavailable() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not SERVER.exists():
        return "yaml-language-server is not installed: run `python3 scripts/dev.py setup` with npm available"
    return None


class Server:
    """A minimal LSP client over the server's stdio: requests, notifications, published diagnostics."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            ["node", str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, queue.Queue[list[dict[str, Any]]]] = {}
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "textDocument": {
                        "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {},
                    },
                    "workspace": {"configuration": True},
                },
                "workspaceFolders": [{"uri": root.as_uri(), "name": "registry"}],
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": _SETTINGS}})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not length:
                return
            message = json.loads(stream.read(length))
            if message.get("method") == "workspace/configuration":
                self._send(
                    {
                        "jsonrpc": "2.0",
                        "id": message["id"],
                        "result": [_SETTINGS] * len(message["params"]["items"]),
                    }
                )
            elif message.get("method") == "textDocument/publishDiagnostics":
                uri = message["params"]["uri"]
                self.diagnostics.setdefault(uri, queue.Queue()).put(message["params"]["diagnostics"])
            elif "id" in message and "method" in message:
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            else:
                self.messages.put(message)

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self._send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.messages.get(timeout=TIMEOUT)
            if message.get("id") == self.next_id:
                return message.get("result")

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        self.diagnostics.setdefault(uri, queue.Queue())
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        return uri

    def published(self, uri: str) -> list[dict[str, Any]]:
        """The first non-empty diagnostics published for ``uri``."""
        while True:
            found = self.diagnostics[uri].get(timeout=TIMEOUT)
            if found:
                return found

    def close(self) -> None:
        self.request("shutdown", {})
        self.notify("exit", {})
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


_SETTINGS = {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("editor")
    shutil.copytree(REPO / "schema", root / "schema")
    (root / TOWN).parent.mkdir(parents=True)
    return root


@pytest.fixture(scope="module")
def server(registry: Path) -> Iterator[Server]:
    reason = _unavailable()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the editor-help test must run in CI: {reason}")
        pytest.skip(reason)
    running = Server(registry)
    yield running
    running.close()


def _definitions() -> dict[str, Any]:
    schema = json.loads((REPO / "schema" / "declaration.schema.json").read_text(encoding="utf-8"))
    definitions: dict[str, Any] = schema["$defs"]
    return definitions


def _position(text: str, needle: str, after: bool = True) -> dict[str, int]:
    offset = text.index(needle) + (len(needle) if after else 0)
    line = text.count("\n", 0, offset)
    return {"line": line, "character": offset - (text.rfind("\n", 0, offset) + 1)}


def _documentation(item: dict[str, Any]) -> str:
    doc = item.get("documentation") or ""
    return doc["value"] if isinstance(doc, dict) else str(doc)


def test_completion_shows_each_field_with_its_chinese_title(server: Server, registry: Path) -> None:
    text = (
        base_declaration_text()
        .replace('  landline: "020-38880000"\n', "")
        .replace("  fax: null\n", "")
        .replace('  mobile: "13800138000"\n', '  mobile: "13800138000"\n  \n')
    )
    uri = server.open(registry / TOWN, text)
    where = _position(text, '  mobile: "13800138000"\n  ')
    result = server.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": where})
    items = {item["label"]: _documentation(item) for item in result["items"]}
    assert items["landline"].startswith("**座机**"), items
    assert items["fax"].startswith("**传真**"), items


def test_completion_names_every_value_of_a_value_set_in_chinese(server: Server, registry: Path) -> None:
    text = base_declaration_text().replace("  operations_team: established\n", "  operations_team: \n")
    uri = server.open((registry / TOWN).with_name("values.yaml"), text)
    where = _position(text, "  operations_team: ")
    result = server.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": where})
    items = {item["label"]: _documentation(item) for item in result["items"]}
    assert items["established"] == "**established**：已建立", items
    assert items["forming"] == "**forming**：正在组建"
    assert items["none"] == "**none**：未建立"


def test_hover_shows_the_chinese_title_and_description(server: Server, registry: Path) -> None:
    text = base_declaration_text()
    uri = server.open((registry / TOWN).with_name("hover.yaml"), text)
    where = _position(text, "  planned_area_mu", after=False)
    where["character"] += 4
    result = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": where})
    contents = (
        result["contents"]["value"] if isinstance(result["contents"], dict) else str(result["contents"])
    )
    assert "规划建设面积（亩）" in contents and "小镇规划建设总面积，单位：亩" in contents, contents


def test_the_common_mistakes_are_diagnosed_in_chinese(server: Server, registry: Path) -> None:
    """Wrong type, missing required field, value outside the set, pattern mismatch."""
    text = (
        base_declaration_text()
        .replace("  planned_area_mu: 420\n", "  planned_area_mu: 四百二十亩\n")
        .replace("    head: 李明（管委会主任）\n", "")
        .replace("  operations_team: established\n", "  operations_team: 已建立\n")
        .replace('  mobile: "13800138000"\n', '  mobile: "1380013800"\n')
    )
    uri = server.open((registry / TOWN).with_name("mistakes.yaml"), text)
    messages = {d["message"] for d in server.published(uri)}
    definitions = _definitions()
    expected = {
        definitions["SpatialLayout"]["properties"]["planned_area_mu"]["errorMessage"],
        definitions["ManagementBody"]["errorMessage"],
        definitions["OperationsTeam"]["errorMessage"],
        definitions["Contact"]["properties"]["mobile"]["patternErrorMessage"],
    }
    assert expected <= messages, messages
    assert "“规划建设面积（亩）”应填写数字（不加引号、不带单位），不小于 0、不大于 10000000" in messages
    assert "此处只能填写以下之一：established（已建立）、forming（正在组建）、none（未建立）" in messages
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in messages), messages
