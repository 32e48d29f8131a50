"""Issue 14, finding 11: what used to be a 500 is a clear 400/413, JSON on the API.

NUL characters anywhere a request reaches PostgreSQL, deeply nested JSON, huge
bodies and numbers too large to be finite."""

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(network_a, network_b, manager):
    from tests.campaigns.factories import enrolled_campaign

    return enrolled_campaign(network_a, network_b, owner=manager, name="Spring Cup")


@pytest.mark.parametrize(
    "url",
    [
        "/faq/suggest/?q=pay%00out",
        "/faq/?q=pay%00out",
        "/faq/?q%00=payout",
        "/tickets/HUB-%00/",
        "/accounts/login/?next=/%00",
    ],
)
def test_a_nul_in_the_path_or_query_is_a_400_for_anyone(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert b"Traceback" not in response.content


@pytest.mark.parametrize(
    "url", ["/api/v1/faq/articles/?search=a%00b", "/api/v1/tickets/?q=%00"]
)
def test_a_nul_on_the_api_is_a_json_400(api_as, member_a, url):
    response = api_as(member_a).get(url)
    assert response.status_code == 400
    assert set(response.json()) == {"message", "errors"}


def test_a_nul_in_a_form_field_or_cookie_is_a_400(client, client_as, intern):
    for content_type in ("application/x-www-form-urlencoded", None):  # None: multipart
        data = {"username": "a\x00@b.example", "password": "x"}
        if content_type:
            from urllib.parse import urlencode

            data = urlencode(data)
        kwargs = {"content_type": content_type} if content_type else {}
        assert client.post("/accounts/login/", data, **kwargs).status_code == 400
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/faq/").status_code == 400
    assert client_as(intern).get("/tickets/", {"q": "diamonds\x00"}).status_code == 400


def test_a_garbled_multipart_form_is_a_400(client_as, member_a):
    response = client_as(member_a).post(
        "/tickets/new/",
        b"--x\r\nContent-Disposition: form-data\r\n\r\nbroken",
        content_type="multipart/form-data",  # no boundary
    )
    assert response.status_code == 400


def test_the_staff_queue_search_still_works_without_nul(client_as, intern):
    assert client_as(intern).get("/tickets/", {"q": "diamonds"}).status_code == 200


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deeply_nested_json_is_a_json_400(api_as, member_a, depth):
    body = "[" * depth + "]" * depth
    response = api_as(member_a).post(
        "/api/v1/tickets/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "nested" in response.json()["message"]


def test_ordinary_nesting_still_parses(api_as, manager, campaign):
    rows = [{"network": "alpha-agency", "date": "2026-03-02", "metric": "gifts"}]
    rows[0]["value"] = 3
    response = api_as(manager).post(
        f"/api/v1/campaigns/{campaign.pk}/metrics/", rows, format="json"
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        '{"subject": "a\\u0000b", "description": "x"}',
        '{"subject": "x", "description": 1e309}',
        '{"subject": "x", "description": NaN}',
        '{"subject": "x", "description": Infinity}',
        b'{"subject": "\xff\xfe"}',
    ],
)
def test_json_that_postgresql_or_python_cannot_hold_is_a_json_400(
    api_as, member_a, body
):
    response = api_as(member_a).post(
        "/api/v1/tickets/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"message", "errors"}


def test_a_20_mb_api_body_is_a_json_413(api_as, member_a):
    body = json.dumps({"subject": "x" * (20 * 1024 * 1024), "description": "y"})
    response = api_as(member_a).post(
        "/api/v1/tickets/", body, content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["message"] == "The request body is too large."


def test_a_20_mb_form_is_a_413(client_as, member_a):
    response = client_as(member_a).post(
        "/tickets/new/",
        "subject=x&description=" + "y" * (20 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413


def test_the_largest_api_batch_still_fits(api_as, manager, campaign, settings):
    """50,000 figures (the API's own limit) are ~4.5 MB: under the body limit."""
    row = {"network": "alpha-agency", "date": "2026-03-02", "metric": "gifts"}
    body = json.dumps([{**row, "value": 1}] * 50_000)
    assert len(body) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE


# --- campaign figures --------------------------------------------------------------


def _upload(browser, campaign, text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return browser.post(
        f"/campaigns/{campaign.pk}/figures/upload/",
        {"file": SimpleUploadedFile("figures.csv", text.encode(), "text/csv")},
    )


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("1e309", "value is too large"),
        ("9" * 200_000, "cannot be read"),
        ("1" + "0" * 150, "value is too large"),
        ("1" + "0" * 250, "value is longer than 200 characters"),
        ("-1e309", "must not be negative"),
    ],
)
def test_a_figure_too_large_or_too_long_is_a_row_error_by_line(
    client_as, manager, campaign, cell, problem
):
    text = (
        "network,date,metric,value\n"
        "alpha-agency,2026-03-02,gifts,4\n"
        f"alpha-agency,2026-03-03,gifts,{cell}\n"
    )
    response = _upload(client_as(manager), campaign, text)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Line 3:" in page and problem in page
    assert len(page) < 200_000  # the bad cell is not repeated back whole
    from campaigns.models import CampaignMetric

    assert not CampaignMetric.objects.exists()


def test_a_huge_network_cell_is_named_not_echoed(client_as, manager, campaign):
    text = "network,date,metric,value\n" + "n" * 1000 + ",2026-03-02,gifts,1\n"
    page = _upload(client_as(manager), campaign, text).content.decode()
    assert "Line 2: network is longer than 200 characters" in page
    assert "n" * 300 not in page


@pytest.mark.parametrize("value", [1e308 * 10, "1e309", "9" * 200_000, {"x": 1}])
def test_api_figures_too_large_are_row_errors(api_as, manager, campaign, value):
    rows = [
        {"network": "alpha-agency", "date": "2026-03-02", "metric": "gifts"},
    ]
    rows[0]["value"] = value
    body = json.dumps(rows)  # 1e308 * 10 is written as Infinity
    response = api_as(manager).post(
        f"/api/v1/campaigns/{campaign.pk}/metrics/",
        body,
        content_type="application/json",
    )
    assert response.status_code == 400
    payload = response.json()
    assert set(payload) >= {"message", "errors"}
    assert len(response.content) < 5_000
