"""Reflect: YAML content in, a static site and printable documents out (see README.md).

The stages live in the subpackages, in the order the data flows through them: ``source``,
``models``, ``project``, ``document``, ``writers``, ``build``, ``engine``, ``publish``, ``cli``.
"""


def reflect_version() -> str:
    """The installed package's version (``0+unknown`` in a source tree that was never
    installed). Kept here, importing nothing at load, so ``reflect --version`` and ``--help``
    start without loading the project layer."""
    from importlib import metadata

    try:
        return metadata.version("reflect")
    except metadata.PackageNotFoundError:
        return "0+unknown"
