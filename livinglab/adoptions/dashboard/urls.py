"""The Kemendagri dashboard, under ``/adopsi/dasbor/`` (names ``adoptions:…``)."""

from django.urls import path, re_path

from . import views as dashboard_views

urlpatterns = [
    path("", dashboard_views.dashboard_page, name="dashboard"),
    re_path(
        r"^ekspor/matriks\.(?P<fmt>csv|xlsx)$",
        dashboard_views.export_matrix,
        name="dashboard-export-matrix",
    ),
    re_path(
        r"^ekspor/peristiwa\.(?P<fmt>csv|xlsx)$",
        dashboard_views.export_events,
        name="dashboard-export-events",
    ),
]
