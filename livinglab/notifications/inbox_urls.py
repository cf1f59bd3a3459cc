from django.urls import path

from . import inbox_views

app_name = "notifications-inbox"

urlpatterns = [
    path("", inbox_views.inbox, name="inbox"),
    path("<int:pk>/baca/", inbox_views.mark_read, name="mark-read"),
    path("baca-semua/", inbox_views.mark_all_read, name="mark-all-read"),
    path("pengaturan/", inbox_views.email_settings, name="settings"),
]
