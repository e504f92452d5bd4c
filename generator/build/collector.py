"""Python's cycle collector during one build: fewer passes over what the build keeps.

A build holds the whole Project, every page's tree and its HTML until it ends. Python's
cycle collector walks every object the process tracks each time its oldest generation is
collected, so on a large bank about a quarter of a build's own CPU time went into walking
those objects again and again (measured in ``bench/RESULTS.md``). :class:`QuietCollector`
moves what exists once the pages are written into the collector's permanent generation
(``gc.freeze``) and collects the young generation less often; :meth:`QuietCollector.resume`
puts both back, so a long-running process (the preview, a test run) collects as before.
Objects are still freed as soon as nothing refers to them: only cycles wait for resume.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 50_000  # allocations between young collections (Python's default is 700)


class QuietCollector:
    """Pauses most of the cycle collector's work for one build (see the module's docstring)."""

    def __init__(self) -> None:
        self.saved: tuple[int, ...] | None = None  # the thresholds to restore; None: not paused

    def pause(self) -> None:
        """Freeze every object the process tracks now and collect the young ones less often."""
        if self.saved is None:
            self.saved = gc.get_threshold()
            first, *older = self.saved
            gc.set_threshold(max(first, YOUNG_THRESHOLD), *older)
        gc.freeze()

    def resume(self) -> None:
        """The collector as it was: thresholds restored, frozen objects collectable again."""
        if self.saved is not None:
            gc.set_threshold(*self.saved)
            self.saved = None
            gc.unfreeze()
