"""The text indexed and shown in snippets keeps block boundaries."""

import pytest

from innovations.search import page_text
from livinglab.base.html import html_to_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<h2>Latar Belakang</h2><p>Warga antre</p>", "Latar Belakang Warga antre"),
        ("<ul><li>satu</li><li>dua</li></ul>", "satu dua"),
        ("baris<br>baru", "baris baru"),
        ("<p>A &amp; B</p><p>C</p>", "A & B C"),
        ("<p><b>tebal</b>nya</p>", "tebalnya"),  # inline tags join words
    ],
)
def test_html_to_text(html, text):
    assert html_to_text(html) == text


def test_a_case_studys_heading_does_not_run_into_its_text(sumedang_innovation):
    body = page_text(sumedang_innovation)["body"]
    assert body
    assert "BelakangWarga" not in body and "BelakangPasien" not in body
    for heading in ("Latar Belakang", "Hasil"):
        index = body.find(heading)
        if index >= 0:
            after = body[index + len(heading) : index + len(heading) + 1]
            assert after in (" ", ""), body[index : index + 40]
