"""`python -m towns` runs the `towns` command."""

from __future__ import annotations

import sys

from towns.cli import main

sys.exit(main())
