"""Checks of the GOV.UK-style error summary (templates/components/error_summary.html),
shared by tests/accounts and tests/adoptions."""

from bs4 import BeautifulSoup

HEADINGS = {"id": "Ada masalah", "en": "There is a problem"}


def assert_error_summary(response, language="id"):
    """The page shows one error summary at the top of the invalid form:
    ``role="alert"``, ``tabindex="-1"``, the heading "Ada masalah" (or
    "There is a problem"), and a list whose every link points at an element
    of the page (the field). Returns the summary's list of (text, target id)."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    summaries = soup.select(".error-summary")
    assert len(summaries) == 1, f"{len(summaries)} error summaries"
    summary = summaries[0]
    assert summary.get("role") == "alert"
    assert summary.get("tabindex") == "-1"
    heading = summary.find(["h2", "h1"])
    assert heading is not None and heading.get_text(strip=True) == HEADINGS[language]
    # First thing in its form: before any field.
    form = summary.find_parent("form")
    assert form is not None
    first_field = form.select_one(".field")
    if first_field is not None:
        assert summary.sourceline < first_field.sourceline or (
            summary.sourceline == first_field.sourceline
            and summary.sourcepos < first_field.sourcepos
        )
    items = summary.select("li")
    assert items, "an empty error summary"
    links = []
    for item in items:
        link = item.find("a")
        assert link is not None, f"no link in {item}"
        target = link["href"]
        assert target.startswith("#") and len(target) > 1, target
        assert soup.find(id=target[1:]) is not None, f"{target} is not on the page"
        links.append((link.get_text(" ", strip=True), target[1:]))
        # each item names its field (newcomer, session 5: two bare "Isian
        # ini wajib diisi." did not say which fields)
        if "error-summary-field" in item.get("class", []):
            name, _colon, message = links[-1][0].partition(": ")
            assert name.strip() and message.strip(), links[-1][0]
    return links


def field_errors_beside(response, field_id):
    """The error messages drawn in the field block of ``field_id``."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    element = soup.find(id=field_id)
    assert element is not None, field_id
    block = element.find_parent(class_="field")
    assert block is not None, f"{field_id} is not inside a .field block"
    return [p.get_text(" ", strip=True) for p in block.select(".error")]
