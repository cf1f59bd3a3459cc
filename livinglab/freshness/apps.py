"""Freshness (issue 18.5): the yearly reconfirmation e-mail to hosts and the
link checker of case studies' repository, training and evidence URLs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FreshnessConfig(AppConfig):
    name = "livinglab.freshness"
    label = "freshness"
    verbose_name = _("Freshness")
