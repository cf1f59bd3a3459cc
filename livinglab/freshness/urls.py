from django.urls import path

from . import views

app_name = "freshness"

urlpatterns = [
    path("konfirmasi/<str:token>/", views.confirm, name="confirm"),
    path("tautan-rusak/", views.broken_links, name="broken-links"),
]
