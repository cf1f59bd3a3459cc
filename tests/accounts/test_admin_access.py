"""Someone signed in whose role has no use for the Wagtail admin, opening
/admin/, is sent to the page their role works in with a message saying why,
not to a sign-in form (issue 16, newcomer finding: a regency team member saw
the sign-in form although signed in). Who may use the admin is decided in
livinglab/accounts/policy.py (``may_use_admin``, ``landing_page_name``)."""

from django.contrib.messages import get_messages

import pytest

pytestmark = pytest.mark.django_db

MESSAGE = (
    "Bagian admin konten untuk penerbit tuan rumah dan moderator. "
    "Pekerjaan Anda ada di sini."
)


@pytest.mark.parametrize(
    ("who", "landing"),
    [
        ("team_member", "/adopsi/"),
        ("coordinator", "/adopsi/"),
        ("analyst", "/adopsi/dasbor/"),
    ],
)
@pytest.mark.parametrize("address", ["/admin/", "/admin/pages/"])
def test_signed_in_without_admin_access_goes_to_their_work(
    client, request, who, landing, address
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"] == landing
    assert [str(m) for m in get_messages(response.wsgi_request)] == [MESSAGE]
    # The workspace opens the member's region: the message shows there.
    page = client.get(landing, follow=True)
    assert page.status_code == 200
    assert "Bagian admin konten" in page.content.decode()


def test_someone_without_any_role_goes_to_their_account(client, django_user_model):
    user = django_user_model.objects.create_user(
        email="warga@example.org", password="kata-sandi-panjang-2026"
    )
    client.force_login(user)
    response = client.get("/admin/")
    assert response["Location"] == "/akun/"


def test_admin_users_and_visitors_are_left_to_wagtail(
    client, sumedang_host, moderator_user
):
    # Anonymous: Wagtail sends them to sign in, with the admin as next.
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")
    for person in (sumedang_host, moderator_user):
        client.force_login(person)
        assert client.get("/admin/").status_code == 200


def test_wagtail_background_requests_keep_their_403(client, team_member):
    client.force_login(team_member)
    response = client.get("/admin/pages/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 403
