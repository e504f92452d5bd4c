"""Positions as editors count them, for the strict YAML reader (:mod:`generator.source.reader`).

libyaml follows YAML 1.1 and ends a line at U+2028 LINE SEPARATOR, U+2029 PARAGRAPH
SEPARATOR and U+0085 NEXT LINE as well as at line feeds. Editors (VS Code, Vim, Emacs) show
those characters inside a line, so in a file holding one, libyaml's line and column are
recomputed from its character offset (``mark.index``); elsewhere they are used as they are.
:func:`explain` names the invisible character an error points at, and such line breaks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from generator.source.characters import LINE_BREAKS_YAML_ONLY, is_invisible, name_of


class _EditorLines:
    """Line and column as editors count them (line feeds only), from libyaml's character offset."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, mark: Any) -> tuple[int, int]:
        number = bisect_right(self.starts, mark.index) - 1
        return number + 1, mark.index - self.starts[number] + 1


def libyaml_at(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def editor_positions(text: str) -> Any:
    """How to turn a libyaml mark into an editor position for this text."""
    if any(char in text for char in LINE_BREAKS_YAML_ONLY):
        return _EditorLines(text).at
    return libyaml_at


def explain(lines: list[str], line: int, column: int, first_line: int) -> str:
    """Name the invisible character a YAML error points at, and line breaks only YAML sees.

    ``first_line`` is where the construct the error is about starts (libyaml's context mark):
    a U+2028 there or up to the error is the usual cause of a confusing error.
    """
    if not 0 < line <= len(lines):
        return ""
    notes = []
    text = lines[line - 1]
    if 0 < column <= len(text) and is_invisible(text[column - 1]):
        notes.append(f"at {name_of(text[column - 1])}")
    for number in range(max(1, min(first_line, line)), line + 1):
        for index, char in enumerate(lines[number - 1]):
            if char in LINE_BREAKS_YAML_ONLY:
                notes.append(f"{name_of(char)} at {number}:{index + 1} is read by YAML as a line break; remove it")
                break
        if len(notes) > 3:
            break
    return f" ({'; '.join(notes)})" if notes else ""
