from django.urls import path

from innovations import api as innovations_api
from livinglab.regions import api as regions_api

app_name = "api"

urlpatterns = [
    path(
        "innovations/", innovations_api.InnovationList.as_view(), name="innovation-list"
    ),
    path(
        "innovations/<slug:slug>/",
        innovations_api.InnovationDetail.as_view(),
        name="innovation-detail",
    ),
    path("regions/", regions_api.RegionList.as_view(), name="region-list"),
    path(
        "regions/<str:code>/", regions_api.RegionDetail.as_view(), name="region-detail"
    ),
]
