from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationsConfig(AppConfig):
    name = "innovations"
    verbose_name = _("Innovations")

    def ready(self):
        # hosts connects the receivers that keep each host publisher's Wagtail
        # group, section and collection in step with their region roles.
        from . import hosts  # noqa: F401
