"""The pull-request review loop on GitHub: sticky report comment, labels and yearly reminders.

Everything here runs in workflows that hold a write token, so it treats its inputs (the PR check's
artifact, the `towns due` output) as untrusted data: validated (`artifact`), escaped (`markdown`)
and size-capped before anything reaches GitHub. The GitHub API is reached through github3.py
(`client`), against github.com or a GitHub Enterprise Server.
"""
