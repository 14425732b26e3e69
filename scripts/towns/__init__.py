"""Registry, checker and public site for the Internet+ town (互联网+小镇) creation program."""

from __future__ import annotations

__version__ = "0.1.0"
