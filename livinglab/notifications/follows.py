"""What may be followed, by the names the follow addresses use.

``KINDS`` maps an address kind ("studi-kasus", "wilayah", "indikator") to
the ``Follow`` field it fills; ``find(kind, key)`` returns the object among
what the public may see (a published case study, a region, an indicator of
the current SPBE framework) or raises Http404.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from innovations.models import InnovationPage
from livinglab.regions.models import Region
from livinglab.taxonomy.models import SpbeIndicator

from .models import Follow

KINDS = {"studi-kasus": "innovation", "wilayah": "region", "indikator": "indicator"}


def find(kind, key):
    """The followable object named by ``kind`` and ``key``; Http404 else."""
    if kind == "studi-kasus":
        return get_object_or_404(InnovationPage.objects.published(), slug=key)
    if kind == "wilayah":
        return get_object_or_404(Region, code=key)
    if kind == "indikator" and key.isascii() and key.isdecimal() and len(key) < 6:
        return get_object_or_404(SpbeIndicator.objects.current(), number=int(key))
    raise Http404


def field_of(kind):
    """The ``Follow`` field of an address kind."""
    return KINDS[kind]


def kind_and_key(follow):
    """``(kind, key)`` of a follow, for the follow and feed addresses."""
    if follow.innovation_id:
        return "studi-kasus", follow.innovation.slug
    if follow.region_id:
        return "wilayah", follow.region.code
    return "indikator", str(follow.indicator.number)


def page_url(kind, obj):
    """Where the followed object is shown."""
    if kind == "studi-kasus":
        return obj.url or "/"
    if kind == "wilayah":
        return reverse("regions:detail", args=[obj.code])
    return reverse("spbe:indicator", args=[obj.number])


def feed_url(kind, key):
    """The Atom feed of a followable object."""
    name = {
        "studi-kasus": "notifications:feed-case-study",
        "wilayah": "notifications:feed-region",
        "indikator": "notifications:feed-indicator",
    }[kind]
    return reverse(name, args=[key])


def is_following(user, kind, obj):
    """Whether ``user`` follows ``obj`` (False for anonymous visitors)."""
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, **{field_of(kind): obj}).exists()


def followed_by(user):
    """The user's follows, newest first, with their targets loaded."""
    return Follow.objects.filter(user=user).select_related(
        "innovation", "region", "indicator"
    )
