"""Size limits of the generator's code: a module, a class and a function each stay small enough
to read in one sitting (numbers in the README's "How it is built"). The test names each one over."""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parents[2] / "generator"
MODULE_LINES, CLASS_LINES, FUNCTION_LINES = 500, 320, 90


def sizes() -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[tuple[int, str]]]:
    modules, classes, functions = [], [], []
    for path in sorted(GENERATOR.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(GENERATOR.parent).as_posix()
        modules.append((len(text.splitlines()), name))
        for node in ast.walk(ast.parse(text)):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1 if hasattr(node, "lineno") else 0
            if isinstance(node, ast.ClassDef):
                classes.append((lines, f"{name}:{node.lineno} {node.name}"))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions.append((lines, f"{name}:{node.lineno} {node.name}"))
    return modules, classes, functions


def test_every_module_class_and_function_is_within_its_limit():
    modules, classes, functions = sizes()
    assert len(modules) > 50 and classes and functions
    over = [f"{where}: {lines} lines (limit {limit})"
            for found, limit in ((modules, MODULE_LINES), (classes, CLASS_LINES), (functions, FUNCTION_LINES))
            for lines, where in found if lines > limit]
    assert not over, "\n".join(over)


def test_the_limits_are_measured_on_real_code():
    modules, classes, functions = sizes()
    assert max(modules)[0] > MODULE_LINES // 2  # the measure reads whole files
    assert max(functions)[0] > 20 and max(classes)[0] > 100


def test_every_browser_script_is_within_the_module_limit():
    scripts = sorted((GENERATOR.parent / "overrides" / "assets" / "javascripts").glob("*.js"))
    assert len(scripts) > 20
    over = [f"{path.name}: {lines} lines (limit {MODULE_LINES})"
            for path in scripts if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES]
    assert not over, "\n".join(over)
