from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    name = "livinglab.base"
    label = "base"
    verbose_name = _("Site")

    def ready(self):
        from .converters import register

        register()  # <region:code> in every app's URLconf
        from .spreadsheets import guard_wagtail_exports

        # Wagtail's report and listing exports write through our spreadsheet
        # writer (formula neutralisation, BOM, real dates): spreadsheets.py.
        guard_wagtail_exports()
        from . import client_address  # noqa: F401  (registers its system check)
