from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    """Exports of a host's case studies for the national innovation
    competitions (issue 19.5): Kemendagri's Indeks Inovasi Daerah and
    KemenPAN-RB's JIPPNas, as XLSX, plus a ZIP of evidence."""

    name = "livinglab.competitions"
    label = "competitions"
    verbose_name = _("Competition exports")
