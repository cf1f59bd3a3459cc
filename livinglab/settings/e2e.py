"""Browser tests (tests/e2e): production settings served over plain HTTP on
127.0.0.1 by gunicorn, with email written to files the tests read."""

from .production import *  # noqa: F403
from .production import env

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
MFA_TRUST_COOKIE_SECURE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
ALLAUTH_TRUSTED_PROXY_COUNT = 0
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
# No worker runs beside the browser tests: jobs run in the request.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_FILE_PATH = env("E2E_MAIL_DIR")  # set by tests/e2e/conftest.py
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
