from django.utils.translation import get_language


def localized(name, name_en):
    """The English name when English is active and one exists, else the Indonesian."""
    if (get_language() or "").startswith("en") and name_en:
        return name_en
    return name
