from django.urls import path

from . import indicator_views

app_name = "spbe"

urlpatterns = [
    path("indikator/<int:number>/", indicator_views.indicator_page, name="indicator"),
]
