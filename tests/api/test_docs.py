"""API docs (issue 16, defect 12): public reads show no padlock, writes keep
the token; Swagger UI runs under the site's strict CSP."""

import pytest

pytestmark = pytest.mark.django_db

SAFE = {"get", "head", "options"}


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    import json

    return json.loads(response.content)


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in SAFE | {"post", "put", "patch", "delete"}:
                yield path, method, operation


def test_public_reads_have_no_security_requirement(schema):
    public = [
        (path, method)
        for path, method, op in _operations(schema)
        if method in SAFE and op.get("security")
    ]
    assert public == [
        ("/api/v1/adoptions/{id}/events/", "get"),
        ("/api/v1/innovations/{slug}/replication-kit/", "get"),
        ("/api/v1/regions/{code}/spbe/simulate/", "get"),
    ]
    # the open-data reads in particular
    regions = schema["paths"]["/api/v1/regions/"]["get"]
    assert not regions.get("security")


def test_writes_keep_the_token_requirement(schema):
    writes = [(p, m, op) for p, m, op in _operations(schema) if m not in SAFE]
    assert writes
    for path, method, op in writes:
        assert {"personalToken": []} in op.get("security", []), (path, method)


def test_swagger_ui_has_no_inline_style_and_keeps_the_strict_policy(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html
    assert "livinglab/swagger-ui-page" in html
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "style-src 'self'" in policy
