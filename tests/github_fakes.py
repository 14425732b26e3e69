"""A small, stateful stand-in for the GitHub REST API, served by pytest-httpserver on loopback.

The JSON mirrors GitHub's real responses closely enough for github3.py, which refuses incomplete
objects (`IncompleteResponse`) and follows the `url` fields inside them. Only GitHub is faked: our
own code runs unchanged against it. The server speaks the GitHub Enterprise Server layout
(`/api/v3/...`), which is also what `towns github --api-url` uses for a provincial deployment.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

STAMP = "2026-11-30T01:02:03Z"
BOT = "github-actions[bot]"


def user_json(base: str, login: str, uid: int, kind: str = "User") -> dict[str, Any]:
    """A user as embedded in issues and comments (GitHub's 'simple user')."""
    url = f"{base}/users/{quote(login)}"
    return {
        "login": login,
        "id": uid,
        "node_id": f"U_{uid}",
        "avatar_url": f"https://avatars.example.invalid/u/{uid}?v=4",
        "gravatar_id": "",
        "url": url,
        "html_url": f"https://github.example.invalid/{login}",
        "followers_url": f"{url}/followers",
        "following_url": f"{url}/following{{/other_user}}",
        "gists_url": f"{url}/gists{{/gist_id}}",
        "starred_url": f"{url}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{url}/subscriptions",
        "organizations_url": f"{url}/orgs",
        "repos_url": f"{url}/repos",
        "events_url": f"{url}/events{{/privacy}}",
        "received_events_url": f"{url}/received_events",
        "type": kind,
        "site_admin": False,
    }


def repository_json(base: str, full_name: str, owner: dict[str, Any]) -> dict[str, Any]:
    """A full repository object (GET /repos/{owner}/{repo}), about seventy keys as GitHub sends."""
    api = f"{base}/repos/{full_name}"
    html = f"https://github.example.invalid/{full_name}"
    templates = {
        "archive_url": "/{archive_format}{/ref}",
        "assignees_url": "/assignees{/user}",
        "blobs_url": "/git/blobs{/sha}",
        "branches_url": "/branches{/branch}",
        "collaborators_url": "/collaborators{/collaborator}",
        "comments_url": "/comments{/number}",
        "commits_url": "/commits{/sha}",
        "compare_url": "/compare/{base}...{head}",
        "contents_url": "/contents/{+path}",
        "git_commits_url": "/git/commits{/sha}",
        "git_refs_url": "/git/refs{/sha}",
        "git_tags_url": "/git/tags{/sha}",
        "issue_comment_url": "/issues/comments{/number}",
        "issue_events_url": "/issues/events{/number}",
        "issues_url": "/issues{/number}",
        "keys_url": "/keys{/key_id}",
        "labels_url": "/labels{/name}",
        "milestones_url": "/milestones{/number}",
        "notifications_url": "/notifications{?since,all,participating}",
        "pulls_url": "/pulls{/number}",
        "releases_url": "/releases{/id}",
        "statuses_url": "/statuses/{sha}",
        "trees_url": "/git/trees{/sha}",
    }
    plain = [
        "contributors",
        "deployments",
        "downloads",
        "events",
        "forks",
        "hooks",
        "languages",
        "merges",
        "stargazers",
        "subscribers",
        "subscription",
        "tags",
        "teams",
    ]
    data: dict[str, Any] = {k: api + v for k, v in templates.items()}
    data |= {f"{name}_url": f"{api}/{name}" for name in plain}
    data |= {
        "id": 4242,
        "node_id": "R_4242",
        "name": full_name.split("/")[1],
        "full_name": full_name,
        "owner": owner,
        "private": False,
        "html_url": html,
        "description": "互联网+小镇申报登记库",
        "fork": False,
        "url": api,
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": STAMP,
        "pushed_at": STAMP,
        "git_url": f"git://github.example.invalid/{full_name}.git",
        "ssh_url": f"git@github.example.invalid:{full_name}.git",
        "clone_url": f"{html}.git",
        "svn_url": html,
        "mirror_url": None,
        "homepage": None,
        "size": 1024,
        "stargazers_count": 3,
        "watchers_count": 3,
        "watchers": 3,
        "language": "Python",
        "has_issues": True,
        "has_projects": True,
        "has_downloads": True,
        "has_wiki": False,
        "has_pages": True,
        "has_discussions": False,
        "forks_count": 5,
        "forks": 5,
        "archived": False,
        "disabled": False,
        "open_issues_count": 2,
        "open_issues": 2,
        "license": None,
        "allow_forking": True,
        "is_template": False,
        "topics": [],
        "visibility": "public",
        "default_branch": "main",
        "network_count": 5,
        "subscribers_count": 2,
        "temp_clone_token": None,
        "permissions": {"admin": False, "maintain": False, "push": False, "triage": False, "pull": True},
    }
    return data


def label_json(
    base: str, full_name: str, name: str, *, color: str, description: str | None, lid: int
) -> dict[str, Any]:
    return {
        "id": lid,
        "node_id": f"LA_{lid}",
        "url": f"{base}/repos/{full_name}/labels/{quote(name)}",
        "name": name,
        "color": color,
        "default": False,
        "description": description,
    }


def issue_json(
    base: str,
    full_name: str,
    number: int,
    *,
    title: str,
    body: str,
    user: dict[str, Any],
    labels: list[dict[str, Any]],
    state: str = "open",
    pull_request: bool = False,
) -> dict[str, Any]:
    """A full issue (also what GitHub returns for a pull request at /issues/{number})."""
    api = f"{base}/repos/{full_name}/issues/{number}"
    html = f"https://github.example.invalid/{full_name}/{'pull' if pull_request else 'issues'}/{number}"
    data: dict[str, Any] = {
        "url": api,
        "repository_url": f"{base}/repos/{full_name}",
        "labels_url": f"{api}/labels{{/name}}",
        "comments_url": f"{api}/comments",
        "events_url": f"{api}/events",
        "html_url": html,
        "id": 900000 + number,
        "node_id": f"I_{number}",
        "number": number,
        "title": title,
        "user": user,
        "labels": labels,
        "state": state,
        "locked": False,
        "assignee": None,
        "assignees": [],
        "milestone": None,
        "comments": 0,
        "created_at": "2026-11-29T08:00:00Z",
        "updated_at": STAMP,
        "closed_at": STAMP if state == "closed" else None,
        "author_association": "CONTRIBUTOR",
        "active_lock_reason": None,
        "body": body,
        "body_html": "",
        "body_text": body,
        "closed_by": None,
        "reactions": {"url": f"{api}/reactions", "total_count": 0},
        "timeline_url": f"{api}/timeline",
        "performed_via_github_app": None,
        "state_reason": None,
    }
    if pull_request:
        data["pull_request"] = {
            "url": f"{base}/repos/{full_name}/pulls/{number}",
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "merged_at": None,
        }
    return data


def comment_json(
    base: str, full_name: str, number: int, *, cid: int, body: str, user: dict[str, Any]
) -> dict[str, Any]:
    api = f"{base}/repos/{full_name}/issues/comments/{cid}"
    return {
        "url": api,
        "html_url": f"https://github.example.invalid/{full_name}/pull/{number}#issuecomment-{cid}",
        "issue_url": f"{base}/repos/{full_name}/issues/{number}",
        "id": cid,
        "node_id": f"IC_{cid}",
        "user": user,
        "created_at": STAMP,
        "updated_at": STAMP,
        "author_association": "NONE",
        "body": body,
        "body_html": "",
        "body_text": body,
        "reactions": {"url": f"{api}/reactions", "total_count": 0},
        "performed_via_github_app": None,
    }


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    body: Any


@dataclass
class FakeGitHub:
    """State of one repository on a fake GitHub Enterprise Server, plus the log of requests."""

    server: HTTPServer
    full_name: str = "example-province/towns-registry"
    page_size: int = 100
    forbid_writes: bool = False
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    issue_labels: dict[int, list[str]] = field(default_factory=dict)
    pr_heads: dict[int, str] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    _next_id: int = 1000

    @property
    def base(self) -> str:
        return self.server.url_for("/api/v3").rstrip("/")

    @property
    def root_url(self) -> str:
        return self.server.url_for("/")

    def install(self) -> FakeGitHub:
        self.server.expect_request(re.compile(r"^/api/v3/.*")).respond_with_handler(self.handle)
        return self

    # ----- state helpers used by tests -----

    def user(self, login: str) -> dict[str, Any]:
        if login not in self.users:
            kind = "Bot" if login.endswith("[bot]") else "User"
            self.users[login] = user_json(self.base, login, 100 + len(self.users), kind)
        return self.users[login]

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def add_pr(self, number: int, head_sha: str, author: str = "applicant") -> None:
        self.issues[number] = issue_json(
            self.base, self.full_name, number, title="申报：示例小镇", body="", user=self.user(author),
            labels=[], pull_request=True,
        )  # fmt: skip
        self.comments.setdefault(number, [])
        self.issue_labels.setdefault(number, [])
        self.pr_heads[number] = head_sha

    def add_comment(self, number: int, body: str, login: str) -> dict[str, Any]:
        c = comment_json(
            self.base, self.full_name, number, cid=self.new_id(), body=body, user=self.user(login)
        )
        self.comments[number].append(c)
        return c

    def add_label(self, name: str, color: str = "ededed", description: str | None = None) -> None:
        self.labels[name] = label_json(
            self.base, self.full_name, name, color=color, description=description, lid=self.new_id()
        )

    def writes(self) -> list[Call]:
        return [c for c in self.calls if c.method != "GET"]

    # ----- request handling -----

    def handle(self, request: Request) -> Response:
        body = json.loads(request.get_data() or b"null")
        path = request.path.removeprefix("/api/v3")
        self.calls.append(Call(request.method, path, dict(request.args), body))
        if self.forbid_writes and request.method != "GET":
            return _json(
                {
                    "message": "Resource not accessible by integration",
                    "documentation_url": "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
                    "status": "403",
                },
                403,
            )
        for method, pattern, func in self._routes():
            match = re.fullmatch(pattern, path)
            if match and method == request.method:
                return func(request, body, *match.groups())
        return _json({"message": "Not Found", "status": "404"}, 404)

    def _routes(self) -> list[tuple[str, str, Any]]:
        repo = re.escape(f"/repos/{self.full_name}")
        return [
            ("GET", repo, lambda r, b: _json(self._repository())),
            ("GET", repo + r"/pulls/(\d+)", self._get_pull),
            ("GET", repo + r"/issues/(\d+)", lambda r, b, n: self._issue_or_404(int(n))),
            ("PATCH", repo + r"/issues/(\d+)", self._patch_issue),
            ("GET", repo + r"/issues/(\d+)/comments", lambda r, b, n: self._page(r, self.comments[int(n)])),
            ("POST", repo + r"/issues/(\d+)/comments", self._post_comment),
            ("PATCH", repo + r"/issues/comments/(\d+)", self._patch_comment),
            ("GET", repo + r"/issues/(\d+)/labels", lambda r, b, n: self._page(r, self._labels_of(int(n)))),
            ("POST", repo + r"/issues/(\d+)/labels", self._post_issue_labels),
            ("DELETE", repo + r"/issues/(\d+)/labels/(.+)", self._delete_issue_label),
            ("GET", repo + r"/labels", lambda r, b: self._page(r, list(self.labels.values()))),
            ("POST", repo + r"/labels", self._post_label),
            ("GET", repo + r"/issues", self._list_issues),
            ("POST", repo + r"/issues", self._post_issue),
        ]  # fmt: skip

    def _repository(self) -> dict[str, Any]:
        return repository_json(self.base, self.full_name, self.user("example-province"))

    def _page(self, request: Request, items: list[dict[str, Any]]) -> Response:
        size = min(int(request.args.get("per_page", 30)), self.page_size)
        page = int(request.args.get("page", 1))
        chunk = items[(page - 1) * size : page * size]
        last = max(1, -(-len(items) // size))
        links = []
        url = request.base_url
        args = {k: v for k, v in request.args.items() if k not in {"page", "per_page"}}
        if page < last:
            links.append(f'<{url}?{urlencode({**args, "per_page": size, "page": page + 1})}>; rel="next"')
            links.append(f'<{url}?{urlencode({**args, "per_page": size, "page": last})}>; rel="last"')
        headers = {"Link": ", ".join(links)} if links else {}
        return _json(chunk, headers=headers)

    def _issue_or_404(self, number: int) -> Response:
        if number not in self.issues:
            return _json({"message": "Not Found", "status": "404"}, 404)
        return _json(self._issue_view(number))

    def _issue_view(self, number: int) -> dict[str, Any]:
        issue = dict(self.issues[number])
        issue["labels"] = self._labels_of(number)
        issue["comments"] = len(self.comments.get(number, []))
        return issue

    def _labels_of(self, number: int) -> list[dict[str, Any]]:
        return [self.labels[n] for n in self.issue_labels.get(number, []) if n in self.labels]

    def _get_pull(self, request: Request, body: Any, number: str) -> Response:
        n = int(number)
        if n not in self.pr_heads:
            return _json({"message": "Not Found", "status": "404"}, 404)
        sha = self.pr_heads[n]
        return _json(
            {"number": n, "state": "open", "head": {"sha": sha, "ref": "apply"}, "base": {"ref": "main"}}
        )

    def _post_comment(self, request: Request, body: Any, number: str) -> Response:
        return _json(self.add_comment(int(number), body["body"], BOT), 201)

    def _patch_comment(self, request: Request, body: Any, cid: str) -> Response:
        for comments in self.comments.values():
            for c in comments:
                if c["id"] == int(cid):
                    c["body"] = c["body_text"] = body["body"]
                    return _json(c)
        return _json({"message": "Not Found", "status": "404"}, 404)

    def _post_issue_labels(self, request: Request, body: Any, number: str) -> Response:
        names = body["labels"] if isinstance(body, dict) else body
        for name in names:
            if name not in self.labels:
                self.add_label(name)
            if name not in self.issue_labels[int(number)]:
                self.issue_labels[int(number)].append(name)
        return _json(self._labels_of(int(number)))

    def _delete_issue_label(self, request: Request, body: Any, number: str, name: str) -> Response:
        if name not in self.issue_labels[int(number)]:
            return _json({"message": "Label does not exist", "status": "404"}, 404)
        self.issue_labels[int(number)].remove(name)
        return _json(self._labels_of(int(number)))

    def _post_label(self, request: Request, body: Any) -> Response:
        if body["name"] in self.labels:
            return _json({"message": "Validation Failed", "errors": [{"code": "already_exists"}]}, 422)
        self.add_label(body["name"], body["color"], body.get("description"))
        return _json(self.labels[body["name"]], 201)

    def _list_issues(self, request: Request, body: Any) -> Response:
        state = request.args.get("state", "open")
        wanted = [w for w in request.args.get("labels", "").split(",") if w]
        numbers = sorted(self.issues, reverse=True)
        items = [
            self._issue_view(n)
            for n in numbers
            if (state == "all" or self.issues[n]["state"] == state)
            and all(w in self.issue_labels.get(n, []) for w in wanted)
        ]
        return self._page(request, items)

    def _post_issue(self, request: Request, body: Any) -> Response:
        number = max([*self.issues, 0]) + 1
        self.issues[number] = issue_json(
            self.base, self.full_name, number, title=body["title"], body=body.get("body") or "",
            user=self.user(BOT), labels=[],
        )  # fmt: skip
        self.comments[number] = []
        self.issue_labels[number] = []
        for name in body.get("labels") or []:
            if name not in self.labels:
                self.add_label(name)
            self.issue_labels[number].append(name)
        return _json(self._issue_view(number), 201)

    def _patch_issue(self, request: Request, body: Any, number: str) -> Response:
        n = int(number)
        if n not in self.issues:
            return _json({"message": "Not Found", "status": "404"}, 404)
        for key in ("title", "body", "state"):
            if key in body:
                self.issues[n][key] = body[key]
        if "labels" in body:
            self.issue_labels[n] = list(body["labels"])
        self.issues[n]["closed_at"] = STAMP if self.issues[n]["state"] == "closed" else None
        return _json(self._issue_view(n))


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(data, ensure_ascii=False),
        status=status,
        headers={"Content-Type": "application/json; charset=utf-8", **(headers or {})},
    )


HEAD = "0123456789abcdef0123456789abcdef01234567"


def sample_report(**overrides: Any) -> dict[str, Any]:
    """A report as `towns check --format json` writes it: one industry town with one error."""
    report: dict[str, Any] = {
        "format_version": 1,
        "tool_version": "0.1.0",
        "findings": [
            {
                "file": "submissions/guangzhou/tianhe-cloud/declaration.yaml",
                "line": 12,
                "column": 5,
                "code": "E-SCHEMA-001",
                "severity": "error",
                "message": "缺少必填字段",
                "field": "applicant.uscc",
                "hint": "请填写统一社会信用代码",
            },
            {
                "file": "submissions/guangzhou/tianhe-cloud/report.md",
                "line": 1,
                "column": 1,
                "code": "W-REPORT-002",
                "severity": "warning",
                "message": "报告缺少小标题",
                "field": None,
                "hint": None,
            },
        ],
        "towns": [
            {
                "id": "tianhe-cloud",
                "name": "天河云谷小镇（虚构）",
                "type": "industry",
                "city": "guangzhou",
                "city_name": "广州市",
                "region": "珠三角",
                "folder": "submissions/guangzhou/tianhe-cloud",
                "eligibility": {
                    "eligible": True,
                    "conditions": [
                        {
                            "id": "area",
                            "clause": "4.2(2)",
                            "title": "规划面积",
                            "status": "pass",
                            "required": "不少于 300 亩",
                            "actual": 420,
                        }
                    ],
                },
            }
        ],
        "summary": {"errors": 1, "warnings": 1, "towns": 1},
    }
    report.update(overrides)
    return report


def write_artifact(folder: Any, report: dict[str, Any], number: int = 7, head: str = HEAD) -> Any:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    (folder / "pr.json").write_text(json.dumps({"number": number, "head_sha": head}), encoding="utf-8")
    return folder
