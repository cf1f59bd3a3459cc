"""Typo correction over the indexed vocabulary, the same for both backends.

The vocabulary is every word of the searchable text of the live case studies
(SearchDocument's normalised title, summary, body and extra columns) with its
document frequency, plus the words of the synonym groups and the glossary.
A query word that is not in it (and is a plain word of four letters or more)
is corrected to the nearest vocabulary word by Levenshtein distance
(rapidfuzz): at most 1 edit for words of up to 7 letters, 2 beyond; ties go
to the word in most documents. The correction becomes an alternative of the
word (search/analysis.py ``query_terms``), and the page says "showing
results for". Elasticsearch and the database fallback both use it, so they
correct alike.

The vocabulary is built once per change of the documents (newest
``SearchDocument.updated_at`` and count, looked at no more than every
REBUILD_EVERY seconds: reading every document's text costs about a second
at 10,000 documents), shared between processes through Django's cache and
kept per process. A word published a moment ago may thus be "corrected" for
a few minutes; it is still searched as typed too, so nothing is lost. The
moderators' vocabulary (synonym sets, glossary) is looked at every
CHECK_EVERY seconds.
"""

import functools
import re
import threading
import time
from collections import Counter

from django.db.models import Max

from . import analysis

_WORD = re.compile(r"[a-z]{4,40}")
_lock = threading.Lock()
_state = {"key": None, "words": {}, "by_length": {}, "checked": 0.0, "built": 0.0}
CHECK_EVERY = 10  # seconds between two looks at the moderators' vocabulary
REBUILD_EVERY = 300  # seconds between two looks at whether the documents changed


def _build():
    from .models import SearchDocument

    counts = Counter()
    for row in SearchDocument.objects.values_list(
        "title_norm", "summary_norm", "body_norm", "extra_norm"
    ).iterator(chunk_size=500):
        counts.update(set(" ".join(row).split()))
    for group in analysis._synonyms().groups:
        for phrase in group:
            for word in phrase.split():
                counts.setdefault(word, 1)
    return {w: n for w, n in counts.items() if _WORD.fullmatch(w)}


def _vocabulary():
    from django.core.cache import cache
    from django.db.models import Count

    from .models import SearchDocument

    now = time.monotonic()
    if _state["key"] is not None and now - _state["checked"] < CHECK_EVERY:
        return _state["words"], _state["by_length"]
    _state["checked"] = now
    snippets = _snippets_key()
    if _state.get("snippets") != snippets:
        # the moderators' vocabulary changed (maybe in another process)
        if _state.get("snippets") is not None:
            analysis.reload()
        _state["snippets"] = snippets
    if _state["key"] is not None and now - _state["built"] < REBUILD_EVERY:
        return _state["words"], _state["by_length"]
    stats = SearchDocument.objects.aggregate(m=Max("updated_at"), n=Count("pk"))
    key = (str(stats["m"]), stats["n"])
    if _state["key"] != key:
        with _lock:
            if _state["key"] != key:
                stamp = re.sub(r"\W", "", key[0])
                cache_key = f"search-vocabulary-{stamp}-{key[1]}"
                words = cache.get(cache_key)
                if words is None:
                    words = _build()
                    cache.set(cache_key, words, 3600)
                by_length = {}
                for word in words:
                    by_length.setdefault(len(word), []).append(word)
                _state.update(key=key, words=words, by_length=by_length)
                _cached_correct.cache_clear()
    _state["built"] = now
    return _state["words"], _state["by_length"]


def _snippets_key():
    from django.db import DatabaseError
    from django.db.models import Count

    from .models import GlossaryEntry, SynonymSet

    try:
        return tuple(
            tuple(model.objects.aggregate(m=Max("updated_at"), n=Count("pk")).values())
            for model in (SynonymSet, GlossaryEntry)
        )
    except DatabaseError:  # not migrated yet: the shipped files apply
        return None


def clear_caches():
    """Forget the vocabulary (tests and the benchmark load rows directly)."""
    _state.update(
        key=None, words={}, by_length={}, checked=0.0, built=0.0, snippets=None
    )
    _cached_correct.cache_clear()


def max_edits(word: str) -> int:
    """Edits allowed for a word: 1 up to 7 letters, 2 from 8."""
    return 1 if len(word) <= 7 else 2


@functools.lru_cache(maxsize=10_000)
def _cached_correct(word):
    from rapidfuzz.distance import Levenshtein

    words, by_length = _state["words"], _state["by_length"]
    limit = max_edits(word)
    best = None
    for length in range(len(word) - limit, len(word) + limit + 1):
        for candidate in by_length.get(length, ()):
            distance = Levenshtein.distance(word, candidate, score_cutoff=limit)
            if distance <= limit:
                rank = (distance, -words[candidate], candidate)
                if best is None or rank < best:
                    best = rank
    return best[2] if best else None


def correct(word: str):
    """The vocabulary word nearest to ``word``, or None when ``word`` is
    known, too short, not plain letters, or nothing is near enough."""
    if not _WORD.fullmatch(word or "") or word in analysis.STOPWORDS:
        return None
    words, _by_length = _vocabulary()
    if word in words or analysis.is_protected(word):
        return None
    return _cached_correct(word)


# --- the moderators' vocabulary changed: reload it, re-analyse what it affects


def affected_page_ids(phrases):
    """Ids of the SearchDocuments whose text contains one of ``phrases``
    (normalised, as whole tokens): those a synonym set change re-analyses."""
    from django.db.models import Q

    from .models import SearchDocument

    condition = Q()
    for phrase in {analysis.normalize(p) for p in phrases} - {""}:
        condition |= Q(search_text__contains=f" {phrase} ")
    if not condition:
        return []
    return list(
        SearchDocument.objects.filter(condition)
        .order_by("page_id")
        .values_list("page_id", flat=True)
    )


def reanalyse(phrases, progress=None):
    """Reload the vocabulary, then re-analyse (and queue for Elasticsearch)
    every case study containing one of ``phrases``; ``progress(done, total)``
    is called after each. Returns how many were re-analysed."""
    from .sync import page_changed

    analysis.reload()
    clear_caches()
    ids = affected_page_ids(phrases)
    for done, page_id in enumerate(ids, start=1):
        page_changed(page_id)
        if progress:
            progress(done, len(ids))
    return len(ids)


def _phrases_of(instance):
    from .models import SynonymSet

    if isinstance(instance, SynonymSet):
        return instance.phrase_list()
    return []


def remember_old_phrases(sender, instance, **kwargs):
    """pre_save: the phrases as they were, so an edit re-analyses both."""
    old = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._old_phrases = _phrases_of(old) if old else []


def vocabulary_changed(sender, instance, **kwargs):
    """post_save / post_delete of a SynonymSet or GlossaryEntry: once the
    transaction commits, reload the tables; a synonym set also re-analyses the
    case studies it concerns (the glossary only applies to queries). The
    count is left on the instance for the admin's message."""
    from django.db import transaction

    phrases = [*getattr(instance, "_old_phrases", []), *_phrases_of(instance)]

    def apply():
        instance._reanalysed = reanalyse(phrases)

    transaction.on_commit(apply)


def connect():
    from django.db.models.signals import post_delete, post_save, pre_save

    from .models import GlossaryEntry, SynonymSet

    for model in (SynonymSet, GlossaryEntry):
        pre_save.connect(
            remember_old_phrases,
            sender=model,
            dispatch_uid=f"vocab-pre-{model.__name__}",
        )
        post_save.connect(
            vocabulary_changed,
            sender=model,
            dispatch_uid=f"vocab-save-{model.__name__}",
        )
        post_delete.connect(
            vocabulary_changed, sender=model, dispatch_uid=f"vocab-del-{model.__name__}"
        )


# --- learning from use ------------------------------------------------------


MAX_RECORDED_WORDS = 8


def record_query(q, count, today=None):
    """Count one public search of ``q`` in this week's row, and whether it
    found nothing (``count == 0``). Keeps the normalised words only (at most
    200 characters), nothing about who searched. Never raises: counting must
    not break a search."""
    from datetime import timedelta

    from django.db import DatabaseError, IntegrityError, transaction
    from django.db.models import F
    from django.utils import timezone

    from .models import QueryWeek

    words = _recorded_words(q)
    if not words:
        return
    today = today or timezone.localdate()
    week = today - timedelta(days=today.weekday())
    try:
        with transaction.atomic():
            row, _created = QueryWeek.objects.get_or_create(week=week, query=words)
            QueryWeek.objects.filter(pk=row.pk).update(
                searches=F("searches") + 1,
                zero_results=F("zero_results") + (1 if count == 0 else 0),
            )
    except (DatabaseError, IntegrityError):  # pragma: no cover - counted next time
        return


# Clicks on results: a search that found something and got none is a "no
# click" (QueryWeek.no_click). The result links of the search page go through
# search/views.py result_click with a token signed here: the week and words
# of the search and a random number, nothing about who searched.
CLICK_SALT = "search.click"
CLICK_MAX_AGE = 24 * 3600  # seconds a result link counts its click


def _recorded_words(q):
    """The words of ``q`` as record_query stores them, or "" when it does not
    record them: queries people type are short; longer ones (pasted text,
    bots) would only grow the table."""
    words = analysis.normalize(q or "")[:200].strip()
    if not words or len(words.split()) > MAX_RECORDED_WORDS:
        return ""
    return words


def click_token(q, today=None):
    """A signed, URL-safe token naming this week's search of ``q`` (its
    normalised words, its week, a random number identifying this one
    search), for the result links; "" when such a query is not recorded."""
    import secrets
    from datetime import timedelta

    from django.core import signing
    from django.utils import timezone

    words = _recorded_words(q)
    if not words:
        return ""
    today = today or timezone.localdate()
    week = today - timedelta(days=today.weekday())
    return signing.dumps(
        {"q": words, "w": week.isoformat(), "n": secrets.token_urlsafe(9)},
        salt=CLICK_SALT,
        compress=True,
    )


def record_click(token):
    """Count a click on a result of the search ``token`` names (click_token)
    in its week's QueryWeek row: one UPDATE, at most once per search (its
    random number is remembered in the cache for CLICK_MAX_AGE). A missing,
    forged or expired token counts nothing. Returns True when counted; never
    raises."""
    from datetime import date

    from django.core import signing
    from django.core.cache import cache
    from django.db import DatabaseError
    from django.db.models import F

    from .models import QueryWeek

    if not token or len(token) > 1000:
        return False
    try:
        data = signing.loads(token, salt=CLICK_SALT, max_age=CLICK_MAX_AGE)
        words, week, nonce = str(data["q"]), date.fromisoformat(data["w"]), data["n"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return False
    try:
        if not cache.add(f"search-click-{nonce}", 1, CLICK_MAX_AGE):
            return False  # this search's click is counted already
        return bool(
            QueryWeek.objects.filter(week=week, query=words).update(
                clicked=F("clicked") + 1
            )
        )
    except DatabaseError:  # pragma: no cover - a lost click must not break the visit
        return False
