"""A small, stateful stand-in for the GitHub REST API, served by pytest-httpserver on loopback.

Its answers follow GitHub's published REST description (npm `@octokit/openapi`): every field the
description requires is present, with its type (reaction counts, ``documentation_url`` on errors,
full pull requests with their repositories). `tests/test_github_fake_schema.py` validates every
request and answer the fake exchanges against that description, for github.com and for the newest
GitHub Enterprise Server. It also answers the way the real API does where that is awkward: 404 when
removing a label the issue does not have, ``user: null`` for a deleted author (`ghost`), labels of a
new issue dropped for a token without push access (`drop_new_issue_labels`), closed and merged pull
requests. Only GitHub is faked: our own code runs unchanged against it. The server speaks the GitHub
Enterprise Server layout (``/api/v3/...``), which is also what `towns github --api-url` uses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urlencode

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

STAMP = "2026-11-30T01:02:03Z"
BOT = "github-actions[bot]"
HEAD = "0123456789abcdef0123456789abcdef01234567"
BASE_SHA = "89abcdef0123456789abcdef0123456789abcdef"
DOCS = "https://docs.github.com/rest"
PR_CHECK_WORKFLOW_ID = 161335
REACTION_KINDS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket")


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


_REPO_TEMPLATES = {
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
_REPO_PLAIN = [
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


def repository_json(base: str, full_name: str, owner: dict[str, Any], *, rid: int = 4242) -> dict[str, Any]:
    """A full repository object (GET /repos/{owner}/{repo}), about seventy keys as GitHub sends."""
    api = f"{base}/repos/{full_name}"
    html = f"https://github.example.invalid/{full_name}"
    data: dict[str, Any] = {k: api + v for k, v in _REPO_TEMPLATES.items()}
    data |= {f"{name}_url": f"{api}/{name}" for name in _REPO_PLAIN}
    counts = ("stargazers_count", "watchers_count", "watchers", "forks_count", "forks", "network_count")
    data |= dict.fromkeys(counts, 3) | {"open_issues_count": 2, "open_issues": 2, "subscribers_count": 2}
    data |= {
        "id": rid,
        "node_id": f"R_{rid}",
        "name": full_name.split("/")[1],
        "full_name": full_name,
        "owner": owner,
        "private": False,
        "html_url": html,
        "description": "互联网+小镇申报登记库",
        "fork": rid != 4242,
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
        "language": "Python",
        "has_issues": True,
        "has_projects": True,
        "has_downloads": True,
        "has_wiki": False,
        "has_pages": True,
        "has_discussions": False,
        "archived": False,
        "disabled": False,
        "license": None,
        "allow_forking": True,
        "is_template": False,
        "topics": [],
        "visibility": "public",
        "default_branch": "main",
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


def reactions_json(url: str) -> dict[str, Any]:
    return {"url": f"{url}/reactions", "total_count": 0, **dict.fromkeys(REACTION_KINDS, 0)}


def issue_json(
    base: str,
    full_name: str,
    number: int,
    *,
    title: str,
    body: str,
    user: dict[str, Any] | None,
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
        "closed_by": None,
        "reactions": reactions_json(api),
        "timeline_url": f"{api}/timeline",
        "performed_via_github_app": None,
        "state_reason": "completed" if state == "closed" else None,
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
    base: str, full_name: str, number: int, *, cid: int, body: str, user: dict[str, Any] | None
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
        "reactions": reactions_json(api),
        "performed_via_github_app": None,
    }


@dataclass
class Pull:
    """A pull request's own state, beside its issue view."""

    number: int
    head_sha: str
    head_owner: str = "applicant"
    head_branch: str = "apply"
    state: str = "open"
    merged: bool = False


def _link(href: str) -> dict[str, str]:
    return {"href": href}


def pull_json(fake: FakeGitHub, pull: Pull) -> dict[str, Any]:
    """A full pull request (GET /repos/{owner}/{repo}/pulls/{number})."""
    issue = fake.issues[pull.number]
    api = f"{fake.base}/repos/{fake.full_name}/pulls/{pull.number}"
    fork = f"{pull.head_owner}/{fake.full_name.split('/')[1]}"
    head_repo = repository_json(fake.base, fork, fake.user(pull.head_owner), rid=5000 + pull.number)
    base_repo = fake.repository()
    data: dict[str, Any] = {
        "url": api,
        "id": 700000 + pull.number,
        "node_id": f"PR_{pull.number}",
        "html_url": issue["html_url"],
        "diff_url": f"{issue['html_url']}.diff",
        "patch_url": f"{issue['html_url']}.patch",
        "issue_url": issue["url"],
        "commits_url": f"{api}/commits",
        "review_comments_url": f"{api}/comments",
        "review_comment_url": f"{fake.base}/repos/{fake.full_name}/pulls/comments{{/number}}",
        "comments_url": issue["comments_url"],
        "statuses_url": f"{fake.base}/repos/{fake.full_name}/statuses/{pull.head_sha}",
        "number": pull.number,
        "state": pull.state,
        "locked": False,
        "title": issue["title"],
        "user": issue["user"] or fake.user("ghost"),
        "body": issue["body"],
        "labels": fake.labels_of(pull.number),
        "milestone": None,
        "active_lock_reason": None,
        "created_at": issue["created_at"],
        "updated_at": STAMP,
        "closed_at": STAMP if pull.state == "closed" else None,
        "merged_at": STAMP if pull.merged else None,
        "merge_commit_sha": None,
        "assignee": None,
        "assignees": [],
        "requested_reviewers": [],
        "requested_teams": [],
        "head": {
            "label": f"{pull.head_owner}:{pull.head_branch}",
            "ref": pull.head_branch,
            "sha": pull.head_sha,
            "repo": head_repo,
            "user": fake.user(pull.head_owner),
        },
        "base": {
            "label": "main",
            "ref": "main",
            "sha": BASE_SHA,
            "repo": base_repo,
            "user": base_repo["owner"],
        },
        "_links": {
            "self": _link(api),
            "html": _link(issue["html_url"]),
            "issue": _link(issue["url"]),
            "comments": _link(issue["comments_url"]),
            "review_comments": _link(f"{api}/comments"),
            "review_comment": _link(f"{fake.base}/repos/{fake.full_name}/pulls/comments{{/number}}"),
            "commits": _link(f"{api}/commits"),
            "statuses": _link(f"{fake.base}/repos/{fake.full_name}/statuses/{pull.head_sha}"),
        },
        "author_association": "CONTRIBUTOR",
        "auto_merge": None,
        "draft": False,
    }
    return data


def full_pull_json(fake: FakeGitHub, pull: Pull) -> dict[str, Any]:
    """The single pull request adds the merge and size fields the list leaves out."""
    return pull_json(fake, pull) | {
        "merged": pull.merged,
        "mergeable": None,
        "rebaseable": None,
        "mergeable_state": "unknown",
        "merged_by": None,
        "comments": len(fake.comments.get(pull.number, [])),
        "review_comments": 0,
        "maintainer_can_modify": False,
        "commits": 1,
        "additions": 10,
        "deletions": 0,
        "changed_files": 2,
    }


def error_json(message: str, status: int, doc: str = "") -> dict[str, Any]:
    """GitHub's error body: always a message and a documentation link, and the status as text."""
    return {"message": message, "documentation_url": f"{DOCS}{doc}", "status": str(status)}


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    body: Any


@dataclass
class Exchange:
    """One request and the answer the fake gave, for validation against the REST description."""

    method: str
    path: str
    request: Any
    status: int
    response: Any


@dataclass
class FakeGitHub:
    """State of one repository on a fake GitHub Enterprise Server, plus the log of requests."""

    server: HTTPServer
    full_name: str = "example-province/towns-registry"
    page_size: int = 100
    forbid_writes: bool = False
    drop_new_issue_labels: bool = False
    removed_meanwhile: set[str] = field(default_factory=set)  # listed, but gone when deleted
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    issue_labels: dict[int, list[str]] = field(default_factory=dict)
    pulls: dict[int, Pull] = field(default_factory=dict)
    statuses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    workflows: dict[str, int] = field(default_factory=lambda: {"pr-check.yml": PR_CHECK_WORKFLOW_ID})
    calls: list[Call] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
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

    def repository(self) -> dict[str, Any]:
        return repository_json(self.base, self.full_name, self.user(self.full_name.split("/")[0]))

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def add_pr(self, number: int, head_sha: str, author: str | None = "applicant", **pull: Any) -> Pull:
        """A pull request by ``author`` (None: a deleted account, ``user: null``)."""
        user = self.user(author) if author else None
        self.issues[number] = issue_json(
            self.base, self.full_name, number, title="申报：示例小镇", body="", user=user,
            labels=[], pull_request=True,
        )  # fmt: skip
        self.comments.setdefault(number, [])
        self.issue_labels.setdefault(number, [])
        self.pulls[number] = Pull(number, head_sha, **({"head_owner": author or "ghost"} | pull))
        return self.pulls[number]

    def add_comment(self, number: int, body: str, login: str | None) -> dict[str, Any]:
        """A comment by ``login`` (None: its author's account was deleted)."""
        user = self.user(login) if login else None
        c = comment_json(self.base, self.full_name, number, cid=self.new_id(), body=body, user=user)
        self.comments[number].append(c)
        return c

    def add_label(self, name: str, color: str = "ededed", description: str | None = None) -> None:
        self.labels[name] = label_json(
            self.base, self.full_name, name, color=color, description=description, lid=self.new_id()
        )

    def labels_of(self, number: int) -> list[dict[str, Any]]:
        return [self.labels[n] for n in self.issue_labels.get(number, []) if n in self.labels]

    def writes(self) -> list[Call]:
        return [c for c in self.calls if c.method != "GET"]

    def status_of(self, sha: str, context: str) -> dict[str, Any] | None:
        """The latest status of ``context`` on ``sha``, as branch protection sees it."""
        found = [s for s in self.statuses.get(sha, []) if s["context"] == context]
        return found[-1] if found else None

    # ----- request handling -----

    def handle(self, request: Request) -> Response:
        body = json.loads(request.get_data() or b"null")
        path = request.path.removeprefix("/api/v3")
        self.calls.append(Call(request.method, path, dict(request.args), body))
        status, answer, headers = self._answer(request, path, body)
        self.exchanges.append(Exchange(request.method, request.path, body, status, answer))
        return Response(
            json.dumps(answer, ensure_ascii=False),
            status=status,
            headers={"Content-Type": "application/json; charset=utf-8", **headers},
        )

    def _answer(self, request: Request, path: str, body: Any) -> tuple[int, Any, dict[str, str]]:
        if self.forbid_writes and request.method != "GET":
            return 403, error_json("Resource not accessible by integration", 403), {}
        for method, pattern, func in self._routes():
            match = re.fullmatch(pattern, path)
            if match and method == request.method:
                return func(request, body, *map(unquote, match.groups()))
        return _not_found()

    def _routes(self) -> list[tuple[str, str, Callable[..., tuple[int, Any, dict[str, str]]]]]:
        repo = re.escape(f"/repos/{self.full_name}")
        return [
            ("GET", repo, lambda r, b: _ok(self.repository())),
            ("GET", repo + r"/pulls", self._list_pulls),
            ("GET", repo + r"/pulls/(\d+)", self._get_pull),
            ("GET", repo + r"/actions/workflows/([^/]+)", self._get_workflow),
            ("POST", repo + r"/statuses/([0-9a-f]+)", self._post_status),
            ("GET", repo + r"/issues/(\d+)", lambda r, b, n: self._issue_or_404(int(n))),
            ("PATCH", repo + r"/issues/(\d+)", self._patch_issue),
            ("GET", repo + r"/issues/(\d+)/comments", lambda r, b, n: self._page(r, self.comments[int(n)])),
            ("POST", repo + r"/issues/(\d+)/comments", self._post_comment),
            ("PATCH", repo + r"/issues/comments/(\d+)", self._patch_comment),
            ("GET", repo + r"/issues/(\d+)/labels", lambda r, b, n: self._page(r, self.labels_of(int(n)))),
            ("POST", repo + r"/issues/(\d+)/labels", self._post_issue_labels),
            ("DELETE", repo + r"/issues/(\d+)/labels/(.+)", self._delete_issue_label),
            ("GET", repo + r"/labels", lambda r, b: self._page(r, list(self.labels.values()))),
            ("POST", repo + r"/labels", self._post_label),
            ("GET", repo + r"/issues", self._list_issues),
            ("POST", repo + r"/issues", self._post_issue),
        ]  # fmt: skip

    def _page(self, request: Request, items: list[dict[str, Any]]) -> tuple[int, Any, dict[str, str]]:
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
        return 200, chunk, ({"Link": ", ".join(links)} if links else {})

    def _issue_or_404(self, number: int) -> tuple[int, Any, dict[str, str]]:
        if number not in self.issues:
            return _not_found("/issues/issues#get-an-issue")
        return _ok(self._issue_view(number))

    def _issue_view(self, number: int) -> dict[str, Any]:
        issue = dict(self.issues[number])
        issue["labels"] = self.labels_of(number)
        issue["comments"] = len(self.comments.get(number, []))
        return issue

    def _list_pulls(self, request: Request, body: Any) -> tuple[int, Any, dict[str, str]]:
        state = request.args.get("state", "open")
        head = request.args.get("head")
        found = [
            pull_json(self, p)
            for p in sorted(self.pulls.values(), key=lambda p: -p.number)
            if state in {"all", p.state} and (head is None or head == f"{p.head_owner}:{p.head_branch}")
        ]
        return self._page(request, found)

    def _get_pull(self, request: Request, body: Any, number: str) -> tuple[int, Any, dict[str, str]]:
        pull = self.pulls.get(int(number))
        if pull is None:
            return _not_found("/pulls/pulls#get-a-pull-request")
        return _ok(full_pull_json(self, pull))

    def _get_workflow(self, request: Request, body: Any, name: str) -> tuple[int, Any, dict[str, str]]:
        if name not in self.workflows:
            return _not_found("/actions/workflows#get-a-workflow")
        wid = self.workflows[name]
        api = f"{self.base}/repos/{self.full_name}/actions/workflows/{wid}"
        html = f"https://github.example.invalid/{self.full_name}/blob/main/.github/workflows/{name}"
        return _ok({
            "id": wid, "node_id": f"W_{wid}", "name": "申报检查", "path": f".github/workflows/{name}",
            "state": "active", "created_at": STAMP, "updated_at": STAMP, "url": api, "html_url": html,
            "badge_url": f"https://github.example.invalid/{self.full_name}/workflows/{name}/badge.svg",
        })  # fmt: skip

    def _post_status(self, request: Request, body: Any, sha: str) -> tuple[int, Any, dict[str, str]]:
        sid = self.new_id()
        status = {
            "url": f"{self.base}/repos/{self.full_name}/statuses/{sha}",
            "avatar_url": None,
            "id": sid,
            "node_id": f"SC_{sid}",
            "state": body["state"],
            "description": body.get("description"),
            "target_url": body.get("target_url"),
            "context": body.get("context", "default"),
            "created_at": STAMP,
            "updated_at": STAMP,
            "creator": self.user(BOT),
        }
        self.statuses.setdefault(sha, []).append(status)
        return 201, status, {}

    def _post_comment(self, request: Request, body: Any, number: str) -> tuple[int, Any, dict[str, str]]:
        return 201, self.add_comment(int(number), body["body"], BOT), {}

    def _patch_comment(self, request: Request, body: Any, cid: str) -> tuple[int, Any, dict[str, str]]:
        for comments in self.comments.values():
            for c in comments:
                if c["id"] == int(cid):
                    c["body"] = body["body"]
                    return _ok(c)
        return _not_found("/issues/comments#update-an-issue-comment")

    def _post_issue_labels(self, request: Request, body: Any, number: str) -> tuple[int, Any, dict[str, str]]:
        names = body["labels"] if isinstance(body, dict) else body
        for name in names:
            if name not in self.labels:
                self.add_label(name)
            if name not in self.issue_labels[int(number)]:
                self.issue_labels[int(number)].append(name)
        return _ok(self.labels_of(int(number)))

    def _delete_issue_label(
        self, request: Request, body: Any, number: str, name: str
    ) -> tuple[int, Any, dict[str, str]]:
        if name in self.removed_meanwhile and name in self.issue_labels[int(number)]:
            self.issue_labels[int(number)].remove(name)
        if name not in self.issue_labels[int(number)]:
            return (
                404,
                error_json("Label does not exist", 404, "/issues/labels#remove-a-label-from-an-issue"),
                {},
            )
        self.issue_labels[int(number)].remove(name)
        return _ok(self.labels_of(int(number)))

    def _post_label(self, request: Request, body: Any) -> tuple[int, Any, dict[str, str]]:
        if body["name"] in self.labels:
            error = error_json("Validation Failed", 422, "/issues/labels#create-a-label")
            error["errors"] = [{"resource": "Label", "code": "already_exists", "field": "name"}]
            return 422, error, {}
        self.add_label(body["name"], body["color"], body.get("description"))
        return 201, self.labels[body["name"]], {}

    def _list_issues(self, request: Request, body: Any) -> tuple[int, Any, dict[str, str]]:
        state = request.args.get("state", "open")
        wanted = [w for w in request.args.get("labels", "").split(",") if w]
        since = request.args.get("since", "")
        numbers = sorted(self.issues, reverse=True)
        items = [
            self._issue_view(n)
            for n in numbers
            if (state == "all" or self.issues[n]["state"] == state)
            and all(w in self.issue_labels.get(n, []) for w in wanted)
            and self.issues[n]["updated_at"] >= since
        ]
        return self._page(request, items)

    def _post_issue(self, request: Request, body: Any) -> tuple[int, Any, dict[str, str]]:
        number = max([*self.issues, 0]) + 1
        self.issues[number] = issue_json(
            self.base, self.full_name, number, title=body["title"], body=body.get("body") or "",
            user=self.user(BOT), labels=[],
        )  # fmt: skip
        self.comments[number] = []
        self.issue_labels[number] = []
        for name in [] if self.drop_new_issue_labels else body.get("labels") or []:
            if name not in self.labels:
                self.add_label(name)
            self.issue_labels[number].append(name)
        return 201, self._issue_view(number), {}

    def _patch_issue(self, request: Request, body: Any, number: str) -> tuple[int, Any, dict[str, str]]:
        n = int(number)
        if n not in self.issues:
            return _not_found("/issues/issues#update-an-issue")
        for key in ("title", "body", "state"):
            if key in body:
                self.issues[n][key] = body[key]
        if "labels" in body:
            self.issue_labels[n] = list(body["labels"])
        closed = self.issues[n]["state"] == "closed"
        self.issues[n]["closed_at"] = STAMP if closed else None
        self.issues[n]["state_reason"] = "completed" if closed else "reopened"
        return _ok(self._issue_view(n))


def _ok(data: Any) -> tuple[int, Any, dict[str, str]]:
    return 200, data, {}


def _not_found(doc: str = "") -> tuple[int, Any, dict[str, str]]:
    return 404, error_json("Not Found", 404, doc), {}


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


def sample_obligation() -> dict[str, Any]:
    """One entry of `towns due --format json`, as the reminder reads it."""
    return {
        "town": "chaoshan-silk",
        "town_name": "潮汕丝路小镇（虚构）",
        "city": "shantou",
        "city_name": "汕头市",
        "kind": "annual_report",
        "year": 2026,
        "due": "2027-01-10",
        "status": "due",
    }
