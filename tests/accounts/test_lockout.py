"""Failed sign-ins throttled per account and address (issue 12, finding 10).

Nobody may lock a known account from outside, and an office behind one NAT
address must not be blocked: failures count per account+address; a looser
cap per address stops one source guessing across many accounts. The numbers
are those of ``ACCOUNT_RATE_LIMITS["login_failed"]`` (see docs/ACCOUNTS.md).
"""

from django.urls import reverse

import pytest

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER, OFFICE, OWNER = "203.0.113.7", "198.51.100.20", "192.0.2.44"


def sign_in(client, email, password=PASSWORD, *, ip):
    """allauth's form, posted from the client address ``ip``."""
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=ip,
    )


def fail(client, email, ip):
    response = sign_in(client, email, password="salah-sekali", ip=ip)
    assert response.status_code == 200
    return response


def signs_in(client, email, ip):
    client.logout()
    response = sign_in(client, email, ip=ip)
    signed = response.status_code == 302 and "_auth_user_id" in client.session
    client.logout()
    return signed


def test_failures_from_one_address_do_not_lock_the_account_elsewhere(client, make_user):
    make_user("tim@bandungkab.go.id")
    for _ in range(10):
        fail(client, "tim@bandungkab.go.id", ATTACKER)
    # The attacker's address is throttled for this account, even with the
    # right password...
    assert not signs_in(client, "tim@bandungkab.go.id", ATTACKER)
    # ...but the owner, from anywhere else, signs in at once.
    assert signs_in(client, "tim@bandungkab.go.id", OWNER)


def test_one_persons_mistakes_do_not_block_their_office(client, make_user):
    make_user("tim@bandungkab.go.id")
    make_user("rekan@bandungkab.go.id")
    for _ in range(6):
        fail(client, "tim@bandungkab.go.id", OFFICE)
    assert not signs_in(client, "tim@bandungkab.go.id", OFFICE)
    # A busy morning: three more colleagues mistype their passwords a few times.
    for name in ("ani", "budi", "citra"):
        for _ in range(4):
            fail(client, f"{name}@bandungkab.go.id", OFFICE)
    # A colleague behind the same address is not affected.
    assert signs_in(client, "rekan@bandungkab.go.id", OFFICE)


def test_an_address_guessing_across_many_accounts_is_capped(client, make_user):
    make_user("korban@bandungkab.go.id")
    # Four failures per account stay under the per-account limit, so only the
    # per-address cap can stop this.
    for n in range(40):
        fail(client, f"tebak{n // 4}@contoh.id", ATTACKER)
    assert not signs_in(client, "korban@bandungkab.go.id", ATTACKER)
    assert signs_in(client, "korban@bandungkab.go.id", OWNER)


def test_the_throttle_is_per_account_and_address(settings):
    from allauth.account import app_settings

    rates = app_settings.RATE_LIMITS["login_failed"]
    assert "/ip" in rates and "/key" in rates
