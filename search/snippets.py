"""Result items and highlighted snippets, the same for both backends.

Highlighting happens here rather than in Elasticsearch: it only ever touches
the handful of hits on the page, and Elasticsearch's highlighters cost more
than the query itself on this hardware (docs/BENCHMARKS.md). The text is
HTML-escaped first and only then are matches wrapped in ``<mark>``, so a
snippet can be inserted as HTML safely.
"""

import re

from django.utils.html import escape

from .analysis import normalize

SNIPPET = 160
SCAN = 1500  # look for the words in this much of a long text


def highlight_words(analysed):
    """The words to mark: the query as typed, its stems and its expansions."""
    words = set(analysed["normalized"].split()) | set(analysed["stems"])
    for phrase in analysed["expansions"]:
        words.update(phrase.split())
    return sorted((w for w in words if len(w) > 1), key=len, reverse=True)


def highlight(text, words, length=SNIPPET, window=True):
    """An escaped snippet of ``text`` around the first word found, in <mark>.

    ``window=False`` keeps the text from its start (titles are shown whole).
    """
    if not text:
        return ""
    text = text[:SCAN]
    start, first = 0, None
    folded = normalize(text) if window else ""
    if window and words and len(folded) == len(text):
        positions = [p for p in (folded.find(w) for w in words) if p >= 0]
        first = min(positions) if positions else None
        start = max(0, first - 40) if first is not None else 0
    if start and not text[start - 1].isspace():
        # begin at a word: after the next space, unless that skips the match
        space = text.find(" ", start)
        limit = first if first is not None else start + 20
        start = space + 1 if 0 <= space < limit else start
    end = start + length
    if end < len(text) and not text[end].isspace():
        # end at a word: before the last space, if it keeps half the snippet
        cut = text.rfind(" ", start, end)
        end = cut if cut > start + length // 2 else end
    snippet = text[start:end].rstrip(" ,;:")
    escaped = escape(snippet)
    if words:
        pattern = "|".join(re.escape(escape(w)) for w in words)
        escaped = re.sub(rf"(?i)\b((?:{pattern})\w*)", r"<mark>\1</mark>", escaped)
    return ("… " if start else "") + escaped + (" …" if end < len(text) else "")


def shown_text(language, original, english):
    """``(title, summary, body, content language)`` a result shows: the
    English texts (``english``: title, summary, body) to an English search
    (``language`` "en") when the case study has a live translation (a
    non-empty English title), else the Indonesian ``original`` and "id"."""
    if language == "en" and english[0]:
        return (*english, "en")
    return (*original, "id")


def result_item(*, slug, title, summary, body, words, language="id", **fields):
    """One search result; ``highlight`` prefers the summary when it matches.
    ``language``: the language of its title and summary ("id" or "en"),
    for a ``lang`` attribute where it differs from the page's."""
    folded = normalize(summary)
    in_summary = any(w in folded for w in words)
    source = summary if in_summary or not body else body
    return {
        "slug": slug,
        "title": title,
        "title_highlight": highlight(title, words, 500, window=False),
        "summary": summary,
        "highlight": highlight(source, words) if words else escape(summary),
        "language": language,
        **fields,
    }
