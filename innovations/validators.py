from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from license_expression import get_spdx_licensing

https_only = URLValidator(
    schemes=["https"], message="Use an https:// address (plain http is refused)."
)


def validate_https(value):
    try:
        https_only(value)
    except ValidationError:
        raise ValidationError(
            _("Use a full https:// address, e.g. https://git.example.go.id/app."),
            code="https_only",
        ) from None


def normalize_spdx(value):
    """``mit`` -> ``MIT``, ``GPL-2.0+`` -> ``GPL-2.0-or-later``; unknown ids refused."""
    expression = (value or "").strip()
    if not expression:
        return ""
    info = get_spdx_licensing().validate(expression)
    if info.errors or not info.normalized_expression:
        raise ValidationError(
            _(
                "“%(value)s” is not an SPDX licence identifier (e.g. MIT, "
                "Apache-2.0, GPL-3.0-or-later; see spdx.org/licenses)."
            )
            % {"value": expression[:80]},
            code="spdx",
        )
    return info.normalized_expression
