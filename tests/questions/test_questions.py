"""Questions and answers on a case study (issue 18.1): a regency team asks
(plain text, cleaned, bounded, rate limited), the host's publishers and
mentors are notified, answers are threaded, the host publishes an answer as
FAQ (page and API, for anonymous visitors too), moderators hide entries,
unanswered questions are listed, and the median response time per host."""

import datetime
import re
from html import unescape

from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest

from innovations.models import Mentor
from livinglab.accounts.models import RegionRole
from livinglab.api.models import ApiToken
from livinglab.notifications.models import EmailPreference, Notification
from livinglab.questions import services
from livinglab.questions.models import Answer, Question
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def ask_url(page):
    return f"/pertanyaan/studi-kasus/{page.slug}/tanya/"


def api_url(page):
    return f"/api/v1/innovations/{page.slug}/questions/"


@pytest.fixture
def mentor(django_user_model, sumedang_innovation):
    """A mentor of the case study with an account (matched by e-mail, in
    another case), and one without an account."""
    Mentor.objects.create(
        page=sumedang_innovation, name="Ibu Mentor", email="Mentor@SumedangKab.go.id"
    )
    Mentor.objects.create(
        page=sumedang_innovation, name="Tanpa Akun", email="tanpa-akun@contoh.go.id"
    )
    return django_user_model.objects.create_user(
        email="mentor@sumedangkab.go.id", password="x"
    )


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def make_question(page, author, region, text="Berapa biaya lisensinya?", **extra):
    return Question.objects.create(
        innovation=page, author=author, region=region, text=text, **extra
    )


# Asking ---------------------------------------------------------------------


def test_team_member_asks_and_the_text_is_cleaned(team_member, sumedang_innovation):
    response = as_user(team_member).post(
        ask_url(sumedang_innovation),
        {"text": "<script>alert(1)</script>Berapa <b>biaya</b> lisensinya?"},
    )
    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/pertanyaan/{question.pk}/"
    assert question.text == "Berapa biaya lisensinya?"
    assert question.region.code == "32.05"
    assert question.author == team_member


def test_a_question_made_only_of_tags_is_refused(team_member, sumedang_innovation):
    response = as_user(team_member).post(
        ask_url(sumedang_innovation), {"text": "<script>x</script><b></b>"}
    )
    assert response.status_code == 400
    assert "Tulis sesuatu" in response.content.decode()
    assert not Question.objects.exists()


def test_a_long_question_is_refused_with_the_error_summary(
    team_member, sumedang_innovation
):
    response = as_user(team_member).post(
        ask_url(sumedang_innovation), {"text": "a" * 2001}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "error-summary" in body
    assert "2000" in body
    assert not Question.objects.exists()


def test_asking_too_often_is_refused_with_a_clear_message(
    team_member, sumedang_innovation, settings
):
    settings.QUESTIONS_PER_HOUR = 2
    client = as_user(team_member)
    for n in range(2):
        assert (
            client.post(ask_url(sumedang_innovation), {"text": f"Soal {n}"}).status_code
            == 302
        )
    response = client.post(ask_url(sumedang_innovation), {"text": "Soal 3"})
    assert response.status_code == 429
    assert "paling banyak 2 pertanyaan per jam" in response.content.decode()
    assert Question.objects.count() == 2
    # an hour later the person may ask again
    Question.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    assert (
        client.post(ask_url(sumedang_innovation), {"text": "Soal 4"}).status_code == 302
    )


# Notifications ------------------------------------------------------------------


def test_publishers_and_mentors_are_notified_in_app_and_by_email(
    team_member,
    sumedang_host,
    mentor,
    other_team_member,
    sumedang_innovation,
    django_capture_on_commit_callbacks,
):
    EmailPreference.objects.create(
        user=sumedang_host, kind="question", frequency="immediately"
    )
    with django_capture_on_commit_callbacks(execute=True):
        as_user(team_member).post(
            ask_url(sumedang_innovation), {"text": "Apakah ada pelatihan?"}
        )
    question = Question.objects.get()
    notes = Notification.objects.filter(kind="question")
    assert {n.recipient for n in notes} == {sumedang_host, mentor}
    assert all(n.link == f"/pertanyaan/{question.pk}/" for n in notes)
    assert "Apakah ada pelatihan?" in notes.first().title
    # the host asked for these immediately (a job); the mentor has the digest
    (message,) = mail.outbox
    assert message.to == [sumedang_host.email]
    assert "Apakah ada pelatihan?" in message.subject


def test_the_asker_hears_of_an_answer_and_the_host_of_a_follow_up(
    team_member, sumedang_host, sumedang_innovation, garut
):
    question = make_question(sumedang_innovation, team_member, garut)
    host = as_user(sumedang_host)
    assert (
        host.post(f"/pertanyaan/{question.pk}/", {"text": "Gratis."}).status_code == 302
    )
    note = Notification.objects.get(recipient=team_member)
    assert note.kind == "answer" and "Gratis." in note.title
    as_user(team_member).post(f"/pertanyaan/{question.pk}/", {"text": "Terima kasih."})
    assert Notification.objects.filter(
        recipient=sumedang_host, kind="question"
    ).exists()


# Threads ------------------------------------------------------------------------


def test_answers_are_threaded_in_order_and_the_first_response_is_the_hosts(
    team_member, sumedang_host, mentor, sumedang_innovation, garut
):
    question = make_question(sumedang_innovation, team_member, garut)
    url = f"/pertanyaan/{question.pk}/"
    as_user(team_member).post(url, {"text": "Tambahan: untuk 30 OPD."})
    question.refresh_from_db()
    assert question.first_response_at is None  # the asker's own follow-up
    as_user(sumedang_host).post(url, {"text": "Bisa, <i>gratis</i>."})
    as_user(mentor).post(url, {"text": "Saya bantu pelatihannya."})
    texts = list(question.answers.values_list("text", flat=True))
    assert texts == [
        "Tambahan: untuk 30 OPD.",
        "Bisa, gratis.",
        "Saya bantu pelatihannya.",
    ]
    question.refresh_from_db()
    assert (
        question.first_response_at
        == Answer.objects.get(text="Bisa, gratis.").created_at
    )
    body = as_user(team_member).get(url).content.decode()
    assert (
        body.index("Tambahan") < body.index("Bisa, gratis.") < body.index("Saya bantu")
    )


# FAQ ----------------------------------------------------------------------------


def test_a_public_answer_is_an_faq_on_the_page_and_in_the_api_for_anonymous(
    team_member, sumedang_host, sumedang_innovation, garut
):
    question = make_question(
        sumedang_innovation, team_member, garut, text="Apakah kodenya terbuka?"
    )
    kept = services.answer(question, sumedang_host, "Jawaban internal saja.")
    public = services.answer(question, sumedang_host, "Ya, di repositori kami.")
    anonymous = Client()
    page = anonymous.get(sumedang_innovation.url).content.decode()
    assert "Apakah kodenya terbuka?" not in page
    assert anonymous.get(api_url(sumedang_innovation)).json()["results"] == []

    response = as_user(sumedang_host).post(
        f"/pertanyaan/jawaban/{public.pk}/publik/", {"public": "1"}
    )
    assert response.status_code == 302
    page = anonymous.get(sumedang_innovation.url).content.decode()
    assert "Apakah kodenya terbuka?" in page
    assert "Ya, di repositori kami." in page
    assert kept.text not in page
    (item,) = anonymous.get(api_url(sumedang_innovation)).json()["results"]
    assert item["text"] == "Apakah kodenya terbuka?"
    assert [a["text"] for a in item["answers"]] == ["Ya, di repositori kami."]
    # people signed in read every non-hidden answer
    (item,) = as_user(team_member).get(api_url(sumedang_innovation)).json()["results"]
    assert len(item["answers"]) == 2


def test_the_ask_form_is_on_the_page_for_team_members_only(
    team_member, sumedang_host, sumedang_innovation
):
    form = f'action="{ask_url(sumedang_innovation)}"'
    assert form in as_user(team_member).get(sumedang_innovation.url).content.decode()
    assert (
        form not in as_user(sumedang_host).get(sumedang_innovation.url).content.decode()
    )
    assert form not in Client().get(sumedang_innovation.url).content.decode()


# Moderation ---------------------------------------------------------------------


def test_hidden_entries_vanish(
    team_member, sumedang_host, moderator_user, sumedang_innovation, garut
):
    question = make_question(sumedang_innovation, team_member, garut, text="Soal FAQ?")
    reply = services.answer(question, sumedang_host, "Jawaban FAQ.")
    reply.public = True
    reply.save()
    moderator = as_user(moderator_user)
    assert (
        moderator.post(f"/pertanyaan/jawaban/{reply.pk}/sembunyikan/").status_code
        == 302
    )
    assert "Jawaban FAQ." not in Client().get(sumedang_innovation.url).content.decode()
    assert Client().get(api_url(sumedang_innovation)).json()["results"] == []
    assert (
        "Jawaban FAQ."
        not in as_user(team_member).get(f"/pertanyaan/{question.pk}/").content.decode()
    )
    # the moderator still sees it, marked
    assert (
        "Jawaban FAQ." in moderator.get(f"/pertanyaan/{question.pk}/").content.decode()
    )

    assert moderator.post(f"/pertanyaan/{question.pk}/sembunyikan/").status_code == 302
    assert as_user(team_member).get(f"/pertanyaan/{question.pk}/").status_code == 404
    assert (
        as_user(team_member).get(api_url(sumedang_innovation)).json()["results"] == []
    )


# Permissions ---------------------------------------------------------------------


def test_who_may_do_what(
    team_member,
    other_team_member,
    sumedang_host,
    moderator_user,
    analyst,
    sumedang_innovation,
    garut,
):
    question = make_question(sumedang_innovation, team_member, garut)
    reply = services.answer(question, sumedang_host, "Jawaban.")
    thread = f"/pertanyaan/{question.pk}/"
    # asking: regency teams only
    assert (
        as_user(sumedang_host)
        .post(ask_url(sumedang_innovation), {"text": "x"})
        .status_code
        == 403
    )
    assert (
        as_user(analyst).post(ask_url(sumedang_innovation), {"text": "x"}).status_code
        == 403
    )
    assert Client().post(ask_url(sumedang_innovation), {"text": "x"}).status_code == 302
    # another region's team reads but does not answer Garut's question
    other = as_user(other_team_member)
    assert other.get(thread).status_code == 200
    assert other.post(thread, {"text": "Ikut menjawab"}).status_code == 403
    # only the host publishes; only moderators hide
    assert (
        as_user(team_member).post(f"/pertanyaan/jawaban/{reply.pk}/publik/").status_code
        == 403
    )
    assert (
        as_user(moderator_user)
        .post(f"/pertanyaan/jawaban/{reply.pk}/publik/")
        .status_code
        == 403
    )
    assert (
        as_user(sumedang_host)
        .post(f"/pertanyaan/{question.pk}/sembunyikan/")
        .status_code
        == 403
    )
    assert (
        as_user(team_member)
        .post(f"/pertanyaan/jawaban/{reply.pk}/sembunyikan/")
        .status_code
        == 403
    )
    reply.refresh_from_db()
    question.refresh_from_db()
    assert not reply.public and not reply.hidden and not question.hidden
    assert Answer.objects.count() == 1
    # the lists
    assert as_user(analyst).get("/pertanyaan/belum-dijawab/").status_code == 403
    assert as_user(team_member).get("/pertanyaan/waktu-respons/").status_code == 403
    assert as_user(analyst).get("/pertanyaan/waktu-respons/").status_code == 200


# Unanswered ----------------------------------------------------------------------


def test_questions_unanswered_for_n_days_are_listed_to_the_host_and_moderators(
    team_member,
    sumedang_host,
    moderator_user,
    django_user_model,
    sumedang_innovation,
    garut,
    settings,
):
    from innovations.models import InnovationPage
    from livinglab.accounts.models import RegionRole

    settings.QUESTIONS_UNANSWERED_DAYS = 7
    old = timezone.now() - datetime.timedelta(days=8)
    waiting = make_question(
        sumedang_innovation, team_member, garut, text="Lama menunggu"
    )
    recent = make_question(sumedang_innovation, team_member, garut, text="Baru saja")
    answered = make_question(
        sumedang_innovation, team_member, garut, text="Sudah dijawab"
    )
    Question.objects.filter(pk__in=[waiting.pk, answered.pk]).update(created_at=old)
    services.answer(answered, sumedang_host, "Ini jawabannya.")
    elsewhere = (
        InnovationPage.objects.live()
        .exclude(host_region=sumedang_innovation.host_region)
        .first()
    )
    foreign = make_question(elsewhere, team_member, garut, text="Soal tuan rumah lain")
    Question.objects.filter(pk=foreign.pk).update(created_at=old)

    body = as_user(sumedang_host).get("/pertanyaan/belum-dijawab/").content.decode()
    assert "Lama menunggu" in body
    # every unanswered question is listed; only the old one is overdue
    assert "Baru saja" in body and "Sudah dijawab" not in body
    assert body.count("Lewat ") == 1
    assert "Soal tuan rumah lain" not in body
    body = (
        as_user(moderator_user)
        .get("/pertanyaan/belum-dijawab/?lewat=1")
        .content.decode()
    )
    assert "Lama menunggu" in body and "Soal tuan rumah lain" in body
    assert recent.text not in body
    # linked from the host view
    host_view = as_user(sumedang_host).get("/adopsi/tuan-rumah/").content.decode()
    assert 'href="/pertanyaan/belum-dijawab/"' in host_view
    assert RegionRole.objects.filter(user=sumedang_host).exists()


# Response time ---------------------------------------------------------------------


def test_median_response_time_per_host_by_hand(
    team_member, sumedang_host, analyst, sumedang_innovation, garut
):
    asked = timezone.now() - datetime.timedelta(days=3)
    # Answered after 1 h, 3 h and 10 h: the median is 3 h; one unanswered
    # and one hidden question do not count.
    for hours in (1, 10, 3):
        make_question(
            sumedang_innovation,
            team_member,
            garut,
            first_response_at=asked + datetime.timedelta(hours=hours),
        )
    make_question(sumedang_innovation, team_member, garut)
    make_question(
        sumedang_innovation,
        team_member,
        garut,
        hidden=True,
        first_response_at=asked + datetime.timedelta(hours=100),
    )
    Question.objects.update(created_at=asked)
    (row,) = services.response_times()
    assert row == {
        "host": sumedang_innovation.host_region.name,
        "answered": 3,
        "unanswered": 1,
        "median_hours": 3.0,
    }
    body = as_user(analyst).get("/pertanyaan/waktu-respons/").content.decode()
    assert sumedang_innovation.host_region.name in body
    assert "3,0" in body or "3.0" in body
    # linked from the dashboard
    assert (
        'href="/pertanyaan/waktu-respons/"'
        in as_user(analyst).get("/adopsi/dasbor/").content.decode()
    )


# API --------------------------------------------------------------------------------


def test_api_ask_with_a_token_cleans_notifies_and_limits(
    team_member, sumedang_host, sumedang_innovation, garut, settings
):
    settings.QUESTIONS_PER_HOUR = 1
    _token, raw = ApiToken.issue(user=team_member, region=garut, name="uji")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = client.post(
        api_url(sumedang_innovation),
        {"text": "<img src=x onerror=alert(1)>Ada <b>manual</b>?"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "Ada manual?"
    assert response.json()["region"] == "32.05"
    assert Notification.objects.filter(
        recipient=sumedang_host, kind="question"
    ).exists()
    response = client.post(
        api_url(sumedang_innovation), {"text": "Lagi"}, content_type="application/json"
    )
    assert response.status_code == 429
    assert "paling banyak 1 pertanyaan per jam" in response.content.decode()
    settings.QUESTIONS_PER_HOUR = 5
    response = client.post(
        api_url(sumedang_innovation),
        {"text": "a" * 2001},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "text" in response.content.decode()
    assert "2000" in response.content.decode()
    assert Question.objects.count() == 1


def test_api_post_refuses_anonymous_and_hosts(sumedang_host, sumedang_innovation):
    url = api_url(sumedang_innovation)
    assert (
        Client().post(url, {"text": "x"}, content_type="application/json").status_code
        == 401
    )
    assert (
        as_user(sumedang_host)
        .post(url, {"text": "x"}, content_type="application/json")
        .status_code
        == 403
    )
    assert not Question.objects.exists()


def test_the_endpoint_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/?format=json").content.decode()
    assert "/api/v1/innovations/{slug}/questions/" in schema
    assert "AskQuestion" in schema


# Newcomer's defects (issue 18.1 follow-up) ------------------------------------------


def _other_host_case_study(sumedang_innovation):
    from innovations.models import InnovationPage

    return (
        InnovationPage.objects.live()
        .exclude(host_region=sumedang_innovation.host_region)
        .exclude(host_region=None)
        .order_by("title")
        .first()
    )


def _host_of(django_user_model, page, email):
    return make_user(
        django_user_model,
        email,
        region=page.host_region,
        role=RegionRole.Role.HOST_PUBLISHER,
    )


def test_only_the_asking_team_the_host_and_staff_answer(
    team_member,
    other_team_member,
    moderator_user,
    superuser,
    django_user_model,
    sumedang_innovation,
    garut,
):
    """Garut asks on another host's case study: Bandung's team reads the
    thread but gets no form and a 403; Garut's team and the host answer."""
    page = _other_host_case_study(sumedang_innovation)
    host = _host_of(django_user_model, page, "penerbit@tuanrumah-lain.go.id")
    question = make_question(page, team_member, garut, text="Soal Garut?")
    thread = f"/pertanyaan/{question.pk}/"
    form = 'name="text"'

    other = as_user(other_team_member)
    response = other.get(thread)
    assert response.status_code == 200
    assert form not in response.content.decode()
    assert other.post(thread, {"text": "Ikut menjawab"}).status_code == 403
    assert not other_team_member.has_perm("questions.answer", question)
    # a team of the host region is not the asking team either
    host_team = make_user(
        django_user_model,
        "tim@tuanrumah-lain.go.id",
        region=page.host_region,
        role=RegionRole.Role.MEMBER,
    )
    assert as_user(host_team).post(thread, {"text": "Saya juga"}).status_code == 403

    assert form in as_user(team_member).get(thread).content.decode()
    assert as_user(team_member).post(thread, {"text": "Tambahan"}).status_code == 302
    assert form in as_user(host).get(thread).content.decode()
    assert as_user(host).post(thread, {"text": "Jawaban tuan rumah"}).status_code == 302
    assert moderator_user.has_perm("questions.answer", question)
    assert superuser.has_perm("questions.answer", question)
    assert list(question.answers.values_list("text", flat=True)) == [
        "Tambahan",
        "Jawaban tuan rumah",
    ]


def test_each_answer_says_which_side_wrote_it(
    team_member,
    sumedang_host,
    mentor,
    moderator_user,
    superuser,
    sumedang_innovation,
    garut,
    sumedang,
    django_assert_max_num_queries,
):
    question = make_question(sumedang_innovation, team_member, garut, text="Siapa?")
    replies = [
        services.answer(question, sumedang_host, "Dari tuan rumah."),
        services.answer(question, mentor, "Dari mentor."),
        services.answer(question, team_member, "Dari Garut."),
        services.answer(question, moderator_user, "Dari moderator."),
        services.answer(question, superuser, "Dari admin."),
    ]
    host_side = f"Tuan rumah ({sumedang.name})"
    assert sumedang.name == "Kabupaten Sumedang"
    answers = list(question.answers.order_by("pk"))
    with django_assert_max_num_queries(5):
        services.add_sides(answers)
    assert [a.side for a in answers] == [
        host_side,
        "Mentor",
        garut.name,
        "Moderator",
        "Administrator",
    ]

    body = as_user(team_member).get(f"/pertanyaan/{question.pk}/").content.decode()
    for side in (host_side, "Mentor", garut.name, "Moderator", "Administrator"):
        assert side in body
    assert body.index(host_side) < body.index("Dari tuan rumah.") < body.index("Mentor")

    for reply in replies:
        reply.public = True
        reply.save()
    page = Client().get(sumedang_innovation.url).content.decode()
    assert host_side in page and "Dari Garut." in page
    for user in (sumedang_host, mentor, team_member, moderator_user, superuser):
        assert user.email not in page
        assert user.email.lower() not in page.lower()
    (item,) = Client().get(api_url(sumedang_innovation)).json()["results"]
    assert [a["side"] for a in item["answers"]] == [
        host_side,
        "Mentor",
        garut.name,
        "Moderator",
        "Administrator",
    ]
    assert "@" not in str(item)


def test_a_new_question_is_listed_to_its_host_at_once_and_old_ones_marked(
    team_member,
    sumedang_host,
    moderator_user,
    django_user_model,
    sumedang_innovation,
    garut,
    settings,
):
    settings.QUESTIONS_UNANSWERED_DAYS = 7
    fresh = make_question(sumedang_innovation, team_member, garut, text="Baru semenit")
    Question.objects.filter(pk=fresh.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    old = make_question(sumedang_innovation, team_member, garut, text="Sudah lama")
    Question.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10, hours=1)
    )
    body = as_user(sumedang_host).get("/pertanyaan/belum-dijawab/").content.decode()
    assert "Baru semenit" in body and "Sudah lama" in body
    assert body.index("Sudah lama") < body.index("Baru semenit")  # oldest first
    assert "Lewat 3 hari" in body
    assert body.count("Lewat ") == 1
    other_host = _host_of(
        django_user_model,
        _other_host_case_study(sumedang_innovation),
        "penerbit@tuanrumah-lain.go.id",
    )
    body = as_user(other_host).get("/pertanyaan/belum-dijawab/").content.decode()
    assert "Baru semenit" not in body and "Sudah lama" not in body
    # moderators: all, and the overdue-only view
    body = as_user(moderator_user).get("/pertanyaan/belum-dijawab/").content.decode()
    assert "Baru semenit" in body and "Sudah lama" in body
    body = (
        as_user(moderator_user)
        .get("/pertanyaan/belum-dijawab/?lewat=1")
        .content.decode()
    )
    assert "Sudah lama" in body and "Baru semenit" not in body
    assert as_user(moderator_user).get(
        "/pertanyaan/belum-dijawab/?lewat=abc"
    ).status_code in (200, 400)


def test_the_question_page_title_names_the_case_study_once(
    team_member, sumedang_innovation, garut
):
    question = make_question(sumedang_innovation, team_member, garut)
    body = as_user(team_member).get(f"/pertanyaan/{question.pk}/").content.decode()
    (title,) = re.findall(r"<title>(.*?)</title>", body, re.S)
    title = unescape(" ".join(title.split()))
    assert title.count(sumedang_innovation.title) == 1
    assert title.startswith(f"Pertanyaan · {sumedang_innovation.title} · ")


def test_a_teammates_follow_up_neither_answers_nor_hides_the_question(
    team_member, coordinator, sumedang_host, sumedang_innovation, garut
):
    """A reply by another member of the asking region's team is a follow-up:
    the question stays unanswered (in the host's list, no response time) and
    the host side hears of it; the host's reply is the first response."""
    question = make_question(sumedang_innovation, team_member, garut)
    url = f"/pertanyaan/{question.pk}/"
    as_user(coordinator).post(url, {"text": "Kami juga butuh versi Android."})
    question.refresh_from_db()
    assert question.first_response_at is None
    assert question in services.unanswered(sumedang_host)
    assert Notification.objects.filter(
        recipient=sumedang_host, kind=Notification.Kind.QUESTION
    ).exists()
    as_user(sumedang_host).post(url, {"text": "Versi Android tersedia."})
    question.refresh_from_db()
    assert question.first_response_at is not None
    assert question not in services.unanswered(sumedang_host)
