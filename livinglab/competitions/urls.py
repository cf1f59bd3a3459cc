from django.urls import path

from . import views

app_name = "competitions"

urlpatterns = [
    path("", views.index, name="index"),
    path("<region:code>/", views.host_exports, name="host"),
    path("<region:code>/iid.xlsx", views.iid_xlsx, name="iid"),
    path("<region:code>/jippnas.xlsx", views.jippnas_xlsx, name="jippnas"),
    path("<region:code>/bukti-dukung.zip", views.evidence, name="evidence"),
]
