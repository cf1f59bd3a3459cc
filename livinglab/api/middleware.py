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
