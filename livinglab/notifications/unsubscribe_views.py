"""One-click unsubscribe (issue 18.2): the link in every notification
e-mail carries a signed token (``emails.unsubscribe_token``), so no sign-in
is needed. GET shows what will stop and a button; POST (the button, or a
mail client's RFC 8058 one-click POST, hence no CSRF token: the signed token
is the proof) turns that kind of e-mail off. A forged or damaged token gets
a clear message (400) and changes nothing."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import emails
from .models import EmailPreference, Notification


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Turn off the e-mails of one kind for the person named by ``token``."""
    try:
        user_id, kind = emails.read_unsubscribe_token(token)
        user = get_user_model().objects.get(pk=user_id)
    except (signing.BadSignature, ValueError, KeyError, get_user_model().DoesNotExist):
        return render(
            request,
            "notifications/unsubscribe.html",
            {"bad": True, "page_title": _("Unsubscribe")},
            status=400,
        )
    done = False
    if request.method == "POST":
        EmailPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"frequency": EmailPreference.Frequency.OFF}
        )
        done = True
    return render(
        request,
        "notifications/unsubscribe.html",
        {
            "kind_label": Notification.Kind(kind).label,
            "done": done,
            "token": token,
            "page_title": _("Unsubscribe"),
        },
    )
