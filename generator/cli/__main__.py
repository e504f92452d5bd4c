"""``python -m generator.cli``: the ``reflect`` command."""

import sys

from generator.cli.main import main

sys.exit(main())
