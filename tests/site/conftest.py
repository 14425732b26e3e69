"""Shared fixtures of the site tests: a small real registry with a lifecycle and a hostile town."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # registry_builder, lifecycle_builder
sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
