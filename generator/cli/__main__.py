"""``python -m generator.cli``: the ``reflect`` command."""

from generator.cli.main import run_command

run_command()
