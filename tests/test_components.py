"""The template component layer (issue 16, "Build also"): the components in
``templates/components/`` render their parameters escaped, the pages use
them instead of copies of their markup, and no page HTML is built in Python
(docs/COMPONENTS.md)."""

import ast
import re
from pathlib import Path

from django.template import Context, Template, TemplateSyntaxError
from django.template.loader import render_to_string
from django.urls import reverse

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("livinglab/*/templates")]
PYTHON_PACKAGES = ["livinglab", "innovations", "search"]
HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"

# --- No HTML built in Python -------------------------------------------------

# Files allowed to build HTML in Python, with the reason. Empty today: the
# dashboard's matrix cells and SPBE points, and the middleware's 400 page,
# moved to templates.
HTML_IN_PYTHON_ALLOWED = {}

SAFE_BUILDERS = {"format_html", "format_html_join", "mark_safe", "SafeString"}
# An opening or closing tag of an element a page is made of, in a string.
HTML_TAG = re.compile(
    r"</?(?:a|article|br|button|caption|circle|div|dl|dd|dt|em|fieldset|form|"
    r"h[1-6]|html|input|label|legend|li|nav|ol|option|p|section|select|small|"
    r"span|strong|svg|table|tbody|td|textarea|tfoot|th|thead|title|tr|ul)"
    r"(?:\s[^<>]*)?/?>"
)


def _docstring_nodes(tree):
    nodes = set()
    for node in ast.walk(tree):
        if isinstance(
            node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
            ):
                nodes.add(id(body[0].value))
    return nodes


def html_built_in(source):
    """The places in Python ``source`` that build HTML: calls or imports of
    Django's safe-string builders, and string constants (f-string parts
    included, docstrings left out) holding an HTML tag. A list of
    ``(line, what)``."""
    tree = ast.parse(source)
    docstrings = _docstring_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in SAFE_BUILDERS:
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute) and node.attr in SAFE_BUILDERS:
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.ImportFrom):
            found.extend(
                (node.lineno, alias.name)
                for alias in node.names
                if alias.name in SAFE_BUILDERS
            )
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and HTML_TAG.search(node.value)
        ):
            found.append((node.lineno, HTML_TAG.search(node.value).group(0)))
    return found


def _python_files():
    for package in PYTHON_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative:
                continue
            yield relative, path


def test_the_checker_finds_html_built_in_python():
    """The checker itself: the dashboard's old cell builder is caught, a
    docstring mentioning <td> and a URL pattern with <code> are not."""
    old = (
        "from django.utils.html import format_html\n"
        "def cells(kind):\n"
        '    """Draws <td> cells."""\n'
        "    return format_html('<td class=\"cell cell-{}\">x</td>', kind)\n"
        "def rows(p):\n"
        '    return f\'<tr data-region="{p}"><th scope="row">{p}</th></tr>\'\n'
        "URL = '/adopsi/wilayah/<code>/spbe/'\n"
    )
    found = html_built_in(old)
    assert (1, "format_html") in found
    assert any(line == 4 and "<td" in what for line, what in found)
    assert any(line == 6 for line, what in found)
    assert not [what for line, what in found if line in (3, 7)]


def test_no_page_html_is_built_in_python():
    offenders = {
        relative: found
        for relative, path in _python_files()
        if relative not in HTML_IN_PYTHON_ALLOWED
        and (found := html_built_in(path.read_text()))
    }
    assert not offenders, (
        "HTML built in Python (move it to a template, or add the file to "
        f"HTML_IN_PYTHON_ALLOWED with the reason): {offenders}"
    )


def test_the_allow_list_is_not_stale():
    for relative in HTML_IN_PYTHON_ALLOWED:
        assert html_built_in((ROOT / relative).read_text()), relative


# --- Each component renders its parameters, escaped -------------------------


def render(component, **context):
    return render_to_string(f"components/{component}.html", context)


def test_tag_escapes_its_text():
    html = render("tag", text=HOSTILE, status="draft")
    assert ESCAPED in html and "<script>" not in html
    assert 'class="tag"' in html and 'data-status="draft"' in html


def test_tag_badge_variant():
    html = render("tag", text="langkah mundur", variant="badge")
    assert '<span class="badge">langkah mundur</span>' in html


def test_stage_badge_shows_the_stage_name_and_palette():
    html = render("stage_badge", stage="minat", label=HOSTILE)
    assert 'class="stage stage-badge stage-minat"' in html
    assert ESCAPED in html and "<script>" not in html
    matrix = render("stage_badge", stage="uji_coba", label="Uji coba", variant="matrix")
    assert 'class="stage-badge stage-chip cell-uji_coba"' in matrix


def test_card_renders_title_link_facts_summary_tags_and_stage():
    html = render(
        "card",
        title=HOSTILE,
        url="/inovasi/tte/",
        host="Kabupaten Sumedang",
        opd="Diskominfo",
        year=2022,
        summary=HOSTILE,
        tags=[type("T", (), {"label": "Smart Governance"})(), HOSTILE],
        stage="implementasi",
        stage_label="Implementasi",
        element="li",
        heading="3",
    )
    assert html.strip().startswith('<li class="card case-study-card">')
    assert '<h3><a href="/inovasi/tte/">' + ESCAPED + "</a></h3>" in html
    assert "Kabupaten Sumedang · Diskominfo · 2022" in html
    assert html.count(ESCAPED) == 3 and "<script>" not in html
    assert '<span class="tag">Smart Governance</span>' in html
    assert "stage-implementasi" in html


def test_card_counts_replications_with_plurals():
    one = render("card", title="A", url="/a/", replications=1)
    many = render("card", title="A", url="/a/", replications=3)
    assert "1 replikasi" in one or "1 replication" in one
    assert "3 replikasi" in many or "3 replications" in many


def test_facet_group_lists_checkboxes_with_counts():
    values = [
        {"value": "a&b", "label": HOSTILE, "count": 4, "selected": True},
        {"value": "c", "label": "C", "count": 1, "selected": False},
        {"value": "d", "label": "D", "count": 1, "selected": False},
    ]
    html = render("facet_group", legend="Tema", name="theme", values=values, limit=":2")
    assert '<fieldset class="facet-group">' in html and "<legend>Tema</legend>" in html
    assert 'name="theme" value="a&amp;b" checked' in html
    assert ESCAPED in html and "<script>" not in html
    assert '<span class="facet-count">(4)</span>' in html
    assert 'value="d"' not in html  # limited to the first two
    assert 'value="d"' in render("facet_group", legend="T", name="t", values=values)


def _table(source, **context):
    template = Template("{% load component_tags %}" + source)
    return template.render(Context(context))


def test_data_table_frames_the_body_in_a_named_scroll_region():
    html = _table(
        '{% data_table caption=caption id="t" sticky="last" class="matrix" %}'
        '<tbody><tr><th scope="row">A</th><td class="num">1</td></tr></tbody>'
        "{% enddata_table %}",
        caption=HOSTILE,
    )
    assert re.search(
        r'<div class="table-scroll data-table-scroll" tabindex="0" role="region"'
        r' aria-labelledby="t-caption">\s*<table class="data data-table sticky-last'
        r' matrix" id="t">\s*<caption id="t-caption">' + re.escape(ESCAPED),
        html,
    ), html
    assert '<td class="num">1</td>' in html and "<script>" not in html


def test_data_table_without_id_is_named_by_its_caption():
    html = _table(
        "{% data_table caption=c caption_hidden=True sticky='first' %}"
        "<tbody></tbody>{% enddata_table %}",
        c="Daftar",
    )
    assert 'aria-label="Daftar"' in html
    assert '<caption class="visually-hidden">Daftar</caption>' in html
    assert "sticky-first" in html


def test_data_table_refuses_unknown_arguments():
    with pytest.raises(TemplateSyntaxError):
        _table("{% data_table caption='x' colour='red' %}{% enddata_table %}")
    with pytest.raises(TemplateSyntaxError):
        _table("{% data_table 'x' %}{% enddata_table %}")


# --- The pages use the components --------------------------------------------


def _template_files():
    for directory in TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*.html")):
            yield path.relative_to(directory).as_posix(), path.read_text()


# Templates allowed to write a table by hand, with the reason. Empty today.
TABLES_BY_HAND = {}


def test_every_table_is_a_data_table():
    by_hand = {
        name
        for name, text in _template_files()
        if not name.startswith("components/") and "<table" in text
    }
    assert by_hand <= set(TABLES_BY_HAND), sorted(by_hand - set(TABLES_BY_HAND))


def test_tags_and_stages_are_drawn_by_their_components():
    for name, text in _template_files():
        if name.startswith("components/"):
            continue
        assert not re.search(r'<span class="(tag|badge)"', text) or name in (
            # allauth's element: its text is a slot, which an include cannot take
            "allauth/elements/badge.html",
        ), name
        assert "adoptions/includes/stage.html" not in text, name
        assert "stage-chip" not in text, name


def test_workspace_uses_the_data_table_and_stage_badge(client, team_member, adoption):
    client.force_login(team_member)
    html = client.get(
        reverse("adoptions:region", args=[adoption.region.code])
    ).content.decode()
    assert 'class="data data-table sticky-first"' in html
    assert 'class="stage stage-badge stage-minat"' in html


def test_host_view_keeps_the_action_column_in_view(client, sumedang_host, adoption):
    client.force_login(sumedang_host)
    html = client.get(reverse("adoptions:host")).content.decode()
    assert re.search(
        r'<table class="data data-table sticky-last" id="waiting-table"', html
    )


def test_dashboard_draws_matrix_and_spbe_in_templates(client, analyst, adoption):
    client.force_login(analyst)
    html = client.get(reverse("adoptions:dashboard")).content.decode()
    assert 'class="data data-table matrix"' in html
    assert re.search(
        r'<td class="cell cell-\w+"><span class="mark" aria-hidden="true">\d</span>'
        r'<span class="stage-text">[^<]+</span></td>',
        html,
    )


@pytest.mark.django_db
def test_library_shows_case_study_cards_with_tags(client):
    html = client.get("/inovasi/").content.decode()
    assert '<li class="card case-study-card"' in html
    assert '<span class="tag">' in html


@pytest.mark.django_db
def test_search_uses_facet_groups_and_cards(client, settings):
    from search.models import SearchDocument
    from tests.search.test_relevance import CORPUS

    settings.ELASTICSEARCH_URL = ""
    SearchDocument.objects.bulk_create(CORPUS)
    html = client.get("/cari/", {"q": "perizinan"}).content.decode()
    assert '<fieldset class="facet-group">' in html
    assert '<li class="card case-study-card"' in html
