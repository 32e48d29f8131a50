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
    before_workflow, workflow = html.split('id="workflow"')
    assert before_workflow.count('<svg class="chart"') == 2
    assert workflow.count('<svg class="chart"') == 2  # tests/insights/test_workflow.py
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
    client_as, manager, known_tickets, django_assert_num_queries
):
    browser = client_as(manager)
    budget = 23 + 19  # + the workflow section (tests/insights/test_workflow.py)
    with django_assert_num_queries(budget):
        browser.get("/hub/weekly/", {"week": str(WEEK)})
    for _i in range(40):
        TicketFactory(created_at=known_tickets[0].created_at)
    RecurringGroupFactory.create_batch(8)
    with django_assert_num_queries(budget):
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
    client_as, intern, django_assert_num_queries
):
    browser = client_as(intern)
    RecurringGroupFactory.create_batch(2)
    with django_assert_num_queries(5):  # +1: the search gaps' count
        browser.get("/hub/recurring/")
    RecurringGroupFactory.create_batch(20)
    with django_assert_num_queries(5):
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


def test_managers_add_items_and_change_status_from_the_board(client_as, manager):
    ticket = TicketFactory(kind="feature_request")
    browser = client_as(manager)
    browser.post(
        "/hub/feedback/new/",
        {"title": "Dark mode", "new_area": "Backstage", "tickets": ticket.reference},
    )
    item = ticket.feedback_items.get()
    assert item.area.name == "Backstage"
    browser.post(
        f"/hub/feedback/{item.pk}/status/", {"status": "declined", "confirmed": "1"}
    )
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


def test_the_weekly_page_shows_service_satisfaction_and_onboarding(
    client_as, manager, service_tickets
):
    response = client_as(manager).get("/hub/weekly/", {"week": str(WEEK)})
    sla = response.context["update"]["sla"]
    assert (sla["first_response_median_hours"], sla["resolution_median_hours"]) == (
        2.5,
        7.0,
    )
    assert (sla["first_response_pct"], sla["satisfaction_average"]) == (75.0, 3.0)
    html = response.content.decode()
    assert "2.5 business hours (4 tickets)" in html
    assert "7.0 business hours (4 tickets)" in html
    assert "75.0% (3 of 4)" in html
    assert "50.0% rated 4 or 5 (4 ratings)" in html
    # the attainment chart, one bar group per priority
    assert "Within target this week by priority (%)" in html
    assert "First response: Urgent: 50%; Normal: 100%" in html
    # volume, categories, SLA (then the workflow section's own)
    assert html.split('id="workflow"')[0].count('<svg class="chart"') == 3
    assert 'id="onboarding"' in html and "Networks onboarding" in html


def test_the_weekly_page_without_service_figures_says_so(client_as, manager):
    html = client_as(manager).get("/hub/weekly/", {"week": str(WEEK)}).content.decode()
    assert "No ratings this week." in html
    assert "Within target this week" not in html


def test_the_weekly_csv_carries_service_and_satisfaction_figures(
    client_as, manager, service_tickets, network_a
):
    response = client_as(manager).get(
        "/hub/weekly/", {"week": str(WEEK), "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["service", "first_response_median_hours", "2.5"] in rows
    assert ["service", "resolution_median_hours", "7.0"] in rows
    assert ["service", "first_response_pct", "75.0"] in rows
    assert ["service", "resolution_met", "3"] in rows
    assert ["service by priority", "urgent first_response_pct", "50.0"] in rows
    assert ["service by priority", "normal resolution_pct", "50.0"] in rows
    assert ["satisfaction", "satisfaction_average", "3.0"] in rows
    assert ["satisfaction", "satisfaction_positive_pct", "50.0"] in rows
    assert ["onboarding", "in_progress", "0"] in rows
    narrowed = client_as(manager).get(
        "/hub/weekly/",
        {"week": str(WEEK), "format": "csv", "network": network_a.slug},
    )
    rows = list(csv.reader(io.StringIO(narrowed.content.decode())))
    assert ["service", "first_response_median_hours", "2.0"] in rows
    assert ["satisfaction", "satisfaction_average", "3.67"] in rows


def test_the_manager_home_gives_each_networks_reasons(client_as, manager, network_a):
    from datetime import timedelta

    from django.utils import timezone

    from tickets.models import SatisfactionRating

    for score in (1, 2):
        ticket = TicketFactory(network=network_a, status="solved")
        SatisfactionRating.objects.create(
            ticket=ticket, score=score, created_at=timezone.now() - timedelta(days=1)
        )
    html = client_as(manager).get("/").content.decode()
    assert network_a.name in html
    assert "satisfaction 1.5/5 (2 ratings)" in html


def test_a_network_member_home_shows_tickets_onboarding_announcements_campaigns(
    client_as, member_a, network_a
):
    from onboarding.services import announcement_publish, onboarding_start
    from tests.campaigns.factories import CampaignFactory, EnrolmentFactory
    from tests.onboarding.factories import (
        AnnouncementFactory,
        PlanFactory,
        PlanStepFactory,
    )

    TicketFactory(network=network_a, requester=member_a, status="open")
    TicketFactory(network=network_a, requester=member_a, status="pending")
    plan = PlanFactory(name="Standard")
    PlanStepFactory(plan=plan, title="Connect the creator roster")
    onboarding_start(network=network_a, plan=plan)
    announcement = AnnouncementFactory(title="New payout calendar")
    announcement_publish(announcement=announcement)
    campaign = CampaignFactory(
        name="Spring LIVE battles",
        start_date=timezone_today(),
        end_date=timezone_today(days=20),
    )
    EnrolmentFactory(campaign=campaign, network=network_a)

    html = client_as(member_a).get("/").content.decode()

    assert "1 open ticket" in html and "1 waiting on you" in html  # tickets
    assert "Your onboarding" in html  # onboarding progress
    assert "Announcements to read" in html and "New payout calendar" in html
    assert "Spring LIVE battles" in html  # its campaigns


def test_an_acknowledged_announcement_leaves_the_home(client_as, member_a, network_a):
    from onboarding.services import announcement_acknowledge, announcement_publish
    from tests.onboarding.factories import AnnouncementFactory

    announcement = AnnouncementFactory(title="New payout calendar")
    announcement_publish(announcement=announcement)
    announcement_acknowledge(announcement=announcement, user=member_a)
    html = client_as(member_a).get("/").content.decode()
    assert "Announcements to read" not in html


def timezone_today(days: int = 0):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.localdate() + timedelta(days=days)


def test_the_recurring_list_says_which_article_answers_a_group(client_as, intern):
    from tests.faq.factories import ArticleFactory

    article = ArticleFactory(title="A creator's payout is missing or late")
    RecurringGroupFactory(label="Payout not received", size=9, article=article)
    RecurringGroupFactory(label="Tax form for creators", size=4)
    html = client_as(intern).get("/hub/recurring/").content.decode()
    assert "Answered by" in html
    assert f'href="/faq/{article.slug}/"' in html or article.slug in html
    assert "A creator&#x27;s payout is missing or late" in html
    assert html.count("Draft article") == 1  # only the unanswered group offers one
