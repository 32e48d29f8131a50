"""The list rows rendered in Python: their markup and their escaping."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.hub.factories import NetworkFactory, UserFactory
from tests.tickets.factories import CategoryFactory, TicketFactory
from tickets.models import Tag, Ticket
from tickets.templatetags.ticket_tags import (
    queue_row,
    sla_badge,
    ticket_badges,
    ticket_row,
)

pytestmark = pytest.mark.django_db

EVIL = "<script>\"x\" & 'y'</script>"
EVIL_ESCAPED = "&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27;&lt;/script&gt;"


@pytest.fixture
def ticket():
    now = timezone.now()
    ticket = TicketFactory(
        subject=EVIL,
        status="open",
        priority="urgent",
        kind="problem",
        network=NetworkFactory(name="Net <b>"),
        category=CategoryFactory(name="Cat & co"),
        assignee=UserFactory(display_name="Agent 'A'", is_staff=True),
        requester=UserFactory(display_name='Req "R"'),
    )
    ticket.tags.add(Tag.objects.create(name="vip<1>"))
    ticket.created_at = dt.datetime(2026, 3, 1, 9, 5, tzinfo=dt.UTC)
    ticket.sla_due_at = now - dt.timedelta(minutes=1)
    ticket.updated_at = now - dt.timedelta(days=3, minutes=1)
    return ticket


def test_a_queue_row(ticket):
    html = queue_row(ticket)
    ref, url = ticket.reference, ticket.get_absolute_url()
    due = timezone.localtime(ticket.sla_due_at)
    assert html.startswith('<tr class="priority-urgent">\n')
    for part in [
        f'<td><input type="checkbox" name="tickets" value="{ref}" '
        f'aria-label="Select {ref}"></td>',
        f'<td><a href="{url}">{ref}</a></td>',
        f'<td>{EVIL_ESCAPED}<br><small class="muted">Problem</small></td>',
        "<td>Net &lt;b&gt;</td>",
        '<td><span class="badge status-open">Open</span></td>',
        '<td><span class="badge badge-danger">Urgent</span></td>',
        '<td><span class="badge sla-breached badge-danger">Breached</span>'
        f'<br><small class="muted"><time datetime="{due.isoformat()}">'
        f"{due:%Y-%m-%d %H:%M}</time></small></td>",
        "<td>Cat &amp; co</td>",
        "<td>Agent &#x27;A&#x27;</td>",
        '<td><span class="badge">vip&lt;1&gt;</span> </td>',
        '<td><time datetime="2026-03-01T09:05:00+00:00">2026-03-01 09:05</time></td>',
        "<td><time datetime=",
        ">3\xa0days</time></td>",
    ]:
        assert part in html, part
    assert "<script>" not in html


def test_a_network_list_row(ticket):
    html = ticket_row(ticket, show_network=True)
    assert (
        f'<td><a href="{ticket.get_absolute_url()}">{ticket.reference}</a></td>' in html
    )
    assert f"<td>{EVIL_ESCAPED}</td>" in html
    assert "<td>Net &lt;b&gt;</td>" in html
    assert "<td>Req &quot;R&quot;</td>" in html
    assert "<td>Cat &amp; co</td>" in html
    assert "<script>" not in html
    assert "Net &lt;b&gt;" not in ticket_row(ticket, show_network=False)


def test_an_empty_category_assignee_and_requester_show_a_dash(ticket):
    ticket.category = ticket.assignee = ticket.requester = None
    assert "<td>—</td>\n      <td>—</td>" in queue_row(ticket)
    assert "<td>—</td>\n      <td>—</td>" in ticket_row(ticket, show_network=False)


def test_badges_and_an_unknown_stored_value():
    assert sla_badge(None) == ""
    assert sla_badge("due_soon") == (
        '<span class="badge sla-due_soon badge-warn">Due soon</span>'
    )
    odd = Ticket(status="<odd>", priority="low")
    assert ticket_badges(odd) == (
        '<span class="badge status-&lt;odd&gt;">&lt;odd&gt;</span>\n'
        '<span class="badge ">Low</span>'
    )


def test_tag_names_read_in_one_query_give_the_same_row(
    ticket, django_assert_num_queries
):
    from tickets.selectors import attach_tag_names

    ticket.tags.add(Tag.objects.create(name="alpha"))
    expected = queue_row(ticket)
    with django_assert_num_queries(1):
        attach_tag_names([ticket])
    assert ticket.tag_names == ["alpha", "vip<1>"]
    with django_assert_num_queries(0):
        assert queue_row(ticket) == expected
