"""A kit document template cannot break the kit (review findings 1 and 6):
an administrator's template that fails for one case study falls back to the
default for that document, and the sandbox caps what a template may build."""

import logging
import time

import pytest

from livinglab.accounts.models import AuditEvent
from livinglab.replication import documents, forms
from livinglab.replication.models import ReplicationDocumentTemplate

from .conftest import docx_text, kit_files, make_docx
from .test_templates_admin import _upload

pytestmark = pytest.mark.django_db


def test_an_upload_that_needs_a_non_empty_list_is_refused(client, superuser):
    """``{{ innovation_licences[0] }}`` renders with the sample context (one
    licence) but fails for a case study without one: refused at upload."""
    client.force_login(superuser)
    response = _upload(client, make_docx("Lisensi: {{ innovation_licences[0] }}"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "tidak dapat diisi" in html
    assert "no element 0" in html
    assert not ReplicationDocumentTemplate.objects.exists()


def test_a_stored_template_that_fails_falls_back_to_the_default(
    client, team_member, kit_url, caplog
):
    """A template saved before the upload check knew better (or one failing
    only for some case studies) does not turn the download into a 500: that
    document uses the default, the audit row and the log say so."""
    broken = make_docx("Lisensi: {{ innovation_licences[5] }} {{ nama_wilayah }}")
    ReplicationDocumentTemplate.objects.create(
        kind="surat_minat", content=broken, file_name="rusak.docx", size=len(broken)
    )
    good = make_docx("SOP VERSI ADMIN untuk {{ region_name }}")
    ReplicationDocumentTemplate.objects.create(
        kind="sop", content=good, file_name="sop.docx", size=len(good)
    )
    client.force_login(team_member)
    with caplog.at_level(logging.ERROR, logger="livinglab.replication"):
        files = kit_files(client.get(kit_url))
    letter = docx_text(files["dokumen/01-surat-minat-replikasi.docx"])
    assert "PEMERINTAH KABUPATEN GARUT" in letter  # the default letter
    assert "Lisensi" not in letter
    assert "SOP VERSI ADMIN untuk Kabupaten Garut" in docx_text(
        files["dokumen/04-kerangka-sop.docx"]
    )
    event = AuditEvent.objects.get(action="export")
    assert event.detail["templates"]["surat_minat"] == "default-fallback"
    assert event.detail["templates"]["sop"] == "admin"
    assert "surat_minat" in event.detail["template_errors"]
    assert any(
        "surat_minat" in record.getMessage() and record.levelno == logging.ERROR
        for record in caplog.records
    )


@pytest.mark.parametrize(
    "snippet",
    [
        "{{ 'x' * 50000000 }}",
        "{{ region_name * 10000000 }}",
        "{{ innovation_indicators * 10000000 }}",
        "{{ 10 ** 10000000 }}",
        "{% for a in range(100000) %}{% for b in range(300) %}x{% endfor %}{% endfor %}",
        "{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}",
        "{{ lipsum(n=100000) }}",
        "{% set a = region_name ~ region_name %}" + "{% set a = a ~ a %}" * 40,
        "{% set ns = namespace(s=region_name) %}{% for i in range(60) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "{% for a in 'x' * 9999 %}{% for b in 'y' * 9999 %}{% endfor %}{% endfor %}",
        "{{ 'x'|center(1000000000) }}",
        "{{ region_name.ljust(1000000000) }}",
        "{{ '%0999999999d'|format(1) }}",
        "{{ '%0999999999d' % 1 }}",
        "{{ '{:>999999999}'.format(1) }}",
        "{{ innovation_training.extend(innovation_training) }}",
    ],
    ids=[
        "str-times",
        "var-times",
        "list-times",
        "power",
        "nested-range",
        "loops",
        "lipsum",
        "tilde-doubling",
        "plus-doubling",
        "loops-over-text",
        "center",
        "ljust",
        "format-filter",
        "percent",
        "str-format",
        "list-extend",
    ],
)
def test_an_upload_that_builds_too_much_is_refused_quickly(client, superuser, snippet):
    client.force_login(superuser)
    started = time.monotonic()
    response = _upload(client, make_docx(f"Salam {{{{ region_name }}}} {snippet}"))
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert "tidak dapat diisi" in response.content.decode()
    assert not ReplicationDocumentTemplate.objects.exists()


def test_render_caps_the_output(settings):
    """The filled document is at most ``REPLICATION_DOCUMENT_MAX_BYTES``
    (every part's XML together), whatever the loop that builds it."""
    settings.REPLICATION_DOCUMENT_MAX_BYTES = 50_000
    template = make_docx(
        "{% for i in range(900) %}{{ innovation_indicators|join(' ') }} "
        "{{ region_name }} {{ host_name }} {{ innovation_summary }}{% endfor %}"
    )
    with pytest.raises(documents.TemplateError, match="50"):
        documents.render(template, documents.sample_context())
    settings.REPLICATION_DOCUMENT_MAX_BYTES = 5_000_000
    assert "Kabupaten Contoh" in docx_text(
        documents.render(template, documents.sample_context())
    )


def test_ordinary_templates_still_work():
    """Loops over the lists, a short range, small repetition and arithmetic
    are still allowed."""
    template = make_docx(
        "{% for x in innovation_indicators %}{{ loop.index }}. {{ x }}{% endfor %}",
        "{% for i in range(3) %}[{{ i }}]{% endfor %} {{ '-' * 20 }} {{ 2 ** 10 }}",
        "{{ innovation_training|join(', ') }} {{ innovation_licences + ['GPL'] }}",
    )
    text = docx_text(documents.render(template, documents.sample_context()))
    assert "1. 15. Pembangunan Aplikasi SPBE" in text
    assert "[0][1][2] " + "-" * 20 + " 1024" in text
    forms.check_docx(template)
