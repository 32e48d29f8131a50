"""Each staff-side service leaves its row in the audit log (and a refused one
leaves none)."""

import pytest

from audit.models import AuditEntry
from core.exceptions import ApplicationError
from tests.hub.factories import MembershipFactory
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db


def _only(action: str) -> AuditEntry:
    return AuditEntry.objects.get(action=action)


def test_ticket_assign_status_note_and_triage_are_recorded(intern, manager):
    from tickets import services

    ticket = TicketFactory(status="new")
    services.ticket_assign(ticket=ticket, actor=manager, assignee=intern)
    assert _only("ticket.assign").changes == {"assignee": ["", str(intern)]}
    services.ticket_set_status(ticket=ticket, actor=intern, status="open")
    entry = _only("ticket.status")
    assert (entry.actor, entry.changes) == (intern, {"status": ["New", "Open"]})
    note = services.ticket_add_note(ticket=ticket, author=intern, body="Checked.")
    assert _only("ticket.note").changes["internal note"] == note.pk
    services.ticket_update(ticket=ticket, actor=manager, priority="urgent")
    assert _only("ticket.update").changes == {"priority": ["Normal", "Urgent"]}
    assert set(AuditEntry.objects.values_list("object_id", flat=True)) == {
        str(ticket.pk)
    }


def test_a_bulk_update_records_each_ticket_and_a_refused_one_records_none(manager):
    from tickets import services

    first, second = TicketFactory(status="new"), TicketFactory(status="new")
    services.tickets_bulk_update(
        actor=manager, tickets=[first, second], priority="high"
    )
    assert AuditEntry.objects.filter(action="ticket.bulk_update").count() == 2
    closed = TicketFactory(status="closed")
    with pytest.raises(ApplicationError):
        services.tickets_bulk_update(
            actor=manager, tickets=[first, closed], status="open"
        )
    assert AuditEntry.objects.filter(action="ticket.bulk_update").count() == 2


def test_the_bulk_view_records_the_client_address(client_as, manager):
    ticket = TicketFactory(status="new")
    client_as(manager).post(
        "/tickets/bulk/",
        {"tickets": [ticket.reference], "priority": "low"},
        REMOTE_ADDR="192.0.2.44",
    )
    assert _only("ticket.bulk_update").ip == "192.0.2.44"


def test_campaign_transitions_and_figure_loads_are_recorded(network_a, manager):
    from campaigns import services
    from campaigns.loading import RawRow
    from tests.campaigns.factories import enrolled_campaign

    campaign = enrolled_campaign(network_a, status="setup")
    services.campaign_transition(campaign=campaign, user=manager, to="live")
    assert _only("campaign.transition").changes == {"status": ["setup", "live"]}
    services.metrics_load(
        campaign=campaign,
        user=manager,
        rows=[RawRow(0, network_a.slug, "2026-03-02", "gifts", "4")],
    )
    entry = _only("campaign.metrics_load")
    assert entry.changes == {"source": "api", "new": 1, "changed": 0, "unchanged": 0}
    upload, _result = services.metric_upload_stage(
        campaign=campaign,
        user=manager,
        content=f"network,date,metric,value\n{network_a.slug},2026-03-02,gifts,5\n".encode(),
        filename="march.csv",
    )
    services.metric_upload_confirm(upload=upload, user=manager)
    loads = AuditEntry.objects.filter(action="campaign.metrics_load")
    assert loads.count() == 2
    assert loads.first().changes["source"] == "march.csv"


def test_invitations_and_member_removal_are_recorded(network_a, manager, owner_a):
    from hub.models import Membership
    from onboarding import services

    services.invitation_create(
        actor=manager, network=network_a, email="New@Alpha.example"
    )
    entry = _only("onboarding.invite")
    assert entry.object_id == str(network_a.pk)
    assert entry.changes == {"invited": "new@alpha.example", "role": "member"}
    member = MembershipFactory(network=network_a)
    services.membership_remove(actor=owner_a, membership=member)
    removed = _only("onboarding.member_remove")
    assert removed.actor == owner_a
    assert removed.changes["removed"] == member.user.email
    last_owner = Membership.objects.get(user=owner_a)
    with pytest.raises(ApplicationError):
        services.membership_remove(actor=manager, membership=last_owner)
    assert AuditEntry.objects.filter(action="onboarding.member_remove").count() == 1


def test_publishing_an_announcement_now_is_recorded_the_schedule_is_not(
    client_as, manager
):
    from django.utils import timezone

    from onboarding.services import announcement_publish, announcements_publish_due
    from tests.onboarding.factories import AnnouncementFactory

    scheduled = AnnouncementFactory(publish_at=timezone.now())
    announcements_publish_due()
    scheduled.refresh_from_db()
    assert scheduled.published_at is not None
    assert not AuditEntry.objects.filter(action="announcement.publish").exists()
    now = AnnouncementFactory()
    client_as(manager).post(
        "/admin/onboarding/announcement/",
        {"action": "publish_now", "_selected_action": [now.pk]},
    )
    entry = _only("announcement.publish")
    assert (entry.actor, entry.object_id) == (manager, str(now.pk))
    announcement_publish(announcement=now, actor=manager)  # already published
    assert AuditEntry.objects.filter(action="announcement.publish").count() == 1


def test_a_feedback_status_change_is_recorded(manager):
    from insights import services
    from tests.insights.factories import FeedbackItemFactory

    item = FeedbackItemFactory()
    services.feedback_item_set_status(
        item=item, actor=manager, status="planned", note="Q3"
    )
    assert _only("feedback.status").changes == {
        "status": ["new", "planned"],
        "note": "Q3",
    }
