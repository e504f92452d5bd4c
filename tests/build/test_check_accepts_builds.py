"""What check accepts builds; what cannot be written is named, never a traceback (issue 18,
items 5, 6, 8 and 9). Each test is cheap: a starter project, at most one build."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import reflect
from generator.cli import main

NGINX = "/usr/sbin/nginx"


def _starter(where: Path) -> Path:
    result = reflect("new", str(where))
    assert result.returncode == 0, result.stderr
    return where


def _run(*args: str) -> tuple[int, str]:
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        status = main(list(args))
    return status, errors.getvalue()


def test_a_language_without_a_catalogue_builds_in_english_marked_and_check_names_it(tmp_path):
    project = _starter(tmp_path / "gaelic")
    settings = project / "content" / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("language: en-GB", "language: gd"), encoding="utf-8")
    status, said = _run("--project", str(project), "check")
    assert status == 0, said
    assert "no catalogue for the language 'gd'" in said and 'marked lang="en"' in said
    status, said = _run("--project", str(project), "build")
    assert status == 0 and "Traceback" not in said, said
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="gd"' in home  # the page says what language its content is in
    assert '<span lang="en">' in home  # Reflect's words, in English, say so


def test_a_language_that_is_not_a_tag_is_refused_with_its_position(tmp_path):
    project = _starter(tmp_path / "p")
    settings = project / "content" / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("language: en-GB", "language: en GB"), encoding="utf-8")
    status, said = _run("--project", str(project), "check")
    assert status == 1
    assert "content/settings.yml:9:13: expected a language tag (BCP 47) such as en-GB, cy or gd, found 'en GB'" in said


def test_server_recipes_quote_a_site_path_with_unusual_characters(tmp_path):
    from generator.publish.recipes import _prefix, apache_site, nginx_server

    prefix = _prefix("https://example.org/r;x{1}$y&z/")
    assert prefix == "/r;x{1}$y&z/"
    apache = apache_site("/srv/reflect", prefix)
    assert 'Alias "/r;x{1}$y&z/" "/srv/reflect/site/"' in apache
    assert "ErrorDocument 404 /r;x%7B1%7D%24y&z/404.html" in apache
    if not Path(NGINX).is_file():
        pytest.skip("needs Debian's nginx")
    project = tmp_path / "deployed"
    (project / "site").mkdir(parents=True)
    (project / "hosting").mkdir()
    (project / "hosting" / "security-headers.nginx.conf").write_text('add_header X-Test "1" always;\n')
    run = tmp_path / "run"
    run.mkdir()
    conf = run / "nginx.conf"
    conf.write_text(
        f"pid {run}/nginx.pid;\nerror_log {run}/error.log;\nevents {{ worker_connections 8; }}\n"
        f"http {{\n  access_log off;\n" + nginx_server(str(project), prefix, listen="127.0.0.1:1") + "}\n",
        encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(run)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr


def test_two_reflect_new_into_one_folder_never_mix_their_starters(tmp_path):
    target = tmp_path / "shared"
    results: dict[str, int] = {}

    def start(starter: str) -> None:
        results[starter] = reflect("new", str(target), "--starter", starter).returncode

    threads = [threading.Thread(target=start, args=(starter,)) for starter in ("self-assessment", "topic-guide")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == [0, 1], results  # one made the project, the other was refused
    winner = next(starter for starter, status in results.items() if status == 0)
    made = {p.relative_to(target).as_posix() for p in target.rglob("*.yml")}
    expected = {p.relative_to(tmp_path / "alone").as_posix() for p in _starter_files(tmp_path / "alone", winner)}
    assert made == expected
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".shared")]  # no half-made sibling left
    assert reflect("--project", str(target), "check").returncode == 0


def _starter_files(where: Path, starter: str) -> list[Path]:
    assert reflect("new", str(where), "--starter", starter).returncode == 0
    return list(where.rglob("*.yml"))


def test_reflect_new_refuses_a_folder_that_appears_while_it_writes(tmp_path, monkeypatch):
    from generator.cli import scaffold

    target = tmp_path / "raced"
    real = scaffold._write_project

    def slow(folder: Path, starter: str) -> list[Path]:
        written = real(folder, starter)
        target.mkdir()
        (target / "theirs.txt").write_text("someone else's")
        return written

    monkeypatch.setattr(scaffold, "_write_project", slow)
    with pytest.raises(scaffold.FolderNotEmpty):
        scaffold.new_project(target, "self-assessment")
    assert [p.name for p in target.iterdir()] == ["theirs.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["raced"]


def test_reflect_new_finishes_the_project_before_it_appears(tmp_path, monkeypatch):
    """The Welsh language and the sample list are written in the sibling, before the one rename."""
    from generator.cli import scaffold
    from generator.cli.main import main as reflect_main

    target = tmp_path / "p"
    seen = []
    real_rename = os.rename

    def watching_rename(source, destination):
        if Path(destination) == target.resolve():
            staged = Path(source)
            settings = (staged / "content" / "settings.yml").read_text(encoding="utf-8")
            seen.append(((staged / "starter-samples.yml").is_file(), "language: cy" in settings, target.exists()))
        return real_rename(source, destination)

    monkeypatch.setattr(scaffold.os, "rename", watching_rename)
    assert reflect_main(["new", str(target), "--starter", "self-assessment", "--language", "cy"]) == 0
    assert seen == [(True, True, False)]
    assert (target / "starter-samples.yml").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name != "p"]  # no sibling left behind


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")
@pytest.mark.parametrize("site_dir", ["/proc/reflect-test/site", "/proc/site"])
def test_a_site_dir_under_proc_exits_1_naming_the_path(tmp_path, site_dir):
    project = _starter(tmp_path / "p")
    shutil.rmtree(project / "hosting")
    status, said = _run("--project", str(project), "build", "--site-dir", site_dir)
    assert status == 1, said
    assert f"cannot write {site_dir}" in said and "Traceback" not in said


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")
def test_reflect_new_where_nothing_can_be_written_exits_1_naming_the_path():
    status, said = _run("new", "/proc/reflect-test/new")
    assert status == 1 and "cannot write /proc/reflect-test" in said and "Traceback" not in said
