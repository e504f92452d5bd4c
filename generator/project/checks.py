"""The checks that span files: ids unique per kind, every reference resolved.

Each rule is a small function taking the Project (and the reference kinds that cannot be
checked because their files failed) and returning its problems; :func:`check_references`
runs them all.
"""

from __future__ import annotations

import difflib
from typing import Any, Mapping

from generator.source.diagnostics import Diagnostic, Position
from generator.models import Node
from generator.project.references import Reference, find_references
from generator.project.sanitize import unsafe_content
from generator.project.model import Project


PLAIN_TEXT_FILE = "content/settings.yml"
"""Settings hold no Markdown: every value is shown as written, escaped by the site writer."""


def hint(ident: str, known: Mapping[str, Any] | set[str]) -> str:
    close = difflib.get_close_matches(ident, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_references(project: Project, incomplete: set[str] = frozenset()) -> list[Diagnostic]:  # type: ignore[assignment]
    """Ids unique per kind, and every reference (by key or in text) resolved.

    References of the kinds in ``incomplete`` are not checked: their targets' files failed.
    """
    problems: list[Diagnostic] = []
    for rule in RULES:
        problems += rule(project, incomplete)
    return problems


def unique_ids(p: Project, incomplete: set[str]) -> list[Diagnostic]:
    """No two items of one kind share an id."""
    kinds: dict[str, list[Node]] = {
        "audience": list(p.audiences),
        "theme": list(p.themes),
        "subtheme": list(p.subthemes),
        "quote": list(p.quotes),
        "implication": [*p.implications, *(a for g in p.implications for a in g.actions)],
        "resource": list(p.resources),
        "document or guide": [*p.documents, *p.guides],
        "page": list(p.pages),
        "question set": list(p.question_sets),
        "section": [s for owner in (*p.guides, *p.question_sets) for s in owner.sections],
        "question": [e.question for e in p.questions],
        "response option": [o for g in p.guides for o in g.response_options],
    }
    problems = []
    for kind, members in kinds.items():
        first: dict[str, Node] = {}
        for item in members:
            ident = item.id  # type: ignore[attr-defined]
            if ident in first:
                earlier = p.where(first[ident], "id")
                problems.append(Diagnostic(p.where(item, "id"), f"duplicate {kind} id '{ident}' (first used at {earlier})"))
            else:
                first[ident] = item
    return problems


class _Expect:
    """Collects "unknown X" problems for ids named in keys."""

    def __init__(self, p: Project, incomplete: set[str]):
        self.p, self.incomplete, self.problems = p, incomplete, []

    def __call__(self, item: Node, path: tuple[Any, ...], ident: str, table: Mapping[str, Any], what: str,
                 kind: str = "", scope: str = "") -> None:
        if kind in self.incomplete or ident in table:
            return
        self.problems.append(Diagnostic(self.p.where(item, *path), f"unknown {what} '{ident}'{scope}{hint(ident, table)}"))


def guide_keys(p: Project, incomplete: set[str]) -> list[Diagnostic]:
    """A guide's audience, its questions' subthemes and its skip rules name things that exist."""
    expect = _Expect(p, incomplete)
    for guide in p.guides:
        expect(guide, ("audience",), guide.audience, p.audience_by_id, "audience", "audience")
        questions = {q.id: q for s in guide.sections for q in s.questions}
        targets = {**{s.id: s for s in guide.sections}, **questions}
        scope = f" in guide '{guide.id}'"
        for section in guide.sections:
            for question in section.questions:
                for index, sid in enumerate(question.subthemes):
                    expect(question, ("subthemes", index), sid, p.subtheme_by_id, "subtheme", "subtheme")
                for rule in question.skip_logic:
                    expect(rule, ("if_covered_at",), rule.if_covered_at, questions, "question", scope=scope)
                    expect(rule, ("target",), rule.target, targets, "section or question", scope=scope)
    return expect.problems


def set_keys(p: Project, incomplete: set[str]) -> list[Diagnostic]:
    """A question set's audience and its questions' subthemes and actions exist."""
    expect = _Expect(p, incomplete)
    for qset in p.question_sets:
        expect(qset, ("audience",), qset.audience, p.audience_by_id, "audience", "audience")
        for section in qset.sections:
            for question in section.questions:
                for index, sid in enumerate(question.subthemes):
                    expect(question, ("subthemes", index), sid, p.subtheme_by_id, "subtheme", "subtheme")
                for index, aid in enumerate(question.implications):
                    expect(question, ("implications", index), aid, p.action_by_id, "implication action", "implication")
    return expect.problems


def finding_keys(p: Project, incomplete: set[str]) -> list[Diagnostic]:
    """Quotes and implication actions name subthemes that exist."""
    expect = _Expect(p, incomplete)
    for quote in p.quotes:
        expect(quote, ("subtheme",), quote.subtheme, p.subtheme_by_id, "subtheme", "subtheme")
    for group in p.implications:
        for action in group.actions:
            for index, sid in enumerate(action.subthemes):
                expect(action, ("subthemes", index), sid, p.subtheme_by_id, "subtheme", "subtheme")
    return expect.problems


def quoted_subthemes(p: Project, incomplete: set[str]) -> list[Diagnostic]:
    """A note (information, never a strict failure) for each subtheme without a quote, when there are quotes."""
    if "quotes" in incomplete or not p.quotes:
        return []
    return [
        Diagnostic(p.where(s, "id"), f"subtheme '{s.id}' has no quote in content/quotes.yml", "info")
        for s in p.subthemes
        if not p.quotes_by_subtheme.get(s.id)
    ]


def text_references(p: Project, incomplete: set[str]) -> list[Diagnostic]:
    """Every ``[[kind:id]]`` written in text is well formed and resolves; unsafe markup is flagged."""
    problems = []
    tables = reference_tables(p)
    for file, path, text in p.texts():
        source = p.sources[file]
        refs, bad = find_references(text)
        for wrong in bad:
            problems.append(Diagnostic(source.find_text(path, wrong.written), wrong.message))
        if file == PLAIN_TEXT_FILE:  # settings are plain text, shown as written (escaped): no markup to remove
            unsafe_found = []
        else:
            unsafe_found = unsafe_content(text)
        for unsafe in unsafe_found:
            problems.append(Diagnostic(source.find_text(path, unsafe.written), unsafe.message, "warning"))
        for ref in refs:
            table = tables[ref.kind]
            if ref.kind not in incomplete and ref.id not in table:
                problems.append(Diagnostic(
                    source.find_text(path, ref.written),
                    f"unknown {ref.kind} '{ref.id}' in reference {ref.written}{hint(ref.id, table)}",
                ))
    return problems


def string_overrides(p: Project, incomplete: set[str]) -> list[Diagnostic]:
    """Every string named in settings' ``strings`` is one Reflect has, with only its fields."""
    from string import Formatter

    from generator.strings import KINDS, PLURAL_CATEGORIES, grouped_overrides, load_catalogue, plural_categories

    if "placeholder" in incomplete:  # the settings did not load: their problems are reported already
        return []
    languages = p.settings.languages or {}
    sources = [(("strings",), p.settings.strings or {}, p.settings.site.language)]
    sources += [(("languages", tag, "strings"), own.strings, tag)  # each language's own words
                for tag, own in languages.items()]
    if not any(strings for _, strings, _ in sources):
        return []
    english = load_catalogue("en")
    known = set(english.names())
    problems = []
    for prefix, strings, language in sources:
        categories = plural_categories(language)
        written = {}  # grouped name -> where its first line is
        for name in strings:
            head, _, last = name.rpartition(".")
            group = head if last in PLURAL_CATEGORIES and name not in known else name
            written.setdefault(group, p.where(p.settings, *prefix, name))
        for name, value in grouped_overrides(strings).items():
            where = written[name]
            if name not in known:
                problems.append(Diagnostic(where, f"unknown string '{name}'{hint(name, known)}"))
                continue
            template = english.fallback[name]
            plural = isinstance(template, Mapping)
            if plural != isinstance(value, Mapping):
                problems.append(Diagnostic(where, _shape_message(name, plural, categories)))
                continue
            forms = template.values() if plural else (template,)
            allowed = {field for form in forms for _, field, _, _ in Formatter().parse(form) if field}
            if plural:
                wrong = sorted(set(value) - set(PLURAL_CATEGORIES))
                if wrong or "other" not in value:
                    fault = f"has no form {', '.join(repr(w) for w in wrong)}" if wrong else "needs its 'other' form"
                    problems.append(Diagnostic(where, f"string '{name}' {fault}: {_plural_shape(name, categories)}"))
                    continue
            for form, text in (value.items() if plural else (("", value),)):
                label = f"{name}.{form}" if form else name
                try:
                    parsed = list(Formatter().parse(text))
                except ValueError as exc:
                    problems.append(Diagnostic(where, f"string '{label}' is not a valid template: {exc}"))
                    continue
                used = {field for _, field, _, _ in parsed if field is not None and field != "kind"}
                for spec in sorted({spec for _, field, spec, _ in parsed if field == "kind"}):
                    if not _kind_known(spec, known):
                        kinds = ", ".join(sorted(k[len(KINDS):] for k in known if k.startswith(KINDS)))
                        problems.append(Diagnostic(where, f"string '{label}' names an unknown kind {{kind:{spec}}}; "
                                                   f"the kinds are: {kinds} (plural with -s, capitalised for a capital)"))
                if used - allowed:
                    fields = ", ".join("{" + f + "}" for f in sorted(allowed)) or "none"
                    problems.append(Diagnostic(
                        where, f"string '{label}' uses {', '.join('{' + f + '}' for f in sorted(used - allowed))}; "
                        f"its fields are: {fields}"))
    return problems


def _kind_known(spec: str, known: set[str]) -> bool:
    from generator.strings import KINDS

    kind = spec.lower()
    return f"{KINDS}{kind}" in known or (kind.endswith("s") and f"{KINDS}{kind[:-1]}" in known)


def _shape_message(name: str, plural: bool, categories: tuple[str, ...]) -> str:
    """How a string is written in ``strings:``: one text, or its plural forms by category."""
    if not plural:
        return f"string '{name}' is one text, not plural forms: write {name}: <your words>"
    return f"string '{name}' depends on a count: {_plural_shape(name, categories)}"


def _plural_shape(name: str, categories: tuple[str, ...]) -> str:
    forms = ", ".join(f"{c}: <words>" for c in categories)
    return (f"give its plural forms ({', '.join(categories)} in this site's language; 'other' is required) "
            f"as {name}: {{{forms}}}, or one per line as {name}.{categories[0]}: <words>")


def something_to_ask(p: Project, incomplete: set[str]) -> list[Diagnostic]:
    """A site needs at least one question set or topic guide."""
    if p.guides or p.question_sets or {"guide", "question-set"} & incomplete:
        return []
    return [Diagnostic(Position("questions/"), "a site needs at least one question set (questions/sets/) "
                       "or topic guide (questions/guides/)")]


def starter_samples(p: Project, incomplete: set[str]) -> list[Diagnostic]:
    """Sample values a starter wrote, still unchanged (see :mod:`generator.project.starter_samples`)."""
    from generator.project.starter_samples import unchanged_samples

    return unchanged_samples(p)


def replaced_questions(p: Project, incomplete: set[str]) -> list[Diagnostic]:
    """``replaces`` forms no cycle and, once releases are recorded, names questions they or this edition have;
    an edition whose version number is already a release has that release's questions."""
    from generator.project import versions

    if {"guide", "question-set", "placeholder"} & incomplete:  # placeholder: settings did not load (no version)
        return []
    questions = {e.question.id: e.question for e in p.questions}
    problems = []
    for cycle in versions.replacement_cycles(questions):
        first = questions[cycle[0]]
        index = list(first.replaces).index(cycle[1])
        problems.append(Diagnostic(p.where(first, "replaces", index), "'replaces' goes round in a circle: "
                                   + " → ".join(cycle)))
    current = versions.snapshot_of(p)
    if p.releases:
        known = {qid for snap in p.releases for qid in snap.questions} | set(questions)
        for q, index, ident in versions.unknown_replaced((*p.releases, current), questions.values()):
            recorded = ", ".join(snap.content_version for snap in p.releases)
            problems.append(Diagnostic(p.where(q, "replaces", index), f"question '{q.id}' replaces unknown question "
                                       f"'{ident}': neither this edition nor release {recorded} has it{hint(ident, known)}"))
    for snap in p.releases:
        problem = versions.same_number_problem(snap, current, p.where(p.settings.site, "content_version"))
        if problem:
            problems.append(problem)
    return problems


def earlier_scales(p: Project, incomplete: set[str]) -> list[Diagnostic]:
    """Each ``scale.earlier`` of a question set names a recorded release that has the set, once, and maps
    every value of that release's scale to a value of this one."""
    problems = []
    releases = {snap.content_version: snap for snap in p.releases}
    for qset in p.question_sets:
        scale = qset.scale
        current = [o.value for o in scale.options]
        seen: set[str] = set()
        for index, earlier in enumerate(scale.earlier):
            version = earlier.content_version
            if version in seen:
                problems.append(Diagnostic(p.where(earlier, "content_version"), f"the ratings of release {version} "
                                           f"are mapped twice in question set '{qset.id}'"))
                continue
            seen.add(version)
            snap = releases.get(version)
            if snap is None:
                recorded = ", ".join(releases) or "none"
                problems.append(Diagnostic(p.where(earlier, "content_version"), f"no release {version} is recorded "
                                           f"in content/releases/ (recorded: {recorded}){hint(version, releases)}"))
                continue
            owner = next((o for o in snap.owners if o.kind == "question-set" and o.id == qset.id), None)
            if owner is None or not owner.scale:
                problems.append(Diagnostic(p.where(earlier, "content_version"), f"release {version} has no question "
                                           f"set '{qset.id}' with a scale to map"))
                continue
            before = [str(o.value) for o in owner.scale]
            source = p.sources[earlier.origin_file]
            for was, now in earlier.ratings.items():
                where_key = source.position(earlier.origin_path + ("ratings", str(was)), key=True)
                if str(was) not in before:
                    problems.append(Diagnostic(where_key, f"{was} is not a value of release {version}'s scale of "
                                               f"'{qset.id}' (its values: {', '.join(before)})"))
                if now not in current:
                    problems.append(Diagnostic(p.where(earlier, "ratings", str(was)), f"{now} is not a value of this "
                                               f"scale (its values: {', '.join(str(v) for v in current)})"))
            missing = [v for v in before if v not in {str(k) for k in earlier.ratings}]
            if missing:
                problems.append(Diagnostic(p.where(earlier, "ratings"), f"give the value on this scale of every value "
                                           f"of release {version}'s scale: {', '.join(missing)} "
                                           f"{'is' if len(missing) == 1 else 'are'} missing"))
    return problems


RULES = (string_overrides, something_to_ask, starter_samples, unique_ids, guide_keys, set_keys, finding_keys,
         quoted_subthemes, text_references, replaced_questions, earlier_scales)


def reference_tables(p: Project) -> dict[str, Mapping[str, Any]]:
    """For each reference kind, the ids it can name."""
    from generator.project.reference_kinds import KINDS

    return {name: kind.ids(p) for name, kind in KINDS.items()}


def reference_label(p: Project, ref: Reference) -> str:
    """The words a reference reads as in any output: numbers computed from order."""
    from generator.project.reference_kinds import label

    return label(p, ref.kind, ref.id)
