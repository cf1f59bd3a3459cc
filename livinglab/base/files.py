"""Reading the files people hand to management commands."""

import json

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def load_json_file(path):
    """The parsed JSON of ``path``, or a CommandError a person can act on."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except OSError as exc:
        raise CommandError(
            _("Cannot read %(file)s: %(error)s") % {"file": path, "error": exc.strerror}
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CommandError(
            _("%(file)s is not valid JSON: %(error)s") % {"file": path, "error": exc}
        ) from None
