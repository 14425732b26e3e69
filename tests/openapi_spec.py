"""GitHub's own REST description (npm `@octokit/openapi`) as a validator for the fake's responses.

The package ships OpenAPI 3.0 documents for github.com and each supported GitHub Enterprise Server
release. OpenAPI 3.0 schemas are JSON Schema draft 4 plus ``nullable``; `_json_schema` rewrites
``nullable: true`` into an explicit ``null`` alternative so that `jsonschema` can check them. A
response is validated against the schema the document declares for its operation and status; an
error status the document does not list (GitHub answers 403 on any write a token may not make) is
held to the generic ``basic-error`` schema, and an undocumented success status is itself a failure.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "tools" / "node" / "node_modules"
OPENAPI = NODE_MODULES / "@octokit" / "openapi" / "generated"
WEBHOOK_EXAMPLES = NODE_MODULES / "@octokit" / "webhooks-examples"
GHES_PREFIX = "/api/v3"


def available() -> bool:
    return (OPENAPI / "api.github.com.json").is_file() and (WEBHOOK_EXAMPLES / "package.json").is_file()


def hosts() -> list[str]:
    """github.com and the newest GitHub Enterprise Server release the package describes."""
    ghes = sorted(
        (p.name.removesuffix(".json") for p in OPENAPI.glob("ghes-*.json") if ".deref." not in p.name),
        key=lambda name: tuple(int(part) for part in name.removeprefix("ghes-").split(".")),
    )
    return ["api.github.com", *ghes[-1:]]


def _json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema → JSON Schema: ``nullable: true`` becomes an explicit null alternative."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _json_schema(value) for key, value in node.items()}
    if out.pop("nullable", False) is True:
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        return {"anyOf": [out, {"type": "null"}]}
    return out


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    pattern: re.Pattern[str]
    responses: dict[str, Any]


class Spec:
    """One host's REST description: operations by method and path, and their response schemas."""

    def __init__(self, host: str) -> None:
        document = json.loads((OPENAPI / f"{host}.json").read_text(encoding="utf-8"))
        self.host = host
        self.version = document["info"]["version"]
        self.components = _json_schema(document["components"])
        self._request_bodies = {
            (method.upper(), template): op.get("requestBody")
            for template, item in document["paths"].items()
            for method, op in item.items()
            if isinstance(op, dict) and "responses" in op
        }
        self.operations = [
            Operation(method.upper(), template, _path_pattern(template), op["responses"])
            for template, item in document["paths"].items()
            for method, op in item.items()
            if isinstance(op, dict) and "responses" in op
        ]

    def operation(self, method: str, path: str) -> Operation:
        path = path.removeprefix(GHES_PREFIX)
        found = [op for op in self.operations if op.method == method and op.pattern.fullmatch(path)]
        if not found:
            raise AssertionError(f"{self.host}: no operation {method} {path} in the REST description")
        return min(found, key=lambda op: op.template.count("{"))  # literal segments win

    def schema_for(self, method: str, path: str, status: int) -> dict[str, Any] | None:
        """The declared JSON schema of a response; None when the response has no body."""
        op = self.operation(method, path)
        response = op.responses.get(str(status))
        if response is None:
            if status < 400:
                raise AssertionError(f"{self.host}: {method} {op.template} does not answer {status}")
            return {"$ref": "#/components/schemas/basic-error"}
        if "$ref" in response:
            response = self.components["responses"][response["$ref"].rsplit("/", 1)[1]]
        content = (response.get("content") or {}).get("application/json")
        return None if content is None else _json_schema(content["schema"])

    def request_schema(self, method: str, path: str) -> dict[str, Any] | None:
        """The declared JSON schema of a request body; None when the operation takes none."""
        op = self.operation(method, path)
        request = self._request_bodies.get((op.method, op.template))
        if request is not None and "$ref" in request:
            request = self.components["requestBodies"][request["$ref"].rsplit("/", 1)[1]]
        content = ((request or {}).get("content") or {}).get("application/json")
        return None if content is None else _json_schema(content["schema"])

    def validate_request(self, method: str, path: str, body: Any) -> None:
        schema = self.request_schema(method, path)
        if schema is None:
            assert body is None, f"{method} {path} takes no body in the description"
            return
        jsonschema.Draft4Validator({"components": self.components, "allOf": [schema]}).validate(body)

    def validate(self, method: str, path: str, status: int, body: Any) -> None:
        """Raise `jsonschema.ValidationError` when ``body`` does not fit the declared schema."""
        schema = self.schema_for(method, path, status)
        if schema is None:
            assert body in (None, b"", ""), f"{method} {path} {status} has no body in the description"
            return
        root = {"components": self.components, "allOf": [schema]}
        jsonschema.Draft4Validator(root).validate(body)


def _path_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    regex = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(regex)


@cache
def spec(host: str) -> Spec:
    return Spec(host)


def webhook_examples(event: str, host: str = "api.github.com") -> list[dict[str, Any]]:
    """The community-contributed example payloads of one webhook event."""
    data = json.loads((WEBHOOK_EXAMPLES / host / "index.json").read_text(encoding="utf-8"))
    return [example for entry in data if entry["name"] == event for example in entry["examples"]]
