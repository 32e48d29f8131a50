"""``ticket_from_email``: a message becomes a ticket, a reply, or a row staff review —
and the ways mail goes wrong (auto-replies, duplicates, forged tokens, garbage,
strangers) change no ticket."""

from email import message_from_bytes, policy

import pytest
from django.core import mail as outbox

from inbound import addresses
from inbound.models import InboundMessage
from inbound.services import inbound_assign, inbound_reject, ticket_from_email
from tests.hub.factories import MembershipFactory
from tests.inbound.mail import mail
from tests.tickets.factories import PNG_BYTES, TicketFactory
from tickets.models import Attachment, Ticket, TicketMessage
from tickets.services import ticket_reply

pytestmark = pytest.mark.django_db
S = InboundMessage.Status

QUOTED_REPLY = """Thanks, the replay is back now.

Best,
Ann
--
Ann Lee | Alpha Agency

On Tue, 1 Dec 2026 at 09:00, Creator Network Hub <support@hub.example> wrote:
> We restored the replay.
> Tell us if it is still missing.
"""


def test_a_members_email_becomes_a_ticket_in_their_network(member_a, network_a):
    # when
    row = ticket_from_email(raw=mail(sender=f"Ann <{member_a.email.upper()}>"))
    # then
    ticket = Ticket.objects.get()
    assert row.status == S.TICKET and row.ticket == ticket
    assert ticket.network == network_a and ticket.requester == member_a
    assert ticket.channel == Ticket.Channel.EMAIL
    assert ticket.subject == "Diamonds missing from payout"
    assert ticket.description.startswith("Our creator's diamonds")


def test_the_received_email_threads_and_carries_a_signed_reply_address(
    member_a, django_capture_on_commit_callbacks
):
    original = "<first-message@client.example>"
    with django_capture_on_commit_callbacks(execute=True):
        ticket_from_email(raw=mail(sender=member_a.email, message_id=original))
    ticket = Ticket.objects.get()
    [sent] = outbox.outbox
    assert sent.extra_headers["Reply-To"] == addresses.reply_address(ticket.reference)
    assert sent.extra_headers["In-Reply-To"] == original
    message = message_from_bytes(sent.message().as_bytes(), policy=policy.default)
    assert message["Message-ID"] == addresses.message_id(ticket.reference, "t")
    assert message["Reply-To"].startswith(f"support+{ticket.reference}.")


def test_a_members_answer_to_the_reply_address_threads_onto_the_ticket(
    member_a, intern, django_capture_on_commit_callbacks
):
    ticket_from_email(raw=mail(sender=member_a.email))
    ticket = Ticket.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        staff_reply = ticket_reply(ticket=ticket, author=intern, body="We restored it.")
    sent = outbox.outbox[-1]
    assert sent.to == [member_a.email]
    headers = sent.extra_headers
    assert headers["Message-ID"] == addresses.message_id(
        ticket.reference, f"m{staff_reply.pk}"
    )
    # when the member's mail client answers
    row = ticket_from_email(
        raw=mail(
            sender=member_a.email,
            to=headers["Reply-To"],
            subject=f"Re: {sent.subject}",
            body=QUOTED_REPLY,
            headers={"In-Reply-To": headers["Message-ID"]},
        )
    )
    # then
    assert row.status == S.REPLY and row.ticket == ticket
    answer = TicketMessage.objects.filter(ticket=ticket).latest("created_at")
    assert answer.author == member_a and not answer.internal
    # quoted history and the signature are cut
    assert answer.body == "Thanks, the replay is back now."
    assert Ticket.objects.count() == 1


def test_in_reply_to_one_of_our_message_ids_threads_without_the_token(member_a):
    ticket = TicketFactory(
        network=member_a.memberships.get().network, requester=member_a
    )
    row = ticket_from_email(
        raw=mail(
            sender=member_a.email,
            headers={"In-Reply-To": addresses.message_id(ticket.reference, "t")},
        )
    )
    assert row.status == S.REPLY and row.ticket == ticket


def test_references_to_the_members_own_first_message_thread_too(member_a):
    ticket_from_email(raw=mail(sender=member_a.email, message_id="<m1@client.example>"))
    row = ticket_from_email(
        raw=mail(sender=member_a.email, headers={"References": "<m1@client.example>"})
    )
    assert row.status == S.REPLY and Ticket.objects.count() == 1


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Auto-Submitted", "auto-replied"),
        ("Precedence", "bulk"),
        ("X-Autoreply", "yes"),
        ("X-Auto-Response-Suppress", "OOF"),
        ("Return-Path", "<>"),
    ],
)
def test_auto_replies_change_nothing(member_a, header, value):
    ticket = TicketFactory(
        network=member_a.memberships.get().network, requester=member_a
    )
    row = ticket_from_email(
        raw=mail(
            sender=member_a.email,
            to=addresses.reply_address(ticket.reference),
            subject="Out of office",
            headers={header: value},
        )
    )
    assert row.status == S.IGNORED and header.split("-")[0] in row.reason
    assert Ticket.objects.count() == 1 and not TicketMessage.objects.exists()
    assert not outbox.outbox


def test_bounces_from_mailer_daemon_change_nothing(member_a):
    row = ticket_from_email(
        raw=mail(sender="MAILER-DAEMON@mx.client.example", subject="Undelivered Mail")
    )
    assert row.status == S.IGNORED and not Ticket.objects.exists()


def test_the_same_message_id_twice_is_filed_once(
    member_a, django_capture_on_commit_callbacks
):
    raw = mail(sender=member_a.email, message_id="<once@client.example>")
    with django_capture_on_commit_callbacks(execute=True):
        first = ticket_from_email(raw=raw)
        again = ticket_from_email(
            raw=mail(
                sender=member_a.email, message_id="<once@client.example>", body="x"
            )
        )
    assert again.pk == first.pk and again.status == S.TICKET
    assert Ticket.objects.count() == 1 and InboundMessage.objects.count() == 1
    assert len(outbox.outbox) == 1


def test_a_forged_reply_token_attaches_to_no_ticket(member_a):
    ticket = TicketFactory(
        network=member_a.memberships.get().network, requester=member_a
    )
    forged = f"support+{ticket.reference}.0123456789abcdef@hub.example"
    row = ticket_from_email(raw=mail(sender=member_a.email, to=forged))
    assert row.status == S.QUARANTINED and "not signed" in row.reason
    assert not TicketMessage.objects.exists() and Ticket.objects.count() == 1


def test_a_token_signed_for_another_ticket_does_not_open_this_one(member_a):
    network = member_a.memberships.get().network
    mine, other = TicketFactory(network=network), TicketFactory(network=network)
    token = addresses.reply_address(mine.reference).split(".")[1].split("@")[0]
    swapped = f"support+{other.reference}.{token}@hub.example"
    row = ticket_from_email(raw=mail(sender=member_a.email, to=swapped))
    assert row.status == S.QUARANTINED and not TicketMessage.objects.exists()


def test_a_valid_token_from_someone_outside_the_network_attaches_nothing(
    member_a, member_b
):
    ticket = TicketFactory(
        network=member_a.memberships.get().network, requester=member_a
    )
    row = ticket_from_email(
        raw=mail(sender=member_b.email, to=addresses.reply_address(ticket.reference))
    )
    assert row.status == S.UNROUTED and not TicketMessage.objects.exists()


def test_a_message_without_a_sender_is_quarantined_with_the_reason():
    raw = b"\x00\x01 not an e-mail \xff\r\n\r\n????"
    row = ticket_from_email(raw=raw)
    assert row.status == S.QUARANTINED and row.reason
    assert bytes(row.raw) == raw and row.key.startswith("sha256:")
    assert not Ticket.objects.exists()


def test_an_empty_message_is_quarantined_not_lost():
    row = ticket_from_email(raw=b"")
    assert row.status == S.QUARANTINED and "empty" in row.reason


def test_unknown_senders_and_people_of_several_networks_are_unrouted(
    member_a, network_b
):
    stranger = ticket_from_email(raw=mail(sender="new@stranger.example"))
    MembershipFactory(user=member_a, network=network_b)
    both = ticket_from_email(raw=mail(sender=member_a.email))
    assert stranger.status == S.UNROUTED and "no account" in stranger.reason
    assert both.status == S.UNROUTED and "2 networks" in both.reason
    assert not Ticket.objects.exists()


def test_staff_assign_an_unrouted_message_to_a_network(manager, network_b):
    row = ticket_from_email(raw=mail(sender="new@stranger.example", subject="Join?"))
    ticket = inbound_assign(inbound=row, actor=manager, network=network_b)
    row.refresh_from_db()
    assert row.status == S.TICKET and row.ticket == ticket and row.handled_by == manager
    assert ticket.network == network_b and ticket.channel == "email"
    assert ticket.requester == manager  # the stranger has no account
    assert ticket.description.startswith("From: new@stranger.example")
    assert "no account" in row.reason  # the first reason is kept
    with pytest.raises(Exception, match="already handled"):
        inbound_assign(inbound=row, actor=manager, network=network_b)


def test_staff_reject_with_a_reason_that_is_kept(intern):
    row = ticket_from_email(raw=b"garbage")
    with pytest.raises(Exception, match="Say why"):
        inbound_reject(inbound=row, actor=intern, reason="  ")
    inbound_reject(inbound=row, actor=intern, reason="spam")
    row.refresh_from_db()
    assert row.status == S.REJECTED and "spam" in row.reason


def test_network_people_cannot_assign_or_reject(member_a, network_a):
    row = ticket_from_email(raw=mail(sender="new@stranger.example"))
    with pytest.raises(Exception):  # noqa: B017 - PermissionDeniedError
        inbound_assign(inbound=row, actor=member_a, network=network_a)
    with pytest.raises(Exception):  # noqa: B017
        inbound_reject(inbound=row, actor=member_a, reason="no")
    row.refresh_from_db()
    assert row.status == S.UNROUTED


def test_html_only_bodies_are_sanitised_to_text(member_a):
    html = (
        "<p>Hello <b>team</b></p><script>alert(1)</script>"
        '<p><a href="javascript:alert(2)" onclick="x()">click</a></p>'
    )
    ticket_from_email(raw=mail(sender=member_a.email, body=None, html=html))
    description = Ticket.objects.get().description
    assert "Hello team" in description and "click" in description
    for bad in ("<", "script", "alert", "javascript", "onclick"):
        assert bad not in description


def test_attachments_pass_the_upload_checks(member_a):
    raw = mail(
        sender=member_a.email,
        attachments=[
            ("screenshot.png", PNG_BYTES, "image/png"),
            ("invoice.exe", b"MZ\x90\x00binary", "application/octet-stream"),
        ],
    )
    row = ticket_from_email(raw=raw)
    assert row.status == S.TICKET
    [kept] = Attachment.objects.all()
    assert kept.name == "screenshot.png" and kept.content_type == "image/png"
    assert "invoice.exe" in row.reason


def test_attachments_over_the_size_limit_are_left_out(member_a, settings):
    settings.HUB_ATTACHMENT_MAX_BYTES = 50
    row = ticket_from_email(
        raw=mail(
            sender=member_a.email, attachments=[("big.png", PNG_BYTES * 2, "image/png")]
        )
    )
    assert row.status == S.TICKET and not Attachment.objects.exists()
    assert "too large" in row.reason


def test_a_message_over_the_size_limit_is_quarantined_whole(member_a, settings):
    settings.HUB_INBOUND_MAX_BYTES = 500
    raw = mail(sender=member_a.email, body="x" * 1000)
    row = ticket_from_email(raw=raw)
    assert row.status == S.QUARANTINED and "larger than" in row.reason
    assert bytes(row.raw) == raw and not Ticket.objects.exists()


def test_a_sender_over_the_hourly_limit_is_quarantined(member_a, settings):
    settings.HUB_INBOUND_PER_SENDER_PER_HOUR = 2
    rows = [ticket_from_email(raw=mail(sender=member_a.email)) for _ in range(3)]
    assert [r.status for r in rows] == [S.TICKET, S.TICKET, S.QUARANTINED]
    assert "more than 2" in rows[2].reason and Ticket.objects.count() == 2


def test_the_networks_ticket_limit_quarantines_instead_of_losing_mail(
    member_a, settings
):
    settings.HUB_TICKETS_PER_NETWORK_PER_HOUR = 1
    ticket_from_email(raw=mail(sender=member_a.email))
    row = ticket_from_email(raw=mail(sender=member_a.email))
    assert row.status == S.QUARANTINED and "in the last hour" in row.reason
    assert Ticket.objects.count() == 1


def test_a_reply_to_a_closed_ticket_waits_for_staff(member_a):
    ticket = TicketFactory(
        network=member_a.memberships.get().network, requester=member_a, status="closed"
    )
    row = ticket_from_email(
        raw=mail(sender=member_a.email, to=addresses.reply_address(ticket.reference))
    )
    assert row.status == S.UNROUTED and "closed" in row.reason
    assert not TicketMessage.objects.exists()


def test_a_staff_address_on_an_email_never_posts_as_an_agent(member_a, intern):
    # Members hold the reply address too; a forged "From: staff" must not post as staff.
    ticket = TicketFactory(
        network=member_a.memberships.get().network, requester=member_a
    )
    row = ticket_from_email(
        raw=mail(sender=intern.email, to=addresses.reply_address(ticket.reference))
    )
    assert row.status == S.UNROUTED and "forged" in row.reason
    assert not TicketMessage.objects.exists()
