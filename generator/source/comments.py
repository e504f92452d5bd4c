"""YAML comments taken out of a file's text, everything else kept as written.

A comment is the team's note to itself (``# ask Sam before publishing``): the published source
view and source copy leave it out unless ``edit.source_comments`` is true. Where a comment is
is decided by YAML's own scanner: a ``#`` inside a value (a quoted string, a block scalar,
``a#b``) belongs to the value and stays.
"""

from __future__ import annotations

import re

import yaml

_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")


def _value_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of every token: what is not a token is space or comment."""
    spans = []
    for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if token.start_mark.index < token.end_mark.index:
            spans.append((token.start_mark.index, token.end_mark.index))
    return spans


def without_comments(text: str) -> str:
    """``text`` with every YAML comment removed: a line that was only a comment goes entirely.

    Text the scanner cannot read (it has already been checked by the loader) is returned as is.
    """
    if "#" not in text:
        return text
    try:
        spans = _value_spans(text)
    except yaml.YAMLError:
        return text
    inside = bytearray(len(text) + 1)
    for start, end in spans:
        inside[start:end] = b"\1" * (end - start)
    kept: list[str] = []
    offset = 0
    for line in _LINES.findall(text):
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        cut = next(
            (i for i, char in enumerate(body)
             if char == "#" and not inside[offset + i] and (i == 0 or body[i - 1] in " \t")),
            None,
        )
        offset += len(line)
        if cut is None:
            kept.append(line)
        elif body[:cut].strip():
            kept.append(body[:cut].rstrip() + ending)
    return "".join(kept)
