"""Path converters of the site's addresses.

``<region:code>`` matches a kabupaten/kota code in the Kemendagri form
(``32.11``) or the BPS form (``3211``) and hands the view the dotted form, so
no view parses a code from its address. Whether that region exists (and may
be used there) is still the view's question (``regions.queries.region_or_404``).
The public region page keeps ``<str:code>``: it also accepts names
(``kabupaten-garut``) and redirects them to the code.
"""

from django.urls import register_converter


class RegionCodeConverter:
    """``"3211"`` or ``"32.11"`` → ``"32.11"``; ``to_url`` writes the dotted
    form. Anything else does not match (the site's 404, or the API's JSON
    404 under /api/)."""

    regex = r"[0-9]{2}\.?[0-9]{2}"

    def to_python(self, value):
        digits = value.replace(".", "")
        return f"{digits[:2]}.{digits[2:]}"

    def to_url(self, value):
        return self.to_python(str(value))


def register():
    """Register ``region`` (called once, from ``BaseConfig.ready``)."""
    register_converter(RegionCodeConverter, "region")
