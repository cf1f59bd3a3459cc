"""``{% pagination %}``: the one pagination component of every paged list.

It works out the links (numbered, with gaps, previous and next) and renders
``templates/components/pagination.html``; no HTML is built here. Each link
keeps the request's other query parameters and changes only ``param``, so
filters survive paging and two paged lists on one page (the dashboard's
matrix rows and columns) page independently. Plain links: no JavaScript.
"""

from django import template
from django.core.paginator import Paginator
from django.http import QueryDict

register = template.Library()

ON_EACH_SIDE = 2
ON_ENDS = 1


def _url(request, param, number, fragment):
    """``?<the other parameters>&<param>=<number>#<fragment>``; page 1 drops
    ``param`` (one address per page)."""
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    if number == 1:
        query.pop(param, None)
    else:
        query[param] = str(number)
    return f"?{query.urlencode()}" + (f"#{fragment}" if fragment else "")


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(
    context,
    page=None,
    *,
    number=None,
    num_pages=None,
    param="page",
    fragment="",
    label="",
    previous_label="",
    next_label="",
):
    """The links for ``page`` (a Django ``Page``), or for page ``number`` of
    ``num_pages`` (ints, as the search results give them).

    ``param`` is the query parameter holding the page number, ``fragment``
    an anchor to land on, the labels override "Pages" / "Previous" / "Next".
    Renders nothing when there is a single page. Page numbers are elided
    around the current one (1 … 4 5 [6] 7 8 … 20)."""
    if page is not None:
        number, num_pages = page.number, page.paginator.num_pages
    try:
        number, num_pages = int(number or 1), int(num_pages or 0)
    except (TypeError, ValueError):
        number, num_pages = 1, 0
    base = {
        "label": label,
        "previous_label": previous_label,
        "next_label": next_label,
        "pages": [],
    }
    if num_pages <= 1:
        return base
    number = min(max(number, 1), num_pages)
    request = context.get("request")
    elided = Paginator(range(num_pages), 1).get_elided_page_range(
        number, on_each_side=ON_EACH_SIDE, on_ends=ON_ENDS
    )
    base["pages"] = [
        {"gap": True}
        if item == Paginator.ELLIPSIS
        else {
            "number": item,
            "url": _url(request, param, item, fragment),
            "current": item == number,
        }
        for item in elided
    ]
    if number > 1:
        base["previous"] = _url(request, param, number - 1, fragment)
    if number < num_pages:
        base["next"] = _url(request, param, number + 1, fragment)
    return base
