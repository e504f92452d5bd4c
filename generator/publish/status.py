"""Exit statuses of the ``reflect`` command, one per kind of outcome.

* ``0`` success;
* ``1`` the user's situation: content problems (each printed as ``path:line:col: message``),
  an output folder that cannot be written, another build of the project still running;
* ``2`` an internal error in Reflect itself (a bug: the message says so and shows where);
* ``64`` a usage error: an unknown command or option (``EX_USAGE`` of ``sysexits.h``).
"""

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_INTERNAL = 2
EXIT_USAGE = 64
EXIT_INTERRUPTED = 130
