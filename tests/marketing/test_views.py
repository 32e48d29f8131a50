"""Pages: the home panel, a campaign's linked content, forms that keep input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketing.models import ContentMetric, Event
from tests.campaigns.factories import enrolled_campaign
from tests.marketing.factories import ContentItemFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_upcoming_events_for_ones_network(
    client_as, network_a, member_a, member_b
):
    event = EventFactory(title="Gifting masterclass")
    event.networks.add(network_a)
    assert b"Gifting masterclass" in client_as(member_a).get("/").content
    assert b"Gifting masterclass" not in client_as(member_b).get("/").content


def test_a_campaign_page_lists_its_linked_content_per_network(
    client_as, network_a, network_b, member_a, member_b, manager
):
    campaign = enrolled_campaign(network_a, network_b, name="Spring Cup")
    mine = ContentItemFactory(
        network=network_a, campaign=campaign, creator_handle="ana"
    )
    ContentItemFactory(network=network_b, campaign=campaign, creator_handle="bob")
    ContentMetric.objects.create(item=mine, date="2026-03-01", metric="views", value=10)
    page = client_as(member_a).get(campaign.get_absolute_url()).content
    assert b"@ana" in page and b"@bob" not in page
    staff_page = client_as(manager).get(campaign.get_absolute_url()).content
    assert b"@ana" in staff_page and b"@bob" in staff_page


def test_the_event_form_refuses_bad_times_and_keeps_the_input(client_as, manager):
    day = (timezone.now() + timedelta(days=4)).strftime("%Y-%m-%d")
    response = client_as(manager).post(
        "/events/new/",
        {
            "title": "Meetup",
            "kind": "meetup",
            "time_zone": "Europe/London",
            "starts_local": f"{day}T18:00",
            "ends_local": f"{day}T17:00",
            "venue": "Soho",
        },
    )
    assert response.status_code == 200
    assert b"The event must end after it starts." in response.content
    assert b'value="Meetup"' in response.content
    assert not Event.objects.exists()


def test_the_event_form_reads_local_times_in_the_events_zone(client_as, manager):
    response = client_as(manager).post(
        "/events/new/",
        {
            "title": "Sydney meetup",
            "kind": "meetup",
            "time_zone": "Australia/Sydney",
            "starts_local": "2030-01-15T18:00",
            "ends_local": "2030-01-15T20:00",
            "venue": "Barangaroo",
            "capacity": "40",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.status == "draft"
    assert event.starts_at.isoformat() == "2030-01-15T07:00:00+00:00"  # AEDT = UTC+11


def test_attendees_csv_is_formula_safe(client_as, manager, network_a):
    from marketing import services
    from tests.hub.factories import MembershipFactory

    event = EventFactory()
    user = MembershipFactory(network=network_a, user__display_name="=HYPERLINK(1)").user
    services.event_register(event=event, user=user)
    body = client_as(manager).get(f"/events/{event.pk}/attendees.csv").content
    assert b"'=HYPERLINK" in body


def test_the_monthly_digest_lists_upcoming_events_and_the_networks_top_content(
    network_a, network_b, member_a
):
    import datetime as dt

    from core.periods import parse_month
    from onboarding.digest import build_digest
    from onboarding.messages import digest_email

    october = parse_month("2026-10")
    mine = EventFactory(
        title="November masterclass", starts_at=october.end + timedelta(days=3)
    )
    mine.networks.add(network_a)
    EventFactory(
        title="Bravo only", starts_at=october.end + timedelta(days=3)
    ).networks.add(network_b)
    video = ContentItemFactory(network=network_a, creator_handle="ana")
    ContentMetric.objects.create(
        item=video, date=dt.date(2026, 10, 5), metric="views", value=900
    )
    ContentMetric.objects.create(
        item=ContentItemFactory(network=network_b, creator_handle="bob"),
        date=dt.date(2026, 10, 5),
        metric="views",
        value=5000,
    )

    sections = {
        s["template"]: s for s in build_digest(network_a, member_a, october)["sections"]
    }

    assert [e.title for e in sections["events"]["events"]] == ["November masterclass"]
    assert [i.creator_handle for i in sections["content"]["items"]] == ["ana"]
    text = digest_email(network=network_a, user=member_a, period=october).body
    assert "November masterclass" in text and "@ana" in text and "@bob" not in text
