"""A GitHub-like set of real repositories for the trusted run: origin, the runner's checkout, a fork.

`origin` is a bare repository standing in for GitHub: it holds `main` and, once a fork pushes, the
`refs/pull/<n>/head` ref GitHub keeps for every pull request. `runner` is what the privileged job
checks out (the default branch, full history). `fork` is the applicant's clone, where the pull
request's commits are made before they are pushed to `refs/pull/<n>/head`.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from gitrepo import GitRepo, clone, existing
from towns.synth import generate

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 30)
PR_CHECK = ".github/workflows/pr-check.yml"


@dataclass
class PullRequestRepos:
    origin: Path
    runner: GitRepo
    fork: GitRepo
    held_out: Path  # a valid town folder that is not on main: a clean pull request adds it
    held_out_as: str  # where it belongs, e.g. submissions/zhuhai/hengping-3

    def add_held_out_town(self) -> str:
        """The clean part of a pull request: the held-out town, as its applicant would add it."""
        shutil.copytree(self.held_out, self.fork.root / self.held_out_as)
        return self.held_out_as

    def push_pull(self, number: int = 7) -> str:
        """Push the fork's HEAD as GitHub does for a pull request; returns the head commit."""
        head = self.fork.git("rev-parse", "HEAD").strip()
        self.fork.git("push", "-q", "--force", "origin", f"HEAD:refs/pull/{number}/head")
        return head

    def town(self, index: int = 0) -> str:
        """The folder (repository-relative) of one of the towns on main."""
        return sorted(
            p.parent.relative_to(self.fork.root).as_posix()
            for p in self.fork.root.glob("submissions/*/*/declaration.yaml")
        )[index]


def build(tmp: Path) -> PullRequestRepos:
    """Main holds two valid towns, the real `pr-check.yml` and `program.yaml`; a third is held out."""
    data = generate(tmp / "synth", 3, seed=5, records=False, as_of=TODAY)
    towns = sorted(p.parent for p in data.glob("submissions/*/*/declaration.yaml"))
    held_out = tmp / "held-out"
    held_out_as = towns[-1].relative_to(data).as_posix()
    shutil.move(str(towns[-1]), held_out)
    base = GitRepo(tmp / "base")
    shutil.copytree(data, base.root, dirs_exist_ok=True)
    (base.root / PR_CHECK).parent.mkdir(parents=True)
    shutil.copy(ROOT / PR_CHECK, base.root / PR_CHECK)
    base.commit("登记库")
    origin = clone(base.root, tmp / "origin.git", bare=True)
    runner = existing(clone(origin, tmp / "runner"))
    fork = existing(clone(origin, tmp / "fork"))
    fork.git("checkout", "-q", "-b", "apply")
    return PullRequestRepos(origin, runner, fork, held_out, held_out_as)
