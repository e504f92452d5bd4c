"""The nginx recipe in a real nginx (Debian's), its workers running as www-data, serving
the bundled site from a temporary folder at the root and under a sub-path: every kind of
page loads in Chromium with every security header, 0 CSP violations and 0 failed requests.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from browser_support import browser  # noqa: F401 - fixture
from conftest import copy_project, reflect

NGINX = "/usr/sbin/nginx"
WORKER_USER = "www-data"
PAGE_TYPES = [
    "index.html", "findings/index.html", "findings/challenges.html", "findings/limitations.html",
    "implications.html", "question-bank.html", "compose.html", "appendices/index.html",
    "appendices/qi-coaches-guide.html", "appendices/consent-form.html",
    "question-sets/organisations-self-evaluation.html", "audiences/qi-coaches.html",
    "resources.html", "about/about.html", "about/open-data.html", "downloads.html",
    "source/content/settings.yml.html",
]
HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options",
           "permissions-policy", "cross-origin-opener-policy")
# Recorded in every page before any script runs (init scripts are not subject to the CSP).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__cspViolations.push([e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber, e.sample].join(" ")), true);
"""

pytestmark = pytest.mark.skipif(not Path(NGINX).is_file() or os.geteuid() != 0,
                                reason="needs Debian's nginx and root (to start workers as www-data)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def deployed():
    """The bundled project in a folder nginx's workers can reach, built twice: at the root
    (site/) and for a sub-path (site-sub/, with site.url set)."""
    from generator.publish.recipes import nginx_server

    base = Path(tempfile.mkdtemp(prefix="reflect-nginx-"))
    os.chmod(base, 0o755)  # mkdtemp's 0700 would stop any other user, as /tmp/pytest-of-root does
    try:
        project = copy_project(base / "project")
        (project / "hosting").mkdir()
        assert reflect("--project", str(project), "build", cwd=project).returncode == 0
        # Each build rewrites hosting/'s header snippet from its own site (the 404 page's inline
        # script, hence the policy, depends on site.url): keep the root site's for its server.
        root_headers = base / "root-headers.nginx.conf"
        shutil.copy(project / "hosting" / "security-headers.nginx.conf", root_headers)
        os.chmod(root_headers, 0o644)
        port_root, port_sub = free_port(), free_port()
        settings = project / "content" / "settings.yml"
        settings.write_text(settings.read_text(encoding="utf-8").replace(
            '  content_version: "2026.11.1"\n',
            f'  content_version: "2026.11.1"\n  url: http://127.0.0.1:{port_sub}/reflect/\n'), encoding="utf-8")
        result = reflect("--project", str(project), "build", "--site-dir", str(project / "site-sub"), cwd=project)
        assert result.returncode == 0, result.stderr
        for folder in (project, project / "content", project / "hosting"):
            os.chmod(folder, 0o755)
        servers = (
            nginx_server(str(project), "/", listen=f"127.0.0.1:{port_root}", server_name="localhost").replace(
                f"{project}/hosting/security-headers.nginx.conf", str(root_headers)),
            nginx_server(str(project), "/reflect/", listen=f"127.0.0.1:{port_sub}", server_name="localhost",
                         site=str(project / "site-sub")),
        )
        run = base / "run"
        run.mkdir()
        conf = run / "nginx.conf"
        conf.write_text(
            f"user {WORKER_USER};\nworker_processes 1;\ndaemon off;\npid {run}/nginx.pid;\n"
            f"error_log {run}/error.log;\nevents {{ worker_connections 64; }}\n"
            f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
            f"  access_log {run}/access.log;\n  client_body_temp_path {run}/body;\n"
            f"  proxy_temp_path {run}/proxy;\n  fastcgi_temp_path {run}/fastcgi;\n"
            f"  uwsgi_temp_path {run}/uwsgi;\n  scgi_temp_path {run}/scgi;\n"
            + "".join(servers) + "}\n", encoding="utf-8")
        check = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(run)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        server = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(run)], start_new_session=True)
        deadline = time.time() + 20
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port_root}/index.html", timeout=2).close()
                break
            except OSError:
                assert time.time() < deadline and server.poll() is None, (run / "error.log").read_text()
                time.sleep(0.2)
        try:
            yield {"root": f"http://127.0.0.1:{port_root}/", "sub": f"http://127.0.0.1:{port_sub}/reflect/",
                   "pid": server.pid, "run": run}
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_nginx_workers_are_not_root(deployed):
    workers = subprocess.run(["ps", "-o", "user=", "--ppid", str(deployed["pid"])],
                             capture_output=True, text=True).stdout.split()
    assert workers and set(workers) == {WORKER_USER}


@pytest.mark.parametrize("where", ["root", "sub"])
def test_every_page_type_loads_with_headers_and_no_csp_violation_or_failed_request(deployed, browser, where):
    base = deployed[where]
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    failed, console = [], []
    context.on("requestfailed", lambda request: failed.append(f"{request.url} {request.failure}"))
    context.on("response", lambda response: response.status >= 400 and failed.append(
        f"{response.url} {response.status}"))
    try:
        for path in PAGE_TYPES:
            page = context.new_page()
            page.on("console", lambda message: "Content Security Policy" in message.text and console.append(
                message.text))
            response = page.goto(base + path, wait_until="networkidle")
            assert response.status == 200, path
            for header in HEADERS:
                assert response.headers.get(header), f"{path}: no {header}"
            if path.startswith("source/"):  # a plain page with its own stylesheet
                assert page.evaluate("getComputedStyle(document.querySelector('pre')).backgroundColor") == \
                    "rgb(245, 245, 245)"
            else:
                assert page.locator(".md-header").is_visible(), path  # Material's stylesheet loaded
            assert page.evaluate("window.__cspViolations") == [], path
            page.close()
        # the 404 page: styled, with a search and a way home that work at this base
        page = context.new_page()
        response = page.goto(base + "no/such/page.html", wait_until="networkidle")
        assert response.status == 404
        failed.remove(f"{base}no/such/page.html 404")
        assert page.locator("h1").inner_text() == "Page not found"
        assert page.locator(".md-header").is_visible()  # Material's stylesheet loaded
        assert page.evaluate("window.__cspViolations") == []
        page.fill("#reflect-not-found-query", "co-production")
        page.click(".reflect-not-found__search button")
        page.wait_for_url(base + "index.html?q=co-production")
        page.wait_for_selector(".md-search-result__item", timeout=20000)
        # settled before the next click, or leaving the page cancels what it still loads (its
        # icon), which would be recorded as a failed request
        page.goto(base + "no/such/page.html", wait_until="networkidle")
        failed.remove(f"{base}no/such/page.html 404")
        page.click(".reflect-not-found__home")
        page.wait_for_url(base + "index.html")
    finally:
        context.close()
    assert failed == []
    assert console == []
