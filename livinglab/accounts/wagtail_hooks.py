"""People in the Wagtail admin: one "Akun" menu with region roles, invitations
and the audit log.

* Region roles: administrators add and remove them (never edit: a changed
  row would leave the host group and the audit log behind); the signals in
  ``roles`` and ``audit`` do the rest.
* Invitations: listed here; they are sent from /akun/undangan/, which emails
  the link (the admin form would not).
* Audit log: read-only, for administrators (``accounts.view_audit_log``).
"""

from django.contrib.auth import get_user_model
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .models import AuditEvent, Invitation, RegionRole


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Listing and inspecting only, for whoever holds ``view_permission``."""

    def __init__(self, model, view_permission):
        super().__init__(model)
        self.view_permission = view_permission

    def user_has_permission(self, user, action):
        return action == "view" and user.has_perm(self.view_permission)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view"])


class NoEditPolicy(ModelPermissionPolicy):
    """Model permissions as usual, but rows are added or deleted, never changed."""

    def user_has_permission(self, user, action):
        return action != "change" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(
    AuditEvent, ViewOnlyPolicy(AuditEvent, "accounts.view_audit_log")
)
register_permission_policy(
    Invitation, ViewOnlyPolicy(Invitation, "accounts.view_invitation")
)
register_permission_policy(RegionRole, NoEditPolicy(RegionRole))


class RegionRoleCreateView(CreateView):
    def save_instance(self):
        self.form.instance.granted_by = self.request.user
        return super().save_instance()


class RegionRoleViewSet(SnippetViewSet):
    model = RegionRole
    icon = "key"
    add_view_class = RegionRoleCreateView
    list_display = ["user", "region", "role", "granted_by", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "region__name", "region__code"]
    ordering = ["region__code", "role"]
    inspect_view_enabled = True
    panels = [FieldPanel("user"), FieldPanel("region"), FieldPanel("role")]


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "mail"
    list_display = [
        "email",
        "region",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role"]
    search_fields = ["email", "region__name", "region__code"]
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["token"]


class AuditEventViewSet(SnippetViewSet):
    model = AuditEvent
    icon = "history"
    list_display = ["at", "action", "actor", "subject", "ip_address"]
    list_filter = ["action"]
    search_fields = ["subject", "actor__email"]
    ordering = ["-at"]
    list_per_page = 100
    inspect_view_enabled = True


class AccountsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Accounts")
    menu_icon = "user"
    menu_order = 900
    items = (RegionRoleViewSet, InvitationViewSet, AuditEventViewSet)


register_snippet(AccountsViewSetGroup)


class InviteMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accounts.act_for_every_region")


@hooks.register("register_admin_menu_item")
def register_invite_menu_item():
    return InviteMenuItem(
        _("Invite people"),
        reverse_lazy("accounts:invitations"),
        icon_name="mail",
        order=901,
    )


@hooks.register("register_account_menu_item")
def register_security_settings(request):
    """The admin's account page points to allauth's password and 2FA pages."""
    return {
        "url": reverse_lazy("accounts:home"),
        "label": _("Password and two-factor authentication"),
        "help_text": _(
            "Change your password or email address, and set up an authenticator app."
        ),
    }
