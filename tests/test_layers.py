"""The apps depend one way (issue 13): scripts/check_layers.py, which
``make lint`` runs, passes on this tree, and it does catch what it is for."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "check_layers.py"


def _load():
    spec = importlib.util.spec_from_file_location("check_layers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_tree_has_no_cycle_no_hidden_import_and_no_upward_import(capsys):
    status = _load().main([])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "no cycle, none hidden" in out


def test_every_app_is_placed_in_a_layer():
    check = _load()
    apps = {check.app_of_path(path) for path in check.python_files()} - {None}
    assert apps <= set(check.LAYERS), apps - set(check.LAYERS)


def test_a_cycle_an_upward_and_a_hidden_import_are_reported():
    check = _load()
    edges = {
        ("innovations", "livinglab.adoptions"): "innovations/x.py:1",
        ("livinglab.adoptions", "innovations"): "livinglab/adoptions/y.py:2",
        ("livinglab.base", "search"): "livinglab/base/z.py:3",
    }
    assert check.cycles(edges) == [["innovations", "livinglab.adoptions"]]
    assert check.upward(edges) == [
        "innovations -> livinglab.adoptions  (innovations/x.py:1)",
        "livinglab.base -> search  (livinglab/base/z.py:3)",
    ]


def test_imports_inside_functions_count_except_in_ready(tmp_path):
    import ast

    check = _load()
    source = (
        "class C:\n"
        "    def ready(self):\n"
        "        from search import sync\n"
        "def f():\n"
        "    from livinglab.adoptions import models\n"
    )
    visitor = check.Imports(ROOT / "innovations" / "apps.py")
    visitor.visit(ast.parse(source))
    flags = {(m, inside, ready) for m, _line, inside, ready in visitor.found}
    assert ("search", True, True) in flags
    assert ("livinglab.adoptions", True, False) in flags


def test_permission_decisions_go_through_policy_only():
    """No view or hook decides with ``is_superuser`` itself (issue 13: rules
    in one place); ``accounts/policy.py`` says who acts for every region.
    The user model (creating superusers) and migrations are not decisions."""
    offenders = []
    for base in ("livinglab", "innovations", "search"):
        for path in (ROOT / base).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if "migrations" in rel or rel in {
                "livinglab/accounts/policy.py",
                "livinglab/accounts/models.py",
            }:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if ".is_superuser" in line:
                    offenders.append(f"{rel}:{number}")
    assert offenders == []


def _occurrences(text):
    found = []
    for base in ("livinglab", "innovations", "search"):
        for path in (ROOT / base).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            found += [
                f"{path.relative_to(ROOT)}:{n}"
                for n, line in enumerate(path.read_text().splitlines(), 1)
                if text in line
            ]
    return found


@pytest.mark.parametrize(
    "rule",
    [
        # "date not in the future": base/validators.validate_not_in_future
        '"The date cannot be in the future."',
        # the SPBE/evidence year range: base/validators.YEAR_VALIDATORS
        "YEAR_MIN, YEAR_MAX = 2015, 2100",
        # licence and URL of public code: SourceCodeLink.clean
        "code without one cannot be replicated",
        "needs its repository URL",
        # all-or-nothing imports: livinglab/base/imports.py
        "transaction.set_rollback(True)",
        '"wrong number of columns for the header"',
        "class Problem",
        # a case study as data (API, JSON export, open data): innovations/records.py
        "i.number for i in page.spbe_indicators.all()",
        "t.name for t in page.dimensions.all()",
        "for figure in page.impact_figures.all()",
    ],
)
def test_each_rule_is_written_once(rule):
    """Issue 13, rules in one place: forms, importers, the API and the
    pipeline call the one validator instead of restating it."""
    assert len(_occurrences(rule)) == 1, _occurrences(rule)


def test_no_search_function_calls_itself():
    """Issue 13: ``es_backend.run`` called itself after changing the query
    (and the database backend did the same for the partial pass); the passes
    are now a loop and ``backend.search_in_two_passes``, written once."""
    import ast

    recursive = []
    for path in sorted((ROOT / "search").glob("*.py")):
        tree = ast.parse(path.read_text())
        # module-level functions (a method calling the module function of
        # its own name is not recursion)
        for func in tree.body:
            if not isinstance(func, ast.FunctionDef):
                continue
            for node in ast.walk(func):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == func.name
                ):
                    recursive.append(f"{path.name}:{func.name}")
    assert recursive == []


def test_forms_validate_and_services_write():
    """Issue 13: forms stored uploaded files themselves (letters of intent,
    evidence); now they pass validated uploads to the pipeline, which writes.
    No forms module stores a file or creates rows."""
    offenders = []
    for base in ("livinglab", "innovations", "search"):
        for path in (ROOT / base).rglob("forms.py"):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if ".store(" in line or ".objects.create(" in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []
