#!/usr/bin/env python3
"""Check that our apps depend one way: no import cycle between apps, and no
cross-app import hidden inside a function (outside ``AppConfig.ready``).

Apps are the packages ``livinglab/<name>/`` (base, accounts, regions, ...)
and the top-level ``innovations`` and ``search``. The project shell (settings,
``livinglab/urls.py``, wsgi/asgi, gunicorn) is the top and may import any app;
it is not an app. Tests, migrations, management commands' imports of their
own app, bench/ and scripts/ are not checked.

Imports must also follow ``LAYERS`` (lowest first): a lower app importing a
higher one is reported even before it closes a cycle.

Usage: ``python scripts/check_layers.py [--report]``. Exit status 1 when a
rule is broken (``--report`` prints the same and exits 0). Prints each cycle
as ``a -> b -> a`` with one import that makes each arrow, and each hidden
import as ``path:line``.
"""

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP_LEVEL_APPS = ("innovations", "search")
# The layers, lowest first (docs/ARCHITECTURE.md "Layers"): an app may import
# apps of its own layer position or below, never above. Apps on one line are
# peers ordered left to right (regions may import taxonomy, not back).
LAYERS = (
    "livinglab.base",
    "livinglab.api",
    "livinglab.taxonomy",
    "livinglab.regions",
    "livinglab.accounts",
    "innovations",
    "livinglab.translations",
    "livinglab.adoptions",
    "livinglab.replication",
    "livinglab.competitions",
    "livinglab.notifications",
    "livinglab.questions",
    "livinglab.freshness",
    "search",
    "livinglab.opendata",
    "livinglab.demo",
)
SHELL = {
    "settings",
    "formats",
    "urls",
    "api_urls",
    "wsgi",
    "asgi",
    "gunicorn",
    "__init__",
}


def app_of_module(module):
    """The app a dotted module name belongs to, or None (shell, third party)."""
    parts = module.split(".")
    if parts[0] in TOP_LEVEL_APPS:
        return parts[0]
    if parts[0] == "livinglab" and len(parts) > 1 and parts[1] not in SHELL:
        return f"livinglab.{parts[1]}"
    return None


def app_of_path(path):
    rel = path.relative_to(ROOT).with_suffix("")
    return app_of_module(".".join(rel.parts))


def python_files():
    for base in ("livinglab", *TOP_LEVEL_APPS):
        for path in sorted((ROOT / base).rglob("*.py")):
            rel = path.relative_to(ROOT).parts
            if "migrations" in rel or "__pycache__" in rel:
                continue
            yield path


def imported_modules(node, path):
    """Absolute module names an Import/ImportFrom node brings in."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:  # relative: resolve against the file's package
        package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
        if node.level > 1:
            package = package[: -(node.level - 1)]
        base = ".".join(package + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    # ``from livinglab import accounts`` names an app too.
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


class Imports(ast.NodeVisitor):
    """Collects (module, line, inside_function, in_ready) for one file."""

    def __init__(self, path):
        self.path = path
        self.found = []
        self.function_stack = []

    def visit_FunctionDef(self, node):
        self.function_stack.append(node.name)
        self.generic_visit(node)
        self.function_stack.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def _record(self, node):
        inside = bool(self.function_stack)
        in_ready = inside and self.function_stack[0] == "ready"
        for module in imported_modules(node, self.path):
            self.found.append((module, node.lineno, inside, in_ready))

    def visit_Import(self, node):
        self._record(node)

    def visit_ImportFrom(self, node):
        self._record(node)


def analyse():
    """Return (edges, hidden): edges {(a, b): "path:line"} of module-level
    imports between apps; hidden ["path:line a -> b"] of function-level ones."""
    edges, hidden = {}, []
    for path in python_files():
        source_app = app_of_path(path)
        if source_app is None:
            continue
        visitor = Imports(path)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        for module, line, inside, in_ready in visitor.found:
            target = app_of_module(module)
            if target is None or target == source_app:
                continue
            where = f"{path.relative_to(ROOT)}:{line}"
            if inside:
                if not in_ready:
                    hidden.append(f"{where} {source_app} -> {target}")
                continue
            edges.setdefault((source_app, target), where)
    return edges, sorted(set(hidden))


def cycles(edges):
    """Strongly connected components with more than one app (Tarjan)."""
    graph = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]

    def connect(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in index:
                connect(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(set(graph) | {b for _a, b in edges}):
        if node not in index:
            connect(node)
    return result


def upward(edges):
    """Imports from a lower layer to a higher one: ["a -> b (path:line)"];
    an app missing from ``LAYERS`` is reported too (add it where it belongs)."""
    rank = {app: i for i, app in enumerate(LAYERS)}
    found = []
    for (a, b), where in sorted(edges.items()):
        if a not in rank or b not in rank:
            missing = a if a not in rank else b
            found.append(f"{missing} is not in LAYERS ({where})")
        elif rank[b] > rank[a]:
            found.append(f"{a} -> {b}  ({where})")
    return found


def main(argv):
    report_only = "--report" in argv
    edges, hidden = analyse()
    broken = False
    for line in upward(edges):
        broken = True
        print(f"import against the layers: {line}")
    for component in cycles(edges):
        broken = True
        print("import cycle between apps: " + ", ".join(component))
        for (a, b), where in sorted(edges.items()):
            if a in component and b in component:
                print(f"  {a} -> {b}  ({where})")
    for line in hidden:
        broken = True
        print(f"cross-app import inside a function: {line}")
    if not broken:
        print(f"layers: {len(edges)} imports between apps, no cycle, none hidden")
    return 1 if broken and not report_only else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
