from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from . import publiccode
from .models import InnovationPage, SourceCodeLink


def publiccode_yml(request, slug, pk):
    """The publiccode.yml of a published case study's source-code entry
    (404 for a draft, an unpublished or a view-restricted case study)."""
    link = get_object_or_404(
        SourceCodeLink.objects.select_related("page__host_region"),
        pk=pk,
        page__slug=slug,
        page__in=InnovationPage.objects.published().values("pk"),
    )
    response = HttpResponse(
        publiccode.render(link), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="publiccode.yml"'
    return response
