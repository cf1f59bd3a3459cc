"""Case studies in the API caller's language (issue 20; docs/DATA_FORMATS.md,
"Language of the API").

The caller's language is chosen by ``ApiLanguageMiddleware``
(``livinglab/api/middleware.py``: ``?lang=``, else ``Accept-Language``, else
Indonesian). A serializer that writes a case study's text mixes in
:class:`CaseStudyLanguageMixin`: before its fields are read, the case study
is shown in that language with ``livinglab.base.translation.show_in`` (the
live English translation's text on the Indonesian original, never a draft)
and ``content_language`` says which language its text is in. Lists show all
their case studies at once (:class:`CaseStudyListSerializer`), so English
costs a constant number of queries (three), whatever the page size.
"""

from django.db import models

from rest_framework import serializers

from livinglab.base.translation import page_language, reader_language, show_in

#: The OpenAPI description of a ``language`` field.
LANGUAGE_HELP = (
    "The language of this case study's text: 'en' when a live English "
    "translation is shown, else 'id' (the Indonesian original)."
)


def show_case_studies(pages, context=None):
    """Show ``pages`` (Indonesian originals; None ignored) in the language of
    ``context["request"]`` (a serializer context) or the active language.
    Pages already shown are left alone. Returns nothing."""
    request = (context or {}).get("request")
    show_in(pages, reader_language(request))


def content_language(page):
    """``"en"`` or ``"id"``: the language ``page``'s text is shown in."""
    return getattr(page, "content_language", None) or page_language(page)


class CaseStudyListSerializer(serializers.ListSerializer):
    """``many=True`` of a :class:`CaseStudyLanguageMixin` serializer: every
    item's case study is shown in the caller's language in one go."""

    def to_representation(self, data):
        items = data.all() if isinstance(data, models.manager.BaseManager) else data
        items = list(items)
        show_case_studies(
            [self.child.case_study_of(item) for item in items], self.context
        )
        return super().to_representation(items)


class CaseStudyLanguageMixin:
    """For serializers writing a case study's text (title, summary, ...).

    ``case_study_source``: the attribute holding the case study (None: the
    item is the case study). Set ``list_serializer_class =
    CaseStudyListSerializer`` in the serializer's ``Meta``."""

    case_study_source = None

    def case_study_of(self, item):
        """The case study (an ``InnovationPage``) ``item`` writes, or None."""
        if self.case_study_source is None:
            return item
        return getattr(item, self.case_study_source, None)

    def to_representation(self, instance):
        show_case_studies([self.case_study_of(instance)], self.context)
        return super().to_representation(instance)


#: The languages a case study's text is shown in (the schema's
#: ``ContentLanguageEnum``, settings ``SPECTACULAR_SETTINGS``).
CONTENT_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]

#: The schema of a ``language`` method field: decorate its ``get_<name>``
#: with ``extend_schema_field(LANGUAGE_SCHEMA)``.
LANGUAGE_SCHEMA = serializers.ChoiceField(
    choices=CONTENT_LANGUAGES, help_text=LANGUAGE_HELP
)
