"""The ticket lists' tables come from one template each: a column is a heading and
a cell side by side in ``templates/jinja2/tickets/queue_table.html`` (staff) or
``ticket_table.html`` (networks). Checked on the parsed table, not on pinned markup."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.urls import reverse

from tests.tickets.factories import TicketFactory
from tickets.models import Tag

pytestmark = pytest.mark.django_db

QUEUE_TEMPLATE = Path(settings.BASE_DIR, "templates/jinja2/tickets/queue_table.html")


class _Table(HTMLParser):
    """The text of every <th> and of every row's <td>s of the first table."""

    def __init__(self):
        super().__init__()
        self.headings, self.rows, self._cell, self._in = [], [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._in = True
        elif self._in and tag == "tr":
            self._row = []
        elif self._in and tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag):
        if not self._in:
            return
        if tag in ("th", "td") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            (self.headings if tag == "th" else self._row).append(text)
            self._cell = None
        elif tag == "tr" and self._row:
            self.rows.append(self._row)
        elif tag == "table":
            self._in = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _table(html: str) -> _Table:
    table = _Table()
    table.feed(html)
    return table


@pytest.fixture
def jinja_templates_from(monkeypatch):
    """Let the Jinja2 engine find templates in ``path`` before the project's."""
    env = engines["jinja2"].env
    env.cache.clear()

    def use(path):
        monkeypatch.setattr(
            env.loader, "searchpath", [str(path), *env.loader.searchpath]
        )

    yield use
    env.cache.clear()


def test_a_queue_column_is_added_by_editing_one_template(
    client_as, intern, network_a, tmp_path, jinja_templates_from
):
    # given: the queue's table template with one more column, a heading and a cell
    source = QUEUE_TEMPLATE.read_text()
    edited = source.replace("</tr></thead>", "<th>Channel</th></tr></thead>", 1)
    edited = edited.replace(
        "    </tr>\n  {%- endfor %}",
        "      <td>{{ ticket.get_channel_display() }}</td>\n    </tr>\n  {%- endfor %}",
        1,
    )
    assert edited.count("Channel") == 1 and "get_channel_display" in edited
    (tmp_path / "tickets").mkdir()
    (tmp_path / "tickets" / "queue_table.html").write_text(edited)
    jinja_templates_from(tmp_path)
    TicketFactory(network=network_a, channel="email")
    TicketFactory(network=network_a, channel="web")

    # when
    html = client_as(intern).get(reverse("tickets:list")).content.decode()

    # then: the new heading, and under it a cell in every row
    table = _table(html)
    assert table.headings[-1] == "Channel"
    assert len(table.rows) == 2
    assert sorted(row[-1] for row in table.rows) == ["E-mail", "Web"]
    assert all(len(row) == len(table.headings) for row in table.rows)


def test_every_queue_row_has_a_cell_under_each_heading(client_as, intern, network_a):
    ticket = TicketFactory(
        network=network_a, subject="Payout <late>", status="open", priority="urgent"
    )
    ticket.tags.add(Tag.objects.create(name="vip"))
    TicketFactory(network=network_a, category=None, assignee=None)

    table = _table(client_as(intern).get(reverse("tickets:list")).content.decode())

    assert table.headings[1:4] == ["Subject", "Network", "Status"]
    assert all(len(row) == len(table.headings) for row in table.rows)
    cells = dict(
        zip(
            table.headings,
            next(r for r in table.rows if ticket.reference in r[1]),
            strict=True,
        )
    )
    assert "Payout <late>" in cells["Subject"]  # escaped in markup, text again
    assert cells["Status"] == "Open" and cells["Priority"] == "Urgent"
    # the reference and the tags sit on the subject's line (one line per ticket)
    assert ticket.reference in cells["Subject"] and "vip" in cells["Subject"]
    assert cells["Network"] == network_a.name
    empty = next(r for r in table.rows if ticket.reference not in r[1])
    assert dict(zip(table.headings, empty, strict=True))["Assignee"] == "—"


@pytest.mark.parametrize("networks", [1, 2])
def test_a_networks_list_has_a_cell_under_each_heading(
    client_as, member_a, network_a, networks
):
    from tests.hub.factories import MembershipFactory, NetworkFactory

    if networks == 2:
        MembershipFactory(user=member_a, network=NetworkFactory())
    TicketFactory(network=network_a, requester=member_a, status="pending")

    table = _table(client_as(member_a).get(reverse("tickets:list")).content.decode())

    assert ("Network" in table.headings) == (networks == 2)
    assert len(table.rows) == 1 and len(table.rows[0]) == len(table.headings)
    cells = dict(zip(table.headings, table.rows[0], strict=True))
    assert cells["Status"].startswith("Pending") and cells["Status"].endswith("Normal")


def test_the_badges_escape_an_unknown_stored_value():
    from tickets.models import Ticket

    html = (
        engines["jinja2"]
        .get_template("tickets/ticket_badges.html")
        .render({"ticket": Ticket(status="<odd>", priority="low")})
    )
    assert "<odd>" not in html and "&lt;odd&gt;" in html
