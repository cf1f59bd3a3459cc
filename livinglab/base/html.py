"""Cleaning HTML that people supply outside Wagtail's rich-text editor.

Imports, API input and notes pass through ``clean_html`` (an allowlist, with
bleach) before they are stored; plain-text fields are escaped by templates.
"""

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


def _drop_dangerous_elements(html):
    import re

    return re.sub(
        r"<(script|style|iframe|object|embed|template|noscript)\b[^>]*>.*?</\1\s*>",
        "",
        html,
        flags=re.IGNORECASE | re.DOTALL,
    )
