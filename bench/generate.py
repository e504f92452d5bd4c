"""Synthetic content packs in Reflect's real YAML format, for measuring scale.

``generate_pack(folder, questions)`` writes a complete project (settings, audiences, themes,
quotes, implications, resources, pages, documents, guides and question sets) with about
``questions`` questions, 20 per guide or set page, realistic text lengths and every kind of
cross-reference, deterministically (a fixed random seed), so two runs are comparable.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS_PER_PAGE = 20
SECTIONS_PER_PAGE = 4
AUDIENCES = ["qi-coaches", "project-teams", "lived-experience", "organisations", "collaboratives"]
THEMES, SUBTHEMES_PER_THEME = 8, 5

WORDS = (
    "team teams coach coaches service services community communities people lived experience "
    "co-production partner partners leader leaders senior support funding payment role roles time "
    "plan plans goal goals progress change learning session sessions evidence data decision "
    "decisions barrier barriers trust trusts relationship relationships voice voices power equity "
    "inequality inequalities access care carer carers staff project projects wave waves approach "
    "practice practices feedback resource resources guidance structure boundary boundaries priority "
    "priorities momentum engagement motivation involvement sharing together early clear open local "
    "how what which when where why could would should did does helped changed worked mattered"
).split()


def _sentence(rng: random.Random, words: int, question: bool = False) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    text = " ".join(chosen)
    text = text[0].upper() + text[1:]
    return text + ("?" if question else ".")


def _dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Reflect's loader keeps every scalar as text, so write plain YAML without tags or anchors.
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def generate_pack(folder: Path, questions: int, seed: int = 20261126) -> dict[str, int]:
    """Write a project with about ``questions`` questions into ``folder``; return its counts."""
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    for name in ("overrides",):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copytree(ROOT / "content" / "documents", folder / "content" / "documents")
    settings = yaml.safe_load((ROOT / "content" / "settings.yml").read_text(encoding="utf-8"))
    settings["site"]["title"] = f"Reflect benchmark ({questions} questions)"
    settings["site"]["publication_date"] = "2026-11-26"
    settings["site"]["content_version"] = "bench-1"
    settings["edit"]["repository_url"] = None
    settings["print"]["notes_space"] = "false"
    # One language, as the baseline builds: bench/languages.py measures what a second one costs.
    settings.pop("languages", None)
    for placeholder in settings["placeholders"].values():
        placeholder["value"] = "BENCH"
    _dump(folder / "content" / "settings.yml", settings)

    _dump(folder / "content" / "audiences.yml", {"audiences": [
        {"id": a, "name": a.replace("-", " ").capitalize(), "summary": _sentence(rng, 30), "source": "Synthetic"}
        for a in AUDIENCES
    ]})
    subthemes: list[str] = []
    themes = []
    for t in range(THEMES):
        subs = []
        for s in range(SUBTHEMES_PER_THEME):
            sid = f"theme-{t + 1}-sub-{s + 1}"
            subthemes.append(sid)
            subs.append({"id": sid, "label": _sentence(rng, 5)[:-1], "summary": _sentence(rng, 60),
                         "source": f"Synthetic theme {t + 1} ({s + 1})"})
        themes.append({"id": f"theme-{t + 1}", "label": _sentence(rng, 5)[:-1], "summary": _sentence(rng, 40),
                       "source": f"Synthetic theme {t + 1}", "subthemes": subs})
    _dump(folder / "content" / "themes.yml", {"themes": themes})
    _dump(folder / "content" / "quotes.yml", {"quotes": [
        {"id": f"quote-{i + 1}", "subtheme": sid, "quote": _sentence(rng, 25), "source": "Synthetic quote"}
        for i, sid in enumerate(subthemes * 2)
    ]})
    actions: list[str] = []
    groups = []
    for g in range(6):
        acts = []
        for a in range(3):
            aid = f"group-{g + 1}-action-{a + 1}"
            actions.append(aid)
            acts.append({"id": aid, "text": _sentence(rng, 30), "subthemes": rng.sample(subthemes, 2),
                         "source": "Synthetic implication"})
        groups.append({"id": f"group-{g + 1}", "title": _sentence(rng, 4)[:-1], "source": "Synthetic",
                       "actions": acts})
    _dump(folder / "content" / "implications.yml", {"groups": groups})
    _dump(folder / "content" / "resources.yml", {"resources": [
        {"id": f"resource-{i + 1}", "title": _sentence(rng, 6)[:-1], "url": f"https://example.org/r/{i + 1}",
         "description": _sentence(rng, 30), "source": "Synthetic"} for i in range(10)
    ]})
    for order, (pid, placement) in enumerate(
        [("about", "about"), ("how-to-use", "about"), ("accessibility", "about"),
         ("discussion", "findings"), ("limitations", "findings"), ("conclusions", "findings")], 1
    ):
        body = "\n\n".join(_sentence(rng, 60) for _ in range(4))
        body += f"\n\nSee [[subtheme:{subthemes[order]}]] and [[appendix:consent-form]]."
        _dump(folder / "content" / "pages" / f"{pid}.yml", {
            "id": pid, "title": _sentence(rng, 3)[:-1], "placement": placement, "order": str(order),
            "source": "Synthetic", "body": body,
        })

    pages = max(2, round(questions / QUESTIONS_PER_PAGE))
    guide_count = max(1, round(pages * 0.4))
    per_section = QUESTIONS_PER_PAGE // SECTIONS_PER_PAGE
    appendix_ids = []
    made = 0
    for index in range(pages):
        is_guide = index < guide_count
        audience = AUDIENCES[index % len(AUDIENCES)]
        prefix = f"g{index + 1}" if is_guide else f"s{index + 1}"
        sections = []
        for sec in range(SECTIONS_PER_PAGE):
            items = []
            for q in range(per_section):
                made += 1
                item = {
                    "id": f"{prefix}-q{sec * per_section + q + 1}",
                    "text": _sentence(rng, rng.randint(10, 22), question=True),
                    "source": f"Synthetic question {made}",
                    "subthemes": rng.sample(subthemes, rng.randint(1, 2)),
                    "prompts": [{"text": _sentence(rng, rng.randint(8, 16), question=True), "source": "Synthetic"}
                                for _ in range(rng.randint(0, 3))],
                }
                if not is_guide:
                    item["form"] = "question"
                    item["implications"] = rng.sample(actions, 1)
                    item = {k: item[k] for k in ("id", "form", "text", "source", "subthemes", "implications", "prompts")}
                items.append(item)
            sections.append({"id": f"{prefix}-section-{sec + 1}", "title": _sentence(rng, 4)[:-1],
                             "source": "Synthetic section", "questions": items})
        if is_guide:
            guide_id = f"guide-{index + 1}"
            appendix_ids.append(guide_id)
            _dump(folder / "questions" / "guides" / f"{guide_id}.yml", {
                "id": guide_id, "title": _sentence(rng, 6)[:-1], "audience": audience, "format": "focus-group",
                "source": "Synthetic guide", "summary": _sentence(rng, 50),
                "opening_script": {"source": "Synthetic", "text": _sentence(rng, 80)},
                "sections": sections,
            })
        else:
            set_id = f"set-{index + 1}"
            _dump(folder / "questions" / "sets" / f"{set_id}.yml", {
                "id": set_id, "title": _sentence(rng, 6)[:-1], "audience": audience, "purpose": _sentence(rng, 40),
                "source": "Synthetic set",
                "scale": {"label": "How true is this now?", "options": [
                    {"value": str(v), "label": label} for v, label in
                    enumerate(["Not yet", "Starting", "Partly", "Fully"], 1)]},
                "sections": sections,
            })
    appendix_ids += ["information-sheet", "consent-form"]
    _dump(folder / "content" / "appendices.yml", {"appendices": appendix_ids})
    return {"questions": made, "guides": guide_count, "sets": pages - guide_count}


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    target = Path(sys.argv[1])
    print(generate_pack(target, int(sys.argv[2])))
