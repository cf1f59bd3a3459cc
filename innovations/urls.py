from django.urls import path

from . import public_views

app_name = "innovations"

urlpatterns = [
    path(
        "<slug:slug>/publiccode/<int:pk>.yml",
        public_views.publiccode_yml,
        name="publiccode",
    ),
]
