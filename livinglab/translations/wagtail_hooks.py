"""The translators' place in the Wagtail admin (docs/TRANSLATION.md):
the to-do list (menu item), "Translate" and "Submit for moderation" (POST),
a header button on an English page that leads to its submission, and
guards on wagtail-localize's "Sync translated pages", "Translate this page"
and "Convert to alias".

The guard: wagtail-localize's sync form offers "Publish immediately" to
anyone with ``submit_translation`` (translators), which would publish
translations without moderation. Its address is answered here first
(this app's hooks run before wagtail-localize's, ``order=-1``): a sync that
asks to publish is refused unless the person may publish every translation
it would publish (``policy.may_publish_page``); anything else goes on to
wagtail-localize's own view.
"""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page

from livinglab.accounts.policy import (
    may_publish_page,
    may_submit_translation,
    may_translate,
)
from livinglab.base.translation import is_original

from . import views


def guarded_sync(request, translation_source_id):
    """wagtail-localize's "Sync translated pages", refusing "Publish
    immediately" to anyone who may not publish the translations."""
    from wagtail_localize.models import TranslationSource
    from wagtail_localize.views.update_translations import UpdateTranslationsView

    if not request.user.has_perm("wagtail_localize.submit_translation"):
        return views.forbidden(request)
    source = get_object_or_404(TranslationSource, pk=translation_source_id)
    wants_publish = request.method == "POST" and forms.BooleanField(
        required=False
    ).to_python(request.POST.get("publish_translations"))
    if wants_publish:
        for job in source.translations.filter(enabled=True):
            target = job.get_target_instance()
            if isinstance(target, Page) and not may_publish_page(request.user, target):
                messages.error(
                    request,
                    _(
                        "You may not publish translations: sync without "
                        "“Publish immediately” and submit them for moderation."
                    ),
                )
                return HttpResponseRedirect(request.get_full_path())
    return UpdateTranslationsView.as_view()(
        request, translation_source_id=translation_source_id
    )


def guarded_submit_page(request, page_id):
    """wagtail-localize's "Translate this page", kept to the translation
    rule (review findings H1, H3, M2): only those who may translate
    (``policy.may_translate``: translators, administrators), only a live
    original no view restriction closes (what readers may see anyway),
    never "include subtree" (it saves the strings of every translation
    below into their live rows). Anything else goes on to wagtail-localize's
    own view."""
    from wagtail_localize.views.submit_translations import SubmitPageTranslationView

    if not may_translate(request.user):
        return views.forbidden(request)
    page = get_object_or_404(Page, pk=page_id)
    readable = (
        page.live and is_original(page) and not page.get_view_restrictions().exists()
    )
    if not readable:
        return views.forbidden(request)
    if request.method == "POST" and request.POST.get("include_subtree"):
        messages.error(
            request,
            _(
                "Translate one page at a time: translations of the pages "
                "below are made from the to-do list."
            ),
        )
        return HttpResponseRedirect(request.get_full_path())
    return SubmitPageTranslationView.as_view()(request, page_id=page_id)


def guarded_submit_snippet(request, app_label, model_name, pk):
    """wagtail-localize's "Translate" for snippets: only for those who may
    translate (no snippet of ours is translated this way; docs/TRANSLATION.md)."""
    from wagtail_localize.views.submit_translations import (
        SubmitSnippetTranslationView,
    )

    if not may_translate(request.user):
        return views.forbidden(request)
    return SubmitSnippetTranslationView.as_view()(
        request, app_label=app_label, model_name=model_name, pk=pk
    )


def guarded_convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias" withdraws a published
    translation (readers fall back to Indonesian): only for those who may
    publish it (review finding M1)."""
    from wagtail_localize.views.convert import convert_to_alias

    page = get_object_or_404(Page, pk=page_id)
    if not may_publish_page(request.user, page.specific):
        return views.forbidden(request)
    return convert_to_alias(request, page_id)


@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    return [
        path("translations/", views.todo, name="translations_todo"),
        path(
            "translations/<int:page_id>/translate/",
            views.translate,
            name="translations_translate",
        ),
        path(
            "translations/<int:page_id>/submit/",
            views.submit,
            name="translations_submit",
        ),
        # wagtail-localize's own address, answered here first (see above).
        path(
            "localize/update/<int:translation_source_id>/",
            guarded_sync,
            name="translations_guarded_sync",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            guarded_submit_page,
            name="translations_guarded_submit_page",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            guarded_submit_snippet,
            name="translations_guarded_submit_snippet",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            guarded_convert_to_alias,
            name="translations_guarded_convert_to_alias",
        ),
    ]


class TodoMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("translations.view_todo")


@hooks.register("register_admin_menu_item")
def register_todo_menu_item():
    return TodoMenuItem(
        gettext_lazy("Translations to do"),
        reverse_lazy("translations_todo"),
        icon_name="wagtail-localize-language",
        order=850,
    )


def submit_header_button(page, user, view_name=None, next_url=None):
    """On an English translation the person may submit: a button to its
    line in the to-do list, where "Submit for moderation" is."""
    if page.is_root() or is_original(page) or page.alias_of_id is not None:
        return
    if not may_submit_translation(user, page):
        return
    yield ListingButton(
        _("Submit translation for moderation"),
        reverse("translations_todo") + f"#translation-{page.pk}",
        priority=70,
        icon_name="resubmit",
    )


hooks.register("register_page_header_buttons", submit_header_button)
