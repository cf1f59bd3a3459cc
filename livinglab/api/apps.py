from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "livinglab.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        # Registers the OpenAPI description of our token authentication.
        from . import schema  # noqa: F401
