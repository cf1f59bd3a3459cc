from django.urls import path

from . import views

app_name = "questions"

urlpatterns = [
    path("studi-kasus/<slug:slug>/tanya/", views.ask, name="ask"),
    path("belum-dijawab/", views.unanswered, name="unanswered"),
    path("waktu-respons/", views.response_times, name="response-times"),
    path("<int:pk>/", views.thread, name="thread"),
    path("<int:pk>/sembunyikan/", views.hide_question, name="hide-question"),
    path("jawaban/<int:pk>/publik/", views.publish, name="publish"),
    path("jawaban/<int:pk>/sembunyikan/", views.hide_answer, name="hide-answer"),
]
