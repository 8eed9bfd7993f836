"""The OpenAPI document: generated without warnings, valid OpenAPI 3, and covering every v1 endpoint."""
import json

import pytest
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS

EXPECTED_OPERATIONS = {
    ("/api/v1/auth/token/", "post"),
    ("/api/v1/auth/token/", "delete"),
    ("/api/v1/cases/", "get"),
    ("/api/v1/cases/", "post"),
    ("/api/v1/cases/{id}/", "get"),
    ("/api/v1/cases/{id}/transition/", "post"),
    ("/api/v1/cases/{id}/assign/", "post"),
    ("/api/v1/cases/{id}/notes/", "post"),
    ("/api/v1/parties/{id}/reveal/", "post"),
    ("/api/v1/regions/", "get"),
    ("/api/v1/regions/{code}/", "get"),
    ("/api/v1/departments/", "get"),
    ("/api/v1/departments/{code}/", "get"),
}
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema(tmp_path_factory, django_db_blocker) -> dict:
    """`manage.py spectacular --validate --fail-on-warn`, in process: any warning or invalid document fails."""
    path = tmp_path_factory.mktemp("openapi") / "schema.json"
    GENERATOR_STATS.reset()
    with django_db_blocker.unblock():
        call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", str(path))
    return json.loads(path.read_text())


def _operations(schema: dict) -> dict[tuple[str, str], dict]:
    return {
        (path, method): operation
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def test_schema_lists_every_endpoint(schema):
    assert set(_operations(schema)) >= EXPECTED_OPERATIONS
    assert schema["openapi"].startswith("3.")


def test_every_write_documents_its_body_and_errors(schema):
    error_ref = "#/components/schemas/Error"
    for (path, method), operation in _operations(schema).items():
        if not path.startswith("/api/v1/"):
            continue
        responses = operation["responses"]
        assert any(code.startswith("2") for code in responses), (path, method)
        if method == "post":
            body = operation["requestBody"]["content"]["application/json"]["schema"]
            assert body["$ref"].startswith("#/components/schemas/"), (path, method)
            assert responses["400"]["content"]["application/json"]["schema"]["$ref"] == error_ref, (path, method)
        if "{id}" in path or "{code}" in path:
            assert "404" in responses, (path, method)


def test_case_create_documents_idempotency(schema):
    operation = schema["paths"]["/api/v1/cases/"]["post"]
    headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
    assert "Idempotency-Key" in headers
    assert {"201", "400", "403", "413", "422"} <= set(operation["responses"])


def test_case_list_documents_its_filters(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    assert {"state", "state_kind", "process", "category", "dispute_type", "region", "channel", "overdue",
            "received_after", "received_before", "q", "ordering", "page", "page_size"} <= set(parameters)
    assert parameters["received_after"]["schema"] == {"type": "string", "format": "date"}
    assert parameters["overdue"]["schema"]["type"] == "boolean"


def test_party_numbers_are_documented_as_masked_strings_only(schema):
    party = schema["components"]["schemas"]["Party"]["properties"]
    assert party["id_number"]["type"] == "string" and party["id_number"].get("readOnly")


def test_schema_and_docs_are_served(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    assert "/api/v1/cases/" in json.loads(response.content)["paths"]
    assert client.get("/api/v1/docs/").status_code == 200
