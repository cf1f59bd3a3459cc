from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from livinglab.accounts import tokens as token_views
from livinglab.accounts import views as accounts_views
from livinglab.adoptions import compare as compare_views
from livinglab.api import views as api_views
from livinglab.base import views as base_views
from livinglab.notifications import unsubscribe_views

# Language-neutral endpoints: machines call these.
urlpatterns = [
    path("healthz", base_views.healthz, name="healthz"),
    path(".well-known/security.txt", accounts_views.security_txt, name="security-txt"),
    path("api/v1/", include("livinglab.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    re_path(r"^api/(?P<rest>.*)$", api_views.unknown_endpoint),
    # Admin sign-in goes through allauth (two-factor, rate limits, audit).
    path("admin/login/", accounts_views.admin_login),
    # Sign-out only by POST with CSRF (Wagtail's own view ends it on GET).
    path("admin/logout/", accounts_views.admin_logout, name="admin-logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Browsers ask for /favicon.ico on every page whatever the HTML says.
    path("favicon.ico", base_views.favicon, name="favicon"),
]

# People's pages: Indonesian at /, English at /en/.
urlpatterns += i18n_patterns(
    path("akun/", include("livinglab.accounts.urls")),
    path("adopsi/tuan-rumah/kompetisi/", include("livinglab.competitions.urls")),
    path("adopsi/", include("livinglab.adoptions.urls")),
    path("wilayah/", include("livinglab.regions.urls")),
    path("peta/", include("livinglab.adoptions.map_urls")),
    path("token-api/", token_views.tokens, name="api-tokens"),
    path(
        "token-api/<int:pk>/cabut/", token_views.revoke_token, name="api-token-revoke"
    ),
    path("inovasi-kode/", include("innovations.urls")),
    path("kit-replikasi/", include("livinglab.replication.urls")),
    path("data-terbuka/", include("livinglab.opendata.urls")),
    path("cari/", include("search.urls")),
    path("umpan/", include("livinglab.notifications.urls")),
    path("ikuti/", include("livinglab.notifications.follow_urls")),
    path("spbe/", include("livinglab.notifications.spbe_urls")),
    path("kotak-masuk/", include("livinglab.notifications.inbox_urls")),
    path("pertanyaan/", include("livinglab.questions.urls")),
    path("kesegaran/", include("livinglab.freshness.urls")),
    path(
        "berhenti-langganan/<str:token>/",
        unsubscribe_views.unsubscribe,
        name="unsubscribe",
    ),
    # Before Wagtail's catch-all: /inovasi/ is the library's address.
    path("inovasi/banding/", compare_views.compare_page, name="compare"),
    path("inovasi/banding/keranjang/", compare_views.basket, name="compare-basket"),
    # /en/admin/… is the one admin (its language is each person's setting).
    re_path(
        r"^admin/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/%(rest)s", query_string=True),
        name="admin-language-neutral",
    ),
    path("tentang/", base_views.about, name="about"),
    path("kontak/", base_views.contact, name="contact"),
    path("aksesibilitas/", base_views.accessibility, name="accessibility"),
    path("privasi/", base_views.privacy, name="privacy"),
    # /en/api/docs/ and the like: the API has one address in every language.
    re_path(
        r"^api/(?P<rest>.*)$", api_views.language_neutral, name="api-language-neutral"
    ),
    # Wagtail's own front-end sign-in (Django's LoginView) would sign a
    # privileged account in with its password alone, past allauth's
    # two-factor step: every sign-in goes through allauth (re-check finding).
    re_path(
        r"^_util/login/$",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtail-login-through-allauth",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "livinglab.api.views.not_found"
handler500 = "livinglab.api.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
