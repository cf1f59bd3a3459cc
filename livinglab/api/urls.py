from django.urls import path

from innovations import api as innovations_api
from livinglab.adoptions import api as adoptions_api
from livinglab.regions import api as regions_api
from search import views as search_views

app_name = "api"

urlpatterns = [
    path("search/", search_views.search_api, name="search"),
    path("search/suggest/", search_views.suggest_api, name="search-suggest"),
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
    path(
        "regions/<str:code>/adoptions/",
        adoptions_api.RegionAdoptionList.as_view(),
        name="region-adoptions",
    ),
]
