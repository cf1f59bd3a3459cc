"""Conditional requests for the API: an ETag on every successful GET under
/api/ and ``304 Not Modified`` for a matching ``If-None-Match``, so clients
polling open data re-download nothing that has not changed."""

from django.middleware.http import ConditionalGetMiddleware


class ApiConditionalGetMiddleware(ConditionalGetMiddleware):
    def process_response(self, request, response):
        if not request.path.startswith("/api/"):
            return response
        return super().process_response(request, response)
