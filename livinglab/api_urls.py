"""The API router (``/api/v1/``): it imports every app's API views, so it
lives in the project shell above all apps (as bakerydemo keeps its
``api.py``); the API library (token model, errors, pagination, throttling,
schema) is ``livinglab.api``, which imports none of our apps."""

from django.urls import path

from innovations import api as innovations_api
from livinglab.adoptions import api as adoptions_api
from livinglab.adoptions import simulator, spbe_api, summary_api
from livinglab.questions import api as questions_api
from livinglab.regions import api as regions_api
from livinglab.replication import api as replication_api
from livinglab.taxonomy import api as taxonomy_api
from search import innovations_api as innovation_list_api
from search import views as search_views

app_name = "api"

urlpatterns = [
    path("search/", search_views.search_api, name="search"),
    path("search/suggest/", search_views.suggest_api, name="search-suggest"),
    path(
        "innovations/",
        innovation_list_api.InnovationList.as_view(),
        name="innovation-list",
    ),
    path(
        "innovations/<slug:slug>/",
        innovations_api.InnovationDetail.as_view(),
        name="innovation-detail",
    ),
    path(
        "innovations/<slug:slug>/source-code/",
        innovations_api.InnovationPart.as_view(part="source_code"),
        name="innovation-source-code",
    ),
    path(
        "innovations/<slug:slug>/training/",
        innovations_api.InnovationPart.as_view(part="training"),
        name="innovation-training",
    ),
    path(
        "innovations/<slug:slug>/evidence/",
        innovations_api.InnovationPart.as_view(part="evidence"),
        name="innovation-evidence",
    ),
    path(
        "innovations/<slug:slug>/replication-kit/",
        replication_api.ReplicationKit.as_view(),
        name="innovation-replication-kit",
    ),
    path(
        "innovations/<slug:slug>/questions/",
        questions_api.QuestionList.as_view(),
        name="innovation-questions",
    ),
    path("taxonomies/", taxonomy_api.TaxonomyList.as_view(), name="taxonomies"),
    path("regions/", regions_api.RegionList.as_view(), name="region-list"),
    path(
        "regions/<str:code>/", regions_api.RegionDetail.as_view(), name="region-detail"
    ),
    path(
        "regions/<region:code>/spbe/simulate/",
        simulator.SimulateApi.as_view(),
        name="region-spbe-simulate",
    ),
    path(
        "regions/<region:code>/spbe/<int:year>/",
        spbe_api.RegionSpbeYear.as_view(),
        name="region-spbe",
    ),
    path(
        "spbe/frameworks/",
        spbe_api.FrameworkList.as_view(),
        name="spbe-framework-list",
    ),
    path(
        "spbe/frameworks/<slug:code>/",
        spbe_api.FrameworkDetail.as_view(),
        name="spbe-framework-detail",
    ),
    path("spbe/national/", spbe_api.NationalSeries.as_view(), name="spbe-national"),
    path(
        "regions/<region:code>/adoptions/",
        adoptions_api.RegionAdoptionList.as_view(),
        name="region-adoptions",
    ),
    path(
        "adoptions/summary/",
        summary_api.AdoptionSummary.as_view(),
        name="adoption-summary",
    ),
    path(
        "adoptions/<int:pk>/events/",
        adoptions_api.AdoptionEventList.as_view(),
        name="adoption-events",
    ),
]
