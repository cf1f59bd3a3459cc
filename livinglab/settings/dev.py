"""Local development: DEBUG on, console email, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Two-factor stays required for privileged roles locally too (as in
# production); MFA_REQUIRED_FOR_PRIVILEGED=false skips it for a quick demo.
MFA_REQUIRED_FOR_PRIVILEGED = env.bool("MFA_REQUIRED_FOR_PRIVILEGED", default=True)
# A mistyped address shows the site's 404 page, not Django's list of URL
# patterns (SHOW_DEBUG_404=true shows Django's).
MIDDLEWARE = [*MIDDLEWARE, "livinglab.base.middleware.SiteNotFoundPageMiddleware"]  # noqa: F405
SHOW_DEBUG_404 = env.bool("SHOW_DEBUG_404", default=False)
