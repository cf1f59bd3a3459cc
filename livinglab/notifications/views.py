"""Follow and unfollow (issue 18.3): POST only, with CSRF, without JS.

Anyone signed in may follow (``notifications.follow`` in
``livinglab.accounts.policy``); an anonymous visitor is sent to sign in and
comes back to the page the button was on. Afterwards the person returns to
that page (``next``, when it is on this site) with a message.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from livinglab.accounts import policy

from . import follows
from .models import Follow


def _target(request, kind, key):
    if kind not in follows.KINDS:
        raise Http404
    return follows.find(kind, key)


def _back(request, kind, obj):
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return follows.page_url(kind, obj)


def _signed_in_first(view):
    def wrapped(request, kind, key):
        if not request.user.is_authenticated:
            obj = _target(request, kind, key)
            return redirect_to_login(_back(request, kind, obj))
        return view(request, kind, key)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_POST
@_signed_in_first
@policy.require("notifications.follow", _target)
def follow(request, kind, key):
    """Follow the case study, region or indicator; following twice is fine."""
    obj = request.authorized_object
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(
                user=request.user, **{follows.field_of(kind): obj}
            )
    except IntegrityError:
        pass  # followed at the same moment from another tab
    messages.success(request, _("You now follow %(name)s.") % {"name": obj})
    return redirect(_back(request, kind, obj))


@require_POST
@_signed_in_first
@policy.require("notifications.follow", _target)
def unfollow(request, kind, key):
    """Stop following; stopping what one does not follow changes nothing."""
    obj = request.authorized_object
    Follow.objects.filter(user=request.user, **{follows.field_of(kind): obj}).delete()
    messages.success(request, _("You no longer follow %(name)s.") % {"name": obj})
    return redirect(_back(request, kind, obj))
