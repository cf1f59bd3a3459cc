"""``{% data_table %}…{% enddata_table %}``: the table component.

Every other component is a plain ``{% include "components/<name>.html" with
… only %}``; a table wraps its own rows, which an include cannot take, so
this block tag renders its body (the ``<thead>`` and ``<tbody>`` written in
the page) and hands it to ``templates/components/data_table.html`` with the
keyword arguments. No HTML is built here: the body is the page's own
rendered template, the frame is the component template.

    {% load component_tags %}
    {% data_table caption=_("Adoptions") id="adoptions" sticky="last" %}
      <thead>…</thead><tbody>…</tbody>
    {% enddata_table %}

Arguments (all optional, template expressions):

* ``caption``: the table's caption, also the scroll region's accessible name;
* ``caption_hidden``: true keeps the caption for screen readers only;
* ``id``: the table's id; ``caption_id`` the caption's (default
  ``<id>-caption``);
* ``labelledby``: without a caption, the id of the heading that names the
  table (the table and its scroll region are labelled by it);
* ``sticky``: ``"first"`` or ``"last"``: that column stays in view while
  the rest scrolls sideways on a narrow screen (the row's link or action);
* ``class``: extra classes of the ``<table>`` (e.g. ``matrix``);
* ``scroll_class``: extra classes of the scroll container (e.g. ``table-tall``).

A caption made of several translated parts may instead be written as the
first element of the body (``<caption>…</caption>``), without ``caption``.
"""

from django import template
from django.template.base import token_kwargs
from django.template.loader import get_template

register = template.Library()

TEMPLATE = "components/data_table.html"
OPTIONS = {
    "caption",
    "caption_hidden",
    "caption_id",
    "labelledby",
    "id",
    "sticky",
    "class",
    "scroll_class",
}


class DataTableNode(template.Node):
    def __init__(self, nodelist, options):
        self.nodelist = nodelist
        self.options = options

    def render(self, context):
        values = dict.fromkeys(OPTIONS, "")
        values.update(
            (key, value.resolve(context)) for key, value in self.options.items()
        )
        values["body"] = self.nodelist.render(context)
        with context.push(**values):
            return get_template(TEMPLATE).template.render(context)


@register.tag
def data_table(parser, token):
    """Parse ``{% data_table key=value … %}…{% enddata_table %}``; raises
    ``TemplateSyntaxError`` for a positional or unknown argument."""
    bits = token.split_contents()[1:]
    options = token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError(
            f"data_table takes only key=value arguments, not {bits[0]!r}"
        )
    unknown = set(options) - OPTIONS
    if unknown:
        raise template.TemplateSyntaxError(
            f"data_table: unknown argument(s) {', '.join(sorted(unknown))}"
        )
    nodelist = parser.parse(("enddata_table",))
    parser.delete_first_token()
    return DataTableNode(nodelist, options)
