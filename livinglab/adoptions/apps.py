from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdoptionsConfig(AppConfig):
    name = "livinglab.adoptions"
    label = "adoptions"
    verbose_name = _("Adoption tracking")

    def ready(self):
        from django.core import checks

        from livinglab.base.storage import check_private_root

        checks.register(check_private_root)
