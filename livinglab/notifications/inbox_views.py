"""The in-app inbox (issue 18.2): ``/kotak-masuk/`` lists the person's
notifications, newest first, 50 a page; POST marks one or all read (no JS;
CSRF). Someone else's notification is a 404, as if it did not exist."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from livinglab.accounts import policy

from .forms import EmailSettingsForm
from .models import Notification

PAGE_SIZE = 50


@policy.require("notifications.use_inbox")
def inbox(request):
    """The person's notifications; unread ones are marked as such."""
    items = Notification.objects.filter(recipient=request.user)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "settings_form": EmailSettingsForm(user=request.user),
            "unread": items.filter(read_at__isnull=True).count(),
            "page_title": _("Inbox"),
        },
    )


def _own(request, pk):
    return get_object_or_404(Notification, pk=pk, recipient_id=request.user.pk)


@require_POST
@policy.require("notifications.read_notification", _own)
def mark_read(request, pk):
    """Mark one notification read, then go where it points (``open``) or
    back to the inbox."""
    note = request.authorized_object
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        note.link, allowed_hosts={request.get_host()}
    ):
        return redirect(note.link or "notifications-inbox:inbox")
    return redirect("notifications-inbox:inbox")


@require_POST
@policy.require("notifications.use_inbox")
def mark_all_read(request):
    """Mark every unread notification of the person read."""
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("notifications-inbox:inbox")


@require_POST
@policy.require("notifications.use_inbox")
def email_settings(request):
    """Save how the person hears of each kind by e-mail; a bad value
    changes nothing and says so."""
    form = EmailSettingsForm(request.POST, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail settings are saved."))
    else:
        messages.error(request, _("Choose one of the offered options for each kind."))
    return redirect("notifications-inbox:inbox")
