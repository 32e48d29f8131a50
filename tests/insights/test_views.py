"""Pages: the weekly update, recurring questions, the feedback board, home panels."""

import csv
import io

import pytest

from insights import services
from tests.insights.conftest import WEEK
from tests.insights.factories import FeedbackItemFactory, RecurringGroupFactory
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db


def test_a_manager_reads_the_weekly_update_with_charts(
    client_as, manager, known_tickets
):
    response = client_as(manager).get("/hub/weekly/", {"week": str(WEEK)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Weekly update 2026-W10" in html
    assert html.count('<svg class="chart"') == 2
    assert "?week=2026-W09" in html and "?week=2026-W11" in html
    assert "Payouts: 3" in html  # the bar chart's aria label


def test_a_bad_week_falls_back_to_the_current_week(client_as, manager):
    response = client_as(manager).get("/hub/weekly/", {"week": "nonsense"})
    assert response.status_code == 200
    assert "That is not a week" in response.content.decode()


@pytest.mark.parametrize("who", ["intern", "member_a"])
def test_the_weekly_update_is_for_managers_only(client_as, who, request):
    response = client_as(request.getfixturevalue(who)).get("/hub/weekly/")
    assert response.status_code == 404


def test_the_weekly_update_exports_csv(client_as, manager, known_tickets):
    response = client_as(manager).get(
        "/hub/weekly/", {"week": str(WEEK), "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["volume", "2026-W10 opened", "4"] in rows
    assert ["top categories", "Payouts", "3"] in rows


def test_the_weekly_page_keeps_a_constant_query_count(
    client_as, manager, known_tickets, django_assert_max_num_queries
):
    browser = client_as(manager)
    with django_assert_max_num_queries(14):
        browser.get("/hub/weekly/", {"week": str(WEEK)})
    for _i in range(40):
        TicketFactory(created_at=known_tickets[0].created_at)
    RecurringGroupFactory.create_batch(8)
    with django_assert_max_num_queries(14):
        browser.get("/hub/weekly/", {"week": str(WEEK)})


def test_staff_see_recurring_groups_and_draft_an_article(client_as, intern):
    group = RecurringGroupFactory(label="How do I appeal a LIVE ban?", size=7)
    ticket = TicketFactory(subject=group.label)
    group.tickets.add(ticket)
    browser = client_as(intern)
    page = browser.get("/hub/recurring/")
    assert "How do I appeal a LIVE ban?" in page.content.decode()
    response = browser.post(f"/hub/recurring/{group.pk}/draft/")
    group.refresh_from_db()
    assert response.status_code == 302
    assert (
        response["Location"] == f"/admin/faq/article/{group.draft_article.pk}/change/"
    )
    assert group.draft_article.status == "draft"


def test_drafting_on_get_is_not_allowed(client_as, intern):
    group = RecurringGroupFactory()
    assert client_as(intern).get(f"/hub/recurring/{group.pk}/draft/").status_code == 405


def test_the_recurring_list_keeps_a_constant_query_count(
    client_as, intern, django_assert_max_num_queries
):
    browser = client_as(intern)
    RecurringGroupFactory.create_batch(2)
    with django_assert_max_num_queries(8):
        browser.get("/hub/recurring/")
    RecurringGroupFactory.create_batch(20)
    with django_assert_max_num_queries(8):
        browser.get("/hub/recurring/")


def test_the_feedback_board_groups_by_area_with_networks_asking(
    client_as, manager, network_a, network_b
):
    item = FeedbackItemFactory(title="Schedule LIVE battles", area__name="LIVE")
    item.tickets.add(
        TicketFactory(network=network_a, kind="feature_request"),
        TicketFactory(network=network_a, kind="feature_request"),
        TicketFactory(network=network_b, kind="feedback"),
    )
    unsorted = TicketFactory(kind="feedback", subject="Please add dark mode")
    html = client_as(manager).get("/hub/feedback/").content.decode()
    assert "Schedule LIVE battles" in html and "<h2>LIVE</h2>" in html
    assert "<td>2</td>" in html and "<td>3</td>" in html  # networks, tickets
    assert unsorted.reference in html


def test_the_feedback_board_exports_csv_for_product_teams(
    client_as, manager, network_a, network_b
):
    item = FeedbackItemFactory(title="=HYPERLINK(evil)", area__name="Payouts")
    item.tickets.add(TicketFactory(network=network_a), TicketFactory(network=network_b))
    FeedbackItemFactory(title="Shipped thing", status="shipped")
    response = client_as(manager).get("/hub/feedback/export.csv", {"status": "new"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["area", "title", "status", "networks asking", "tickets"]
    assert rows[1][:5] == ["Payouts", "'=HYPERLINK(evil)", "new", "2", "2"]
    assert len(rows) == 2


def test_staff_add_items_and_change_status_from_the_board(client_as, intern):
    ticket = TicketFactory(kind="feature_request")
    browser = client_as(intern)
    browser.post(
        "/hub/feedback/new/",
        {"title": "Dark mode", "new_area": "Backstage", "tickets": ticket.reference},
    )
    item = ticket.feedback_items.get()
    assert item.area.name == "Backstage"
    browser.post(f"/hub/feedback/{item.pk}/status/", {"status": "declined"})
    item.refresh_from_db()
    assert item.status == "declined"


def test_the_manager_home_shows_attention_and_this_week(client_as, manager, network_a):
    for _ in range(6):
        TicketFactory(network=network_a, status="open")
    services.recurring_groups_compute()
    html = client_as(manager).get("/").content.decode()
    assert "Networks needing attention" in html and network_a.name in html
    assert "Read the weekly update" in html


def test_a_network_home_has_no_manager_panels(client_as, member_a):
    html = client_as(member_a).get("/").content.decode()
    assert "Networks needing attention" not in html
    assert "Read the weekly update" not in html
