"""The ``reflect`` command."""

from generator.cli.main import main, run_command

__all__ = ["main", "run_command"]
