"""The marketing API: events and registrations, content figures, brand assets."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketing.models import ContentMetric, Registration
from tests.hub.factories import MembershipFactory
from tests.marketing.factories import ContentItemFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_register_through_the_api_then_cancel_promotes(api_as, member_a, member_b):
    event = EventFactory(capacity=1)
    first = api_as(member_a).post(f"/api/v1/events/{event.pk}/registrations/")
    second = api_as(member_b).post(f"/api/v1/events/{event.pk}/registrations/")
    assert (first.status_code, first.json()["status"]) == (201, "registered")
    assert second.json()["status"] == "waitlisted"

    gone = api_as(member_a).delete(
        f"/api/v1/events/{event.pk}/registrations/{first.json()['id']}/"
    )

    assert gone.status_code == 204
    assert Registration.objects.get(pk=second.json()["id"]).status == "registered"


def test_a_manager_creates_an_event_with_json_field_errors(api_as, manager):
    start = timezone.now() + timedelta(days=3)
    bad = api_as(manager).post(
        "/api/v1/events/",
        {
            "title": "Meetup",
            "kind": "party",
            "starts_at": start.isoformat(),
            "ends_at": (start - timedelta(hours=1)).isoformat(),
            "time_zone": "Europe/London",
        },
        format="json",
    )
    assert bad.status_code == 400
    body = bad.json()
    assert body["message"] and "kind" in body["errors"]
    good = api_as(manager).post(
        "/api/v1/events/",
        {
            "title": "Meetup",
            "kind": "meetup",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "time_zone": "Europe/London",
            "venue": "Soho House",
            "capacity": 30,
        },
        format="json",
    )
    assert good.status_code == 201 and good.json()["status"] == "draft"
    published = api_as(manager).post(f"/api/v1/events/{good.json()['id']}/publish/")
    assert published.json()["status"] == "published"


def test_members_cannot_create_events(api_as, member_a):
    response = api_as(member_a).post("/api/v1/events/", {}, format="json")
    assert response.status_code == 403 and "message" in response.json()


def test_content_metrics_upsert_and_item_totals(api_as, network_a, member_a):
    item = ContentItemFactory(network=network_a)
    rows = [
        {"url": item.url, "date": "2026-03-01", "metric": "views", "value": 200},
        {"url": item.url, "date": "2026-03-01", "metric": "likes", "value": 30},
        {"url": item.url, "date": "2026-03-01", "metric": "shares", "value": 10},
    ]
    client = api_as(member_a)
    assert client.post("/api/v1/content/metrics/", rows, format="json").json() == {
        "new": 3,
        "changed": 0,
        "unchanged": 0,
    }
    again = client.post("/api/v1/content/metrics/", rows, format="json").json()
    assert again == {"new": 0, "changed": 0, "unchanged": 3}
    detail = client.get(f"/api/v1/content/{item.pk}/").json()
    assert detail["totals"]["views"] == "200.00"
    assert detail["engagement_rate"] == "20.00"
    assert detail["network"] == network_a.slug


def test_a_bad_metric_batch_is_refused_whole_as_json(api_as, network_a, member_a):
    item = ContentItemFactory(network=network_a)
    response = api_as(member_a).post(
        "/api/v1/content/metrics/",
        [
            {"url": item.url, "date": "2026-03-01", "metric": "views", "value": 5},
            {"url": item.url, "date": "someday", "metric": "hearts", "value": -1},
            "not an object",
        ],
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["rows"]) == {"1", "2"}
    assert not ContentMetric.objects.exists()


def test_a_network_creates_its_own_content_and_never_sees_anothers(
    api_as, network_a, network_b, member_a
):
    theirs = ContentItemFactory(network=network_b)
    client = api_as(member_a)
    created = client.post(
        "/api/v1/content/",
        {
            "creator_handle": "ana",
            "url": "https://video.example/new",
            "kind": "post",
            "posted_at": "2026-03-01T10:00:00Z",
        },
        format="json",
    )
    assert created.status_code == 201 and created.json()["network"] == network_a.slug
    listed = [row["url"] for row in client.get("/api/v1/content/").json()["results"]]
    assert listed == ["https://video.example/new"]
    assert client.get(f"/api/v1/content/{theirs.pk}/").status_code == 404
    assert (
        client.post(
            "/api/v1/content/",
            {
                "creator_handle": "x",
                "url": theirs.url,
                "kind": "post",
                "posted_at": "2026-03-01T10:00:00Z",
            },
            format="json",
        ).status_code
        == 400
    )


def test_brand_assets_list_the_current_version(api_as, manager, member_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from marketing import services
    from tests.marketing.factories import PNG

    asset = services.brand_asset_create(
        actor=manager, file=SimpleUploadedFile("l.png", PNG), title="Logo", kind="logo"
    )
    services.brand_version_add(
        asset=asset, actor=manager, file=SimpleUploadedFile("l.png", PNG)
    )
    [row] = api_as(member_a).get("/api/v1/brand-assets/").json()["results"]
    assert row["current_version"] == 2
    assert row["download"] == f"/brand/{asset.pk}/download/"


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/events/", "/content/", "/brand/"])
def test_list_pages_keep_a_constant_number_of_queries(
    client_as, manager, network_a, member_a, url
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from marketing import services
    from tests.marketing.factories import PNG

    def grow(n):
        for _ in range(n):
            event = EventFactory()
            services.event_register(event=event, user=member_a)
            item = ContentItemFactory(network=network_a)
            ContentMetric.objects.create(
                item=item, date="2026-03-01", metric="views", value=5
            )
            services.brand_asset_create(
                actor=manager,
                file=SimpleUploadedFile("l.png", PNG),
                title="L",
                kind="logo",
            )

    browser = client_as(member_a)
    grow(2)
    small = _count(browser, url)
    grow(5)
    assert _count(browser, url) == small
    assert small == EXPECTED_QUERIES[url]


# session, user, memberships/networks and the page's own queries (measured)
EXPECTED_QUERIES = {"/events/": 7, "/content/": 8, "/brand/": 6}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_seat_at_once_get_one_seat_and_one_wait(client_as):
    """Two real requests at the same moment, each in its own thread and database
    connection; the event row lock decides who gets the seat."""
    event = EventFactory(capacity=1)
    people = [MembershipFactory().user for _ in range(2)]
    browsers = [client_as(person) for person in people]
    start = threading.Barrier(2)
    answers = []

    def register(browser):
        start.wait()
        try:
            response = browser.post(f"/api/v1/events/{event.pk}/registrations/")
            answers.append(response.json()["status"])
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(b,)) for b in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(answers) == ["registered", "waitlisted"]
    assert Registration.objects.filter(event=event, status="registered").count() == 1
