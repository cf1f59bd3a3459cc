"""Docstrings and comments point only to files that exist in this
repository (issue 13: several named files that had moved or never existed,
or notes outside the repository)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = re.compile(r"(?<![\w./<-])((?:[\w-]+/)*[\w-]+\.(?:py|md))\b")
# Written as examples of a path the reader supplies, not as files of ours.
EXAMPLES = {"path/to/old/search/db_backend.py"}


def _exists(path, ref):
    if "/" not in ref:
        return any(
            ".venv" not in found.parts and "node_modules" not in found.parts
            for found in ROOT.glob(f"**/{ref}")
        )
    # relative to the repository, to docs/, or to any package above the file
    bases = [ROOT, ROOT / "docs", *path.parents]
    return any((base / ref).exists() for base in bases if ROOT in (base, *base.parents))


def test_every_file_named_in_our_code_exists():
    missing = []
    for base in ("livinglab", "innovations", "search", "scripts", "bench"):
        for path in sorted((ROOT / base).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            for match in REFERENCE.finditer(text):
                ref = match.group(1)
                if ref in EXAMPLES or _exists(path, ref):
                    continue
                line = text.count("\n", 0, match.start()) + 1
                missing.append(f"{path.relative_to(ROOT)}:{line} {ref}")
    assert missing == []
