"""Content problems, reported all at once as ``path:line:col: message``.

A :class:`Diagnostic` is one problem in one place. Loaders and validators collect them
instead of raising at the first problem, so a publisher sees every mistake in one run.
:class:`ContentError` carries the whole list out of the core when any of them is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Iterable, Iterator

MAX_PER_FILE = 50
"""Messages shown for one file; the rest are counted ("… and 99,950 more in this file")."""


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file; line and column count from 1."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in the content, with where it is and what was expected."""

    position: Position
    message: str
    severity: str = "error"  # "error", "warning" (strict fails) or "info"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.position}: {prefix}{self.message}"


class ContentError(Exception):
    """The content cannot be built; ``diagnostics`` lists every problem found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(sorted(set(diagnostics)))
        super().__init__(self.report())

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    def report(self) -> str:
        lines = list(capped_lines(self.diagnostics))
        count = len(self.errors)
        lines.append(f"{count} error{'s' if count != 1 else ''} found.")
        return "\n".join(lines)


def raise_if_errors(diagnostics: Iterable[Diagnostic]) -> None:
    diagnostics = list(diagnostics)
    if any(d.severity == "error" for d in diagnostics):
        raise ContentError(diagnostics)


def capped_lines(diagnostics: Iterable[Diagnostic], limit: int = MAX_PER_FILE) -> Iterator[str]:
    """One line per diagnostic, at most ``limit`` per file, then how many more that file has."""
    for path, group in groupby(diagnostics, key=lambda d: d.position.path):
        shown = 0
        for diagnostic in group:
            if shown < limit:
                shown += 1
                yield str(diagnostic)
            else:
                shown += 1
        if shown > limit:
            yield f"{path}: … and {shown - limit:,} more in this file"
