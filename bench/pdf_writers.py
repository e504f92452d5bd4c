"""The PDF writers against each other, and a cold full build against plain MkDocs + Material.

    python bench/pdf_writers.py [--scales 1000,10000] [--old-python PATH] [--before-src DIR] [--repeat N]

For each scale it generates a pack (bench/generate.py) and measures, in one run:

pdf_pages_per_s          the pack's PDFs (every file the plan lists as PDF) rendered from
                         scratch in two worker processes, pages / seconds, by this tree's writer
old_pdf_pages_per_s      the same by the writer of another install (``--old-python``: a Python
                         whose ``generator`` package is the old one, e.g. main's with WeasyPrint);
                         ``pdf_speedup`` is their ratio
docx_files_per_s         the pack's Word files rendered the same way, files / seconds (a DOCX has
                         no pages until Word lays it out)
cold_build_vs_baseline   ``reflect build`` into an empty folder with no printable cache (site and
                         every printable) / plain MkDocs + Material building the same pages with
                         no printables (as bench/run.py writes them)
printables_share         (cold build - the same build with the printable cache warm) / cold build
peak_mib                 the largest resident memory of any one process during the cold build
before_*                 with ``--before-src DIR`` (a copy of another commit's ``generator/`` and
                         ``overrides/``, e.g. ``git archive <commit> generator overrides``), the cold
                         and warm builds again with that code first on the path, alternating with
                         this tree's in the same repeats: the same figures before and after a change;
                         also ``before_pdf_pages_per_s`` and ``before_docx_files_per_s``, that code's writers

Nothing here is asserted (see RESULTS.md).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from generate import generate_pack  # noqa: E402
from run import ENV, OUT, PY, peak_mib, reflect, run, write_baseline  # noqa: E402


def run_with(args: list[str], cwd: Path, source: str | None) -> float:
    """Wall time of a command, with ``source`` (another tree's code) first on the path when given."""
    env = dict(ENV, PYTHONPATH=source) if source else ENV
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"command failed: {' '.join(args)}\n{result.stderr[-3000:]}")
    return elapsed


def cold_and_warm(project: Path, site: Path, source: str | None) -> tuple[float, float]:
    """(cold, warm) seconds of ``reflect build``: no printable cache, then the cache kept."""
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(project / ".reflect-cache", ignore_errors=True)
    cold = run_with(reflect(project, "build", "--site-dir", str(site)), project, source)
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(project / ".reflect-cache" / "site-fingerprints", ignore_errors=True)
    warm = run_with(reflect(project, "build", "--site-dir", str(site)), project, source)
    return cold, warm


RENDER_FILES = """
import json, multiprocessing, sys, time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from generator.project import load_project
from generator.build.printables import _render_to, plan
from generator.writers.stamp import build_stamp

if __name__ == "__main__":
    project, out, kind = load_project(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    pdfs = [d for d in plan(project) if d.format == kind]
    stamp = build_stamp(project.settings.site.publication_date)
    targets = {d.path: out / d.path.replace("/", "_") for d in pdfs}
    start = time.perf_counter()
    # Two worker processes from a fork server, as a build renders them.
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver")) as pool:
        for future in [pool.submit(_render_to, d, stamp, str(targets[d.path])) for d in pdfs]:
            future.result()
    print(json.dumps({"seconds": time.perf_counter() - start, "files": len(pdfs)}))
"""


def render_files(python: str, project: Path, out: Path, kind: str = "pdf",
                 source: str | None = None) -> tuple[float, int]:
    """(seconds, count) of rendering every file of one format of the pack (``kind``: pdf or
    docx) with ``python``'s writer, or with ``source``'s code first on the path: the count is the
    PDFs' pages, or the Word files (Word paginates when it opens a file, so a DOCX has no pages)."""
    from pypdf import PdfReader

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    script = out.parent / "render_files.py"
    script.write_text(RENDER_FILES, encoding="utf-8")
    # The script runs outside this tree, so ``python`` imports its own ``generator``.
    env = dict(ENV, PYTHONPATH=source) if source else ENV
    result = subprocess.run([python, str(script), str(project), str(out), kind], cwd=out.parent, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"rendering failed with {python}:\n{result.stderr[-3000:]}")
    seconds = json.loads(result.stdout.strip().splitlines()[-1])["seconds"]
    if kind == "pdf":
        return seconds, sum(len(PdfReader(p).pages) for p in out.glob("*.pdf"))
    return seconds, len(list(out.glob("*.docx")))


def render_pdfs(python: str, project: Path, out: Path) -> tuple[float, int]:
    """(seconds, pages) of rendering every PDF of the pack with ``python``'s writer."""
    return render_files(python, project, out, "pdf")


def bench_scale(scale: int, old_python: str | None, repeat: int, before: str | None = None,
                skip_pdfs: bool = False) -> dict[str, float | None]:
    folder = OUT / f"pdf-{scale}"
    project = folder / "project"
    counts = generate_pack(project, scale)
    print(f"\n== {scale} questions ({counts['guides']} guides, {counts['sets']} sets) ==", flush=True)
    figures: dict[str, float | None] = {"questions": counts["questions"]}
    if not skip_pdfs:
        seconds, pages = render_pdfs(PY, project, folder / "pdf-new")
        figures.update({
            "pdf_pages": pages,
            "pdf_seconds": round(seconds, 2),
            "pdf_pages_per_s": round(pages / seconds, 1),
        })
    if not skip_pdfs:
        seconds_w, files_w = render_files(PY, project, folder / "docx-new", "docx")
        figures.update({"docx_files": files_w, "docx_seconds": round(seconds_w, 2),
                        "docx_files_per_s": round(files_w / seconds_w, 1)})
        if before:
            b_seconds, b_pages = render_files(PY, project, folder / "pdf-before", "pdf", before)
            b_seconds_w, b_files_w = render_files(PY, project, folder / "docx-before", "docx", before)
            figures.update({
                "before_pdf_pages_per_s": round(b_pages / b_seconds, 1),
                "before_docx_seconds": round(b_seconds_w, 2),
                "before_docx_files_per_s": round(b_files_w / b_seconds_w, 1),
            })
    if old_python and not skip_pdfs:
        old_seconds, old_pages = render_pdfs(old_python, project, folder / "pdf-old")
        figures.update({
            "old_pdf_pages": old_pages,
            "old_pdf_seconds": round(old_seconds, 2),
            "old_pdf_pages_per_s": round(old_pages / old_seconds, 1),
            "pdf_speedup": round((pages / seconds) / (old_pages / old_seconds), 1),
        })

    site = folder / "site"
    write_baseline(project, folder / "baseline")
    cold, warm, base, peaks = [], [], [], []
    before_cold, before_warm = [], []
    for _ in range(repeat):
        if before:
            seconds_cold, seconds_warm = cold_and_warm(project, site, before)
            before_cold.append(seconds_cold)
            before_warm.append(seconds_warm)
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(project / ".reflect-cache", ignore_errors=True)
        start = time.perf_counter()
        peaks.append(peak_mib(reflect(project, "build", "--site-dir", str(site)), project))
        cold.append(time.perf_counter() - start)
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(project / ".reflect-cache" / "site-fingerprints", ignore_errors=True)
        warm.append(run(reflect(project, "build", "--site-dir", str(site)), project))
        shutil.rmtree(folder / "baseline" / "site", ignore_errors=True)
        base.append(run([PY, "-m", "mkdocs", "build", "-q"], folder / "baseline"))
    cold_s, warm_s, base_s = statistics.median(cold), statistics.median(warm), statistics.median(base)
    figures.update({
        "cold_build_seconds": round(cold_s, 2),
        "warm_build_seconds": round(warm_s, 2),
        "baseline_seconds": round(base_s, 2),
        "cold_build_vs_baseline": round(cold_s / base_s, 3),
        "printables_share": round(max(cold_s - warm_s, 0) / cold_s, 3),
        "peak_mib": round(max(peaks), 1),
    })
    if before:
        b_cold, b_warm = statistics.median(before_cold), statistics.median(before_warm)
        figures.update({
            "before_cold_build_seconds": round(b_cold, 2),
            "before_warm_build_seconds": round(b_warm, 2),
            "before_cold_build_vs_baseline": round(b_cold / base_s, 3),
            "before_printables_share": round(max(b_cold - b_warm, 0) / b_cold, 3),
        })
    for key, value in figures.items():
        print(f"  {key:24} {value}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1000,10000", help="comma-separated question counts")
    parser.add_argument("--old-python", help="a Python with the old writer installed (e.g. main's venv)")
    parser.add_argument("--repeat", type=int, default=1, help="cold and baseline builds per scale (median)")
    parser.add_argument("--before-src", help="a folder with another commit's generator/ and overrides/ to build with too")
    parser.add_argument("--skip-pdfs", action="store_true", help="leave out the PDF writers' own measurement")
    args = parser.parse_args()
    before = str(Path(args.before_src).resolve()) if args.before_src else None
    results = {s: bench_scale(int(s), args.old_python, args.repeat, before, args.skip_pdfs)
               for s in args.scales.split(",") if s.strip()}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
