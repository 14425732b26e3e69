"""Import path of the eligibility suite: the shared helpers one folder up (message_language)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
