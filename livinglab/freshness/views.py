"""Pages of the freshness loop (issue 18.5).

* ``confirm``: the one-click confirmation from the reconfirmation e-mail.
  The signed token names the case study and the publisher it was sent to
  (no sign-in needed); GET shows the case study and a button, only POST
  (with the CSRF token of that page) records the confirmation. A forged,
  damaged or expired token, or a publisher who no longer publishes for the
  host, gets a clear message (400) and nothing changes.
* ``broken_links``: the link checker's broken links; a host publisher sees
  those of the host's case studies, moderators and administrators all.
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from innovations.models import InnovationPage
from livinglab.accounts.policy import host_region_ids, require
from livinglab.base.translation import show_in

from . import links, reconfirm


def _bad(request):
    return render(
        request,
        "freshness/confirm.html",
        {"bad": True, "page_title": _("Confirm a case study")},
        status=400,
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """Confirm that a case study is still current (see the module)."""
    try:
        page_id, user_id = reconfirm.read_confirm_token(token)
        user = get_user_model().objects.get(pk=user_id, is_active=True)
        page = InnovationPage.objects.published().get(pk=page_id)
    except (
        signing.BadSignature,
        ValueError,
        KeyError,
        TypeError,
        get_user_model().DoesNotExist,
        InnovationPage.DoesNotExist,
    ):
        return _bad(request)
    if not user.has_perm("freshness.confirm_case_study", page):
        return _bad(request)
    done = False
    if request.method == "POST":
        reconfirm.confirm(page, actor=user, request=request)
        done = True
    return render(
        request,
        "freshness/confirm.html",
        {
            "innovation": page,
            "done": done,
            "token": token,
            "page_title": _("Confirm a case study"),
        },
    )


@require("freshness.view_broken_links")
def broken_links(request):
    """The broken links the host (or, for moderators, anyone) should fix."""
    # the originals: a translation's links are its original's
    pages = InnovationPage.objects.originals()
    if not request.user.has_perm("freshness.view_every_broken_link"):
        pages = pages.filter(host_region__in=host_region_ids(request.user))
    rows = list(links.broken(pages))
    show_in([row.innovation for row in rows])  # the reader's language
    return render(
        request,
        "freshness/broken_links.html",
        {
            "rows": rows,
            "page_title": _("Broken links"),
        },
    )
