"""The architecture holds: data flows one way through the stage folders, and only the engine knows MkDocs.

Stages, in the order data flows (README, "How it is built"): a module may import its own stage
and the stages before it, never one after it; only ``generator/engine/`` may import MkDocs,
Material or ProperDocs. Imports are read from the source (top level and inside functions alike).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "generator"
STAGES = ("source", "models", "strings", "project", "document", "writers", "build", "engine", "publish", "cli")
ENGINE_LIBRARIES = ("mkdocs", "material", "properdocs")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module name imported by a file, with its line (relative imports made absolute)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = parts[:-1]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            submodules = [alias.name for alias in node.names if (PACKAGE.parent / module.replace(".", "/") / alias.name).with_suffix(".py").is_file()
                          or (PACKAGE.parent / module.replace(".", "/") / alias.name / "__init__.py").is_file()]
            if len(submodules) < len(node.names):  # a name the module itself defines: it must have run
                names.append((node.lineno, module))
            names += [(node.lineno, f"{module}.{name}") for name in submodules]
    return names


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "generator" and parts[1] in STAGES else None


def test_every_module_is_in_a_stage():
    loose = [name for name in _modules() if name != "generator" and _stage(name) is None]
    assert not loose, f"modules outside the stage folders: {loose}"


def test_no_import_runs_back_up():
    known = _modules()
    upward = []
    for name, path in known.items():
        own = _stage(name)
        if own is None:
            continue
        for line, imported in _imports(path):
            if imported not in known:
                continue
            target = _stage(imported)
            if target is not None and STAGES.index(target) > STAGES.index(own):
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {own} imports {imported}")
    assert not upward, "imports that run back up:\n" + "\n".join(upward)


def test_only_the_engine_imports_mkdocs():
    outside = []
    for name, path in _modules().items():
        if _stage(name) == "engine":
            continue
        for line, imported in _imports(path):
            if imported.split(".")[0] in ENGINE_LIBRARIES:
                outside.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {imported}")
    assert not outside, "MkDocs imported outside generator/engine/:\n" + "\n".join(sorted(set(outside)))


def test_no_import_cycle_between_modules():
    known = _modules()
    graph = {name: {i for _, i in _imports(path) if i in known and i != name} for name, path in known.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle.extend(trail[trail.index(nxt):] + [node, nxt] if nxt in trail else [node, nxt])
                return True
            if nxt not in state and visit(nxt, trail + [node]):
                return True
        state[node] = 2
        return False

    for start in sorted(graph):
        if start not in state and visit(start, []):
            break
    assert not cycle, "import cycle: " + " -> ".join(cycle)


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_it_is(stage):
    init = PACKAGE / stage / "__init__.py"
    assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{init} has no docstring"
