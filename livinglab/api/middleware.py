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
    """A NUL character in a query parameter is refused with 400 before any
    view sees it: PostgreSQL cannot store or compare text holding one, so it
    would otherwise surface as a database error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", "") and any(
            "\x00" in key or any("\x00" in v for v in values)
            for key, values in request.GET.lists()
        ):
            return self._refuse(request)
        return self.get_response(request)

    def _refuse(self, request):
        from django.http import HttpResponseBadRequest, JsonResponse
        from django.utils.translation import gettext as _

        message = _("The address holds a NUL character (%00); remove it and try again.")
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"error": {"status": 400, "message": message, "detail": None}},
                status=400,
            )
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
