"""Sample values of a starter: recorded by ``reflect new``, listed by ``--strict`` until replaced.

A starter fills a project with sample words ("Our self-assessment", "Your organisation") so
that it builds at once; published as they are, they would speak for the publisher. ``reflect
new`` writes ``starter-samples.yml`` beside ``mkdocs.yml``: each sample value with the file and
key it was written at (the starter's own ``samples.yml`` names them). When the project is in
another language than the starter's (``reflect new --language cy``), every text of the starter
is a sample: it is English, and would be published as if it were written in that language.

``reflect check`` warns about each value still exactly as the starter wrote it, at its
``path:line:col``; ``--strict`` fails on them. Delete the file once every value is your own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import yaml

from generator.source.diagnostics import Diagnostic, Position

SAMPLES_FILE = "starter-samples.yml"
STARTER_LANGUAGE = "en"
# Keys whose values are identifiers, dates, numbers or settings rather than words to readers.
NOT_WORDS = frozenset({
    "id", "audience", "format", "form", "language", "content_version", "publication_date", "url",
    "repository_url", "edit_path", "then", "target", "if_covered_at", "subthemes", "implications",
    "placement", "order", "notes_space", "font", "appendices", "route", "value", "numbered", "type",
})
HEADER = (
    "# Sample values the starter wrote (`reflect new`): `reflect check --strict` lists each one\n"
    "# still unchanged, at its file and line. Replace them with your own; delete this file when done.\n"
)


def _walk(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, path + (index,))
    else:
        yield path, data


def _dotted(path: tuple) -> str:
    return ".".join(str(part) for part in path)


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def record_samples(project: Path, starter: Path, language: str | None) -> Path | None:
    """Write ``starter-samples.yml`` for a project made from ``starter``; None when it has no samples."""
    every_text = language is not None and language.split("-")[0].lower() != STARTER_LANGUAGE
    named = _load(starter / "samples.yml") if (starter / "samples.yml").is_file() else {}
    samples: dict[str, dict[str, str]] = {}
    for path in sorted(starter.rglob("*.yml")):
        name = path.relative_to(starter).as_posix()
        if name == "samples.yml" or not (project / name).is_file():
            continue
        wanted = set(named.get(name) or ())
        for key, value in _walk(_load(project / name)):
            if not isinstance(value, str) or not value.strip():
                continue
            names = [part for part in key if isinstance(part, str)]
            texty = bool(names) and names[-1] not in NOT_WORDS
            if _dotted(key) in wanted or (every_text and texty):
                samples.setdefault(name, {})[_dotted(key)] = value
    if not samples:
        return None
    target = project / SAMPLES_FILE
    target.write_text(HEADER + yaml.safe_dump(samples, allow_unicode=True, sort_keys=False, width=100),
                      encoding="utf-8")
    return target


def set_language(project: Path, language: str) -> None:
    """Set ``site.language`` in a new project's ``content/settings.yml`` (the starters write ``en-GB``)."""
    settings = project / "content" / "settings.yml"
    text = settings.read_text(encoding="utf-8")
    if "  language: en-GB\n" not in text:
        raise ValueError(f"{settings}: no 'language: en-GB' line to set")
    settings.write_text(text.replace("  language: en-GB\n", f"  language: {language}\n", 1), encoding="utf-8")


def unchanged_samples(p: Any) -> list[Diagnostic]:
    """A warning for every value of ``starter-samples.yml`` still written exactly so in its file."""
    manifest = p.root / SAMPLES_FILE
    if not manifest.is_file():
        return []
    try:
        recorded = _load(manifest) or {}
    except yaml.YAMLError:
        return [Diagnostic(Position(SAMPLES_FILE), "cannot be read as YAML: delete it or fix it")]
    problems = []
    for name, values in recorded.items():
        if name not in p.sources or not isinstance(values, dict):
            continue
        current = dict(_walk(_load(p.root / name)))
        for dotted, sample in values.items():
            key = tuple(int(part) if part.isdigit() else part for part in str(dotted).split("."))
            if current.get(key) == sample:
                shown = " ".join(str(sample).split())
                shown = shown if len(shown) <= 60 else shown[:57] + "…"
                problems.append(Diagnostic(
                    p.sources[name].position(key),
                    f"sample value from the starter, not yet your own: “{shown}” "
                    f"(replace it; {SAMPLES_FILE} lists every sample)",
                    "warning",
                ))
    return problems
