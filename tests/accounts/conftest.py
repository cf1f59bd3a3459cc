"""Accounts fixtures: people with verified addresses, regions, sign-in helper.

allauth's rate limits count in the cache: it is cleared around every test so
one test's failed logins never lock another out.
"""

import base64
import hashlib
import hmac
import struct
import time

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

import pytest
from allauth.account.models import EmailAddress

from livinglab.accounts.models import RegionRole
from livinglab.regions.models import Region

PASSWORD = "kata-sandi-yang-panjang-42"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _indonesian():
    # LocaleMiddleware leaves the last request's language active in the
    # thread; reverse() in a test must not depend on the test before.
    with translation.override("id"):
        yield


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_PRIVILEGED = True


@pytest.fixture
def make_user(django_user_model):
    def make(email, password=PASSWORD, verified=True, **extra):
        user = django_user_model.objects.create_user(
            email=email, password=password, **extra
        )
        EmailAddress.objects.create(
            user=user, email=user.email, verified=verified, primary=True
        )
        return user

    return make


@pytest.fixture
def sumedang(db):
    return Region.objects.get(code="32.11")


@pytest.fixture
def other_region(db):
    return Region.objects.get(code="32.73")


@pytest.fixture
def coordinator(make_user, sumedang):
    user = make_user("koordinator@sumedangkab.go.id")
    RegionRole.objects.create(user=user, region=sumedang, role="coordinator")
    return user


@pytest.fixture
def superuser(make_user):
    return make_user("root@livinglab.test", is_staff=True, is_superuser=True)


@pytest.fixture
def moderator(make_user):
    user = make_user("moderator@kemendagri.go.id")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def sign_in(client, email, password=PASSWORD, **extra):
    """Sign in through allauth's form (as a person would)."""
    return client.post(
        reverse("account_login"), {"login": email, "password": password, **extra}
    )


def totp_code(secret, at=None, digits=6, period=30):
    """RFC 6238 TOTP (HMAC-SHA1), computed independently of allauth."""
    counter = int((at if at is not None else time.time()) // period)
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"
