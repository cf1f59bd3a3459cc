from django.utils.translation import gettext as _

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class CountResultsPagination(PageNumberPagination):
    """``{"count", "next", "previous", "results"}``; ``page_size`` up to 600
    so one call can fetch all 514 regencies. A ``page`` or ``page_size`` that
    is not a whole number in range is refused with a message (400), never
    silently replaced."""

    page_size_query_param = "page_size"
    max_page_size = 600

    def _check(self, request):
        errors = {}
        for name, low, high in (
            (self.page_query_param, 1, None),
            (self.page_size_query_param, 1, self.max_page_size),
        ):
            values = request.query_params.getlist(name)
            if not values:
                continue
            value = values[-1]
            if (
                len(values) > 1
                or not (value.isdecimal() and value.isascii())
                or int(value) < low
                or (high and int(value) > high)
            ):
                errors[name] = [
                    _("Give one whole number from %(low)s to %(high)s.")
                    % {"low": low, "high": high or "…"}
                ]
        if errors:
            raise ValidationError(errors)

    def paginate_queryset(self, queryset, request, view=None):
        self._check(request)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise NotFound(
                _(
                    "There is no page %(page)s; pages start at 1 and end at the last page."
                )
                % {"page": request.query_params.get(self.page_query_param)}
            ) from None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "results"]
        return response
