"""Account URLs, under /akun/ (and /en/akun/).

allauth's pages keep their own un-namespaced names (``account_login``,
``mfa_activate_totp``...), which allauth itself reverses; ours are in the
``accounts`` namespace.
"""

from django.urls import include, path

from . import views

accounts_patterns = (
    [
        path("", views.home, name="home"),
        path("undangan/", views.invitation_list, name="invitations"),
        path(
            "undangan/<int:pk>/batalkan/",
            views.invitation_revoke,
            name="invitation-revoke",
        ),
        path(
            "undangan/terima/<str:token>/",
            views.invitation_accept,
            name="invitation",
        ),
    ],
    "accounts",
)

urlpatterns = [
    path("", include(accounts_patterns)),
    path("", include("allauth.urls")),
]
