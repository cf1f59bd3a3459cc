"""Admin: fill a case study's source-code entry from an uploaded publiccode.yml.

The entry is added to the page's latest revision and saved as a new draft
revision, so it goes through moderation like any other edit. What the file
held that could not be used comes back as warnings (``publiccode.read``).
The same page lists, for each published source-code entry, the gaps of its
exported publiccode.yml (``publiccode.export``), so the host sees what to
complete.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Site

from . import publiccode
from .models import InnovationPage, SourceCodeLink


class PubliccodeUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("publiccode.yml file"),
        help_text=gettext_lazy("At most 100 KB, UTF-8 YAML (publiccode.yml standard)."),
    )

    def __init__(self, *args, hosts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hosts = hosts

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > publiccode.MAX_BYTES:
            raise ValidationError(_("publiccode.yml is larger than 100 KB."))
        reading = publiccode.read(uploaded.read(publiccode.MAX_BYTES + 1), self.hosts)
        self.parsed, self.notices = reading.fields, reading.notices
        return uploaded


def import_publiccode(request, page_id):
    page = get_object_or_404(InnovationPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    hosts = publiccode.own_hosts(
        [*Site.objects.values_list("hostname", flat=True), request.get_host()]
    )
    form = PubliccodeUploadForm(
        request.POST or None, request.FILES or None, hosts=hosts
    )
    if request.method == "POST" and form.is_valid():
        draft = page.get_latest_revision_as_object()
        links = list(draft.source_code_links.all())
        links.append(SourceCodeLink(**form.parsed))
        draft.source_code_links = links
        draft.save_revision(user=request.user, log_action=True)
        messages.success(
            request,
            _(
                "“%(name)s” was added to the source code as a draft; submit the page for moderation to publish it."
            )
            % {"name": form.parsed["name"]},
        )
        for notice in form.notices:
            messages.warning(request, notice)
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(
        request,
        "innovations/admin/import_publiccode.html",
        {
            "page": page,
            "form": form,
            "exports": [
                (link, publiccode.export(link).gaps)
                for link in page.source_code_links.all()
            ],
        },
        status=400 if form.errors else 200,
    )
