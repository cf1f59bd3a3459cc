"""Self-assessment addresses, included by ``livinglab.adoptions.urls``."""

from django.urls import path

from . import views

urlpatterns = [
    path("wilayah/<region:code>/spbe/<int:year>/", views.page, name="self-assessment"),
    path(
        "wilayah/<region:code>/spbe/<int:year>/terbitkan/",
        views.publish,
        name="self-assessment-publish",
    ),
    path(
        "wilayah/<region:code>/spbe/<int:year>/lembar-kerja.xlsx",
        views.export,
        name="self-assessment-export",
    ),
    path(
        "spbe-berkas/<str:token>/",
        views.serve_file,
        name="self-assessment-file",
    ),
]
