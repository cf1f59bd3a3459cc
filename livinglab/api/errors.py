"""One JSON shape for every API error: ``{"error": {"status", "message", "detail"}}``.

``message`` is a sentence a person can act on, in the active language.
"""

from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and set(data) == {"detail"}:
        message = str(data["detail"])
        detail = None
    else:
        message = str(getattr(exc, "default_detail", "Invalid request."))
        detail = data
    response.data = {
        "error": {"status": response.status_code, "message": message, "detail": detail}
    }
    return response
