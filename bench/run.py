"""Reflect's benchmark: build synthetic packs at several scales and report the figures.

    python bench/run.py [--scales 100,1000,10000] [--repeat 3]

For each scale it generates a pack in our real YAML format (bench/generate.py), then
measures, printing a table and, as its very last line, one JSON object keyed by scale:

check_seconds            wall time of ``reflect check`` (median)
load_mb_per_s            YAML read with full line tracking (our loader), MB/s
generator_share          (load + validate + render pages and data) / our full site build
build_vs_baseline        our full site build / plain MkDocs + Material building the same
                         pre-rendered Markdown with default settings (alternating runs, medians).
                         "Full site build" is ``reflect build`` into an empty folder with the
                         printable cache warm: the printables are measured on their own below.
noop_rebuild_vs_clean    ``reflect build`` again with nothing changed / the clean build
reload_seconds           ``reflect serve``: one question-set YAML edited until its page serves the edit
pdf_pages_per_s          PDF pages rendered per second (cold printable cache), all cores;
                         ``pdf_pages_per_s_per_core`` divides by the worker count
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
    from generator.layout import CONTENT_FILES, find_files
    from generator.yamlsource import load_yaml_file

    paths = [p for kind in CONTENT_FILES for p in find_files(project, kind)]
    size = sum(p.stat().st_size for p in paths) / 1e6
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for path in paths:
            load_yaml_file(path)
        times.append(time.perf_counter() - start)
    return size, size / statistics.median(times)


def measure_generator(project: Path, repeat: int) -> float:
    """In-process time to load, validate and render every page and data file."""
    import generator.project as project_module
    from generator.exports import project_json, questions_csv
    from generator.site_pages import render_site

    times = []
    for _ in range(repeat):
        project_module._LOADED.clear()
        start = time.perf_counter()
        p = project_module.load_project(project)
        render_site(p)
        project_json(p)
        questions_csv(p)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def write_baseline(project: Path, folder: Path) -> None:
    """The same pages as pre-rendered Markdown, for plain MkDocs + Material with defaults."""
    import generator.project as project_module
    from generator.site_pages import render_site

    site = render_site(project_module.load_project(project))
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    for page in site.pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: Baseline\ntheme:\n  name: material\n", encoding="utf-8")


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
            with urllib.request.urlopen(url, timeout=30) as response:
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
        while marker not in fetch():
            if time.perf_counter() - start > 300:
                raise SystemExit("the edit never reached the preview")
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def bench_scale(scale: int, repeat: int) -> dict[str, float]:
    folder = OUT / str(scale)
    project = folder / "project"
    counts = generate_pack(project, scale)
    questions = counts["questions"]
    print(f"\n== {scale} questions ({counts['guides']} guides, {counts['sets']} sets) ==", flush=True)

    check = statistics.median(run(reflect(project, "check"), project) for _ in range(repeat))
    size, mb_per_s = measure_loading(project, repeat)

    # cold: printables rendered from scratch, memory measured
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

    noop = statistics.median(run(reflect(project, "build", "--site-dir", str(site)), project) for _ in range(repeat))
    generator_seconds = measure_generator(project, repeat)
    reload = measure_reload(project)
    search = (site / "search" / "search_index.json").stat().st_size
    workers = min(2, os.cpu_count() or 1)

    figures = {
        "questions": questions,
        "check_seconds": round(check, 3),
        "load_mb_per_s": round(mb_per_s, 2),
        "generator_share": round(generator_seconds / clean, 3),
        "build_vs_baseline": round(clean / baseline, 3),
        "noop_rebuild_vs_clean": round(noop / clean, 3),
        "reload_seconds": round(reload, 2),
        "pdf_pages_per_s": round(pages_pdf / printables, 2),
        "pdf_pages_per_s_per_core": round(pages_pdf / printables / workers, 2),
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
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    import yaml

    if not yaml.__with_libyaml__:
        print("WARNING: PyYAML has no libyaml here: loading will be about ten times slower", flush=True)
    results = {}
    for scale in scales:
        repeat = args.repeat if scale < 10000 else max(1, min(args.repeat, 2))
        results[str(scale)] = bench_scale(scale, repeat)
    keys = ["check_seconds", "load_mb_per_s", "generator_share", "build_vs_baseline", "noop_rebuild_vs_clean",
            "reload_seconds", "pdf_pages_per_s", "peak_mib", "search_bytes_per_question"]
    print("\n" + "scale".ljust(8) + "".join(k[:14].rjust(15) for k in keys))
    for scale, figures in results.items():
        print(scale.ljust(8) + "".join(str(figures[k]).rjust(15) for k in keys))
    print(json.dumps({scale: {k: figures[k] for k in keys + ["pdf_pages_per_s_per_core"]} for scale, figures in results.items()}))


if __name__ == "__main__":
    main()
