import io
import zipfile

import pytest
from docx import Document


def kit_files(response) -> dict:
    """The members of a kit ZIP response, without the top folder:
    ``{"README.md": bytes, ...}``."""
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    out = {}
    for name in archive.namelist():
        top, _sep, rest = name.partition("/")
        assert top.startswith("kit-replikasi-")
        out[rest] = archive.read(name)
    return out


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a DOCX, one per line."""
    doc = Document(io.BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def make_docx(*lines) -> bytes:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def case_study(sumedang_innovation):
    """The Sumedang case study with its parts, as the kit reads it."""
    from innovations.models import InnovationPage

    return InnovationPage.objects.with_parts().get(pk=sumedang_innovation.pk)


@pytest.fixture
def kit_url(case_study):
    return f"/api/v1/innovations/{case_study.slug}/replication-kit/"
