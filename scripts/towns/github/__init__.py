"""The pull-request review loop on GitHub: trusted verdict, sticky comment, status, labels, reminders.

The verdict is computed in the privileged job by the default branch's code, on the pull request's
files read out of git objects as data (`trusted`, `gittree`); the check job's artifact is only a
cross-check (`verdict`). Everything here runs in workflows that hold a write token, so it treats its
inputs (the pull request's files, the artifact, the `towns due` output) as untrusted data:
validated (`artifact`), escaped (`markdown`) and size-capped before anything reaches GitHub. The
GitHub API is reached over github3.py's session (`client`, `rest`), against github.com or a GitHub
Enterprise Server, and its answers are read into tolerant shapes (`shapes`).
"""
