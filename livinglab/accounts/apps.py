from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "livinglab.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Registers every permission rule (django-rules) of the platform.
        from . import policy  # noqa: F401
