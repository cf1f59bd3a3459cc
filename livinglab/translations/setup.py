"""The English tree, made where the site is set up (``load_initial_data``).

English translations are pages of their own in a parallel tree (the
Indonesian home's translation, ``/beranda-en/``, with the library and host
sections below it). wagtail-localize would create the English parents as
aliases the first time a page is translated; here they exist from the
start, so that:

- the English tree has the same moderation workflow as the Indonesian one
  (a Wagtail ``WorkflowPage`` on the English home naming the workflow the
  Indonesian home uses), and translations are moderated like originals;
- the Translators group can be given its page permissions on the English
  home (add and change, never publish): translators edit English pages only.

Pages cannot be built safely in migrations (the page models' code is not
there), so this is a function, run again safely by ``load_initial_data``.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import GroupPagePermission, Locale, Page, Site, WorkflowPage

from innovations.models import InnovationIndexPage
from livinglab.accounts.policy import TRANSLATORS

#: The page permissions of the Translators group on the English home: make
#: and edit pages, never publish (Wagtail's ``publish_page``).
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page")


def english_locale():
    """The English :class:`~wagtail.models.Locale` (migration base/0003)."""
    return Locale.objects.get(language_code="en")


def _ensure_translation(page, locale):
    """``page``'s page in ``locale``: its translation or a new alias (the
    parents first, as aliases too: wagtail-localize's own way)."""
    found = page.get_translation_or_none(locale)
    if found is not None:
        return found
    return page.copy_for_translation(locale, copy_parents=True, alias=True)


@transaction.atomic
def ensure_english_tree(language="en"):
    """Make the English home and library (and host sections) and give them
    the Indonesian tree's workflow and the translators' page permissions.

    Idempotent: pages already there (aliases or translations) are kept;
    the workflow is assigned only when the English home does not already
    resolve to the Indonesian home's workflow. Returns the English home
    (a ``Page``), or None when the site has no home page yet."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or site.root_page.depth < 2:
        return None
    home = site.root_page
    if home.locale.language_code != settings.LANGUAGE_CODE:
        return None
    locale = Locale.objects.get(language_code=language)
    english_home = _ensure_translation(home, locale)
    sections = InnovationIndexPage.objects.descendant_of(home).filter(
        locale=home.locale
    )
    for section in sections.order_by("path"):
        _ensure_translation(section, locale)
    _ensure_same_workflow(home, english_home)
    _ensure_translator_permissions(english_home)
    return english_home


def _ensure_same_workflow(home, english_home):
    workflow = home.get_workflow()
    if workflow is None or english_home.get_workflow() == workflow:
        return
    WorkflowPage.objects.update_or_create(
        page=english_home, defaults={"workflow": workflow}
    )


def _ensure_translator_permissions(english_home):
    group, _created = Group.objects.get_or_create(name=TRANSLATORS)
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page=english_home, permission=permission
        )


def english_home():
    """The English home page (a ``Page``), or None before
    :func:`ensure_english_tree` ran."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return Page.objects.filter(
        translation_key=site.root_page.translation_key, locale__language_code="en"
    ).first()
