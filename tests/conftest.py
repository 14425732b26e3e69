"""Shared set-up of the whole suite: the helpers beside this file are importable from every folder."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # golden_files, registry_builder, gitrepo, ...
