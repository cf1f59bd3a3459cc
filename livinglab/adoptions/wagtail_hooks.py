"""Wagtail hooks of the adoptions app: the sections it adds to the home page
and to region pages (see ``sections.py`` for why they are hooks)."""

from wagtail import hooks

from . import sections


@hooks.register("region_page_sections")
def region_innovations(request, region):
    return sections.region_innovations(request, region)


@hooks.register("home_page_sections")
def home_case_studies(request):
    return sections.home_case_studies(request)
