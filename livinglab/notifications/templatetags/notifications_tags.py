"""``{% follow_button kind key name %}`` (a POST form, no JS, with the
object's Atom feed beside it) and ``{% followed_list %}`` (the account
page's "what I follow")."""

from django import template
from django.http import Http404

from livinglab.base.templatetags.livinglab_tags import foreign_lang
from livinglab.base.translation import show_in

from .. import follows
from ..models import Notification

register = template.Library()


@register.inclusion_tag("notifications/follow_button.html", takes_context=True)
def follow_button(context, kind, key, name):
    """The follow / unfollow button of the object ``kind``/``key`` (shown to
    everyone: an anonymous visitor is asked to sign in first)."""
    request = context["request"]
    key = str(key)  # an indicator's number may come as an int
    try:
        obj = follows.find(kind, key)
    except Http404:
        return {"hidden": True}  # a preview, a draft or a restricted page
    return {
        "following": follows.is_following(request.user, kind, obj),
        "kind": kind,
        "key": key,
        "name": name,
        "next": request.get_full_path(),
        "feed_url": follows.feed_url(kind, key),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("notifications/followed_list.html", takes_context=True)
def followed_list(context):
    """What the signed-in person follows, each with its unfollow button;
    case studies in the reader's language (``text_lang``: the ``lang`` of
    an untranslated one on an English page; two queries more at most)."""
    request = context["request"]
    items = []
    followed = list(follows.followed_by(request.user))
    show_in([follow.innovation for follow in followed if follow.innovation_id])
    for follow in followed:
        kind, key = follows.kind_and_key(follow)
        items.append(
            {
                "kind": kind,
                "key": key,
                "name": str(follow.target),
                "url": follows.page_url(kind, follow.target),
                "text_lang": foreign_lang(follow.target),
                "kind_label": follow._meta.get_field(
                    follows.field_of(kind)
                ).verbose_name,
            }
        )
    return {
        "items": items,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def unread_count(context):
    """How many unread notifications the signed-in person has (0 else)."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
