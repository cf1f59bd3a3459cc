from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "livinglab.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # policy registers every permission rule (django-rules) of the
        # platform; roles adds which roles an inviter may hand out. audit and
        # invitations connect signal receivers: the audit log, invitations
        # accepted at signup.
        from . import audit, invitations, policy, roles  # noqa: F401
