from django.urls import path

from . import feeds

app_name = "notifications"

urlpatterns = [
    path("studi-kasus/", feeds.NewCaseStudiesFeed(), name="feed-new"),
    path("studi-kasus/<slug:slug>/", feeds.CaseStudyFeed(), name="feed-case-study"),
    path("wilayah/<str:code>/", feeds.RegionFeed(), name="feed-region"),
    path("indikator/<int:number>/", feeds.IndicatorFeed(), name="feed-indicator"),
]
