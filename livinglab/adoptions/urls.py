from django.urls import include, path

from . import files, simulator_page, views

app_name = "adoptions"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("wilayah/<region:code>/", views.region_workspace, name="region"),
    path("wilayah/<region:code>/minat/", views.register_interest, name="interest"),
    path(
        "wilayah/<region:code>/spbe/simulasi/",
        simulator_page.simulator_page,
        name="simulator",
    ),
    path("<int:pk>/", views.adoption_detail, name="detail"),
    path("<int:pk>/langkah/", views.record_step, name="record-step"),
    path("<int:pk>/rincian/", views.update_adaptation, name="adaptation"),
    path("<int:pk>/angka/", views.update_figures, name="figures"),
    path(
        "<int:pk>/angka/konfirmasi/",
        views.confirm_figures,
        name="confirm-figures",
    ),
    path("<int:pk>/konfirmasi/<slug:what>/", views.confirm, name="confirm"),
    path("berkas/<str:token>/", files.serve, name="file"),
    path("tuan-rumah/", views.host_view, name="host"),
    path("dasbor/", include("livinglab.adoptions.dashboard.urls")),
    path("", include("livinglab.adoptions.self_assessment.urls")),
]
