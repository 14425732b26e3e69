"""The parts of GitHub's REST answers the loop relies on, as models that accept what GitHub may send.

Each model names only the fields the loop reads, and allows null wherever GitHub's published
description does (``user`` of an issue or comment, ``body``, ``merged_at``, a deleted fork's
``head.repo``). Everything else in an answer is ignored, so a richer answer never breaks the loop.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _Shape(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class User(_Shape):
    login: str


class Comment(_Shape):
    id: int
    url: str
    html_url: str
    body: str | None = None
    user: User | None = None


class LabelRef(_Shape):
    name: str


class _Numbered(_Shape):
    """What an issue and a pull request both are on GitHub: a numbered thread with its API address."""

    number: int
    url: str
    state: str


class Issue(_Numbered):
    title: str
    body: str | None = None
    user: User | None = None
    labels: list[LabelRef | str] = []
    pull_request: dict[str, object] | None = None

    @property
    def author(self) -> str | None:
        return self.user.login if self.user else None

    def label_names(self) -> set[str]:
        return {label if isinstance(label, str) else label.name for label in self.labels}


class Owner(_Shape):
    login: str


class RepoRef(_Shape):
    full_name: str
    owner: Owner


class Branch(_Shape):
    ref: str
    sha: str
    repo: RepoRef | None = None


class PullRequest(_Numbered):
    html_url: str
    head: Branch
    base: Branch
    merged_at: str | None = None
    merged: bool | None = None

    @property
    def is_open(self) -> bool:
        """Open and not merged: the only pull requests the loop comments on or labels."""
        return self.state == "open" and self.merged_at is None and not self.merged


class Workflow(_Shape):
    id: int
    path: str


class Status(_Shape):
    id: int
    state: str
    context: str
