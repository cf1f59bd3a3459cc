"""Lists the stems to review: words whose Sastrawi root is another word.

    .venv/bin/python bench/relevance/stem_review.py [--all]

Stems every word of the benchmark corpus (bench/relevance/corpus.json), the
demo case studies, the taxonomy and the domain notes' acronym list with
search/analysis.py, and prints each word whose root differs from it, with
Sastrawi's own root beside ours, so a reviewer can decide whether the root
keeps the meaning ("pelayanan" -> "layan": yes; "relawan" -> "rawan",
"kerusakan" -> "rusa", "bekasi" -> "bekas": no). Decisions go into
search/data/protected_id.txt; words already decided there, region names
and synonym-file names are left out unless ``--all``. PySastrawi's
dictionary (Sastrawi/Stemmer/data/kata-dasar.txt) says whether the word
itself is a root: a word that is a root is never cut by Sastrawi, so every
line here is a derived form, and the question is only whether the derivation
is right.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from search import analysis  # noqa: E402


def words():
    found = set()
    for case in json.loads((ROOT / "bench/relevance/corpus.json").read_text("utf-8")):
        for key in ("title", "summary", "body", "extra"):
            found.update(analysis.tokens(case[key]))
    for path in ("fixtures/taxonomy.json", "fixtures/innovations.json"):
        found.update(analysis.tokens((ROOT / path).read_text("utf-8")))
    return {w for w in found if w.isalpha() and w not in analysis.STOPWORDS}


def main():
    show_all = "--all" in sys.argv
    sastrawi = analysis._stemmer()
    protected, overrides = analysis._protected_lines()
    rows = []
    for word in sorted(words()):
        raw = (
            sastrawi.stem_word(word)
            if hasattr(sastrawi, "stem_word")
            else sastrawi.stem(word)
        )
        ours = analysis.stem(word)
        if raw == word:
            continue
        decided = word in protected or word in overrides or analysis.is_protected(word)
        if decided and not show_all:
            continue
        rows.append((word, raw, ours))
    for word, raw, ours in rows:
        mark = "" if raw == ours else f"  (ours: {ours})"
        print(f"{word} -> {raw}{mark}")
    print(f"\n{len(rows)} derived words to review", file=sys.stderr)


if __name__ == "__main__":
    main()
