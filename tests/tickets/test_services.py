import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from tests.hub.factories import MembershipFactory
from tests.tickets.factories import PDF_BYTES, PNG_BYTES, CategoryFactory, TicketFactory
from tickets import services
from tickets.models import Ticket, TicketChange

pytestmark = pytest.mark.django_db

S = Ticket.Status


def create(user, **kwargs):
    values = {"subject": "Payout missing", "description": "Where are the diamonds?"}
    values.update(kwargs)
    return services.ticket_create(requester=user, **values)


# --- creating -------------------------------------------------------------------


def test_create_gives_a_reference_from_the_pk_and_records_history(member_a, network_a):
    ticket = create(member_a)
    ticket.refresh_from_db()
    assert ticket.reference == f"HUB-{ticket.pk:06d}"
    assert ticket.network == network_a  # the member's only network
    assert ticket.status == S.NEW and ticket.version == 1
    assert list(ticket.changes.values_list("field", flat=True)) == ["created"]


def test_create_sends_the_received_email_after_commit_only(
    member_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ticket = create(member_a)
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member_a.email]
    assert ticket.reference in mail.outbox[0].subject
    assert f"/tickets/{ticket.reference}/" in mail.outbox[0].body


def test_create_for_another_network_is_refused(member_a, network_b):
    with pytest.raises(ApplicationError) as error:
        create(member_a, network=network_b)
    assert "network" in error.value.extra["fields"]
    assert not Ticket.objects.exists()


def test_member_of_two_networks_must_say_which(member_a, network_b, network_a):
    MembershipFactory(user=member_a, network=network_b)
    with pytest.raises(ApplicationError) as error:
        create(member_a)
    assert "Choose which network" in error.value.message
    assert create(member_a, network=network_b).network == network_b


def test_someone_without_a_network_cannot_file(outsider):
    with pytest.raises(PermissionDeniedError):
        create(outsider)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("subject", "", "Subject is required"),
        ("subject", "   ", "Subject is required"),
        ("subject", "x" * 201, "too long"),
        ("description", "", "Description is required"),
        ("description", "x" * 20_001, "too long"),
        ("kind", "complaint", "not a valid kind"),
        ("priority", "critical", "not a valid priority"),
        ("channel", "fax", "not a valid channel"),
    ],
)
def test_create_refuses_bad_input_with_a_field_error(member_a, field, value, message):
    with pytest.raises(ApplicationError) as error:
        create(member_a, **{field: value})
    assert message in error.value.message
    assert field in error.value.extra["fields"]
    assert not Ticket.objects.exists()


def test_an_inactive_category_is_refused(member_a):
    category = CategoryFactory(is_active=False)
    with pytest.raises(ApplicationError, match="no longer offered"):
        create(member_a, category=category)


# --- attachments ----------------------------------------------------------------


def test_attachments_are_stored_under_a_random_name_with_the_sniffed_type(
    member_a, settings
):
    upload = SimpleUploadedFile("screen shot.png", PNG_BYTES, "application/x-evil")
    ticket = create(member_a, attachments=[upload])
    attachment = ticket.attachments.get()
    assert attachment.name == "screen_shot.png"
    assert attachment.content_type == "image/png"  # not what the browser claimed
    assert "screen" not in attachment.file.name
    assert attachment.file.path.startswith(str(settings.MEDIA_ROOT))


def test_a_file_whose_content_does_not_match_its_name_is_refused(member_a):
    fake = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(ApplicationError, match="not an allowed file type"):
        create(member_a, attachments=[fake])
    renamed = SimpleUploadedFile("photo.pdf", PNG_BYTES)  # a PNG called .pdf
    with pytest.raises(ApplicationError, match="not an allowed file type"):
        create(member_a, attachments=[renamed])
    html = SimpleUploadedFile("page.txt", b"<script>alert(1)</script>\x00\x00")
    with pytest.raises(ApplicationError):
        create(member_a, attachments=[html])
    assert not Ticket.objects.exists()


def test_text_and_pdf_files_are_accepted(member_a):
    ticket = create(
        member_a,
        attachments=[
            SimpleUploadedFile("log.txt", "Fehler beim Zählen\n".encode()),
            SimpleUploadedFile("report.pdf", PDF_BYTES),
        ],
    )
    assert sorted(ticket.attachments.values_list("content_type", flat=True)) == [
        "application/pdf",
        "text/plain",
    ]


def test_an_oversized_file_is_refused_by_the_configured_limit(member_a, settings):
    settings.HUB_ATTACHMENT_MAX_BYTES = 1000
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b" " * 1000)
    with pytest.raises(ApplicationError, match="too large"):
        create(member_a, attachments=[big])


def test_too_many_files_are_refused(member_a, settings):
    settings.HUB_ATTACHMENT_MAX_FILES = 2
    files = [SimpleUploadedFile(f"{i}.png", PNG_BYTES) for i in range(3)]
    with pytest.raises(ApplicationError, match="at most 2 files"):
        create(member_a, attachments=files)


# --- replies, notes and the workflow ------------------------------------------------


@pytest.fixture
def ticket(member_a, network_a):
    return TicketFactory(network=network_a, requester=member_a)


def test_staff_reply_sets_first_response_and_opens_a_new_ticket(ticket, intern):
    message = services.ticket_reply(ticket=ticket, author=intern, body="On it!")
    ticket.refresh_from_db()
    assert ticket.status == S.OPEN
    assert ticket.first_response_at == message.created_at
    assert ticket.version == 2
    assert message.author_is_staff and not message.internal


def test_staff_reply_can_set_pending_or_solved_in_the_same_step(ticket, intern):
    services.ticket_reply(
        ticket=ticket, author=intern, body="Which UID?", status="pending"
    )
    ticket.refresh_from_db()
    assert ticket.status == S.PENDING
    services.ticket_reply(ticket=ticket, author=intern, body="Fixed.", status="solved")
    ticket.refresh_from_db()
    assert ticket.status == S.SOLVED and ticket.resolved_at is not None
    assert list(
        TicketChange.objects.filter(ticket=ticket, field="status").values_list(
            "new_value", flat=True
        )
    ) == [str(S.PENDING.label), str(S.SOLVED.label)]


def test_a_reply_cannot_close_a_ticket(ticket, intern):
    with pytest.raises(ApplicationError, match="A reply can set the status"):
        services.ticket_reply(ticket=ticket, author=intern, body="x", status="closed")


@pytest.mark.parametrize("status", [S.PENDING, S.SOLVED])
def test_a_network_reply_reopens_pending_and_solved_tickets(ticket, member_a, status):
    Ticket.objects.filter(pk=ticket.pk).update(status=status)
    services.ticket_reply(ticket=ticket, author=member_a, body="Still broken")
    ticket.refresh_from_db()
    assert ticket.status == S.OPEN
    assert ticket.resolved_at is None


def test_a_network_reply_leaves_on_hold_alone(ticket, member_a):
    Ticket.objects.filter(pk=ticket.pk).update(status=S.ON_HOLD)
    services.ticket_reply(ticket=ticket, author=member_a, body="Any news?")
    ticket.refresh_from_db()
    assert ticket.status == S.ON_HOLD


def test_nobody_replies_on_a_closed_ticket(ticket, member_a, intern):
    Ticket.objects.filter(pk=ticket.pk).update(status=S.CLOSED)
    for author in (member_a, intern):
        with pytest.raises(ApplicationError, match="closed"):
            services.ticket_reply(ticket=ticket, author=author, body="Hello?")


def test_a_network_member_cannot_set_the_status_when_replying(ticket, member_a):
    with pytest.raises(PermissionDeniedError):
        services.ticket_reply(
            ticket=ticket, author=member_a, body="Done", status="solved"
        )


def test_another_network_cannot_reply_or_see_that_the_ticket_exists(ticket, member_b):
    with pytest.raises(NotFoundError):
        services.ticket_reply(ticket=ticket, author=member_b, body="Hi")


def test_a_network_member_cannot_add_internal_notes(ticket, member_a):
    with pytest.raises(PermissionDeniedError):
        services.ticket_add_note(ticket=ticket, author=member_a, body="psst")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (S.CLOSED, S.OPEN),
        (S.CLOSED, S.SOLVED),
        (S.SOLVED, S.PENDING),
        (S.SOLVED, S.ON_HOLD),
        (S.OPEN, S.NEW),
        (S.PENDING, S.NEW),
    ],
)
def test_impossible_status_moves_are_refused(ticket, intern, old, new):
    Ticket.objects.filter(pk=ticket.pk).update(status=old)
    with pytest.raises(ApplicationError, match="cannot move"):
        services.ticket_set_status(ticket=ticket, actor=intern, status=new)
    ticket.refresh_from_db()
    assert ticket.status == old


def test_closing_stamps_closed_and_resolved(ticket, intern):
    services.ticket_set_status(ticket=ticket, actor=intern, status="closed")
    ticket.refresh_from_db()
    assert ticket.closed_at and ticket.resolved_at
    with pytest.raises(ApplicationError):
        services.ticket_set_status(ticket=ticket, actor=intern, status="bogus")


def test_a_network_member_cannot_change_the_status(ticket, member_a):
    with pytest.raises(PermissionDeniedError):
        services.ticket_set_status(ticket=ticket, actor=member_a, status="solved")


# --- e-mails ----------------------------------------------------------------------


def test_public_reply_emails_the_networks_people_on_the_ticket_but_not_notes(
    ticket, member_a, owner_a, network_a, intern, django_capture_on_commit_callbacks
):
    bystander = MembershipFactory(network=network_a).user  # never wrote on it
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_reply(ticket=ticket, author=owner_a, body="Me too")
    assert [m.to for m in mail.outbox] == [[member_a.email]]  # not the author
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_add_note(ticket=ticket, author=intern, body="Fraud filter")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_reply(ticket=ticket, author=intern, body="Fixed it")
    # one message each, from the delivery ledger
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [member_a.email, owner_a.email]
    )
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert bystander.email not in {m.to[0] for m in mail.outbox}
    assert all("Fixed it" in m.body for m in mail.outbox)
    assert all("Fraud filter" not in m.body for m in mail.outbox)


def test_assignment_emails_the_assignee_but_not_when_taking_it_yourself(
    ticket, intern, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_assign(ticket=ticket, actor=manager, assignee=intern)
    assert [m.to for m in mail.outbox] == [[intern.email]]
    assert "Assigned to you" in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_assign(ticket=ticket, actor=manager, assignee=manager)
    assert mail.outbox == []


def test_tickets_are_only_assigned_to_staff_by_staff(ticket, intern, member_a):
    with pytest.raises(ApplicationError, match="only be assigned to platform staff"):
        services.ticket_assign(ticket=ticket, actor=intern, assignee=member_a)
    with pytest.raises(PermissionDeniedError):
        services.ticket_assign(ticket=ticket, actor=member_a, assignee=intern)


# --- triage in one step -----------------------------------------------------------


def test_update_records_every_changed_field_and_bumps_the_version_once(ticket, intern):
    category = CategoryFactory(name="Payouts & diamonds", slug="payouts")
    services.ticket_update(
        ticket=ticket,
        actor=intern,
        version=1,
        status="open",
        priority="urgent",
        category=category,
        assignee=intern,
        tags=["Payout", "escalated", "payout"],
    )
    ticket.refresh_from_db()
    assert ticket.version == 2
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["escalated", "payout"]
    changes = {
        c.field: (c.old_value, c.new_value)
        for c in ticket.changes.exclude(field="created")
    }
    assert changes["priority"] == ("Normal", "Urgent")
    assert changes["category"] == ("", "Payouts & diamonds")
    assert changes["assignee"] == ("", str(intern))
    assert set(changes) == {"status", "priority", "category", "assignee", "tags"}
    assert all(c.actor == intern for c in ticket.changes.exclude(field="created"))


def test_a_stale_version_is_a_conflict_not_a_lost_update(ticket, intern, manager):
    services.ticket_update(ticket=ticket, actor=manager, version=1, priority="high")
    with pytest.raises(ConflictError) as error:
        services.ticket_update(ticket=ticket, actor=intern, version=1, priority="low")
    assert error.value.extra["version"] == 2
    ticket.refresh_from_db()
    assert ticket.priority == "high"
