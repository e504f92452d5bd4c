"""Reflect's benchmark: build synthetic packs at several scales and report the figures.

    python bench/run.py [--scales 100,1000,10000] [--repeat 3]

For each scale it generates a pack in our real YAML format (bench/generate.py), then
measures, printing a table and, as its very last line, one JSON object keyed by scale:

check_seconds            wall time of ``reflect check`` (median)
load_mb_per_s            YAML read with full line tracking (our loader), MB/s
generator_share          (load + validate + render pages and data) / our full site build
check_vs_raw_load        ``reflect check`` / a Python process merely loading the same YAML files
                         with PyYAML's CSafeLoader (alternating runs, medians)
load_vs_libyaml          our loader (positions included) / CSafeLoader, in process, same files
reload_vs_clean          the preview's edit-to-page time / the clean build
largest_page_kib         the largest generated HTML page
bank_render_vs_plain     first render (first contentful paint) of the question bank page in
                         Chromium / that of a plain page of the same theme (resources.html)
bank_load_vs_plain       the same for the end of the load event: the page laid out, its tools running
build_vs_baseline        our full site build / plain MkDocs + Material building the same
                         pre-rendered Markdown with default settings (alternating runs, medians).
                         "Full site build" is ``reflect build`` into an empty folder with the
                         printable cache warm: the printables are measured on their own below.
noop_rebuild_vs_clean    ``reflect build`` again with nothing changed / the clean build
reload_seconds           ``reflect serve``: one question-set YAML edited until its page serves the edit
pdf_pages_per_s          PDF pages rendered per second (cold printable cache), all cores;
                         ``pdf_pages_per_s_per_core`` divides by the worker count (None with
                         ``--keep-printables``, which keeps each pack's printables from the last run)
peak_mib                 largest resident memory of any one process during a cold build
search_bytes_per_question  search/search_index.json bytes / questions

Everything runs on this machine, on loopback only; nothing here is asserted (see RESULTS.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from generate import generate_pack  # noqa: E402

OUT = BENCH / "out"
PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764115200"}


def run(args: list[str], cwd: Path, check: bool = True) -> float:
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if check and result.returncode != 0:
        raise SystemExit(f"command failed: {' '.join(args)}\n{result.stderr[-3000:]}")
    return elapsed


def peak_mib(args: list[str], cwd: Path) -> float:
    """Largest resident set of any one process the command runs (children included)."""
    probe = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "sys.exit(r.returncode) if r.returncode else None\n"
        "print(max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, 0))\n"
    )
    result = subprocess.run([PY, "-c", probe, *args], cwd=cwd, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"command failed: {' '.join(args)}\n{result.stderr[-3000:]}")
    return int(result.stdout.strip().splitlines()[-1]) / 1024


def reflect(project: Path, *args: str) -> list[str]:
    return [PY, "-m", "generator.cli", "--project", str(project), *args]


def measure_loading(project: Path, repeat: int) -> tuple[float, float]:
    from generator.source.layout import CONTENT_FILES, find_files
    from generator.source.reader import load_yaml_file

    paths = [p for kind in CONTENT_FILES for p in find_files(project, kind)]
    size = sum(p.stat().st_size for p in paths) / 1e6
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for path in paths:
            load_yaml_file(path)
        times.append(time.perf_counter() - start)
    return size, size / statistics.median(times)


def measure_libyaml(project: Path, repeat: int) -> float:
    """Our loader's time / PyYAML's CSafeLoader's on the same files, in process (medians)."""
    import yaml

    from generator.source.layout import CONTENT_FILES, find_files
    from generator.source.reader import load_yaml_file

    paths = [p for kind in CONTENT_FILES for p in find_files(project, kind)]
    ours, theirs = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        for path in paths:
            load_yaml_file(path)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        for path in paths:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        theirs.append(time.perf_counter() - start)
    return statistics.median(ours) / statistics.median(theirs)


RAW_LOAD = (
    "import sys, yaml\n"
    "for line in open(sys.argv[1], encoding='utf-8'):\n"
    "    yaml.load(open(line.strip(), 'rb').read(), Loader=yaml.CSafeLoader)\n"
)


def measure_check_vs_raw(project: Path, repeat: int) -> tuple[float, float]:
    """``reflect check`` and a process merely loading the same files, alternating (medians)."""
    from generator.source.layout import CONTENT_FILES, find_files

    listing = project.parent / "yaml-files.txt"
    paths = [p for kind in CONTENT_FILES for p in find_files(project, kind)]
    listing.write_text("\n".join(str(p) for p in paths) + "\n", encoding="utf-8")
    check, raw = [], []
    for _ in range(repeat):
        check.append(run(reflect(project, "check"), project))
        raw.append(run([PY, "-c", RAW_LOAD, str(listing)], project))
    return statistics.median(check), statistics.median(raw)


PAINT_AND_LOAD = """() => [
    (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime,
    performance.getEntriesByType('navigation')[0].loadEventEnd]"""


def measure_first_render(site: Path) -> tuple[float, float, float, float]:
    """First contentful paint and end of the load event (ms) of the question bank and of a
    plain page, in Chromium: (bank paint, plain paint, bank load, plain load). The load
    event is when the page is laid out and its tools (the bank's filters) are running."""
    from playwright.sync_api import sync_playwright

    def paint(page, path: Path) -> list[float]:
        page.goto(path.as_uri(), wait_until="load", timeout=600_000)
        return page.evaluate(PAINT_AND_LOAD)

    def medians(page, path: Path) -> list[float]:
        runs = [paint(page, path) for _ in range(3)]
        return [statistics.median(r[i] for r in runs) for i in range(2)]

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            paint(page, site / "resources.html")  # warm the browser's caches
            plain = medians(page, site / "resources.html")
            bank = medians(page, site / "question-bank.html")
        finally:
            browser.close()
    return bank[0], plain[0], bank[1], plain[1]


def measure_generator(project: Path, repeat: int) -> float:
    """In-process time to load, validate and render every page and data file."""
    from generator.writers.data import project_json, questions_csv
    from generator.project import load_project
    from generator.build.site import render_site

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        p = load_project(project)
        render_site(p)
        project_json(p)
        questions_csv(p)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def write_baseline(project: Path, folder: Path) -> None:
    """The same pages for plain MkDocs + Material with defaults: each page's finished HTML
    written into a Markdown file (which is what a hand-made MkDocs site of these pages
    would hand to Python-Markdown at best)."""
    from generator.project import load_project
    from generator.build.site import render_site

    site = render_site(load_project(project))
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    for page in site.pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        title = page.title.replace('"', "'")
        path.write_text(f'---\ntitle: "{title}"\n---\n\n{page.html}\n', encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: Baseline\ntheme:\n  name: material\n", encoding="utf-8")


def largest_page(site: Path) -> float:
    return max(p.stat().st_size for p in site.rglob("*.html") if "downloads" not in p.parts) / 1024


def html_per_page(site: Path) -> float:
    pages = [p for p in site.rglob("*.html") if "downloads" not in p.parts]
    return sum(p.stat().st_size for p in pages) / max(1, len(pages)) / 1024


def pdf_pages(site: Path) -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(p).pages) for p in (site / "downloads").glob("*.pdf"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure_reload(project: Path) -> float:
    """Seconds from saving one question-set YAML to its page serving the change."""
    port = free_port()
    server = subprocess.Popen(
        reflect(project, "serve", "--dev-addr", f"127.0.0.1:{port}"),
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        target = sorted((project / "questions" / "sets").glob("*.yml"))[0]
        url = f"http://127.0.0.1:{port}/question-sets/{target.stem}.html"

        def fetch() -> str:
            with urllib.request.urlopen(url, timeout=120) as response:
                return response.read().decode("utf-8")

        deadline = time.time() + 600
        while True:
            try:
                fetch()
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit("preview did not start")
                time.sleep(0.2)
        time.sleep(1.0)  # let the watcher settle
        text = target.read_text(encoding="utf-8")
        marker = f"Edited-{int(time.time())}"
        start = time.perf_counter()
        target.write_text(text.replace("text: ", f"text: {marker} ", 1), encoding="utf-8")
        while True:
            try:
                if marker in fetch():
                    break
            except OSError:  # the server holds requests while it rebuilds: a large pack can time out
                pass
            if time.perf_counter() - start > 900:
                raise SystemExit("the edit never reached the preview")
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def bench_scale(scale: int, repeat: int, keep_printables: bool = False) -> dict[str, float]:
    folder = OUT / str(scale)
    project = folder / "project"
    cache = project / ".reflect-cache" / "printable"
    kept = folder / "printable-kept"
    keep = keep_printables and cache.is_dir()
    if keep:  # the pack is written afresh; its printables (content-hash cached) are kept
        shutil.rmtree(kept, ignore_errors=True)
        shutil.move(str(cache), str(kept))
    counts = generate_pack(project, scale)
    if keep:
        cache.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(kept), str(cache))
    questions = counts["questions"]
    print(f"\n== {scale} questions ({counts['guides']} guides, {counts['sets']} sets) ==", flush=True)

    check, raw_load = measure_check_vs_raw(project, repeat)
    size, mb_per_s = measure_loading(project, repeat)
    vs_libyaml = measure_libyaml(project, repeat)

    # cold: printables rendered from scratch (unless kept), memory measured
    if keep:
        shutil.rmtree(project / ".reflect-cache" / "site-fingerprints", ignore_errors=True)
    else:
        shutil.rmtree(project / ".reflect-cache", ignore_errors=True)
    site = folder / "site"
    start = time.perf_counter()
    peak = peak_mib(reflect(project, "build", "--site-dir", str(site)), project)
    cold = time.perf_counter() - start
    pages_pdf = pdf_pages(site)

    # clean site builds (printable cache warm), alternating with the baseline
    write_baseline(project, folder / "baseline")
    ours, base = [], []
    for _ in range(repeat):
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(project / ".reflect-cache" / "site-fingerprints", ignore_errors=True)
        ours.append(run(reflect(project, "build", "--site-dir", str(site)), project))
        shutil.rmtree(folder / "baseline" / "site", ignore_errors=True)
        base.append(run([PY, "-m", "mkdocs", "build", "-q"], folder / "baseline"))
    clean, baseline = statistics.median(ours), statistics.median(base)
    printables = max(cold - clean, 1e-9)
    pages_per_s = None if keep else round(pages_pdf / printables, 2)  # only a cold cache measures it

    noop = statistics.median(run(reflect(project, "build", "--site-dir", str(site)), project) for _ in range(repeat))
    generator_seconds = measure_generator(project, repeat)
    reload = measure_reload(project)
    search = (site / "search" / "search_index.json").stat().st_size
    bank_paint, plain_paint, bank_load, plain_load = measure_first_render(site)
    workers = min(2, os.cpu_count() or 1)

    figures = {
        "questions": questions,
        "check_seconds": round(check, 3),
        "check_vs_raw_load": round(check / raw_load, 3),
        "load_vs_libyaml": round(vs_libyaml, 3),
        "load_mb_per_s": round(mb_per_s, 2),
        "generator_share": round(generator_seconds / clean, 3),
        "build_vs_baseline": round(clean / baseline, 3),
        "noop_rebuild_vs_clean": round(noop / clean, 3),
        "reload_seconds": round(reload, 2),
        "reload_vs_clean": round(reload / clean, 3),
        "largest_page_kib": round(largest_page(site), 1),
        "bank_first_render_ms": round(bank_paint, 1),
        "plain_first_render_ms": round(plain_paint, 1),
        "bank_render_vs_plain": round(bank_paint / plain_paint, 2),
        "bank_load_ms": round(bank_load, 1),
        "plain_load_ms": round(plain_load, 1),
        "bank_load_vs_plain": round(bank_load / plain_load, 2),
        "pdf_pages_per_s": pages_per_s,
        "pdf_pages_per_s_per_core": pages_per_s and round(pages_per_s / workers, 2),
        "peak_mib": round(peak, 1),
        "search_bytes_per_question": round(search / questions, 1),
        # context
        "yaml_mb": round(size, 3),
        "clean_build_seconds": round(clean, 2),
        "baseline_seconds": round(baseline, 2),
        "cold_build_seconds": round(cold, 2),
        "pdf_pages": pages_pdf,
        "html_kib_per_page": round(html_per_page(site), 1),
        "baseline_html_kib_per_page": round(html_per_page(folder / "baseline" / "site"), 1),
    }
    for key, value in figures.items():
        print(f"  {key:28} {value}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="100,1000,10000", help="comma-separated question counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median taken)")
    parser.add_argument("--keep-printables", action="store_true",
                        help="keep each pack's printable cache from the last run (no pdf_pages_per_s)")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    import yaml

    if not yaml.__with_libyaml__:
        print("WARNING: PyYAML has no libyaml here: loading will be about ten times slower", flush=True)
    results = {}
    for scale in scales:
        repeat = args.repeat if scale < 10000 else max(1, min(args.repeat, 2))
        results[str(scale)] = bench_scale(scale, repeat, args.keep_printables)
    keys = ["check_seconds", "check_vs_raw_load", "load_mb_per_s", "load_vs_libyaml", "generator_share",
            "build_vs_baseline", "noop_rebuild_vs_clean", "reload_seconds", "reload_vs_clean", "largest_page_kib",
            "bank_render_vs_plain", "bank_load_vs_plain", "pdf_pages_per_s", "peak_mib", "search_bytes_per_question"]
    print("\n" + "scale".ljust(8) + "".join(k[:14].rjust(15) for k in keys))
    for scale, figures in results.items():
        print(scale.ljust(8) + "".join(str(figures[k]).rjust(15) for k in keys))
    print(json.dumps({scale: {k: figures[k] for k in keys + ["pdf_pages_per_s_per_core"]} for scale, figures in results.items()}))


if __name__ == "__main__":
    main()
