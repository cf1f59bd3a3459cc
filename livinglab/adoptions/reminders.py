"""The signed link of a stalled-adoption reminder (``remind_stalled``): it
opens the adoption in the workspace, where the team records where it stands.
Kept apart from the dashboard's figures, which only find the stalled ones."""

from datetime import timedelta

from django.core import signing

REMINDER_SALT = "livinglab.adoptions.stalled-reminder"


def reminder_token(adoption_id, region_id):
    """A signed token for the re-confirmation link of a stalled adoption;
    the workspace reads it with ``read_reminder_token``."""
    return signing.dumps({"a": adoption_id, "r": region_id}, salt=REMINDER_SALT)


def read_reminder_token(token, max_age=timedelta(days=30)):
    """``(adoption_id, region_id)``; raises ``signing.BadSignature`` (or its
    subclass ``SignatureExpired``) for a forged or old token."""
    data = signing.loads(token, salt=REMINDER_SALT, max_age=max_age)
    return data["a"], data["r"]
