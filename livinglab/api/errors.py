"""One JSON shape for every API error: ``{"error": {"status", "message", "detail"}}``.

``message`` is a sentence a person can act on, in the active language;
``detail`` keeps the per-field messages for programs.
"""

from rest_framework.views import exception_handler as drf_exception_handler


def _first_messages(detail):
    """``{"province": ["…"], "page": ["…"]}`` -> ``"province: …; page: …"``."""
    parts = []
    for field, messages in detail.items():
        if isinstance(messages, (list, tuple)) and messages:
            message = messages[0]
        else:
            message = messages
        parts.append(
            f"{field}: {message}" if field != "non_field_errors" else str(message)
        )
    return "; ".join(parts)


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and set(data) == {"detail"}:
        message, detail = str(data["detail"]), None
    elif isinstance(data, dict) and data:
        message, detail = _first_messages(data), data
    else:
        message, detail = str(getattr(exc, "default_detail", "")), data
    response.data = {
        "error": {"status": response.status_code, "message": message, "detail": detail}
    }
    return response
