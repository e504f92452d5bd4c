"""How the command line talks: colour only on a terminal (never with NO_COLOR), and progress
on long work: a live line with the elapsed time on a terminal, one plain line when piped."""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from typing import IO, Any

RED, YELLOW, RESET = "\033[31m", "\033[33m", "\033[0m"
_DIAGNOSTIC = re.compile(r"^\S+:\d+(:\d+)?: ")


def colour_allowed(stream: IO[str]) -> bool:
    """https://no-color.org: any non-empty NO_COLOR turns colour off; pipes never get it."""
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("NO_COLOR")


def paint(message: str, stream: IO[str]) -> str:
    """Problems in red, warnings in yellow, on a terminal only."""
    if not colour_allowed(stream):
        return message
    lines = []
    for line in message.split("\n"):
        if ": warning: " in line or line.startswith("warning: "):
            line = f"{YELLOW}{line}{RESET}"
        elif _DIAGNOSTIC.match(line) or line.startswith("error: "):
            line = f"{RED}{line}{RESET}"
        lines.append(line)
    return "\n".join(lines)


class Progress:
    """``with Progress("Building the site"):`` - a ticking line on a terminal, else one line."""

    def __init__(self, label: str, stream: IO[str] | None = None, quiet: bool = False) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._live = bool(getattr(self.stream, "isatty", lambda: False)())

    def __enter__(self) -> "Progress":
        if self.quiet:
            return self
        if not self._live:
            print(f"{self.label}...", file=self.stream, flush=True)
            return self
        start = time.monotonic()

        def tick() -> None:
            while True:
                self.stream.write(f"\r{self.label}... {int(time.monotonic() - start)} s")
                self.stream.flush()
                if self._stop.wait(0.5):
                    return

        self._thread = threading.Thread(target=tick, name="reflect-progress", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self.stream.write("\r\033[K")  # clear the live line
            self.stream.flush()
