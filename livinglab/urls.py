from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from livinglab.base import views as base_views

# Language-neutral endpoints: machines call these.
urlpatterns = [
    path("healthz", base_views.healthz, name="healthz"),
    path("api/v1/", include("livinglab.api.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

# People's pages: Indonesian at /, English at /en/.
urlpatterns += i18n_patterns(
    path("akun/", include("livinglab.accounts.urls")),
    path("adopsi/", include("livinglab.adoptions.urls")),
    path("wilayah/", include("livinglab.regions.urls")),
    path("inovasi-kode/", include("innovations.urls")),
    path("cari/", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
