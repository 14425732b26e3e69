"""The public site, generated from the registry.

Everything here is engine-neutral: plain functions turn a `towns.check.CheckResult` into
Markdown pages and files to copy (`pages.build_site`). Two thin shells use
them: the MkDocs hook (`mkdocs_hook`) and `towns site --output DIR`, which writes the same pages to
disk for any other builder.
"""
