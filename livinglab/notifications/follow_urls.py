from django.urls import path

from . import views

app_name = "follows"

urlpatterns = [
    path("<str:kind>/<str:key>/", views.follow, name="follow"),
    path("<str:kind>/<str:key>/berhenti/", views.unfollow, name="unfollow"),
]
