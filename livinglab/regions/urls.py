from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("", views.region_list, name="list"),
    path("<str:code>/", views.region_detail, name="detail"),
]
