"""Content-Security-Policy for the published pages: only the site itself may load or run code.

Material for MkDocs puts a few small scripts inline in every page; their hashes are allowed, page
by page. Only scripts that are the theme's own, recognised by how they begin and found outside
the article, are hashed: markup that slipped past the validator and the escaping still could not
run.
"""

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
ARTICLE_START = re.compile(r"<article\b")
ARTICLE_END = "</article>"
# How the inline scripts of Material's base.html begin (mkdocs-material 9.x).
THEME_SCRIPT_STARTS = ("__md_scope=", "var palette=", "var target=")

POLICY = (
    "default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def outside_articles(page_html: str) -> str:
    """The page without its articles, each from `<article` to the first `</article>` after it.

    Found with `str.find`, not a lazy regular expression across the article: that took most of
    the build's time spent on the policy (0.2 s per 1,000 pages)."""
    kept = []
    position = 0
    while (start := ARTICLE_START.search(page_html, position)) is not None:
        end = page_html.find(ARTICLE_END, start.end())
        if end == -1:
            break
        kept.append(page_html[position : start.start()])
        position = end + len(ARTICLE_END)
    kept.append(page_html[position:])
    return "".join(kept)


def with_content_security_policy(page_html: str, live_reload: bool = False) -> str:
    """The page with a CSP meta element first in its head.

    `live_reload` is for `mkdocs serve` only: its server adds an inline script to every page as it
    sends it, different each time, so no hash can allow it; inline scripts are then allowed (and
    the hashes left out, since browsers ignore 'unsafe-inline' next to a hash)."""
    outside_article = outside_articles(page_html)
    hashes = sorted(
        {
            _hash(script)
            for script in INLINE_SCRIPT.findall(outside_article)
            if script.startswith(THEME_SCRIPT_STARTS)
        }
    )
    scripts = ["'self'", "'unsafe-inline'"] if live_reload else ["'self'", *hashes]
    policy = POLICY.format(scripts=" ".join(scripts))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page_html.replace("<head>", "<head>\n" + meta, 1)
