"""Cleaning HTML that people supply outside Wagtail's rich-text editor.

Imports, API input and notes pass through ``clean_html`` (an allowlist, with
bleach) before they are stored; plain-text fields are escaped by templates.
"""

import re
from html import unescape

from django.utils.html import strip_tags

import bleach

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "b",
        "strong",
        "i",
        "em",
        "a",
        "blockquote",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"https", "http", "mailto"})


def clean_html(html: str) -> str:
    """Keep the allowlisted tags and attributes; drop everything else.

    Script and style elements are removed with their content; other
    disallowed tags are stripped and their text kept.
    """
    if not html:
        return ""
    cleaner = bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    return cleaner.clean(_drop_dangerous_elements(html)).strip()


def clean_text(text: str) -> str:
    """Plain text: no tags at all (their text is kept), no control characters."""
    stripped = bleach.clean(
        _drop_dangerous_elements(text or ""),
        tags=set(),
        strip=True,
        strip_comments=True,
    )
    stripped = stripped.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return "".join(ch for ch in stripped if ch in "\n\t" or ch >= " ").strip()


# Where one block of HTML ends and the next begins: read as a space.
BLOCK_BOUNDARY = re.compile(
    r"<\s*/?\s*(p|h[1-6]|li|ul|ol|br|div|tr|td|th|blockquote|figure|"
    r"figcaption|section|table|dd|dt)\b[^>]*>",
    re.IGNORECASE,
)


def html_to_text(html: str) -> str:
    """The text of trusted HTML (rendered blocks, rich text) for indexing and
    snippets: block boundaries (paragraphs, headings, list items, cells,
    line breaks) become spaces, so "<h2>Latar Belakang</h2><p>Warga" reads
    "Latar Belakang Warga", not "Latar BelakangWarga"; entities decoded,
    white space folded."""
    text = strip_tags(BLOCK_BOUNDARY.sub(" ", html or ""))
    return " ".join(unescape(text).split())


def _drop_dangerous_elements(html):
    import re

    return re.sub(
        r"<(script|style|iframe|object|embed|template|noscript)\b[^>]*>.*?</\1\s*>",
        "",
        html,
        flags=re.IGNORECASE | re.DOTALL,
    )
