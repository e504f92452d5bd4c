"""The README documents what the code does: its commands and every content key."""

from __future__ import annotations

import re
import typing

from pydantic import BaseModel

from conftest import ROOT
from generator.models import FILE_MODELS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def models_below(model: type[BaseModel], seen: set) -> None:
    if model in seen:
        return
    seen.add(model)
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            tp = stack.pop()
            stack.extend(typing.get_args(tp))
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                models_below(tp, seen)


def test_every_content_key_is_in_the_readme_reference():
    reference = README[README.index("## Content reference"):README.index("## Open data")]
    seen: set = set()
    for model in FILE_MODELS.values():
        models_below(model, seen)
    missing = sorted(
        f"{m.__name__}.{name}" for m in seen for name in m.model_fields if f"`{name}`" not in reference
    )
    assert missing == []


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "<!-- test-command -->" in ci and "README.md" in ci
    command = re.search(r"<!-- test-command -->\n```sh\n(.+?)\n```", README, re.S).group(1)
    assert "pytest" in command and "apt-get install" in command and "chromium" in command
    build = re.search(r"<!-- build-command -->\n```sh\n(.+?)\n```", README, re.S).group(1)
    assert "reflect build" in build and "npm" not in build  # a publisher needs Python only
