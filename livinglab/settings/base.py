"""Settings shared by every environment.

Secrets and service addresses come from the environment, read here and only
here (django-environ). ``DATABASE_URL`` defaults to a SQLite file and an unset
``ELASTICSEARCH_URL`` selects the database search fallback, so a fresh clone
runs with nothing else installed.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "livinglab"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "livinglab.base",
    "livinglab.accounts",
    "livinglab.regions",
    "livinglab.taxonomy",
    "livinglab.adoptions",
    "livinglab.replication",
    "livinglab.competitions",
    "livinglab.notifications",
    "livinglab.freshness",
    "livinglab.questions",
    "livinglab.opendata",
    "livinglab.demo",
    "livinglab.api",
    "innovations",
    "livinglab.translations",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "rules",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: forwarded headers from anyone but our proxies are dropped.
    "livinglab.base.client_address.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy everywhere; Cache-Control: private when signed in.
    "livinglab.base.middleware.SecurityHeadersMiddleware",
    "livinglab.base.middleware.DatabaseUnavailableMiddleware",
    "livinglab.accounts.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "livinglab.api.middleware.NulCharacterMiddleware",
    "livinglab.api.middleware.ApiConditionalGetMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Under /api/ (no language prefix) Accept-Language picks the language.
    "livinglab.api.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "livinglab.accounts.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "livinglab.accounts.middleware.RequireTwoFactorMiddleware",
    # Signed in without admin access: /admin/ leads to the role's own page.
    "livinglab.accounts.middleware.AdminAccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A hand-made admin form post that cannot be parsed: 400, not 500.
    "livinglab.base.middleware.MalformedAdminFormMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "livinglab.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "livinglab.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Reuse connections between requests on PostgreSQL and check them first, so a
# database restart costs failed requests, never a stuck worker.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # make run's web server and job worker share the SQLite file: WAL lets
    # readers go on beside a writer, writers take the lock when their
    # transaction starts (no upgrade deadlock) and wait up to 20 s for it
    # instead of failing with "database is locked" (a 503).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Object permissions (who may touch which region's records) are decided by
# django-rules from livinglab/accounts/policy.py; model permissions by Django.
# allauth's backend signs people in by email (it extends ModelBackend).
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Bahasa Indonesia first, English second. Unprefixed URLs are Indonesian,
# /en/... is English (i18n_patterns with prefix_default_language=False).
LANGUAGE_CODE = "id"
LANGUAGES = [
    ("id", "Bahasa Indonesia"),
    ("en", "English"),
]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Content in both languages (docs/TRANSLATION.md): Indonesian originals, English
# translations made with wagtail-localize. The default locale is LANGUAGE_CODE.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A new translation starts as a draft whatever its original's state:
# wagtail-localize would otherwise publish it at once (in Indonesian, its
# strings untranslated), skipping moderation.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Ours first; then the Indonesian Wagtail's own id_ID catalogue lacks (a
# catalogue of its own, so makemessages never marks it obsolete). Both come
# before app catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]
TIME_ZONE = "Asia/Jakarta"

# Background jobs (issue 18, docs/ARCHITECTURE.md "Background jobs"):
# django-tasks with its database backend; `manage.py db_worker` runs them
# (`make run` starts one beside the server). Tests use the immediate backend.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}
# What `manage.py enqueue_jobs <schedule>` enqueues (cron calls it).
JOB_SCHEDULES = {
    "daily": [
        "livinglab.notifications.tasks.remind_stalled_adoptions",
        "livinglab.notifications.tasks.ask_for_impact_figures",
        "livinglab.freshness.tasks.send_reconfirmations",
    ],
    "frequent": ["search.tasks.drain_search_outbox"],
    "weekly": [
        "livinglab.notifications.tasks.send_weekly_digests",
        "livinglab.freshness.tasks.check_links",
    ],
}
# The link checker (livinglab/freshness/links.py): seconds to wait for an
# answer, the User-Agent it sends, and seconds between two requests to a host.
LINK_CHECK_TIMEOUT = env.float("LINK_CHECK_TIMEOUT", default=10.0)
LINK_CHECK_USER_AGENT = env(
    "LINK_CHECK_USER_AGENT",
    default="LivingLabLinkChecker/1.0 (Living Lab Layanan Digital; link checker)",
)
LINK_CHECK_HOST_INTERVAL = 1.0
# Never visit addresses of private networks (the tests' local server only).
LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = False
USE_I18N = True
USE_TZ = True
# One date shape in both languages ("2 Nov 2026"); numbers are grouped where a
# template asks (|intcomma, |floatformat:"g"): livinglab/formats/.
FORMAT_MODULE_PATH = ["livinglab.formats"]

STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
STATIC_URL = "/static/"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Private files (adoption evidence, letters of intent): outside MEDIA_ROOT,
# never served by the web server; only livinglab.adoptions.files.serve
# answers for them, after asking the policy (docs/PRIVATE_FILES.md).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# Search: an unset ELASTICSEARCH_URL means the database fallback.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="livinglab")
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=2.0)

# Wagtail
WAGTAIL_SITE_NAME = "Living Lab Layanan Digital"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "png", "jpg", "zip"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "livinglab.base.forms.SafeDocumentForm"
# Documents go through Wagtail's view (which checks collection privacy), and
# always as downloads, never rendered inline by the browser.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_IMAGE_FORM_BASE = "livinglab.base.forms.SafeImageForm"
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg"]
# Largest accepted upload, in megabytes (documents, images, evidence).
LIVINGLAB_MAX_UPLOAD_MB = env.int("LIVINGLAB_MAX_UPLOAD_MB", default=50)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = LIVINGLAB_MAX_UPLOAD_MB * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

REST_FRAMEWORK = {
    "DEFAULT_PAGINATION_CLASS": "livinglab.api.pagination.CountResultsPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "livinglab.accounts.api_authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "EXCEPTION_HANDLER": "livinglab.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_SCHEMA_CLASS": "livinglab.api.schema.AutoSchema",
    # Write endpoints are rate limited per person (scoped throttles share the
    # cache, so every app server counts against the same limit).
    "DEFAULT_THROTTLE_RATES": {
        "api-write": env("API_WRITE_RATE", default="120/hour"),
    },
    # Throttles identify clients by client_address.client_ip, never by raw
    # X-Forwarded-For (WriteThrottle.get_ident).
    "NUM_PROXIES": 0,
}

# Read-only CORS on the public API: any site may read open data; nothing
# else crosses origins (no credentials, no writes).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

CSRF_FAILURE_VIEW = "livinglab.api.views.csrf_failure"

# An adoption with no recorded step for this many days counts as stalled
# (dashboard, reminders); the dashboard may ask for another number.
ADOPTION_STALLED_DAYS = env.int("ADOPTION_STALLED_DAYS", default=60)
# Questions on a case study (issue 18.1): listed to the host and moderators
# when unanswered for this many days; at most this many asked per person per
# hour (a clear message beyond).
QUESTIONS_UNANSWERED_DAYS = env.int("QUESTIONS_UNANSWERED_DAYS", default=7)
QUESTIONS_PER_HOUR = env.int("QUESTIONS_PER_HOUR", default=5)
# Days the audit log is kept (the privacy notice says two years); the daily
# ``prune_audit_log`` deletes older events.
AUDIT_LOG_RETENTION_DAYS = env.int("AUDIT_LOG_RETENTION_DAYS", default=730)

# Personal API tokens (livinglab.api.models.ApiToken).
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=180)

SPECTACULAR_SETTINGS = {
    "TITLE": "Living Lab Layanan Digital API",
    "DESCRIPTION": (
        "Open data and adoption reporting of the Digital Service Living Lab. "
        "Reads are public; writes need a personal API token scoped to one "
        "region (Authorization: Bearer ll_...). Errors always have the shape "
        '{"error": {"status", "message", "detail"}}.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["livinglab.api.schema.only_public_api"],
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": "livinglab.adoptions.models.Stage",
        "ContentLanguageEnum": "livinglab.api.language.CONTENT_LANGUAGES",
    },
}

# Accounts (django-allauth): email and password, no usernames, no open signup.
# An account is created by accepting an invitation (livinglab.accounts.adapter).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "livinglab.accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "livinglab.accounts.adapter.SocialAccountAdapter"
ACCOUNT_FORMS = {
    "login": "livinglab.accounts.forms.LoginForm",
    "signup": "livinglab.accounts.forms.InvitedSignupForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
# One address per account, changed (and re-verified) in place.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Living Lab] "
# A signed-in person who lacks access to the admin is sent to the login page
# by Wagtail; showing the form (not bouncing back) avoids a redirect loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
# Failed sign-ins count per account+address ("key": our adapter adds the
# client address to the email), 5 per 5 minutes and 15 per hour, so an
# outsider cannot lock a known account and one person's typos do not block
# their office; a looser cap per address (30 failures per 5 minutes) stops one
# source guessing across accounts. All sign-in attempts: 60 per minute per
# address (a whole office at 08:00). See docs/ACCOUNTS.md, "Failed sign-ins".
ACCOUNT_RATE_LIMITS = {
    "login_failed": "30/5m/ip,5/5m/key,15/1h/key",
    "login": "60/m/ip",
}
# Client addresses (audit log, rate limits, API throttle) come from one
# function, livinglab.base.client_address.client_ip: X-Forwarded-For is read
# only when the direct peer is one of these proxies (addresses or CIDR
# networks, comma-separated). Empty: trust nothing, the peer is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# /healthz shows its details (backends, versions) only to this machine or to
# a monitor presenting this token; everyone else sees the status alone.
HEALTHZ_TOKEN = env("HEALTHZ_TOKEN", default="")
# allauth asks our adapter (AccountAdapter.get_client_ip); its own reading of
# X-Forwarded-For stays off.
ALLAUTH_TRUSTED_PROXY_COUNT = 0
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="noreply@livinglab.go.id")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Days an invitation link stays valid.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)

# Two-factor authentication: TOTP apps with recovery codes, open to everyone,
# required of privileged roles before privileged pages (accounts.middleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Living Lab Layanan Digital"
MFA_TOTP_TOLERANCE = 1
MFA_REQUIRED_FOR_PRIVILEGED = True

# The Wagtail admin signs in through allauth, so two-factor applies there too;
# its own password forms are off (allauth's are audited and rate-limited).
WAGTAILADMIN_LOGIN_URL = "account_login"
# A page with a sign-in restriction sends readers to allauth's sign-in (with
# two-factor), not Wagtail's own password-only form.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Email changes go through allauth too, so a new address is verified first.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# No third-party requests from the admin (CSP, privacy).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# National single sign-on (OpenID Connect), on only when configured.
OIDC_SERVER_URL = env("OIDC_SERVER_URL", default="")
OIDC_CLIENT_ID = env("OIDC_CLIENT_ID", default="")
OIDC_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", default="")


def oidc_providers(server_url, client_id, client_secret):
    """SOCIALACCOUNT_PROVIDERS for the national SSO, or {} when unconfigured."""
    if not (server_url and client_id and client_secret):
        return {}
    return {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "sso",
                    "name": "SSO Nasional",
                    "client_id": client_id,
                    "secret": client_secret,
                    "settings": {"server_url": server_url, "oauth_pkce_enabled": True},
                }
            ],
        }
    }


SOCIALACCOUNT_PROVIDERS = oidc_providers(
    OIDC_SERVER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET
)
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
# Trust the SSO's verified email to sign in an existing account by email.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = env.bool("OIDC_TRUST_EMAIL", default=False)
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = SOCIALACCOUNT_EMAIL_AUTHENTICATION

# Security headers everywhere (production adds TLS-only settings).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURITY_CONTACT = env("SECURITY_CONTACT", default="mailto:security@livinglab.go.id")
# Where people write to the programme team (contact, accessibility, privacy pages).
CONTACT_EMAIL = env("CONTACT_EMAIL", default="livinglab@kemendagri.go.id")

# Content Security Policy (django-csp 4). No inline script anywhere: behaviour
# lives in static files. Video embeds come from EMBED_FRAME_ORIGINS (env CSP_FRAME_SRC).
EMBED_FRAME_ORIGINS = env.list(
    "CSP_FRAME_SRC",
    default=["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *EMBED_FRAME_ORIGINS],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
    },
}
# Additions under /admin/ only (see accounts.middleware). Wagtail 8's admin
# initialises widgets with inline scripts (InlinePanel, choosers, date
# pickers: ``<script>new DocumentChooser(...)</script>``) and its bundled
# scripts inject style elements; with the public policy those panels break.
# Found with headless Chromium and a report-uri on the admin pages. The
# admin is reached only by staff signed in through allauth (with two-factor
# for privileged roles); the public site keeps the strict policy.
CONTENT_SECURITY_POLICY_ADMIN_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
}
# No calls home from the admin (releases.wagtail.org): CSP, privacy.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Programme threshold: the "2,4" the launch report used to pick the 10 top-SPBE
# regions. NOT a value of the national SPBE series (that is data:
# NationalSpbeAverage, fixtures/national_spbe.csv; see docs/SPBE.md).
SPBE_NATIONAL_REFERENCE = env.float("SPBE_NATIONAL_REFERENCE", default=2.4)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "livinglab": {"level": env("LOG_LEVEL", default="INFO")},
        "search": {"level": env("LOG_LEVEL", default="INFO")},
        "innovations": {"level": env("LOG_LEVEL", default="INFO")},
    },
}

PAGE_TITLE_SUFFIX = _("Living Lab Layanan Digital")
