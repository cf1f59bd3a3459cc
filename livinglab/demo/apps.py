from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demonstration data (``manage.py load_initial_data``).

    It calls every app's loaders, so it sits at the top of the layers,
    beside the open-data export and the API router; no app imports it."""

    name = "livinglab.demo"
    label = "demo"
    verbose_name = _("Demonstration data")
