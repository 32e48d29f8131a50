"""/tickets/export.csv: the queue's current view, same filters, same people."""

import csv
import io

import pytest

from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db


def _rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    )


def test_the_export_has_the_filtered_queue_in_its_order(client_as, intern, network_a):
    urgent = TicketFactory(network=network_a, priority="urgent", status="open")
    TicketFactory(network=network_a, priority="low", status="open")
    solved = TicketFactory(network=network_a, priority="urgent", status="solved")
    urgent.tags.create(name="payouts")
    browser = client_as(intern)
    # open work by default, as the queue shows it (issue 17)
    rows = _rows(browser.get("/tickets/export.csv", {"priority": "urgent"}))
    assert [row["reference"] for row in rows] == [urgent.reference]
    assert rows[0]["tags"] == "payouts" and rows[0]["network"] == network_a.name
    every = {"priority": "urgent", "status": ["open", "solved"]}
    rows = _rows(browser.get("/tickets/export.csv", every))
    assert [row["reference"] for row in rows] == [solved.reference, urgent.reference]
    queue = browser.get("/tickets/", every)
    assert [t.reference for t in queue.context["tickets"]] == [
        row["reference"] for row in rows
    ]


def test_cells_are_formula_safe(client_as, manager):
    TicketFactory(subject='=HYPERLINK("http://evil.example","click")')
    (row,) = _rows(client_as(manager).get("/tickets/export.csv"))
    assert row["subject"].startswith("'=")


def test_a_bad_filter_is_ignored_like_in_the_queue_not_a_500(client_as, manager):
    TicketFactory()
    response = client_as(manager).get("/tickets/export.csv", {"status": "nonsense"})
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["member_a", "owner_a", "outsider"])
def test_network_people_cannot_export_the_queue(client_as, who, request, network_a):
    TicketFactory(network=network_a)
    response = client_as(request.getfixturevalue(who)).get("/tickets/export.csv")
    assert response.status_code == 404


def test_the_export_reads_in_chunks_one_tag_query_per_chunk(
    client_as, manager, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tickets.selectors import export

    monkeypatch.setattr(export, "EXPORT_CHUNK", 10)
    browser = client_as(manager)
    TicketFactory.create_batch(5)
    browser.get("/tickets/export.csv")  # warm the session and permission caches
    with CaptureQueriesContext(connection) as small:
        assert len(_rows(browser.get("/tickets/export.csv"))) == 5
    TicketFactory.create_batch(25)
    with CaptureQueriesContext(connection) as big:
        assert len(_rows(browser.get("/tickets/export.csv"))) == 30
    # one chunk of 5, then three chunks of 10: two more tag lookups, nothing per row
    assert len(big.captured_queries) - len(small.captured_queries) == 2
