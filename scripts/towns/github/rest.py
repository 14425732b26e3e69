"""Plain REST calls on one repository, over github3.py's authenticated session.

github3.py builds an object for every answer and insists on fields the real API may leave out or
set to null: an issue or comment whose author was deleted has ``user: null`` (github3 raises
`TypeError`), and removing a label that is already gone is a 404 it treats as an error. The loop
therefore reads GitHub's JSON into its own small models (`towns.github.shapes`), which require
only the fields it uses and accept null where the published description allows it. github3.py
still provides the session: token authentication, the github.com or GitHub Enterprise Server base
URL, and the mapping of an error status to an exception with GitHub's own message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote

import requests
from github3 import exceptions as gh_errors
from pydantic import BaseModel, ValidationError

from towns.github.client import GitHubAccessError, explain, split_repo

M = TypeVar("M", bound=BaseModel)
PER_PAGE = 100
MAX_PAGES = 200  # 20,000 items: far beyond any pull request's comments or a year's issues
TIMEOUT_SECONDS = 60


class GitHubRefused(GitHubAccessError):
    """GitHub answered with an error status; ``errors`` holds its validation details, if any."""

    def __init__(self, message: str, status: int, errors: list[Any]) -> None:
        super().__init__(message)
        self.status = status
        self.errors = errors

    def has_code(self, code: str) -> bool:
        return any(isinstance(e, dict) and e.get("code") == code for e in self.errors)


@dataclass(frozen=True)
class Api:
    """One repository's REST endpoints: ``url`` is ``https://HOST[/api/v3]/repos/OWNER/NAME``."""

    session: Any
    url: str
    full_name: str

    def endpoint(self, *parts: str | int) -> str:
        """The URL of a path below the repository; each part is percent-encoded on its own."""
        return "/".join([self.url, *(quote(str(p), safe="") for p in parts)])

    def get(self, *parts: str | int, params: Mapping[str, str | int] | None = None) -> Any:
        return self._send("get", self.endpoint(*parts), params=params)

    def pages(self, *parts: str | int, params: Mapping[str, str | int] | None = None) -> list[Any]:
        """Every item of a paginated list, following ``Link: rel="next"`` as GitHub sends it."""
        items: list[Any] = []
        url: str | None = self.endpoint(*parts)
        query: dict[str, str | int] | None = {"per_page": PER_PAGE, **(params or {})}
        for _ in range(MAX_PAGES):
            if url is None:
                return items
            response = self._request("get", url, params=query)
            page = _json(response)
            if not isinstance(page, list):
                raise GitHubAccessError(f"GitHub 返回的列表格式不符（{_path(url)}）")
            items += page
            url = response.links.get("next", {}).get("url")
            query = None  # the next link carries the query itself
        return items

    def post(self, *parts: str | int, body: Any) -> Any:
        return self._send("post", self.endpoint(*parts), json=body)

    def patch(self, *parts: str | int, body: Any) -> Any:
        return self._send("patch", self.endpoint(*parts), json=body)

    def delete(self, *parts: str | int, missing_ok: bool = False) -> Any:
        """DELETE; with ``missing_ok`` a 404 means "already gone" and returns None."""
        response = self._request("delete", self.endpoint(*parts), missing_ok=missing_ok)
        return None if response.status_code in (204, 404) else _json(response)

    def _send(self, method: str, url: str, **kwargs: Any) -> Any:
        return _json(self._request(method, url, **kwargs))

    def _request(self, method: str, url: str, *, missing_ok: bool = False, **kwargs: Any) -> Any:
        try:
            response = getattr(self.session, method)(url, timeout=TIMEOUT_SECONDS, **kwargs)
        except requests.RequestException as exc:
            raise GitHubAccessError(f"无法连接 GitHub：{type(exc).__name__}") from exc
        if response.status_code == 404 and missing_ok:
            return response
        if response.status_code >= 400:
            error = gh_errors.error_for(response)
            raise GitHubRefused(explain(error), response.status_code, list(error.errors or []))
        return response


def open_repository(gh: Any, full_name: str) -> Api:
    """The REST endpoints of ``OWNER/NAME`` on the session's host, once the token can see it."""
    owner, name = split_repo(full_name)
    api = Api(gh.session, gh.session.build_url("repos", owner, name), f"{owner}/{name}")
    repo = api.get()
    url = repo.get("url") if isinstance(repo, dict) else None
    if not isinstance(url, str):
        raise GitHubAccessError(f"GitHub 上找不到仓库 {full_name}")
    return Api(gh.session, url.rstrip("/"), api.full_name)


def _json(response: Any) -> Any:
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise GitHubAccessError(f"GitHub 返回的不是 JSON（{_path(response.url)}）") from None


def _path(url: str) -> str:
    return url.split("/repos/", 1)[-1][:120]


def read(model: type[M], data: Any, what: str) -> M:
    """GitHub's answer in one of our shapes; a shape it does not fit is GitHub's failure, not ours."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"]) or "（顶层）"
        raise GitHubAccessError(f"GitHub 返回的{what}格式不符（{where}）") from None


def read_all(model: type[M], items: list[Any], what: str) -> list[M]:
    return [read(model, item, what) for item in items]
