from django.utils.translation import gettext as _

from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination


class CountResultsPagination(PageNumberPagination):
    """``{"count", "next", "previous", "results"}``; ``page_size`` up to 600
    so one call can fetch all 514 regencies."""

    page_size_query_param = "page_size"
    max_page_size = 600

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise NotFound(
                _(
                    "There is no page %(page)s; pages start at 1 and end at the last page."
                )
                % {"page": request.query_params.get(self.page_query_param)}
            ) from None
