import datetime as dt

import pytest
from django.utils import timezone

from core.periods import parse_month
from onboarding.digest import build_digest, format_duration
from tests.onboarding.factories import AnnouncementFactory
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db

OCT = parse_month("2026-10")


def _at(day, hour=9):
    return dt.datetime(2026, 10, day, hour, tzinfo=dt.UTC)


def _sections(network, member):
    digest = build_digest(network, member, OCT)
    return {section["template"]: section for section in digest["sections"]}


def test_tickets_section_counts_the_month_and_takes_the_median_first_response(
    network_a, network_b, member_a
):
    for day, hours in ((2, 1), (3, 3), (4, 8)):
        TicketFactory(
            network=network_a,
            created_at=_at(day),
            first_response_at=_at(day) + dt.timedelta(hours=hours),
        )
    TicketFactory(network=network_a, created_at=_at(5))  # no response yet
    TicketFactory(
        network=network_a,
        created_at=dt.datetime(2026, 9, 28, tzinfo=dt.UTC),
        resolved_at=_at(6),
        status="solved",
    )
    TicketFactory(network=network_b, created_at=_at(7))  # another network
    TicketFactory(network=network_a, created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))

    section = _sections(network_a, member_a)["tickets"]
    assert (section["opened"], section["solved"]) == (4, 1)
    assert section["median_first_response"] == "3 h 00 min"


def test_quiet_network_gets_no_tickets_section(network_a, member_a):
    assert "tickets" not in _sections(network_a, member_a)


def test_sections_come_in_order_and_per_network_ones_are_computed_once(
    network_a, member_a, owner_a, django_assert_num_queries
):
    TicketFactory(network=network_a, created_at=_at(2))
    AnnouncementFactory(published_at=_at(3))
    memo = {}
    first = build_digest(network_a, member_a, OCT, memo=memo)
    assert [s["template"] for s in first["sections"]] == ["tickets", "announcements"]
    with django_assert_num_queries(0):
        build_digest(network_a, owner_a, OCT, memo=memo)


def test_durations_read_naturally():
    assert format_duration(None) == "—"
    assert format_duration(dt.timedelta(minutes=42)) == "42 min"
    assert format_duration(dt.timedelta(days=3)) == "3 days"


def test_articles_section_lists_new_and_updated_articles_the_member_may_read(
    network_a, member_a
):
    from faq.models import Article
    from tests.faq.factories import ArticleFactory

    new = ArticleFactory(title="Going live checklist")
    updated = ArticleFactory(title="Payout schedule")
    staff_only = ArticleFactory(title="Internal escalation", audience="staff")
    old = ArticleFactory(title="Untouched")
    Article.objects.filter(pk__in=[new.pk, staff_only.pk]).update(
        published_at=_at(3), updated_at=_at(3)
    )
    Article.objects.filter(pk=updated.pk).update(
        published_at=_at(1) - dt.timedelta(days=90), updated_at=_at(20)
    )
    Article.objects.filter(pk=old.pk).update(
        published_at=_at(1) - dt.timedelta(days=90),
        updated_at=_at(1) - dt.timedelta(days=90),
    )

    section = _sections(network_a, member_a)["articles"]
    assert [a.title for a in section["new"]] == ["Going live checklist"]
    assert [a.title for a in section["updated"]] == ["Payout schedule"]
    assert (section["new_count"], section["updated_count"]) == (1, 1)


def test_the_digest_email_renders_every_section_in_text_and_html(network_a, member_a):
    from onboarding.messages import digest_email
    from tests.faq.factories import ArticleFactory

    ArticleFactory(title="Going live checklist")
    TicketFactory(network=network_a)
    AnnouncementFactory(title="Policy update", published_at=timezone.now())
    message = digest_email(
        network=network_a,
        user=member_a,
        period=parse_month(timezone.now().strftime("%Y-%m")),
    )
    html = message.alternatives[0][0]
    for text in ("Going live checklist", "Policy update", "Opened"):
        assert text in message.body and text in html


def test_campaigns_section_shows_own_results_and_upcoming_campaigns(
    network_a, network_b, member_a
):
    from decimal import Decimal

    from tests.campaigns.factories import (
        CampaignFactory,
        EnrolmentFactory,
        MetricFactory,
    )

    october = CampaignFactory(
        name="Halloween LIVE",
        start_date=dt.date(2026, 10, 20),
        end_date=dt.date(2026, 10, 31),
    )
    EnrolmentFactory(campaign=october, network=network_a)
    EnrolmentFactory(campaign=october, network=network_b)
    MetricFactory(
        campaign=october,
        network=network_a,
        date=dt.date(2026, 10, 21),
        value=Decimal("12"),
    )
    MetricFactory(
        campaign=october,
        network=network_b,
        date=dt.date(2026, 10, 21),
        value=Decimal("99"),
    )
    later = CampaignFactory(
        name="New Year LIVE",
        status="setup",
        start_date=timezone.localdate() + dt.timedelta(days=40),
        end_date=timezone.localdate() + dt.timedelta(days=50),
    )
    EnrolmentFactory(campaign=later, network=network_a, status="invited")

    section = _sections(network_a, member_a)["campaigns"]
    [result] = section["results"]
    assert result["campaign"] == october
    assert [value for _label, value in result["figures"]] == [Decimal("12")]
    assert [c.name for c in section["upcoming"]] == ["New Year LIVE"]
    from onboarding.messages import digest_email

    body = digest_email(network=network_a, user=member_a, period=OCT).body
    assert "Halloween LIVE" in body and "New Year LIVE" in body and "99" not in body


def test_a_digest_rendered_once_for_a_chunk_is_each_members_own_digest(
    network_a, member_a, owner_a
):
    """The shared rendering differs from rendering each digest alone only in
    nothing: same subject, text and HTML, and each member's own unsubscribe link."""
    from onboarding.messages import digest_email, unsubscribe_url

    TicketFactory(network=network_a, created_at=_at(2))
    AnnouncementFactory(published_at=_at(3), title="Fees & <rules>")
    memo: dict = {}
    for member in (member_a, owner_a):
        url = unsubscribe_url(user_id=member.pk, topic="digest") + "?a=1&b=<2>"
        shared = digest_email(
            network=network_a, user=member, period=OCT, url=url, memo=memo
        )
        alone = digest_email(network=network_a, user=member, period=OCT, url=url)
        assert shared.subject == alone.subject
        assert shared.body == alone.body
        assert shared.alternatives == alone.alternatives
        assert shared.extra_headers == alone.extra_headers
        assert shared.to == [member.email]
        assert "?a=1&amp;b=&lt;2&gt;" in shared.alternatives[0][0]
    assert sum(1 for key in memo if key[0] == "digest-render") == 1
