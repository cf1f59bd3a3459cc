"""Claim an e-mail before sending it, so that it is sent once.

``claim`` inserts the delivery row in its own transaction: the database's
unique constraint decides which of two concurrent workers sends (on
PostgreSQL the second insert waits for the first to commit, then fails).
``release`` gives the claim back when sending failed, so a later run retries.
"""

from django.db import IntegrityError, transaction

from .models import EmailDelivery


def claim(kind, recipient, object_key, period=""):
    """True when this caller may send the e-mail ``(kind, recipient,
    object_key, period)`` (all strings); False when it was already claimed."""
    try:
        with transaction.atomic():
            EmailDelivery.objects.create(
                kind=kind, recipient=recipient, object_key=object_key, period=period
            )
    except IntegrityError:
        return False
    return True


def is_claimed(kind, recipient, object_key, period=""):
    """Whether the e-mail was already claimed (for dry runs)."""
    return EmailDelivery.objects.filter(
        kind=kind, recipient=recipient, object_key=object_key, period=period
    ).exists()


def release(kind, recipient, object_key, period=""):
    """Forget a claim whose e-mail could not be sent."""
    EmailDelivery.objects.filter(
        kind=kind, recipient=recipient, object_key=object_key, period=period
    ).delete()
