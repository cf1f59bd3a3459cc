"""One way to read a Django ``ValidationError`` by field, for forms, the API,
importers and loaders (each used to unpack ``error_dict`` its own way)."""

from django.core.exceptions import NON_FIELD_ERRORS


def field_messages(exc):
    """``{field name or None: [message, ...]}`` of a ``ValidationError``.

    ``None`` collects what belongs to no field: Django's ``"__all__"`` and
    errors raised with a message or a list instead of a dict. Messages are
    ``str`` with their parameters applied; order is kept."""
    if hasattr(exc, "error_dict"):
        return {
            (None if name == NON_FIELD_ERRORS else name): [str(m) for m in messages]
            for name, messages in exc.message_dict.items()
        }
    return {None: [str(m) for m in exc.messages]}
