"""Check that requirements.lock pins every dependency of pyproject.toml.

    python scripts/check_lock.py            # exit 1 and say what is missing
    python scripts/check_lock.py --pin uv   # print "uv==<version>" from pyproject

pyproject.toml is the list we choose (exact pins, ``name==version``, in
``dependencies`` and every optional extra); requirements.lock is what
``make lock`` resolved from it with hashes (``uv pip compile
--generate-hashes``), and what ``make install`` installs with
``--require-hashes``. A dependency added to or bumped in pyproject.toml
without ``make lock`` would be missing from the install: this check stops
``make install`` with the command that fixes it. Standard library only: it
runs before anything is installed.
"""

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements.lock"

_REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*"
    r"(?:(?P<op>===|==|~=|!=|<=|>=|<|>)\s*(?P<version>[^;,\s]+))?"
)
_LOCKED = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)")


def canonical(name):
    """PEP 503 normalised name: ``PySastrawi`` -> ``pysastrawi``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(pyproject=PYPROJECT):
    """``{canonical name: (requirement text, pinned version or None)}`` for
    ``dependencies`` and every optional extra of ``pyproject``."""
    project = tomllib.loads(Path(pyproject).read_text(encoding="utf-8"))["project"]
    texts = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        texts.extend(extra)
    result = {}
    for text in texts:
        match = _REQUIREMENT.match(text)
        if match is None:
            raise ValueError(f"pyproject.toml: cannot read requirement {text!r}")
        version = match["version"] if match["op"] in ("==", "===") else None
        result[canonical(match["name"])] = (text, version)
    return result


def locked(lock=LOCK):
    """``{canonical name: version}`` of every pin in ``lock``, and whether
    every pin carries at least one ``--hash``."""
    pins = {}
    hashed = True
    current = None
    for line in Path(lock).read_text(encoding="utf-8").splitlines():
        match = _LOCKED.match(line)
        if match:
            if current is not None and not current[1]:
                hashed = False
            current = [canonical(match["name"]), False]
            pins[current[0]] = match["version"]
        elif current is not None and "--hash=sha256:" in line:
            current[1] = True
    if current is not None and not current[1]:
        hashed = False
    return pins, hashed


def problems(pyproject=PYPROJECT, lock=LOCK):
    """Sentences describing each way ``lock`` does not match ``pyproject``."""
    if not Path(lock).exists():
        return [f"{Path(lock).name} does not exist"]
    pins, hashed = locked(lock)
    found = []
    if not hashed:
        found.append(f"{Path(lock).name}: a pin has no --hash")
    for name, (text, version) in sorted(declared(pyproject).items()):
        if version is None:
            found.append(f"pyproject.toml: {text!r} is not pinned exactly (==)")
        elif name not in pins:
            found.append(f"{text} is missing from {Path(lock).name}")
        elif pins[name] != version:
            found.append(f"{text} but {Path(lock).name} has {name}=={pins[name]}")
    return found


def main(argv):
    if argv[:1] == ["--pin"]:
        name = canonical(argv[1])
        text, version = declared()[name]
        print(f"{argv[1]}=={version}")
        return 0
    found = problems()
    if found:
        for problem in found:
            print(problem, file=sys.stderr)
        print(
            "requirements.lock does not match pyproject.toml: run `make lock`, "
            "then commit both files.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
