"""docs/SECURITY.md names, for each control, the test that proves it: every
test file and test it names must exist, so the document cannot drift from
the suite."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "SECURITY.md"
# `tests/x.py::test_a`, `::test_b` (a bare `::name` refers to the last file).
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)?(?:::(\w+))?`")


def references():
    found, current = [], None
    for match in REFERENCE.finditer(DOC.read_text(encoding="utf-8")):
        path, name = match.groups()
        if path:
            current = path
        if path or name:
            found.append((current, name))
    return found


def test_every_named_test_exists():
    refs = references()
    assert len(refs) > 40
    missing = []
    for path, name in refs:
        file = ROOT / path if path else None
        exists = file is not None and file.exists()
        defined = exists and (
            not name
            or re.search(
                rf"^\s*(async )?def {name}\(", file.read_text(encoding="utf-8"), re.M
            )
        )
        if not defined:
            missing.append((path, name))
    assert not missing, missing


def test_asvs_chapters_are_headings():
    headings = re.findall(r"^## (V\d+) ", DOC.read_text(encoding="utf-8"), re.M)
    assert headings == [f"V{n}" for n in range(1, 15)]
