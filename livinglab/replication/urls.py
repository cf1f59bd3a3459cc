from django.urls import path

from . import views

app_name = "replication"

urlpatterns = [path("<slug:slug>/", views.download, name="kit")]
