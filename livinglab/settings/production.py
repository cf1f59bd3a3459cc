"""Production: everything secret or site-specific comes from the environment.

App servers are stateless: sessions and cache live in the database (or a
shared cache named by CACHE_URL), media on shared storage, search in an
Elasticsearch cluster, so any number of them can run behind a proxy.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

CACHES = {"default": env.cache("CACHE_URL", default="dbcache://livinglab_cache")}

# Mail (invitations, verification, password reset) through SMTP, e.g.
# EMAIL_URL=smtp+tls://user:password@smtp.example.go.id:587
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto and appends the
# client to X-Forwarded-For. Both headers are believed only from the proxies
# in TRUSTED_PROXIES (settings/base.py, livinglab.base.client_address).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views set SAMEORIGIN themselves; everything else is DENY.
X_FRAME_OPTIONS = "DENY"
MFA_TRUST_COOKIE_SECURE = True
