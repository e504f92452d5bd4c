"""Characters that content may not hold, and names for the ones nobody can see.

* :data:`UNHOLDABLE`: control characters (except tab, line feed and carriage return), lone
  surrogates and Unicode noncharacters. Word documents (XML 1.0) cannot hold them at all and
  web pages treat them as errors, so ``reflect check`` refuses them where they are written
  (in YAML they can only arrive through escapes such as ``"\\e"``, ``"\\x01"`` or ``"\\0"``).
* :data:`BIDI_CONTROLS`: the embedding, override and isolate controls (U+202A–U+202E,
  U+2066–U+2069). They can make a title or menu read differently from what it says, so
  ``reflect check`` warns about them and ``--strict`` fails.
* :func:`name_of` names any character as ``U+2028 LINE SEPARATOR`` for messages.
"""

from __future__ import annotations

import re
import unicodedata

_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
UNHOLDABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NONCHARACTERS + "]"
)
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Either kind, for a fast first look (a superset: astral noncharacters are told apart after).
SUSPICIOUS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
    "\ufffe\uffff\U0001fffe-\U0010ffff]"
)
LINE_BREAKS_YAML_ONLY = ("\u2028", "\u2029", "\x85")
"""Characters YAML 1.1 (libyaml) reads as line breaks but editors show inside a line."""

_CONTROL_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
    "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION",
    "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL",
    "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
)
_OTHER_NAMES = {0x7F: "DELETE", 0x85: "NEXT LINE", 0xA0: "NO-BREAK SPACE"}


def name_of(char: str) -> str:
    """``U+001B ESCAPE``, ``U+2028 LINE SEPARATOR``, ``U+0081 a control character``."""
    code = ord(char)
    if code < 0x20:
        name = _CONTROL_NAMES[code]
    elif code in _OTHER_NAMES:
        name = _OTHER_NAMES[code]
    else:
        name = unicodedata.name(char, "")
        if not name:
            category = unicodedata.category(char)
            name = {"Cc": "a control character", "Cs": "a lone surrogate", "Cn": "a noncharacter"}.get(
                category, "an unnamed character"
            )
            return f"U+{code:04X} ({name})"
    return f"U+{code:04X} {name}"


def is_invisible(char: str) -> bool:
    """Whether a character shows as nothing (or as blank) in an editor."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Zs", "Cs", "Cn", "Co") and char != " "


_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtvfenN_LP])")
_SIMPLE = {"0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "v": "\x0b", "f": "\x0c", "e": "\x1b",
           "n": "\n", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}


def find_written(line: str, char: str, start: int = 0, escapes: bool = False) -> int:
    """Index in ``line`` (from ``start``) where ``char`` is written, literally or as an escape; -1."""
    literal = line.find(char, start)
    if escapes:
        for match in _ESCAPE.finditer(line, start):
            if 0 <= literal < match.start():
                break
            code = match.group(1)
            number = int(code[1:], 16) if len(code) > 1 else 0
            decoded = _SIMPLE.get(code) if len(code) == 1 else chr(number) if number <= 0x10FFFF else ""
            if decoded == char:
                return match.start()
    return literal
