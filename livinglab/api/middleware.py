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
    """The API speaks the client's language, for its messages and for the
    case studies' text (issue 20: the live English translation where one
    exists, ``livinglab.base.translation.show_in``). Under ``/api/`` (no
    language prefix) the rule is, in order:

    1. the ``lang`` query parameter, one of ``settings.LANGUAGES`` (``id``,
       ``en``; case and a region such as ``en-GB`` do not matter); any other
       value is a 400 in our error shape whose message is in both languages
       (``UNKNOWN_LANGUAGE``), before any view runs;
    2. else the ``Accept-Language`` header: its first language the site
       offers;
    3. else Bahasa Indonesia (``LANGUAGE_CODE``).

    The chosen language is activated and set as ``request.LANGUAGE_CODE``;
    responses say it in ``Content-Language`` and vary on ``Accept-Language``.
    Placed right after LocaleMiddleware (which knows no ``lang`` parameter)."""

    #: The 400 message for an unknown ``?lang=``: Indonesian first, then
    #: English, whatever language is active (the caller's is unknown).
    UNKNOWN_LANGUAGE = (
        "Bahasa tidak dikenal: gunakan lang=id (Bahasa Indonesia) atau "
        "lang=en (English). / Unknown language: use lang=id (Indonesian) "
        "or lang=en (English)."
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        asked = request.GET.get("lang", "").strip()
        if asked:
            language = self.parameter_language(asked)
            if language is None:
                return self.unknown_language()
        else:
            language = self.requested_language(
                request.headers.get("Accept-Language", "")
            )
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

    @staticmethod
    def parameter_language(value):
        """The site language ``value`` (a ``lang`` parameter) names, or None.

        ``"en"``, ``"EN"`` and ``"en-GB"`` name English; ``"xx"``,
        ``"english"`` name nothing."""
        from django.conf import settings

        code = value.lower().replace("_", "-")
        offered = dict(settings.LANGUAGES)
        if code in offered:
            return code
        base = code.split("-")[0]
        if "-" in code and base in offered and code[len(base) + 1 :].isalnum():
            return base
        return None

    @classmethod
    def unknown_language(cls):
        """The 400 for an unknown ``lang`` parameter, in our error shape."""
        from django.http import JsonResponse
        from django.utils.cache import patch_vary_headers

        response = JsonResponse(
            {
                "error": {
                    "status": 400,
                    "message": cls.UNKNOWN_LANGUAGE,
                    "detail": {"lang": [cls.UNKNOWN_LANGUAGE]},
                }
            },
            status=400,
        )
        patch_vary_headers(response, ("Accept-Language",))
        return response
