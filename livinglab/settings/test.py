"""Tests: fast hasher, plain static storage, local-memory cache, immediate tasks.

The database is whatever DATABASE_URL names (PostgreSQL in CI), SQLite
otherwise; Elasticsearch tests find their server through tests/conftest.py.
"""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Other apps' tests sign privileged users in with force_login and no TOTP;
# tests/accounts switches the requirement on where it is under test.
MFA_REQUIRED_FOR_PRIVILEGED = False
ELASTICSEARCH_URL = ""
# Overridable so that several test runs can share one Elasticsearch.
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="livinglab-test")  # noqa: F405
LOGGING["loggers"]["livinglab"]["level"] = "WARNING"  # noqa: F405
# Demo files written while loading the session's data stay out of the tree
# (tests/conftest.py points each test at its own folder).
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private-media"  # noqa: F405
