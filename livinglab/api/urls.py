from django.urls import path

from livinglab.regions import api as regions_api

app_name = "api"

urlpatterns = [
    path("regions/", regions_api.RegionList.as_view(), name="region-list"),
    path(
        "regions/<str:code>/", regions_api.RegionDetail.as_view(), name="region-detail"
    ),
]
