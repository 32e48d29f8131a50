import pytest

from tests.hub.factories import PASSWORD, NetworkFactory

pytestmark = pytest.mark.django_db


def test_token_for_email_and_password(api_client, member_a):
    response = api_client.post(
        "/api/v1/auth/token/",
        {"username": member_a.email, "password": PASSWORD},
        format="json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/networks/").status_code == 200


def test_wrong_password_is_a_json_error_with_a_message(api_client, member_a):
    response = api_client.post(
        "/api/v1/auth/token/",
        {"username": member_a.email, "password": "wrong"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "Unable to log in" in body["message"]
    assert "non_field_errors" in body["errors"]


def test_missing_fields_are_named(api_client):
    response = api_client.post("/api/v1/auth/token/", {}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"username", "password"}


def test_malformed_json_is_a_clear_400(api_client):
    response = api_client.post(
        "/api/v1/auth/token/", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["message"]


def test_anonymous_gets_401_json(api_client):
    response = api_client.get("/api/v1/networks/")
    assert response.status_code == 401
    assert response.json()["message"]


def test_a_member_lists_only_their_network(api_as, member_a, network_a, network_b):
    response = api_as(member_a).get("/api/v1/networks/")
    assert [n["slug"] for n in response.json()["results"]] == [network_a.slug]


def test_another_networks_detail_is_404(api_as, member_b, network_a):
    response = api_as(member_b).get(f"/api/v1/networks/{network_a.slug}/")
    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "errors": {}}


def test_staff_list_every_network_with_filters(api_as, intern, network_a, network_b):
    response = api_as(intern).get("/api/v1/networks/")
    assert response.json()["count"] == 2
    response = api_as(intern).get("/api/v1/networks/", {"q": "bravo"})
    assert [n["slug"] for n in response.json()["results"]] == [network_b.slug]


def test_networks_are_read_only(api_as, manager, network_a):
    response = api_as(manager).post("/api/v1/networks/", {"name": "x"}, format="json")
    assert response.status_code == 405


def test_unknown_api_path_is_json_404(api_as, manager):
    response = api_as(manager).get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["message"] == "Not found."


@pytest.mark.parametrize("page_size", [5, 50])
def test_network_list_query_count_does_not_grow_with_page_size(
    api_as, manager, page_size, django_assert_num_queries
):
    NetworkFactory.create_batch(60)
    client = api_as(manager)
    with django_assert_num_queries(2):
        response = client.get("/api/v1/networks/", {"page_size": page_size})
    assert len(response.json()["results"]) == page_size


def test_schema_and_docs_work_offline(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/networks/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()
    assert b"drf_spectacular_sidecar/swagger-ui-dist" in docs.content


def test_the_docs_page_speaks_the_readers_language_around_the_english_reference(
    client,
):
    import re

    from django.utils import translation

    page = client.get("/api/docs/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    with translation.override("id"):
        title = translation.gettext("API documentation")
    assert title != "API documentation"
    assert '<html lang="id" dir="ltr">' in page
    assert f"<title>{title} · " in page
    # Swagger UI and the schema it reads are English, and say so
    assert re.search(r'<div id="swagger-ui" lang="en" dir="ltr"', page)
    init = client.get("/api/docs/", {"script": ""}, HTTP_ACCEPT_LANGUAGE="id")
    assert r'"/api/schema/?lang\u003Den"' in init.content.decode()  # escapejs
    # no inline script: the strict policy (script-src 'self') lets it all run
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert "script-src 'self'" in client.get("/api/docs/")["Content-Security-Policy"]


def test_an_arabic_reader_gets_a_right_to_left_frame_and_a_left_to_right_reference(
    client,
):
    page = client.get("/api/docs/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<div id="swagger-ui" lang="en" dir="ltr"' in page


def test_a_database_outage_is_a_503_with_retry_after(api_as, manager, monkeypatch):
    from django.db import OperationalError

    from hub.api import views

    def broken(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views, "network_list", broken)
    response = api_as(manager).get("/api/v1/networks/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "briefly unavailable" in response.json()["message"]
