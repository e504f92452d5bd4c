"""A strict YAML reader that remembers where every value came from.

Content files are written by people, not programs, so the reader accepts a small, safe
subset of YAML and keeps line and column for every key and value:

* the file must be UTF-8 (a byte-order mark is tolerated only as the very first character);
* indentation is spaces only (no tabs, no non-breaking spaces);
* exactly one document per file, and it may not be empty;
* no anchors, aliases or explicit tags (``&a``, ``*a``, ``!!python/...``);
* no duplicate keys at any depth; keys are plain text;
* at most :data:`MAX_DEPTH` (100) levels of nesting, reported with a position instead of
  exhausting Python's stack;
* no character a Word document or web page cannot hold (control characters arriving through
  escapes such as ``"\\e"``); bidirectional controls (U+202A–U+202E, U+2066–U+2069) are warned
  about (see :mod:`generator.source.characters`).

Positions are reported as editors count them: lines are ended by line feeds only. libyaml
also ends a line at U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR and U+0085 NEXT LINE
(YAML 1.1); editors such as VS Code, Vim and Emacs show them inside a line, so positions in a
file holding one are recomputed from the character offset, and a message about such a line
names the character. Invisible characters a message points at are named (``U+00A0
NO-BREAK SPACE``). Columns count characters and have no upper limit.

Scalars are never coerced by YAML 1.1 rules: ``no``, ``on``, ``1:20``, ``012`` and
``2024-01-02`` stay exactly the text that was written. Only an empty plain value, ``~``
and ``null`` become ``None``. Models turn text into numbers or booleans where they
expect one (see :mod:`generator.models`).

Parsing goes through libyaml's event stream (``CParser``), so it stays fast, and the
document is composed here from events; an alias is rejected the moment it appears, so
an alias "bomb" never expands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.source.characters import BIDI_CONTROLS, SUSPICIOUS, UNHOLDABLE, find_written, name_of
from generator.source.diagnostics import Diagnostic, Position
from generator.source.positions import editor_positions, explain, libyaml_at

try:  # libyaml is required for speed; fall back loudly rather than silently.
    from yaml import CSafeLoader as _Loader

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    LIBYAML = False

PathKey = tuple[Any, ...]
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_SEQUENCE, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MAPPING, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_NULLS = {"", "~", "null", "Null", "NULL"}
_BAD_INDENT = re.compile(r"^[ ]*([\t\u00a0])")
MAX_DEPTH = 100
"""Deepest nesting of lists and mappings a content file may use (real content uses under 10)."""
_LINE, _COLUMN = 80, 40  # bit offsets of packed positions (40 bits each: no wrapping)
_FIELD = (1 << 40) - 1


@dataclass
class SourceMap:
    """Positions of the values (and mapping keys) of one loaded file, by data path."""

    path: str
    # Positions are packed into one int each (line, column and last line of a value), which
    # keeps the map small for large banks: hundreds of thousands of nodes.
    values: dict[PathKey, int] = field(default_factory=dict)
    keys: dict[PathKey, int] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    @staticmethod
    def pack(line: int, column: int, last_line: int = 0) -> int:
        return (line << _LINE) | (column << _COLUMN) | last_line

    def _unpack(self, packed: int) -> Position:
        return Position(self.path, packed >> _LINE, (packed >> _COLUMN) & _FIELD)

    def position(self, path: PathKey, *, key: bool = False) -> Position:
        """The position of the value at ``path`` (or of its key), or the nearest parent."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return self._unpack(table[probe])
            if key and probe in self.values:
                return self._unpack(self.values[probe])
            probe = probe[:-1]
        packed = self.values.get(())
        return self._unpack(packed) if packed is not None else Position(self.path, 1, 1)

    def find_text(self, path: PathKey, needle: str) -> Position:
        """Where ``needle`` is written inside the value at ``path`` (for references in text)."""
        packed = self.values.get(tuple(path))
        if packed is not None:
            start, end = packed >> _LINE, packed & _FIELD
            for number in range(start, min(end, len(self.lines)) + 1):
                column = self.lines[number - 1].find(needle)
                if column >= 0:
                    return Position(self.path, number, column + 1)
        return self.position(path)


@dataclass
class LoadedFile:
    """The data of one YAML file (plain dicts, lists, strings, None) and its source map."""

    path: str
    data: Any
    source: SourceMap


def _decode(raw: bytes, display: str, problems: list[Diagnostic]) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(
            Diagnostic(Position(display, 1, 1), "file is UTF-16 encoded; save it as UTF-8")
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        problems.append(
            Diagnostic(
                Position(display, line, column),
                f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            )
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    problems.extend(_scan_text(text, display))
    return text


def _scan_text(text: str, display: str) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for number, line in enumerate(text.split("\n"), 1):
        bad = _BAD_INDENT.match(line)
        if bad:
            what = "a tab" if bad.group(1) == "\t" else "a non-breaking space"
            found.append(
                Diagnostic(
                    Position(display, number, bad.start(1) + 1),
                    f"indentation contains {what}; indent with spaces only",
                )
            )
        column = line.find("\ufeff")
        if column >= 0:
            found.append(
                Diagnostic(
                    Position(display, number, column + 1),
                    "byte-order mark (U+FEFF) inside the file; remove it",
                )
            )
    return found


class _Composer:
    """Builds plain Python data from libyaml events, recording positions."""

    def __init__(self, display: str, next_event: Any, source: SourceMap, at: Any = libyaml_at):
        self.display = display
        self.next_event = next_event
        self.source = source
        self.at = at
        self.plain = at is libyaml_at  # positions straight from libyaml (the usual, fast case)
        # only a file holding such a character, or an escape that makes one, needs a scan per value
        self.scan = any("\\" in line or not line.isascii() and SUSPICIOUS.search(line) for line in source.lines)
        self.problems: list[Diagnostic] = []
        # lines where a '#' could have cut a plain value short
        self.hash_lines = {number for number, line in enumerate(source.lines) if "#" in line}

    def _problem(self, mark: Any, message: str) -> None:
        line, col = self.at(mark)
        self.problems.append(Diagnostic(Position(self.display, line, col), message))

    def _check_trailing_comment(self, event: Any) -> None:
        """Warn when ' #' cut a plain value short: YAML reads the rest of the line as a comment."""
        end_line, end_column = self.at(event.end_mark)
        if end_line > len(self.source.lines):
            return
        rest = self.source.lines[end_line - 1][end_column - 1 :]
        match = re.match(r"(\s+)#", rest)
        if match and event.value:
            column = end_column + len(match.group(1))
            self.problems.append(
                Diagnostic(
                    Position(self.display, end_line, column),
                    "the text after ' #' was read as a comment and left out of the value; "
                    "put the whole value in quotes if '#' belongs to it",
                    "warning",
                )
            )

    def _check_characters(self, event: Any, line: int, column: int) -> None:
        """Refuse characters no output can hold; warn about bidirectional controls."""
        seen = set()
        for match in SUSPICIOUS.finditer(event.value):
            char = match.group(0)
            if char in seen:
                continue
            seen.add(char)
            where = self._locate(char, line, column, event)
            if UNHOLDABLE.match(char):
                message = (
                    f"the character {name_of(char)} cannot be held by web pages and Word documents; "
                    "remove it"
                )
                self.problems.append(Diagnostic(where, message))
            elif BIDI_CONTROLS.match(char):
                message = (
                    f"bidirectional control character {name_of(char)} can make text show in a "
                    "misleading order; remove it"
                )
                self.problems.append(Diagnostic(where, message, "warning"))

    def _locate(self, char: str, line: int, column: int, event: Any) -> Position:
        """Where ``char`` is written in the scalar starting at ``line``:``column``."""
        last, _ = self.at(event.end_mark)
        escapes = event.style == '"'
        for number in range(line, min(last, len(self.source.lines)) + 1):
            start = column - 1 if number == line else 0
            found = find_written(self.source.lines[number - 1], char, start, escapes)
            if found >= 0:
                return Position(self.display, number, found + 1)
        return Position(self.display, line, column)

    def _check_node_event(self, event: Any) -> bool:
        """Reject anchors and tags; return False if the node must be skipped."""
        ok = True
        if getattr(event, "anchor", None):
            self._problem(
                event.start_mark,
                f"anchor '&{event.anchor}' is not allowed; write the value out in full",
            )
            ok = False
        tag = getattr(event, "tag", None)
        if tag:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self._problem(event.start_mark, f"tag '{shown}' is not allowed; remove it")
            ok = False
        return ok

    def compose(self, event: Any, path: PathKey) -> Any:
        if type(event) is _ALIAS:
            self._problem(
                event.start_mark,
                f"alias '*{event.anchor}' is not allowed; write the value out in full",
            )
            raise _Stop()
        if event.anchor is not None or event.tag is not None:
            self._check_node_event(event)
        start = event.start_mark
        line, column = (start.line + 1, start.column + 1) if self.plain else self.at(start)
        values = self.source.values
        kind = type(event)
        if kind is _SCALAR:
            end_line = event.end_mark.line + 1 if self.plain else self.at(event.end_mark)[0]
            values[path] = (line << _LINE) | (column << _COLUMN) | end_line
            if not event.style and end_line - 1 in self.hash_lines:
                self._check_trailing_comment(event)
            if self.scan and SUSPICIOUS.search(event.value):
                self._check_characters(event, line, column)
            if not event.style and event.value in _NULLS and event.tag is None:
                return None
            return event.value
        if len(path) >= MAX_DEPTH:
            self._problem(
                event.start_mark,
                f"nested more than {MAX_DEPTH} levels deep; content files never need that many",
            )
            raise _Stop()
        if kind is _SEQUENCE:
            items: list[Any] = []
            while True:
                nxt = self.next_event()
                if type(nxt) is _SEQUENCE_END:
                    values[path] = (line << _LINE) | (column << _COLUMN) | self.at(nxt.end_mark)[0]
                    return items
                items.append(self.compose(nxt, path + (len(items),)))
        if kind is _MAPPING:
            return self._mapping(path, line, column)
        raise _Stop()  # pragma: no cover - libyaml never sends other node events

    def _mapping(self, path: PathKey, line: int, column: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        keys = self.source.keys
        while True:
            key_event = self.next_event()
            if type(key_event) is _MAPPING_END:
                self.source.values[path] = (line << _LINE) | (column << _COLUMN) | self.at(key_event.end_mark)[0]
                return mapping
            if type(key_event) is _ALIAS:
                self._problem(
                    key_event.start_mark,
                    f"alias '*{key_event.anchor}' is not allowed; write the value out in full",
                )
                raise _Stop()
            if type(key_event) is not _SCALAR:
                self._problem(key_event.start_mark, "a key must be plain text")
                raise _Stop()
            if key_event.anchor is not None or key_event.tag is not None:
                self._check_node_event(key_event)
            key = key_event.value
            mark = key_event.start_mark
            key_line, key_column = (mark.line + 1, mark.column + 1) if self.plain else self.at(mark)
            if self.scan and SUSPICIOUS.search(key):
                self._check_characters(key_event, key_line, key_column)
            child = path + (key,)
            value = self.compose(self.next_event(), child)
            if key in mapping:
                first = self.source._unpack(keys[child])
                self.problems.append(
                    Diagnostic(
                        Position(self.display, key_line, key_column),
                        f"duplicate key '{key}' (first defined at line {first.line}, "
                        f"column {first.column})",
                    )
                )
                continue
            keys[child] = (key_line << _LINE) | (key_column << _COLUMN)
            mapping[key] = value


class _Stop(Exception):
    """Stops composing after a problem that makes the rest meaningless."""


def load_yaml_text(text: str, display: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Load one YAML document from ``text``; ``display`` names the file in messages."""
    problems = _scan_text(text, display)
    return _compose(text, display, problems)


def load_yaml_file(path: Path, display: str | None = None) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Load one YAML file strictly. Returns the data (or None) and every problem found."""
    display = display or str(path)
    problems: list[Diagnostic] = []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(Position(display), f"cannot read file: {exc.strerror}")]
    text = _decode(raw, display, problems)
    if text is None:
        return None, problems
    return _compose(text, display, problems)


def _compose(text: str, display: str, problems: list[Diagnostic]) -> tuple[LoadedFile | None, list[Diagnostic]]:
    if problems:
        return None, problems
    source = SourceMap(display, lines=text.split("\n"))
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in source.lines
    ):
        return None, [Diagnostic(Position(display, 1, 1), "file is empty; expected a mapping of keys")]
    loader = _Loader(text)
    composer = _Composer(display, loader.get_event, source, editor_positions(text))
    data: Any = None
    try:
        loader.get_event()  # StreamStart
        loader.get_event()  # DocumentStart
        data = composer.compose(loader.get_event(), ())
        loader.get_event()  # DocumentEnd
        after = loader.get_event()
        if isinstance(after, yaml.DocumentStartEvent):
            composer._problem(
                after.start_mark,
                "a second YAML document starts here; put one document in each file",
            )
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = composer.at(mark) if mark else (1, 1)
        first = composer.at(exc.context_mark)[0] if exc.context_mark else line
        what = (exc.problem or exc.context or "invalid YAML") + explain(source.lines, line, col, first)
        composer.problems.append(
            Diagnostic(Position(display, line, col), f"invalid YAML: {what}")
        )
    except yaml.YAMLError as exc:  # pragma: no cover - defensive
        composer.problems.append(Diagnostic(Position(display, 1, 1), f"invalid YAML: {exc}"))
    finally:
        loader.dispose()
    if composer.problems:
        # Duplicate keys, anchors and tags leave usable data (first value kept, tag ignored), so
        # the rest of the project can still be checked; anything that stopped composing does not.
        usable = data is not None and all(
            p.severity == "warning" or p.message.startswith(("duplicate key", "anchor", "tag", "the character"))
            for p in composer.problems
        )
        return (LoadedFile(display, data, source) if usable else None), composer.problems
    return LoadedFile(display, data, source), []
