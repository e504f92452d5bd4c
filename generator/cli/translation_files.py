"""The translator's file: every text of the project in one CSV per language, out and back in.

``reflect translations export`` writes one row per text (one per item of a list of texts):
where it is (``file``, ``item``, ``field``, ``number``), its ``state`` (translated, missing,
stale), the ``source_fingerprint`` of the source text as exported, the ``source_text`` and the
``translation`` so far. It is RFC 4180 CSV in UTF-8 with a byte-order mark and CRLF line ends,
so Excel and LibreOffice open it with every accent right; a cell that a spreadsheet would run
as a formula is prefixed with ``'`` (and the prefix is taken off again on import).

``reflect translations import`` reads the file back and writes each translated row into the
content file beside its source text (``translations: <language>:``), with the fingerprint from
the file: a source text that changed since the export is therefore stale at once. Rows with an
empty ``translation`` are left out. Only the ``translations`` blocks of the items concerned are
rewritten; every other line of the content files stays exactly as it was.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.source.diagnostics import Diagnostic, Position
from generator.writers.data import spreadsheet_safe
from generator.project.translations import FINGERPRINT_KEY, KEY, content_items, fingerprint, source_texts, text_states
from generator.source.reader import load_yaml_file

COLUMNS = ("file", "item", "field", "number", "state", "source_fingerprint", "source_text", "translation")


def _path_text(path: tuple[Any, ...]) -> str:
    return "/".join(str(step) for step in path)


def _path_of(text: str) -> tuple[Any, ...]:
    return tuple(int(step) if step.isdigit() else step for step in text.split("/")) if text else ()


def export_rows(project: Any, language: str) -> list[dict[str, str]]:
    """One row per source text (per item of a list of texts) of the project, in file order."""
    states = {(id(s.item), s.field): s.state for s in text_states(project, language)}
    rows = []
    for item in content_items(project):
        texts = source_texts(item)
        if not texts:
            continue
        found = project.translations.of(item, language)
        stamp = fingerprint(texts)
        for name, source in texts.items():
            translated = found.texts.get(name) if found is not None else None
            values = source if isinstance(source, list) else [source]
            for index, value in enumerate(values):
                if translated is None:
                    translation = ""
                elif isinstance(translated, tuple):
                    translation = translated[index]
                else:
                    translation = translated
                rows.append({
                    "file": item.origin_file, "item": _path_text(item.origin_path), "field": name,
                    "number": str(index + 1) if isinstance(source, list) else "",
                    "state": states[(id(item), name)], "source_fingerprint": stamp,
                    "source_text": value, "translation": translation,
                })
    rows.sort(key=lambda row: row["file"])  # stable: items keep their order within a file
    return rows


def export_csv(project: Any, language: str) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in export_rows(project, language):
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
    return out.getvalue().encode("utf-8-sig")


def _unguarded(text: str) -> str:
    """A cell's text without the ``'`` that :func:`spreadsheet_safe` put before a formula-like start."""
    return text[1:] if text.startswith("'") and spreadsheet_safe(text[1:]) == text else text


@dataclass
class _Update:
    texts: dict[str, Any]
    stamp: str


def read_rows(data: bytes, display: str, project: Any) -> tuple[dict[tuple[str, str], _Update], list[Diagnostic]]:
    """The translations a translator's file holds, by (file, item), and a problem per row that fits nothing."""
    problems: list[Diagnostic] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return {}, [Diagnostic(Position(display, 1, 1), f"not UTF-8 text ({exc.reason}); save it as CSV UTF-8")]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("file", "item", "field", "number", "source_fingerprint", "translation")
               if c not in (reader.fieldnames or [])]
    if missing:
        return {}, [Diagnostic(Position(display, 1, 1), f"missing column(s): {', '.join(missing)}; "
                               f"expected the columns {', '.join(COLUMNS)}")]
    items = {(i.origin_file, _path_text(i.origin_path)): i for i in content_items(project)}
    updates: dict[tuple[str, str], _Update] = {}
    for row in reader:
        line = reader.line_num
        where = Position(display, line, 1)
        translation = _unguarded(row.get("translation") or "")
        if not translation.strip():
            continue
        key = (_unguarded(row["file"] or ""), _unguarded(row["item"] or ""))
        item = items.get(key)
        if item is None:
            problems.append(Diagnostic(where, f"no item '{key[1]}' in {key[0]} (the content changed since the "
                                       "export: export again)"))
            continue
        texts = source_texts(item)
        name = row["field"]
        if name not in texts:
            problems.append(Diagnostic(where, f"'{name}' is not a text of item '{key[1]}' in {key[0]}"))
            continue
        stamp = (row["source_fingerprint"] or "").strip()
        if not re.fullmatch(r"[0-9a-f]{10}", stamp):
            problems.append(Diagnostic(where, "source_fingerprint: expected the 10 hex digits exported"))
            continue
        update = updates.setdefault(key, _Update({}, stamp))
        if update.stamp != stamp:
            problems.append(Diagnostic(where, "rows of one item carry different source fingerprints"))
            continue
        source = texts[name]
        if isinstance(source, list):
            try:
                number = int(row["number"])
                assert 1 <= number <= len(source)
            except (ValueError, AssertionError):
                problems.append(Diagnostic(where, f"number: expected 1 to {len(source)} for '{name}'"))
                continue
            listed = update.texts.setdefault(name, [None] * len(source))
            listed[number - 1] = translation
        else:
            update.texts[name] = translation
    for (file, item_path), update in updates.items():
        for name, value in list(update.texts.items()):
            if isinstance(value, list) and None in value:
                problems.append(Diagnostic(Position(display, 1, 1), f"{file}, item '{item_path}': '{name}' is "
                                           "translated only in part; a list is translated whole"))
                del update.texts[name]
    return updates, problems


def import_csv(project: Any, language: str, data: bytes, display: str) -> tuple[list[str], list[Diagnostic]]:
    """Write the translations of a translator's file into the content files; the files changed, and problems.

    Nothing is written when any row has a problem.
    """
    updates, problems = read_rows(data, display, project)
    if problems:
        return [], problems
    by_file: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {}
    items = {(i.origin_file, _path_text(i.origin_path)): i for i in content_items(project)}
    for (file, item_path), update in updates.items():
        item = items[(file, item_path)]
        known = project.translations.of(item, language)
        merged: dict[str, Any] = {name: list(v) if isinstance(v, tuple) else v
                                  for name, v in (known.texts.items() if known else ())}
        merged.update(update.texts)
        ordered = {name: merged[name] for name in source_texts(item) if name in merged}
        ordered[FINGERPRINT_KEY] = update.stamp
        by_file.setdefault(file, []).append((item.origin_path, ordered))
    changed = []
    for file, edits in sorted(by_file.items()):
        path = project.root / file
        new, file_problems = _edited(path, file, language, edits)
        problems += file_problems
        if new is not None and not file_problems:
            path.write_text(new, encoding="utf-8")
            changed.append(file)
    return changed, problems


# --- editing a content file in place ---------------------------------------------------------


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], first: int, deeper_than: int) -> int:
    """The last line (1-based) of the block starting at line ``first``: the lines after it that are
    blank or indented more than ``deeper_than`` columns (trailing blank lines not counted)."""
    last = first
    for number in range(first + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            continue
        if _indent(line) <= deeper_than:
            break
        last = number
    return last


def _render(mapping: dict[str, Any], indent: int) -> list[str]:
    text = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=False)
    return [" " * indent + line if line else line for line in text.rstrip("\n").split("\n")]


def _edited(path: Path, display: str, language: str,
            edits: list[tuple[tuple[Any, ...], dict[str, Any]]]) -> tuple[str | None, list[Diagnostic]]:
    loaded, problems = load_yaml_file(path, display)
    if loaded is None:
        return None, problems
    source = loaded.source
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    # (first line to replace, last line to replace or first - 1 to insert, new lines)
    changes: list[tuple[int, int, list[str]]] = []
    for item_path, translated in edits:
        start = source.position(item_path)
        line_text = lines[start.line - 1] if start.line else ""
        if item_path and line_text[start.column - 1: start.column] in ("{", "["):
            problems.append(Diagnostic(start, "this item is written on one line ({...}): write it in block "
                                       "style (one key per line) to import its translation"))
            continue
        column = 1 if not item_path else start.column  # where the item's keys start
        block = source.keys.get(tuple(item_path) + (KEY,))
        if block is not None:
            found = source._unpack(block)
            key_line, key_column = found.line, found.column
            own = source.keys.get(tuple(item_path) + (KEY, language))
            if own is not None:
                found = source._unpack(own)
                own_line, own_column = found.line, found.column
                end = _block_end(lines, own_line, own_column - 1)
                changes.append((own_line, end, _render({language: translated}, own_column - 1)))
            else:
                end = _block_end(lines, key_line, key_column - 1)
                changes.append((end + 1, end, _render({language: translated}, key_column + 1)))
        else:
            # beside the source text: after the item's last translated field (before its nested lists)
            fields = [source._unpack(source.keys[tuple(item_path) + (name,)])
                      for name in translated if tuple(item_path) + (name,) in source.keys]
            if fields:
                last = max(fields, key=lambda f: f.line)
                end = _block_end(lines, last.line, last.column - 1)
            else:
                end = len(lines) if not item_path else _block_end(lines, start.line, column - 2)
            changes.append((end + 1, end, _render({KEY: {language: translated}}, column - 1)))
    if problems:
        return None, problems
    for first, last, new in sorted(changes, key=lambda c: c[0], reverse=True):
        lines[first - 1: last] = new
    return "\n".join(lines) + "\n", []
