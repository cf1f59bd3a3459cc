from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReplicationConfig(AppConfig):
    """The replication kit (issue 19.1): a ZIP a regency team downloads to
    start replicating a case study (docs/REPLICATION.md)."""

    name = "livinglab.replication"
    label = "replication"
    verbose_name = _("Replication kit")
