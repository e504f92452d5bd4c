"""Issue 13's site pages, read back from the built site: the home page's start routes, theme
and audience pages that lead to the filtered bank and the printables, the footer, the
reading fixes (action headings, references, section numbers, download link text, a written
guide's introduction, signatures per signer) and the data the browser tools read."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index('<article class="md-content__inner'):html.index("</article>")]


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def links(html: str) -> list[tuple[str, str]]:
    """``(href, words)`` of every link in some HTML."""
    return [(unescape(h), text(w)) for h, w in re.findall(r'<a [^>]*?href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)]


def widget_data(html: str, role: str) -> dict:
    match = re.search(rf'<div class="{role}"[^>]*data-reflect-data="([^"]*)"', html)
    assert match, role
    return json.loads(unescape(match.group(1)))


# --- home ------------------------------------------------------------------------------------


def test_home_has_a_start_route_per_task_made_from_the_content(built_site, project):
    html = article(read(built_site, "index.html"))
    nav = re.search(r'<nav class="reflect-routes" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    assert nav, "no start routes"
    routes = re.findall(r'<li class="reflect-route">(.*?)</li>', nav.group(2), re.S)
    titles = [text(re.search(r'reflect-route__title">(.*?)</p>', r, re.S).group(1)) for r in routes]
    assert titles == ["Run a focus group", "Reflect on my practice", "Self-evaluate my organisation",
                      "Adapt the documents"]
    # The routes come before the description: they are what the first screen shows.
    assert html.index("reflect-routes") < html.index(" ".join(project.settings.site.description.split())[:40])
    hrefs = [[h for h, _ in links(r)] for r in routes]
    assert hrefs[0] == [f"appendices/{g.id}.html" for g in project.guides]
    statements = {s.id for s in project.question_sets
                  if all(q.form == "statement" for sec in s.sections for q in sec.questions)}
    assert hrefs[1] == [f"question-sets/{s.id}.html" for s in project.question_sets if s.id not in statements]
    assert hrefs[2] == [f"question-sets/{s}.html" for s in statements]
    assert hrefs[3] == [f"appendices/{d.id}.html" for d in project.documents] + ["downloads.html"]
    # A route's links name the audiences from the content.
    words = [w for _, w in links(routes[1])]
    assert words == [project.audience_by_id[s.audience].name for s in project.question_sets if s.id not in statements]


def test_home_list_includes_compose_and_downloads(built_site):
    html = article(read(built_site, "index.html"))
    explore = html[html.index('id="explore"'):]
    targets = [h for h, _ in links(explore)]
    assert "compose.html" in targets and "downloads.html" in targets and "question-bank.html" in targets


def test_the_run_route_words_come_from_the_catalogue_unless_the_content_overrides_them(project):
    from generator.document import nodes as n
    from generator.document.build import Builder
    from generator.document.pages import home
    from generator.strings import load_catalogue

    def first_route(words) -> str:
        page = home(Builder(project, words))
        routes = next(block for block in page.body if isinstance(block, n.Routes))
        return routes.routes[0].title[0].text

    assert first_route(load_catalogue("en")) == "Run a group discussion"
    assert first_route(load_catalogue("en", {"site.home.route_run.focus_group": "Run a session"})) == "Run a session"


# --- theme and audience pages -------------------------------------------------------------------


def test_theme_page_groups_questions_by_audience_and_links_to_the_filtered_bank(built_site, project):
    theme = project.themes[1]
    html = article(read(built_site, f"findings/{theme.id}.html"))
    bank = [(urlsplit(h), w) for h, w in links(html) if h.startswith("../question-bank.html#")]
    assert bank, "no link to the bank"
    by_theme = {dict(p.split("=") for p in u.fragment.split("&"))["audience"]: w
                for u, w in bank if u.fragment.startswith("theme=")}
    subs = {sub.id for sub in theme.subthemes}
    for audience in project.audiences:
        chosen = [e for e in project.questions
                  if e.owner.audience == audience.id and subs.intersection(e.question.subthemes)]
        if chosen:
            assert f"{len(chosen)} questions for {audience.name}" in by_theme[audience.id]
    for sub in theme.subthemes:
        entries = project.questions_by_subtheme.get(sub.id, ())
        audiences = [a for a in project.audiences if any(e.owner.audience == a.id for e in entries)]
        for audience in audiences:
            assert f'id="subtheme-{sub.id}-{audience.id}"' in html  # a heading per audience
            fragment = f"subtheme={sub.id}&audience={audience.id}"
            assert any(u.fragment == fragment for u, _ in bank), fragment
        # The questions of each audience sit under its heading, in content order.
        section = html[html.index(f'id="subtheme-{sub.id}-questions"'):]
        order = [section.index(f'id="subtheme-{sub.id}-{a.id}"') for a in audiences]
        assert order == sorted(order)


def test_audience_page_leads_to_its_bank_guide_or_worksheet_and_printables(built_site, project):
    for audience in project.audiences:
        html = article(read(built_site, f"audiences/{audience.id}.html"))
        targets = [h for h, _ in links(html)]
        assert f"../question-bank.html#audience={audience.id}" in targets
        assert "../compose.html" in targets
        owners = [*[s for s in project.question_sets if s.audience == audience.id],
                  *[g for g in project.guides if g.audience == audience.id]]
        assert owners
        for owner in owners:
            page = "question-sets" if owner in project.question_sets else "appendices"
            assert f"../{page}/{owner.id}.html" in targets
            for fmt in ("pdf", "docx"):
                assert f"../downloads/{owner.id}.{fmt}" in targets, (owner.id, fmt)


# --- footer -----------------------------------------------------------------------------------


def test_footer_has_accessibility_statement_date_and_previous_next(built_site, project):
    for path, up in (("index.html", "./"), ("findings/challenges.html", "../")):
        html = read(built_site, path)
        footer = html[html.index('<footer class="md-footer">'):]
        assert f'<a href="{up}about/accessibility.html">Accessibility statement</a>' in footer
        date = project.settings.site.publication_date
        assert f'<time datetime="{date}">Last updated: {date}</time>' in footer
        assert "md-footer__link--next" in footer
    assert (built_site / "about" / "accessibility.html").exists()
    theme_page = read(built_site, "findings/challenges.html")
    assert 'class="md-footer__link md-footer__link--prev"' in theme_page


# --- reading ----------------------------------------------------------------------------------


def test_action_headings_say_what_the_action_is_in_the_contents_too(built_site, project):
    html = read(built_site, "implications.html")
    group = project.implications[0]
    action = group.actions[0]
    heading = re.search(rf'<h3 id="action-{action.id}">(.*?)<a class="headerlink"', html, re.S).group(1)
    assert text(heading) == "Action 1.1: " + " ".join(action.text.split())
    toc = html[html.index('class="md-nav md-nav--secondary"'):]
    assert f'href="#action-{action.id}"' in toc
    entry = re.search(rf'href="#action-{action.id}"[^>]*>(.*?)</a>', toc, re.S).group(1)
    assert text(entry).startswith("Action 1.1: " + " ".join(action.text.split())[:30])


def test_references_do_not_expand_into_nested_brackets(built_site):
    nested = re.compile(r"\((?:sub)?theme [0-9]+(?:\([a-z]\))? \(")
    seen = 0
    for path in built_site.rglob("*.html"):
        words = text(read(built_site, path.relative_to(built_site).as_posix()))
        assert not nested.search(words), path
        seen += len(re.findall(r"subtheme [0-9]+\([a-z]\), [A-Z]", words))
    assert seen > 0


def test_section_headings_and_question_headings_are_numbered_apart(built_site, project):
    guide = project.guides[0]
    html = article(read(built_site, f"appendices/{guide.id}.html"))
    section = guide.sections[0]
    heading = re.search(rf'<h2 id="section-{section.id}">(.*?)<a', html, re.S).group(1)
    assert text(heading) == f"Section 1: {' '.join(section.title.split())}"
    question = section.questions[0]
    qheading = re.search(rf'<h3 id="q-{question.id}">(.*?)<a', html, re.S).group(1)
    assert text(qheading).startswith("1. ")


def test_download_links_name_their_format(built_site):
    html = article(read(built_site, "downloads.html"))
    found = links(html)
    files = [(h, w) for h, w in found if h.endswith((".pdf", ".docx"))]
    assert files
    words = [w for _, w in files]
    assert len(set(words)) == len(words), "two downloads share their link text"
    for href, word in files:
        assert word.endswith(", PDF" if href.endswith(".pdf") else ", Word"), (href, word)


def test_written_questions_guide_opens_with_an_introduction_not_a_script(built_site, project):
    written = [g for g in project.guides if g.format == "written-questions" and g.opening_script]
    spoken = [g for g in project.guides if g.format == "focus-group" and g.opening_script]
    assert written and spoken
    for guide in written:
        html = article(read(built_site, f"appendices/{guide.id}.html"))
        assert 'admonition-title">Introduction<' in html and "Opening script" not in html
    for guide in spoken:
        assert 'admonition-title">Opening script<' in read(built_site, f"appendices/{guide.id}.html")


def test_consent_signatures_show_one_row_per_signer(built_site, project):
    from generator.models import SignaturesBlock

    blocks = [(doc, b) for doc in project.documents for sec in doc.sections for b in sec.blocks
              if isinstance(b, SignaturesBlock) and b.signers]
    assert blocks
    for doc, block in blocks:
        html = article(read(built_site, f"appendices/{doc.id}.html"))
        table = re.search(r'<table class="reflect-signatures reflect-signers">(.*?)</table>', html, re.S).group(1)
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        assert [text(re.search(r"<th[^>]*>(.*?)</th>", r).group(1)) for r in rows] == list(block.signers)
        for row in rows:
            assert [text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)] == list(block.lines)


# --- data for the browser tools ---------------------------------------------------------------------


def test_worksheet_data_carries_each_questions_implications(built_site, project):
    linked = 0
    for qset in project.question_sets:
        html = read(built_site, f"question-sets/{qset.id}.html")
        data = widget_data(html, "reflect-worksheet")
        by_id = {q["id"]: q for sec in data["sections"] for q in sec["questions"]}
        for sec in qset.sections:
            for q in sec.questions:
                got = by_id[q.id]["implications"]
                assert [i["id"] for i in got] == list(q.implications)
                for item in got:
                    linked += 1
                    assert item["href"] == f"../implications.html#action-{item['id']}"
                    assert f'id="action-{item["id"]}"' in read(built_site, "implications.html")
                    assert item["label"].startswith(project.action_code(project.action_by_id[item["id"]]))
    assert linked > 0


def test_bank_data_carries_the_composers_address(built_site):
    for page in ("question-bank.html", "compose.html"):
        html = read(built_site, page)
        role = "reflect-bank-filters" if page == "question-bank.html" else "reflect-composer"
        assert widget_data(html, role)["compose"] == "compose.html"


@pytest.mark.parametrize("path", ["index.html", "findings/challenges.html", "audiences/qi-coaches.html"])
def test_changed_pages_have_unique_ids(built_site, path):
    ids = re.findall(r'\sid="([^"]+)"', read(built_site, path))
    assert len(ids) == len(set(ids))
