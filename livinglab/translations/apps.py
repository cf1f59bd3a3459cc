"""Translating case studies (issue 20, docs/TRANSLATION.md "Translating and
moderation"): the English tree, the translators' to-do list and the
"Submit for moderation" of a translation, in the Wagtail admin."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "livinglab.translations"
    label = "translations"
    verbose_name = _("Translations")
