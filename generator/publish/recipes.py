"""Deploy recipes for a project: CI workflows, host settings and web-server configurations.

``write_recipes`` writes each recipe that does not exist yet (never overwriting), used by
``reflect new`` and ``reflect init-hosting``. The security headers differ only when the
theme's inline scripts do, so the server configurations include a snippet that every
``reflect build`` rewrites from ``site/_headers`` (``hosting/security-headers.*.conf``).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

from generator import reflect_version

HOSTING = "hosting"
NGINX_HEADERS = "hosting/security-headers.nginx.conf"
APACHE_HEADERS = "hosting/security-headers.apache.conf"
SERVER_ROOT = "/srv/reflect"  # where the recipes assume the project is deployed; change it


def security_headers(site: Path) -> list[tuple[str, str]]:
    """(name, value) of every header ``site/_headers`` sets for all paths."""
    headers = []
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith((" ", "\t")) and ":" in line:
            name, value = line.strip().split(":", 1)
            headers.append((name.strip(), value.strip()))
    return headers


def nginx_headers(headers: list[tuple[str, str]]) -> str:
    lines = ["# Written by `reflect build` from site/_headers: do not edit, it is rewritten."]
    lines += [f'add_header {name} "{value}" always;' for name, value in headers]
    return "\n".join(lines) + "\n"


def apache_headers(headers: list[tuple[str, str]]) -> str:
    lines = ["# Written by `reflect build` from site/_headers: do not edit, it is rewritten.",
             "# Needs mod_headers: a2enmod headers && systemctl reload apache2"]
    lines += [f'Header always set {name} "{value}"' for name, value in headers]
    return "\n".join(lines) + "\n"


def update_header_snippets(root: Path, site: Path) -> list[Path]:
    """Rewrite the server configurations' header snippets after a build (if ``hosting/`` exists)."""
    if not (root / HOSTING).is_dir() or not (site / "_headers").is_file():
        return []
    headers = security_headers(site)
    written = []
    for name, text in ((NGINX_HEADERS, nginx_headers(headers)), (APACHE_HEADERS, apache_headers(headers))):
        path = root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def _prefix(site_url: str | None) -> str:
    return urlsplit(site_url).path if site_url else "/"


def _nginx(value: str) -> str:
    """A value for an nginx configuration, quoted: ``;``, ``{``, ``}``, ``#`` and spaces cannot end it."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _uri(path: str) -> str:
    """A path sent as a URI (a redirect, an error page): characters a server would read as its own
    syntax (nginx's ``$`` variables, Apache's quotes and spaces) percent-encoded."""
    return quote(path, safe="/-._~!&'()*+,;=:@%")


def _apache(value: str) -> str:
    """A path for an Apache configuration, quoted."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_server(project: str, prefix: str = "/", listen: str = "80", server_name: str = "example.org",
                 site: str | None = None) -> str:
    """An nginx ``server`` block serving ``project``/site at ``prefix`` with every security header.

    Every value taken from the project (its paths, the site's path on the host) is quoted, and
    the URIs nginx expands variables in (``return``, ``error_page``) are percent-encoded.
    """
    site = site or f"{project}/site"
    headers = f"include {_nginx(f'{project}/{NGINX_HEADERS}')};"
    if prefix == "/":
        location = f"""    root {_nginx(site)};
    location / {{
        {headers}
        try_files $uri $uri/ =404;
    }}"""
    else:
        location = f"""    location = {_nginx(prefix.rstrip('/'))} {{ return 301 {_nginx(_uri(prefix))}; }}
    location {_nginx(prefix)} {{
        {headers}
        alias {_nginx(site + '/')};
        try_files $uri $uri/ =404;
    }}"""
    return f"""# Reflect site: an nginx server block (Debian: /etc/nginx/sites-available/reflect, then
# ln -s it into sites-enabled and `nginx -t && systemctl reload nginx`).
# {project} is where the project is deployed (site/ and hosting/ beside each other).
# Every location includes the security headers, which `reflect build` rewrites in
# {NGINX_HEADERS} (nginx drops server-level add_header in a location that has its own).
server {{
    listen {listen};
    server_name {server_name};
    charset utf-8;
    charset_types text/css text/plain text/xml application/javascript application/json;
    index index.html;
    error_page 404 {_nginx(_uri(prefix + "404.html"))};
    server_tokens off;
{location}
}}
"""


def apache_site(project: str, prefix: str = "/", server_name: str = "example.org") -> str:
    site = f"{project}/site"
    mapping = f"    DocumentRoot {_apache(site)}" if prefix == "/" else f"    Alias {_apache(prefix)} {_apache(site + '/')}"
    return f"""# Reflect site: an Apache virtual host (Debian: /etc/apache2/sites-available/reflect.conf).
# Apache's Header directive needs mod_headers, which Debian leaves off. Enable it first:
#   a2enmod headers && a2ensite reflect && apachectl configtest && systemctl reload apache2
# {project} is where the project is deployed (site/ and hosting/ beside each other).
<VirtualHost *:80>
    ServerName {server_name}
{mapping}
    AddDefaultCharset utf-8
    ErrorDocument 404 {_uri(prefix + "404.html")}
    ServerSignature Off
    <Directory {_apache(site)}>
        Require all granted
        Options -Indexes
        AllowOverride None
    </Directory>
    Include {_apache(f"{project}/{APACHE_HEADERS}")}
</VirtualHost>
"""


def _install() -> str:
    return f"reflect=={reflect_version()}"


def github_workflow() -> str:
    return f"""# Publish the site to GitHub Pages on every push to main (Settings > Pages > Source:
# GitHub Actions). GitHub Pages cannot send HTTP headers: see hosting/README.md.
name: Publish site
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: false
env:
  # How to install Reflect: a version, a Git address (git+https://...) or a wheel's path.
  REFLECT: "{_install()}"
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 1
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Libraries for the PDFs
        run: sudo apt-get update && sudo apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-dejavu-extra
      - run: pip install "$REFLECT"
      - name: "Build (strict: fails on unfilled placeholders and broken links)"
        run: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) reflect build --strict
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""


def gitlab_ci() -> str:
    return f"""# Publish the site with GitLab Pages from the default branch. GitLab.com Pages cannot
# send HTTP headers: see hosting/README.md.
pages:
  image: python:3.12-slim
  variables:
    REFLECT: "{_install()}"
  before_script:
    - apt-get update && apt-get install -y --no-install-recommends git libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-dejavu-extra
    - pip install "$REFLECT"
  script:
    - SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) reflect build --strict --site-dir public
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"""


def netlify_toml() -> str:
    return f"""# Netlify: builds the site and publishes site/. Netlify applies site/_headers (written by
# every build), so every page gets the Content-Security-Policy and the other headers.
[build]
  command = "pip install '{_install()}' && reflect build --strict"
  publish = "site"

[build.environment]
  PYTHON_VERSION = "3.12"
"""


HOSTING_README = """# Publishing this site

`reflect build --strict` builds `site/`: copy it to any static host. `reflect build --zip`
also writes `site.zip` for an intranet or a shared drive: unzip it and open `index.html`
(search and every tool work from disk).

Set `site.url` in `content/settings.yml` to the address the site will have (ending in `/`):
canonical links, the sitemap, the 404 page under a sub-path and the absolute links in
`data/questions.csv` follow it.

| host | recipe | security headers |
| --- | --- | --- |
| GitHub Pages | `.github/workflows/reflect-pages.yml` | **cannot be sent** |
| GitLab Pages (GitLab.com) | `.gitlab-ci.yml` | **cannot be sent** |
| Netlify (and Cloudflare Pages) | `netlify.toml`; `site/_headers` is applied | all |
| nginx | `hosting/nginx.conf` | all (included from `hosting/security-headers.nginx.conf`) |
| Apache | `hosting/apache.conf` (run `a2enmod headers` first) | all (from `hosting/security-headers.apache.conf`) |

**What hosts without headers cost.** GitHub Pages and GitLab.com Pages serve the files
only: no Content-Security-Policy (if a content edit ever slipped a script past Reflect's
sanitiser, no browser-side policy would stop it), no `frame-ancestors`/`X-Frame-Options`
(other sites can frame the pages: clickjacking), no `Referrer-Policy: no-referrer` (the
address of a page a reader leaves is sent to the next site), no `Permissions-Policy`,
no `X-Content-Type-Options: nosniff`. The site works the same; it is less defended.
Choose Netlify, Cloudflare Pages or your own nginx/Apache when that matters.

The nginx and Apache files assume the project is deployed at `/srv/reflect` (with
`site/` and `hosting/` in it): change the paths and `server_name` to yours. Every
`reflect build` rewrites the two `security-headers` snippets when the policy changes
(it follows the theme's inline scripts), so redeploy them with the site.
"""


def recipes(site_url: str | None) -> dict[str, str]:
    prefix = _prefix(site_url)
    return {
        ".github/workflows/reflect-pages.yml": github_workflow(),
        ".gitlab-ci.yml": gitlab_ci(),
        "netlify.toml": netlify_toml(),
        "hosting/README.md": HOSTING_README,
        "hosting/nginx.conf": nginx_server(SERVER_ROOT, prefix),
        "hosting/apache.conf": apache_site(SERVER_ROOT, prefix),
    }


def write_recipes(root: Path, site_url: str | None) -> list[Path]:
    """Write every recipe that does not exist yet; return those written."""
    written = []
    for name, text in recipes(site_url).items():
        path = root / name
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
