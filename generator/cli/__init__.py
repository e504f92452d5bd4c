"""The ``reflect`` command."""

from generator.cli.main import main

__all__ = ["main"]
