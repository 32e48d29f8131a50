import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from core import cache
from tests.hub.factories import MembershipFactory
from tests.tickets.factories import (
    PNG_BYTES,
    CategoryFactory,
    MessageFactory,
    TicketFactory,
)
from tickets import services
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(network_a, member_a):
    return TicketFactory(network=network_a, requester=member_a, subject="Payout gap")


@pytest.fixture
def conversation(ticket, intern):
    services.ticket_add_note(
        ticket=ticket, author=intern, body="SECRET-NOTE fraud hold"
    )
    services.ticket_reply(
        ticket=ticket, author=intern, body="PUBLIC-REPLY we are on it"
    )
    ticket.refresh_from_db()
    return ticket


# --- the form ---------------------------------------------------------------------


def test_the_form_files_a_ticket_with_an_attachment(
    client_as, member_a, network_a, django_capture_on_commit_callbacks
):
    category = CategoryFactory(slug="payouts", name="Payouts")
    browser = client_as(member_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            reverse("tickets:new"),
            {
                "subject": "Diamonds missing",
                "description": "From the 12 May battle.",
                "category": "payouts",
                "kind": "problem",
                "priority": "high",
                "attachments": [SimpleUploadedFile("shot.png", PNG_BYTES)],
            },
        )
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response.url == ticket.get_absolute_url()
    assert (ticket.network, ticket.category, ticket.priority) == (
        network_a,
        category,
        "high",
    )
    assert ticket.attachments.count() == 1
    assert len(mail.outbox) == 1


def test_the_form_takes_initial_values_from_the_knowledge_base(client_as, member_a):
    CategoryFactory(slug="live-access", name="LIVE access")
    page = client_as(member_a).get(
        reverse("tickets:new")
        + "?subject=LIVE+banned&category=live-access&article=appeal-a-ban"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="id_subject"' in html and 'value="LIVE banned"' in html
    assert '<option value="live-access" selected>' in html
    assert "appeal-a-ban" in html
    assert "id_network" not in html  # one network: nothing to choose


def test_the_form_shows_errors_and_keeps_input(client_as, member_a):
    response = client_as(member_a).post(
        reverse("tickets:new"),
        {"subject": "", "description": "x", "kind": "complaint", "priority": "normal"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"subject", "kind"}
    assert not Ticket.objects.exists()


def test_the_form_refuses_a_disguised_file_and_says_why(client_as, member_a):
    response = client_as(member_a).post(
        reverse("tickets:new"),
        {
            "subject": "Payout",
            "description": "See file",
            "kind": "question",
            "priority": "normal",
            "attachments": [SimpleUploadedFile("a.png", b"MZ" + b"\0" * 99)],
        },
    )
    assert response.status_code == 200
    assert "not an allowed file type" in response.content.decode()
    assert not Ticket.objects.exists()


def test_a_member_of_two_networks_chooses_on_the_form(client_as, member_a, network_b):
    MembershipFactory(user=member_a, network=network_b)
    browser = client_as(member_a)
    assert "id_network" in browser.get(reverse("tickets:new")).content.decode()
    browser.post(
        reverse("tickets:new"),
        {
            "network": network_b.slug,
            "subject": "s",
            "description": "d",
            "kind": "question",
            "priority": "normal",
        },
    )
    assert Ticket.objects.get().network == network_b


def test_someone_without_a_network_is_sent_home_from_the_form(client_as, outsider):
    response = client_as(outsider).get(reverse("tickets:new"))
    assert response.status_code == 302


# --- who sees what --------------------------------------------------------------------


def test_anonymous_people_are_sent_to_login_everywhere(client, ticket):
    for url in (
        reverse("tickets:list"),
        reverse("tickets:new"),
        ticket.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_a_member_sees_replies_but_never_internal_notes(
    client_as, member_a, conversation
):
    html = client_as(member_a).get(conversation.get_absolute_url()).content.decode()
    assert "PUBLIC-REPLY" in html
    assert "SECRET-NOTE" not in html
    assert "Internal note" not in html
    assert "History" not in html and "Assign to me" not in html


def test_staff_see_notes_distinct_history_and_side_panel(
    client_as, intern, conversation
):
    html = client_as(intern).get(conversation.get_absolute_url()).content.decode()
    assert "SECRET-NOTE" in html and "PUBLIC-REPLY" in html
    assert 'class="ticket-message internal note"' in html
    assert "History" in html and "Assign to me" in html


def test_another_network_gets_404_on_every_ticket_url(
    client_as, member_b, conversation
):
    browser = client_as(member_b)
    ref = conversation.reference
    assert browser.get(reverse("tickets:detail", args=[ref])).status_code == 404
    for name in ("reply", "note", "properties", "take"):
        response = browser.post(reverse(f"tickets:{name}", args=[ref]), {"body": "x"})
        assert response.status_code == 404, name
    assert conversation.messages.count() == 2


def test_another_network_does_not_see_the_ticket_in_its_list(
    client_as, member_b, ticket
):
    html = client_as(member_b).get(reverse("tickets:list")).content.decode()
    assert ticket.reference not in html


def test_the_network_list_shows_each_ticket_escaped(client_as, member_a, network_a):
    category = CategoryFactory(name="Payouts & <b>gifts</b>")
    ticket = TicketFactory(
        network=network_a,
        requester=member_a,
        category=category,
        subject='<script>alert("x")</script>',
        status="pending",
        priority="urgent",
    )
    html = client_as(member_a).get(reverse("tickets:list")).content.decode()
    assert f'<a href="{ticket.get_absolute_url()}">{ticket.reference}</a>' in html
    assert "<script>alert" not in html
    assertInHTML("<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>", html)
    assert "Payouts &amp; &lt;b&gt;gifts&lt;/b&gt;" in html
    assert '<span class="badge status-pending">' in html
    assert '<span class="badge badge-danger">Urgent</span>' in html
    assert f"<td>{member_a}</td>" in html
    assert "<th>Network</th>" not in html  # one network: no network column


def test_staff_only_actions_are_404_for_the_network_itself(
    client_as, member_a, ticket, intern
):
    browser = client_as(member_a)
    ref = ticket.reference
    assert (
        browser.post(reverse("tickets:note", args=[ref]), {"body": "x"}).status_code
        == 404
    )
    assert browser.post(reverse("tickets:take", args=[ref])).status_code == 404
    response = browser.post(
        reverse("tickets:properties", args=[ref]),
        {"props-status": "solved", "props-version": 1},
    )
    assert response.status_code == 404
    ticket.refresh_from_db()
    assert (ticket.status, ticket.assignee, ticket.messages.count()) == ("new", None, 0)


def test_actions_refuse_get(client_as, intern, ticket):
    response = client_as(intern).get(reverse("tickets:take", args=[ticket.reference]))
    assert response.status_code == 405
    ticket.refresh_from_db()
    assert ticket.assignee is None


# --- working a ticket -------------------------------------------------------------


def test_a_network_reply_reopens_and_staff_reply_sets_pending(
    client_as, member_a, intern, ticket
):
    staff = client_as(intern)
    staff.post(
        reverse("tickets:reply", args=[ticket.reference]),
        {"body": "What is the UID?", "status": "pending"},
    )
    ticket.refresh_from_db()
    assert ticket.status == "pending"
    client_as(member_a).post(
        reverse("tickets:reply", args=[ticket.reference]),
        {"body": "UID 123", "status": "solved"},  # a member's status is ignored
    )
    ticket.refresh_from_db()
    assert ticket.status == "open"


def test_an_empty_reply_shows_an_error(client_as, member_a, ticket):
    response = client_as(member_a).post(
        reverse("tickets:reply", args=[ticket.reference]), {"body": "  "}
    )
    assert response.status_code == 400
    assert ticket.messages.count() == 0


def test_assign_to_me_and_properties(client_as, intern, ticket):
    browser = client_as(intern)
    browser.post(reverse("tickets:take", args=[ticket.reference]))
    ticket.refresh_from_db()
    assert ticket.assignee == intern and ticket.version == 2
    response = browser.post(
        reverse("tickets:properties", args=[ticket.reference]),
        {
            "props-version": 2,
            "props-status": "on_hold",
            "props-priority": "urgent",
            "props-kind": "problem",
            "props-assignee": intern.pk,
            "props-tags": "payout, escalated",
        },
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority, ticket.kind) == (
        "on_hold",
        "urgent",
        "problem",
    )
    assert ticket.tags.count() == 2


def test_a_stale_properties_form_is_a_conflict(client_as, intern, manager, ticket):
    services.ticket_update(ticket=ticket, actor=manager, priority="high")
    response = client_as(intern).post(
        reverse("tickets:properties", args=[ticket.reference]),
        {
            "props-version": 1,
            "props-status": "new",
            "props-priority": "low",
            "props-kind": "question",
        },
    )
    assert response.status_code == 409
    assert "Someone else changed this ticket" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.priority == "high"


# --- attachments ------------------------------------------------------------------


@pytest.fixture
def files(ticket, member_a, intern):
    public = services.ticket_reply(
        ticket=ticket,
        author=member_a,
        body="see file",
        attachments=[SimpleUploadedFile("shot.png", PNG_BYTES)],
    ).attachments.get()
    internal = services.ticket_add_note(
        ticket=ticket,
        author=intern,
        body="internal file",
        attachments=[SimpleUploadedFile("internal.png", PNG_BYTES)],
    ).attachments.get()
    return public, internal


def test_downloads_are_attachments_that_are_never_sniffed(client_as, member_a, files):
    public, _ = files
    response = client_as(member_a).get(public.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="shot.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG_BYTES


def test_downloads_are_404_for_other_networks_anonymous_and_internal_files(
    client, client_as, member_a, member_b, intern, files
):
    public, internal = files
    assert client_as(member_b).get(public.get_absolute_url()).status_code == 404
    assert client_as(member_a).get(internal.get_absolute_url()).status_code == 404
    assert client.get(public.get_absolute_url()).status_code == 302
    assert client_as(intern).get(internal.get_absolute_url()).status_code == 200


def test_media_files_are_not_routed(client_as, member_a, files):
    public, _ = files
    assert client_as(member_a).get("/media/" + public.file.name).status_code == 404
    assert client_as(member_a).get("/" + public.file.name).status_code == 404


# --- lists and query counts ---------------------------------------------------------


def _fill(network, count, staff):
    category = CategoryFactory(slug="payouts", name="Payouts")
    from tickets.models import Tag

    tag, _ = Tag.objects.get_or_create(name="vip")
    for _i in range(count):
        t = TicketFactory(
            network=network, category=category, assignee=staff, tags=[tag]
        )
        MessageFactory(ticket=t)


# the staff queue: session, user, groups, saved views, the filter's pick lists
# (one values_list each), the count, the page with its joins (and each row's
# preview and seen-at as subqueries), its tag names, the sidebar's view counts
# (one query for every view, issue 17)
QUEUE_QUERIES = 12


@pytest.mark.parametrize("count", [3, 30])
def test_the_queue_has_a_constant_number_of_queries(
    client_as, intern, network_a, network_b, count, django_assert_num_queries
):
    _fill(network_a, count // 2, intern)
    _fill(network_b, count - count // 2, intern)
    browser = client_as(intern)
    # + saved views (issue 5); the bulk bar reuses the filter's staff list; SLA
    # state is SQL; the filter's selects are one values_list each
    with django_assert_num_queries(QUEUE_QUERIES):
        response = browser.get(reverse("tickets:list") + "?per_page=50")
    assert response.status_code == 200
    assert len(response.context["tickets"]) == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_filtered_queue_has_a_constant_number_of_queries(
    client_as, intern, network_a, network_b, count, django_assert_num_queries
):
    _fill(network_a, count // 2, intern)
    _fill(network_b, count - count // 2, intern)
    Ticket.objects.update(status="open", priority="high")
    browser = client_as(intern)
    query = "?status=open&priority=high&q=payout&ordering=-priority&per_page=50"
    with django_assert_num_queries(QUEUE_QUERIES):
        response = browser.get(reverse("tickets:list") + query)
    assert len(response.context["tickets"]) == count


@pytest.mark.parametrize("count", [3, 30])
def test_a_deep_queue_page_has_a_constant_number_of_queries(
    client_as, intern, network_a, count, django_assert_num_queries, monkeypatch
):
    from core import paginator

    monkeypatch.setattr(paginator, "DEFERRED_FROM", 1)  # page 2 loads ids first
    _fill(network_a, count + 25, intern)
    browser = client_as(intern)
    with django_assert_num_queries(QUEUE_QUERIES + 1):  # + the page's ids
        response = browser.get(reverse("tickets:list") + "?page=2")
    assert len(response.context["tickets"]) == min(count, 25)
    first = browser.get(reverse("tickets:list")).context["tickets"]
    assert not {t.pk for t in first} & {t.pk for t in response.context["tickets"]}


@pytest.mark.parametrize("count", [3, 30])
def test_the_staff_home_has_a_constant_number_of_queries(
    client_as, manager, network_a, intern, count, django_assert_num_queries
):
    from django.core.cache import cache

    cache.clear()  # the insights panels' figures are cached: measure them cold
    _fill(network_a, count, intern)
    browser = client_as(manager)
    # cold: the insights attention panel adds three grouped queries (issue 8), the
    # upcoming events panel one
    with django_assert_num_queries(16):
        assert browser.get("/").status_code == 200
    # warm (HUB_INSIGHTS_CACHE_SECONDS): what a manager opening the home gets
    with django_assert_num_queries(13):
        assert browser.get("/").status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_network_list_has_a_constant_number_of_queries(
    client_as,
    member_a,
    network_a,
    network_b,
    intern,
    count,
    django_assert_num_queries,
):
    _fill(network_a, count, intern)
    _fill(network_b, 2, intern)
    browser = client_as(member_a)
    with django_assert_num_queries(8):  # +1: announcement banners (onboarding)
        response = browser.get(reverse("tickets:list") + "?per_page=50")
    assert len(response.context["tickets"]) == count
    assert {t.network for t in response.context["tickets"]} == {network_a}


def test_queue_filters_sort_and_search(
    client_as, intern, manager, network_a, network_b
):
    urgent = TicketFactory(
        network=network_a, priority="urgent", subject="LIVE ban appeal"
    )
    low = TicketFactory(network=network_b, priority="low", assignee=manager)
    normal = TicketFactory(network=network_a, status="pending")
    browser = client_as(intern)

    def refs(query):
        response = browser.get(reverse("tickets:list") + query)
        return [t.reference for t in response.context["tickets"]]

    assert refs("?ordering=-priority") == [
        urgent.reference,
        normal.reference,
        low.reference,
    ]
    assert refs(f"?network={network_b.slug}") == [low.reference]
    assert refs("?status=pending") == [normal.reference]
    assert refs(f"?assignee={manager.pk}") == [low.reference]
    assert set(refs("?unassigned=true")) == {urgent.reference, normal.reference}
    assert refs("?q=ban+appeal") == [urgent.reference]
    assert refs(f"?q={low.reference}") == [low.reference]


def test_members_cannot_filter_by_staff_only_fields(
    client_as, member_a, network_a, intern
):
    TicketFactory(network=network_a, assignee=intern)
    TicketFactory(network=network_a)
    response = client_as(member_a).get(
        reverse("tickets:list") + f"?assignee={intern.pk}"
    )
    assert len(response.context["tickets"]) == 2  # filter ignored, nothing revealed
    assert "assignee" not in response.context["filter"].form.fields


# --- home panel ---------------------------------------------------------------------


def test_home_shows_a_network_its_open_and_waiting_tickets(
    client_as, member_a, network_a, network_b
):
    TicketFactory(network=network_a, status="open")
    TicketFactory(network=network_a, status="pending")
    TicketFactory(network=network_b, status="open")
    html = client_as(member_a).get("/").content.decode()
    assert "1 open ticket" in html and "1 waiting on you" in html


def test_home_shows_staff_queue_health(client_as, manager, network_a, intern):
    TicketFactory(network=network_a, status="new")
    TicketFactory(network=network_a, status="open", assignee=intern)
    html = client_as(manager).get("/").content.decode()
    assert "1 new ticket" in html and "1 unassigned" in html and "1 open" in html


def _open_suggestion_then(client, article, *, file_ticket: bool):
    client.get(f"/faq/{article.slug}/?from=ticket-form&q=diamonds")
    if file_ticket:
        response = client.post(
            "/tickets/new/",
            {
                "subject": "Diamonds still missing",
                "description": "The article did not cover our case.",
                "kind": "problem",
                "priority": "normal",
            },
        )
        assert response.status_code == 302


@pytest.mark.parametrize(
    ("file_ticket", "outcome"), [(True, "filed"), (False, "opened")]
)
def test_filing_after_opening_a_suggestion_is_not_a_deflection(
    client_as, member_a, file_ticket, outcome
):
    from faq.models import Deflection
    from tests.faq.factories import ArticleFactory

    article = ArticleFactory(status="published", audience="everyone")
    _open_suggestion_then(client_as(member_a), article, file_ticket=file_ticket)
    assert list(Deflection.objects.values_list("outcome", flat=True)) == [outcome]


def test_the_queue_shows_sla_state_saved_views_and_the_bulk_bar(
    client_as, manager, network_a
):
    from django.utils import timezone

    from tests.tickets.factories import PolicyFactory

    TicketFactory(
        network=network_a,
        status="open",
        sla_policy=PolicyFactory(),
        resolution_due_at=timezone.now(),
        sla_due_at=timezone.now() + timezone.timedelta(minutes=5),
    )
    html = client_as(manager).get(reverse("tickets:list")).content.decode()
    assert "Due soon" in html
    assert "Breaching soon" in html and "Waiting on network" in html
    assert 'name="tickets"' in html and 'action="/tickets/bulk/"' in html
    assert "ordering=sla_due" in html


def test_the_ticket_page_shows_the_sla_panel_and_macros_to_staff_only(
    client_as, intern, member_a, network_a
):
    from tests.tickets.factories import CannedReplyFactory

    CannedReplyFactory(title="Ask for UID")
    ticket = TicketFactory(network=network_a, requester=member_a)
    staff = client_as(intern).get(ticket.get_absolute_url()).content.decode()
    assert "Service level" in staff and "Ask for UID" in staff
    network = client_as(member_a).get(ticket.get_absolute_url()).content.decode()
    assert "Service level" not in network and "Ask for UID" not in network


def test_staff_queue_health_is_kept_until_a_ticket_service_changes_a_ticket(
    client_as, manager, network_a, settings, django_capture_on_commit_callbacks
):
    settings.HUB_CACHE_QUEUE_HEALTH_SECONDS = 30
    cache.QUEUE_HEALTH.invalidate()
    TicketFactory(network=network_a, status="new")
    client = client_as(manager)
    assert "1 new ticket" in client.get("/").content.decode()
    second = TicketFactory(network=network_a, status="new")  # no service: not seen
    assert "1 new ticket" in client.get("/").content.decode()  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        services.tickets_bulk_update(
            actor=manager, tickets=Ticket.objects.filter(pk=second.pk), priority="high"
        )
    assert "2 new tickets" in client.get("/").content.decode()


def test_the_queues_pick_lists_are_shared_by_staff_for_their_lifetime(
    client_as, manager, intern, network_a, member_a, settings
):
    from tests.hub.factories import NetworkFactory

    settings.HUB_CACHE_PICK_LISTS_SECONDS = 30
    cache.PICK_LISTS.invalidate()
    client_as(manager).get(reverse("tickets:list"))
    NetworkFactory(name="Brand new network")
    html = client_as(intern).get(reverse("tickets:list")).content.decode()
    assert "Brand new network" not in html  # another colleague's cached lists
    assert network_a.name in html
    cache.PICK_LISTS.invalidate()
    html = client_as(intern).get(reverse("tickets:list")).content.decode()
    assert "Brand new network" in html
    # a network's own (short) lists are never shared
    mine = client_as(member_a).get(reverse("tickets:list")).content.decode()
    assert "Brand new network" not in mine


def test_a_filtered_count_is_kept_until_a_ticket_service_changes_tickets(
    client_as,
    manager,
    network_a,
    settings,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    settings.HUB_CACHE_TICKET_COUNTS_SECONDS = 30
    cache.TICKET_COUNTS.invalidate()
    for _ in range(3):
        TicketFactory(network=network_a, status="open", subject="Payout late")
    other = TicketFactory(network=network_a, status="new", subject="Payout other")
    browser = client_as(manager)
    url = reverse("tickets:list") + "?status=open&q=payout"
    assert "3 tickets" in browser.get(url).content.decode()
    # kept: re-sorting (or another page) does not count again (nor do the
    # sidebar's views: their counts are kept alike)
    with django_assert_num_queries(QUEUE_QUERIES - 2):
        assert "3 tickets" in browser.get(url + "&ordering=status").content.decode()
    # a bulk change (one UPDATE-like service for many tickets) counts again
    with django_capture_on_commit_callbacks(execute=True):
        services.tickets_bulk_update(
            actor=manager, tickets=Ticket.objects.filter(pk=other.pk), status="open"
        )
    assert "4 tickets" in browser.get(url).content.decode()


def test_counts_that_follow_the_clock_or_the_person_are_never_kept(manager, member_a):
    from django.http import QueryDict

    from tickets.selectors import list_count_key

    assert list_count_key(user=manager, params=QueryDict("sla_state=breached")) is None
    assert list_count_key(user=manager, params=QueryDict("mine=true")) is None
    assert list_count_key(user=manager, params=QueryDict("page=3")) is None
    a = list_count_key(user=manager, params=QueryDict("status=open&q=x&page=2"))
    b = list_count_key(user=manager, params=QueryDict("q=x&status=open"))
    assert a == b and a is not None
    network = list_count_key(user=member_a, params=QueryDict("q=x&status=open"))
    assert network not in (None, a)  # what a network sees is counted on its own
