"""A Content-Security-Policy the built site satisfies, and the ``_headers`` file that serves it.

The theme has a few small inline scripts; each is allowed by its SHA-256 hash, so no
``'unsafe-inline'`` is needed for scripts. Everything else loads from the site itself.
Hosts that read ``_headers`` (Netlify, Cloudflare Pages and others) apply it as written;
for any other server, send the same ``Content-Security-Policy`` header (see README).
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Iterable

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)


def inline_script_hashes(pages: Iterable[str]) -> list[str]:
    """``'sha256-...'`` sources for every executable inline script in the given HTML pages."""
    hashes = set()
    for page in pages:
        for attributes, body in _INLINE_SCRIPT.findall(page):
            kind = re.search(r'type="([^"]+)"', attributes)
            if kind and kind.group(1) not in ("text/javascript", "module"):
                continue  # data blocks (JSON) never run
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(hashes)


def policy(script_hashes: Iterable[str]) -> str:
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", *script_hashes]),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("frame-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'self'"]),  # the 404 page's search form (GET, same site)
        ("frame-ancestors", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def headers_file(csp: str) -> str:
    """A ``_headers`` file applying the policy (and a few safe defaults) to every path."""
    return (
        "/*\n"
        f"  Content-Security-Policy: {csp}\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: no-referrer\n"
        "  X-Frame-Options: DENY\n"
        "  Cross-Origin-Opener-Policy: same-origin\n"
        "  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\n"
    )
