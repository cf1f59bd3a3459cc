"""Wagtail hooks of the adoptions app: the sections it adds to the home page,
region pages and case-study pages (see ``sections.py`` for why they are hooks)."""

from wagtail import hooks

from . import sections
from .models import implementing_region_names


@hooks.register("region_page_sections")
def region_innovations(request, region):
    return sections.region_innovations(request, region)


@hooks.register("home_page_sections")
def home_case_studies(request):
    return sections.home_case_studies(request)


@hooks.register("innovation_page_context")
def case_study_adoptions(page, request):
    return sections.case_study_adoptions(page, request)


@hooks.register("innovation_implementing_regions")
def implementing_regions(page):
    """publiccode.yml's ``usedBy`` (innovations/publiccode_export.py)."""
    return implementing_region_names(page)
