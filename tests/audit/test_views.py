"""The viewer at /hub/audit/, its CSV and GET /api/v1/audit-log/ (managers only)."""

import csv
import io
from datetime import UTC, datetime

import pytest
from pytest_django.asserts import assertInHTML

from audit.models import AuditEntry
from audit.services import audit_record
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db


def _entries(actor, n, **fields):
    ticket = TicketFactory()
    return [
        audit_record(
            actor=actor,
            action=fields.get("action", "ticket.status"),
            obj=ticket,
            changes={"status": ["New", "Open"]},
        )
        for _ in range(n)
    ]


@pytest.fixture
def history(manager, intern):
    ticket = TicketFactory(subject="=HYPERLINK(evil)")
    old = audit_record(actor=intern, action="ticket.note", obj=ticket)
    AuditEntry.objects.filter(pk=old.pk).update(
        created_at=datetime(2026, 1, 5, 22, 30, tzinfo=UTC)
    )
    new = audit_record(
        actor=manager,
        action="ticket.assign",
        obj=ticket,
        changes={"assignee": ["", "intern@staff.example"]},
    )
    return ticket, old, new


def test_managers_see_who_did_what_to_which_object_in_their_time_zone(
    client_as, manager, history
):
    manager.time_zone = "Australia/Sydney"
    manager.save()
    html = client_as(manager).get("/hub/audit/").content.decode()
    assert "intern@staff.example" in html and "ticket.note" in html
    assert "2026-01-06 09:30:00" in html  # 22:30 UTC is 09:30 next day in Sydney
    assertInHTML(
        '<div><strong>assignee</strong>: — <span class="flip-rtl">→</span>'
        " intern@staff.example</div>",
        html,
    )


def test_the_viewer_filters_by_actor_object_and_since(client_as, manager, history):
    ticket, old, new = history
    browser = client_as(manager)

    def shown(**params):
        response = browser.get("/hub/audit/", params)
        return [entry.pk for entry in response.context["entries"]]

    assert shown(actor="intern@staff.example") == [old.pk]
    assert shown(actor=str(manager.pk)) == [new.pk]
    assert shown(object=f"tickets.ticket:{ticket.pk}") == [new.pk, old.pk]
    assert shown(object="tickets.ticket:999999") == []
    assert shown(since="2026-02-01") == [new.pk]
    assert shown(action="ticket.") == [new.pk, old.pk]


def test_since_without_a_zone_is_read_in_the_managers_own_zone(
    client_as, manager, history
):
    _ticket, old, _new = history
    manager.time_zone = "Australia/Sydney"
    manager.save()
    browser = client_as(manager)
    # 2026-01-06 09:00 in Sydney is 22:00 UTC on the 5th: the 22:30 row is after it
    entries = browser.get("/hub/audit/", {"since": "2026-01-06 09:00"}).context[
        "entries"
    ]
    assert old in list(entries)
    entries = browser.get("/hub/audit/", {"since": "2026-01-06 10:00"}).context[
        "entries"
    ]
    assert old not in list(entries)


def test_the_viewer_pages_with_a_constant_number_of_queries(
    client_as, manager, django_assert_num_queries
):
    browser = client_as(manager)
    _entries(manager, 3)
    browser.get("/hub/audit/")  # warm the session and permission caches
    with django_assert_num_queries(5) as small:
        browser.get("/hub/audit/")
    _entries(manager, 120)
    with django_assert_num_queries(len(small.captured_queries)):
        response = browser.get("/hub/audit/", {"page": 2})
    assert len(response.context["entries"]) == 50
    assert response.context["page_obj"].paginator.num_pages == 3


def test_the_csv_has_every_filtered_row_and_no_live_formulas(
    client_as, manager, history
):
    ticket, old, new = history
    response = client_as(manager).get(
        "/hub/audit/export.csv", {"object": f"tickets.ticket:{ticket.pk}"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["when (UTC)", "who", "action"]
    assert [row[2] for row in rows[1:]] == ["ticket.assign", "ticket.note"]
    assert rows[1][5].startswith("HUB-")  # the label: reference and subject
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)
    assert rows[1][6] == "assignee: — → intern@staff.example"


@pytest.mark.parametrize("who", ["intern", "member_a"])
def test_interns_and_network_people_never_see_the_log(client_as, who, request):
    browser = client_as(request.getfixturevalue(who))
    assert browser.get("/hub/audit/").status_code == 404
    assert browser.get("/hub/audit/export.csv").status_code == 404


# --- API ---------------------------------------------------------------------------


def test_the_api_lists_and_filters_for_managers(api_as, manager, history):
    ticket, old, new = history
    client = api_as(manager)
    body = client.get("/api/v1/audit-log/").json()
    assert [row["id"] for row in body["results"]] == [new.pk, old.pk]
    row = body["results"][0]
    assert row["who"] == manager.email and row["actor"] == manager.pk
    assert row["object"] == f"tickets.ticket:{ticket.pk}"
    assert row["changes"] == {"assignee": ["", "intern@staff.example"]}
    assert [
        r["id"]
        for r in client.get(
            "/api/v1/audit-log/", {"actor": "intern@staff.example"}
        ).json()["results"]
    ] == [old.pk]
    since = client.get("/api/v1/audit-log/", {"since": "2026-02-01T00:00:00Z"}).json()
    assert [r["id"] for r in since["results"]] == [new.pk]
    by_object = client.get(
        "/api/v1/audit-log/", {"object": f"tickets.ticket:{ticket.pk}"}
    ).json()
    assert by_object["count"] == 2


def test_a_bad_since_is_a_json_400(api_as, manager):
    response = api_as(manager).get("/api/v1/audit-log/", {"since": "yesterday"})
    assert response.status_code == 400
    assert set(response.json()) == {"message", "errors"}
    assert "since" in response.json()["errors"]


@pytest.mark.parametrize(
    ("who", "status"), [("intern", 403), ("member_a", 403), (None, 401)]
)
def test_the_api_refuses_everyone_but_managers(
    api_as, api_client, who, status, request
):
    client = api_as(request.getfixturevalue(who)) if who else api_client
    response = client.get("/api/v1/audit-log/")
    assert response.status_code == status
    assert "results" not in response.json()


def test_the_api_list_keeps_a_constant_query_count(
    api_as, manager, django_assert_num_queries
):
    client = api_as(manager)
    _entries(manager, 2)
    client.get("/api/v1/audit-log/")
    with django_assert_num_queries(3) as small:  # the role, count, page
        client.get("/api/v1/audit-log/")
    _entries(manager, 60)
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(client.get("/api/v1/audit-log/").json()["results"]) == 25
