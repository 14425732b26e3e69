"""The token pass of `towns.loading`: what libyaml's composed nodes cannot show.

libyaml's nodes keep no anchor names and PyYAML resolves the non-specific tag `!` away, so an
anchor on a key, an alias used as a key, an unused anchor or `! 12` left no trace in them. The
tokens keep everything, with positions: anchors and aliases (`E-YAML-002`) and tags
(`E-YAML-005`) are refused, and characters libyaml would silently drop are errors: a `#` glued to
the token before it (`E-YAML-012`), a `?` glued to a flow item (`E-YAML-013`).

Scanning tokens in Python costs more than a parse, so `suspect` decides first, with `str.find`,
whether a text can hold any of these at all; `tests/test_loading.py` holds it to be sound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml._yaml import CParser

from towns.catalog import finding
from towns.findings import Finding

# Every anchor, alias or tag starts a node (after a line start, a blank, a flow indicator or a
# JSON-style ":"), and every character libyaml drops is a "#" glued to the token before it or a
# "?" glued to the text after it. A text without such a character after such a neighbour cannot
# hold one, so the token scan runs only for the few files that have one. (`str.find` is used
# because a regular expression over Chinese text costs as much as a third of the parse.)
_BLANKS = frozenset(" \t\r\n\x85\u2028\u2029")
_NODE_START = _BLANKS | frozenset("[]{},:")
_TOKEN_END = frozenset("\"'[]{},|>+-0123456789")
# (character, what may precede it, whether a blank after it rules it out: "& x" is no anchor)
_TRIGGERS = (
    ("&", _NODE_START, True),
    ("*", _NODE_START, True),
    ("?", _NODE_START, True),
    ("!", _NODE_START, False),
    ("#", _TOKEN_END, False),
)


def suspect(text: str) -> bool:
    """Whether ``text`` could hold an anchor, alias or tag, or a character libyaml drops."""
    for char, before, needs_text_after in _TRIGGERS:
        at = text.find(char)
        while at >= 0:
            placed = text[at - 1] in before if at > 0 else char != "#"
            after = text[at + 1 : at + 2]
            if placed and not (needs_text_after and (not after or after in _BLANKS)):
                return True
            at = text.find(char, at + 1)
    return False


_HEADER_COMMENT = re.compile(r"[|>][-+0-9]{0,2}#")
# A hostile file can hold thousands of aliases; the first ones say all there is to say.
_MAX_SCAN_FINDINGS = 50


@dataclass(slots=True)
class TokenScan:
    """What the token pass found: refused constructs make the document unusable, losses do not."""

    findings: list[Finding] = field(default_factory=list)
    refused: bool = False


def scan_tokens(text: str, rel: str) -> TokenScan:
    """Anchors, aliases and tags (refused) and characters libyaml would drop (errors), located."""
    scan = TokenScan()
    parser = CParser(text)
    try:
        while len(scan.findings) < _MAX_SCAN_FINDINGS:
            token = parser.get_token()
            if token is None:
                break
            _check_token(token, text, rel, scan)
    except yaml.YAMLError:
        pass  # the composer has already reported the text's syntax error
    finally:
        parser.dispose()
    return scan


def _check_token(token: Any, text: str, rel: str, scan: TokenScan) -> None:
    start, end = token.start_mark, token.end_mark
    if isinstance(token, yaml.AnchorToken | yaml.AliasToken | yaml.TagToken):
        code = "E-YAML-005" if isinstance(token, yaml.TagToken) else "E-YAML-002"
        written = short_source(text[start.index : end.index])
        params = {"tag": written} if code == "E-YAML-005" else {"written": written}
        scan.findings.append(finding(code, file=rel, line=start.line + 1, column=start.column + 1, **params))
        scan.refused = True
        return
    glued = text[end.index : end.index + 1]
    if end.index > start.index and glued == "#" and text[end.index - 1] not in _BLANKS:
        scan.findings.append(finding("E-YAML-012", file=rel, line=end.line + 1, column=end.column + 1))
    elif isinstance(token, yaml.ScalarToken) and token.style in {"|", ">"}:
        header = _HEADER_COMMENT.match(text, start.index)
        if header is not None:  # the "#" is the header's last character
            column = start.column + header.end() - start.index
            scan.findings.append(finding("E-YAML-012", file=rel, line=start.line + 1, column=column))
    if isinstance(token, yaml.KeyToken) and end.index > start.index and glued and glued not in _BLANKS:
        scan.findings.append(finding("E-YAML-013", file=rel, line=start.line + 1, column=start.column + 1))


def short_source(written: str) -> str:
    """Source text for a message, at most 40 characters."""
    return written if len(written) <= 40 else written[:37] + "..."
