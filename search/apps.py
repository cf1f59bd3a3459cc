from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from livinglab.base import health

        from . import vocabulary
        from .client import search_status
        from .sync import connect

        connect()
        vocabulary.connect()
        health.register("search", search_status)
