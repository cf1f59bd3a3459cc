"""Conditional requests for the API: an ETag on every successful GET under
/api/ and ``304 Not Modified`` for a matching ``If-None-Match``, so clients
polling open data re-download nothing that has not changed."""

from django.middleware.http import ConditionalGetMiddleware


class ApiConditionalGetMiddleware(ConditionalGetMiddleware):
    def process_response(self, request, response):
        if not request.path.startswith("/api/"):
            return response
        return super().process_response(request, response)


class NulCharacterMiddleware:
    """NUL characters are dropped from query parameters before any view sees
    them: they carry no meaning in a search or a filter, and PostgreSQL cannot
    store or compare text holding one (it would surface as a database error).
    An address whose path holds one names nothing: 404 before any view looks
    it up (``/wilayah/%00/`` reached the region look-up by name)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            from django.http import Http404

            raise Http404("NUL in the path")
        if "%00" in request.META.get("QUERY_STRING", ""):
            from django.http import QueryDict

            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(
                    key.replace("\x00", ""), [v.replace("\x00", "") for v in values]
                )
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class ApiLanguageMiddleware:
    """The API speaks the client's language: under ``/api/`` (no language
    prefix, so Django's LocaleMiddleware always picks Bahasa Indonesia) the
    ``Accept-Language`` header chooses among ``settings.LANGUAGES``;
    Indonesian when it names none of them. Responses vary on the header.
    Placed right after LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        language = self.requested_language(request.headers.get("Accept-Language", ""))
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers["Content-Language"] = language
        return response

    @staticmethod
    def requested_language(header):
        """The first language of ``header`` (an Accept-Language value, e.g.
        ``"en-GB,en;q=0.8"``) that the site offers; else LANGUAGE_CODE."""
        from django.conf import settings
        from django.utils.translation import trans_real

        for code, _quality in trans_real.parse_accept_lang_header(header):
            if code == "*":
                break
            try:
                return trans_real.get_supported_language_variant(code)
            except LookupError:
                continue
        return settings.LANGUAGE_CODE
