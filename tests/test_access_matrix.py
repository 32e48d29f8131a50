"""Every route, tried by every role against network A's objects.

Fails when a URL pattern exists without a row here (or a reasoned exemption), so a
new page or endpoint cannot ship without deciding who may reach it. Roles:
anonymous, a member of network A, a member of network B, an intern, a manager.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ANON, MEMBER_A, MEMBER_B, INTERN, MANAGER = (
    "anonymous",
    "member_a",
    "member_b",
    "intern",
    "manager",
)
ROLES = [ANON, MEMBER_A, MEMBER_B, INTERN, MANAGER]
LOGIN = "login"  # redirected to the sign-in page
JSON_BODY = ("patch", "put")  # sent as JSON (the API's updates)


@dataclass
class Row:
    url: object  # a string, or a function of the objects dict
    expect: dict
    method: str = "get"
    data: dict = field(default_factory=dict)


def everyone(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status, anonymous=LOGIN):
    return {**everyone(status), ANON: anonymous}


def staff_only(status=200, anonymous=LOGIN, others=404):
    return {
        ANON: anonymous,
        MEMBER_A: others,
        MEMBER_B: others,
        INTERN: status,
        MANAGER: status,
    }


def manager_only(status=200, anonymous=LOGIN):
    """Agency managers' pages: everyone else signed in gets 404."""
    return {ANON: anonymous, MEMBER_A: 404, MEMBER_B: 404, INTERN: 404, MANAGER: status}


def network_a_and_staff(status=200, anonymous=LOGIN):
    return {
        ANON: anonymous,
        MEMBER_A: status,
        MEMBER_B: 404,
        INTERN: status,
        MANAGER: status,
    }


MATRIX: dict[str, Row] = {
    "home": Row("/", signed_in(200)),
    "healthz": Row("/healthz", everyone(200)),
    "login": Row("/accounts/login/", {**everyone(302), ANON: 200}),
    "logout": Row("/accounts/logout/", everyone(405)),
    "password_reset": Row("/accounts/password_reset/", everyone(200)),
    "password_reset_done": Row("/accounts/password_reset/done/", everyone(200)),
    "password_reset_complete": Row("/accounts/reset/done/", everyone(200)),
    "password_change": Row("/accounts/password_change/", signed_in(200)),
    "password_change_done": Row("/accounts/password_change/done/", signed_in(200)),
    # --- one's own account: second factor and API tokens ---
    "login_verify": Row("/accounts/login/verify/", signed_in(302)),
    "two_factor": Row("/accounts/two-factor/", signed_in(200)),
    "two_factor_setup": Row("/accounts/two-factor/setup/", signed_in(200)),
    "two_factor_recovery_codes": Row(
        "/accounts/two-factor/recovery-codes/", signed_in(302), method="post"
    ),
    "two_factor_disable": Row(
        "/accounts/two-factor/disable/", signed_in(302), "post", {"otp": "123456"}
    ),
    "account_profile": Row("/accounts/profile/", signed_in(200)),  # issue 17
    "account_tokens": Row("/accounts/tokens/", signed_in(200)),
    # everyone may pick a language: signed-in people save their own, others a cookie
    "language": Row("/accounts/language/", everyone(200)),
    "account_token_revoke": Row(
        lambda o: f"/accounts/tokens/{o['api_token'].pk}/revoke/",
        # only its owner (member A) revokes it; anyone else's answer is 404
        {**everyone(404), ANON: LOGIN, MEMBER_A: 302},
        method="post",
    ),
    "hub:network_list": Row("/hub/networks/", staff_only()),
    # the header's search: every signed-in person, each finding only what they
    # may open (tests/hub/test_global_search.py tries it from the side kept out)
    "hub:search": Row("/hub/search/?q=payout", signed_in(200)),
    "hub:network_detail": Row(
        lambda o: f"/hub/networks/{o['network'].slug}/", network_a_and_staff()
    ),
    "hub:network_language": Row(
        lambda o: f"/hub/networks/{o['network'].slug}/language/",
        manager_only(302),
        "post",
        {"default_language": "id"},
    ),
    "api-root": Row("/api/v1/", signed_in(200, anonymous=401)),
    "api-token": Row("/api/v1/auth/token/", everyone(405)),
    "network-list": Row("/api/v1/networks/", signed_in(200, anonymous=401)),
    "network-detail": Row(
        lambda o: f"/api/v1/networks/{o['network'].slug}/",
        {**network_a_and_staff(anonymous=401)},
    ),
    "api-schema": Row("/api/schema/", everyone(200)),
    # --- knowledge base ---
    "faq:index": Row("/faq/", everyone(200)),
    "faq:detail": [
        Row(lambda o: f"/faq/{o['article_everyone'].slug}/", everyone(200)),
        Row(
            lambda o: f"/faq/{o['article_networks'].slug}/",
            {**everyone(200), ANON: 404},
        ),
        Row(lambda o: f"/faq/{o['article_staff'].slug}/", staff_only(anonymous=404)),
        Row(lambda o: f"/faq/{o['article_draft'].slug}/", staff_only(anonymous=404)),
    ],
    "faq:suggest": Row("/faq/suggest/?q=payout", everyone(200)),
    "faq:preview": Row(
        "/faq/preview/", staff_only(anonymous=404), "post", {"body": "# Hi"}
    ),
    "faq:vote": [
        Row(
            lambda o: f"/faq/{o['article_everyone'].slug}/vote/",
            everyone(302),
            "post",
            {"helpful": "yes"},
        ),
        Row(
            lambda o: f"/faq/{o['article_draft'].slug}/vote/",
            everyone(404),
            "post",
            {"helpful": "yes"},
        ),
    ],
    "faq:solved": [
        Row(
            lambda o: f"/faq/{o['article_everyone'].slug}/solved/",
            everyone(302),
            "post",
        ),
        Row(
            lambda o: f"/faq/{o['article_staff'].slug}/solved/",
            staff_only(302, anonymous=404),
            "post",
        ),
    ],
    "faq-article-list": Row("/api/v1/faq/articles/", everyone(200)),
    "faq-article-detail": [
        Row(
            lambda o: f"/api/v1/faq/articles/{o['article_everyone'].slug}/",
            everyone(200),
        ),
        Row(
            lambda o: f"/api/v1/faq/articles/{o['article_networks'].slug}/",
            {**everyone(200), ANON: 404},
        ),
        Row(
            lambda o: f"/api/v1/faq/articles/{o['article_staff'].slug}/",
            staff_only(anonymous=404),
        ),
        Row(
            lambda o: f"/api/v1/faq/articles/{o['article_draft'].slug}/",
            staff_only(anonymous=404),
        ),
    ],
    # --- tickets ---
    "tickets:list": Row("/tickets/", signed_in(200)),
    "tickets:new": Row("/tickets/new/", signed_in(200)),
    "tickets:detail": Row(
        lambda o: f"/tickets/{o['ticket'].reference}/", network_a_and_staff()
    ),
    "tickets:attachment": [
        Row(lambda o: o["attachment"].get_absolute_url(), network_a_and_staff()),
        Row(lambda o: o["note_attachment"].get_absolute_url(), staff_only()),
    ],
    "tickets:reply": Row(
        lambda o: f"/tickets/{o['ticket'].reference}/reply/",
        network_a_and_staff(302),
        method="post",
        data={"body": "Any news on this?"},
    ),
    "tickets:note": Row(
        lambda o: f"/tickets/{o['ticket'].reference}/note/",
        staff_only(302),
        method="post",
        data={"body": "Checked the payout ledger."},
    ),
    "tickets:properties": Row(
        lambda o: f"/tickets/{o['ticket'].reference}/properties/",
        staff_only(302),
        method="post",
        data={
            "props-version": 1,
            "props-status": "open",
            "props-priority": "high",
            "props-kind": "problem",
        },
    ),
    "tickets:take": Row(
        lambda o: f"/tickets/{o['ticket'].reference}/take/",
        staff_only(302),
        method="post",
    ),
    "tickets:canned_reply": Row(
        lambda o: f"/tickets/{o['ticket'].reference}/canned/",
        staff_only(302),
        method="post",
    ),
    # --- the staff ticket page's composer, presence, live conversation (issue 17)
    "tickets:compose": Row(
        lambda o: f"/tickets/{o['ticket'].reference}/compose/",
        staff_only(302),
        method="post",
        # seen: past every message (seen=0 holds it: someone else wrote a note)
        data={"kind": "reply", "body": "Checked the ledger.", "seen": 10**9},
    ),
    "tickets:presence": Row(
        lambda o: f"/tickets/{o['ticket'].reference}/presence/",
        staff_only(200),
        method="post",
        data={"state": "viewing"},
    ),
    "tickets:context": Row(
        lambda o: f"/tickets/{o['ticket'].reference}/context/", staff_only(200)
    ),
    "tickets:conversation": Row(
        lambda o: f"/tickets/{o['ticket'].reference}/conversation/",
        network_a_and_staff(200),
    ),
    "tickets:rate": Row(
        lambda o: f"/tickets/{o['ticket'].reference}/rate/",
        # member A may rate, but not an open ticket (400); staff never rate (403)
        {**network_a_and_staff(403), MEMBER_A: 400},
        method="post",
        data={"score": 5},
    ),
    "tickets:bulk": Row(
        "/tickets/bulk/",
        staff_only(302),
        method="post",
        data={"tickets": ["HUB-999999"], "status": "open"},
    ),
    # no undo on offer: back to the queue with a message (staff); others 404
    "tickets:bulk_undo": Row(
        "/tickets/bulk/undo/", staff_only(302), method="post", data={"token": "x"}
    ),
    "tickets:view_create": Row(
        "/tickets/views/",
        staff_only(302),
        method="post",
        data={"name": "Mine", "query": "status=open"},
    ),
    "tickets:view_delete": Row(
        "/tickets/views/999999/delete/", staff_only(404), method="post"
    ),
    "ticket-list": Row("/api/v1/tickets/", signed_in(200, anonymous=401)),
    "ticket-detail": Row(
        lambda o: f"/api/v1/tickets/{o['ticket'].reference}/",
        network_a_and_staff(anonymous=401),
    ),
    "ticket-messages": Row(
        lambda o: f"/api/v1/tickets/{o['ticket'].reference}/messages/",
        network_a_and_staff(anonymous=401),
    ),
    # --- insights (weekly update, recurring questions, feedback board) ---
    "insights:weekly": [
        Row("/hub/weekly/", {**staff_only(), INTERN: 404}),
        Row("/hub/weekly/?format=csv", {**staff_only(), INTERN: 404}),
    ],
    "insights:recurring": Row("/hub/recurring/", staff_only()),
    "insights:recurring_draft": Row(
        lambda o: f"/hub/recurring/{o['recurring_group'].pk}/draft/",
        staff_only(302),
        method="post",
    ),
    # search gaps: staff draft an article from one (interns keep the FAQ)
    "insights:search_gap_draft": Row(
        lambda o: f"/hub/recurring/gaps/{o['search_gap'].pk}/draft/",
        staff_only(302),
        method="post",
    ),
    # the feedback board is the agency managers' (issue 14): interns get 404
    "insights:feedback": Row("/hub/feedback/", {**staff_only(), INTERN: 404}),
    "insights:feedback_export": Row(
        "/hub/feedback/export.csv", {**staff_only(), INTERN: 404}
    ),
    "insights:feedback_create": Row(
        "/hub/feedback/new/",
        {**staff_only(302), INTERN: 404},
        method="post",
        data={"title": "Dark mode for backstage"},
    ),
    "insights:feedback_status": Row(
        lambda o: f"/hub/feedback/{o['feedback_item'].pk}/status/",
        {**staff_only(302), INTERN: 404},
        method="post",
        # confirmed: a new status e-mails the networks, so it asks first (issue 17)
        data={
            "status": "relayed",
            "note": "Sent to the product team.",
            "confirmed": "1",
        },
    ),
    "insights:feedback_link": Row(
        lambda o: f"/hub/feedback/{o['feedback_item'].pk}/link/",
        {**staff_only(302), INTERN: 404},
        method="post",
        data={"tickets": "HUB-999999"},
    ),
    "insights-recurring-list": Row(
        "/api/v1/insights/recurring/",
        {**staff_only(anonymous=401), MEMBER_A: 403, MEMBER_B: 403},
    ),
    "insights-search-gaps-list": Row(
        "/api/v1/insights/search-gaps/",
        {**staff_only(anonymous=401), MEMBER_A: 403, MEMBER_B: 403},
    ),
    "api-docs": Row("/api/docs/", everyone(200)),
    # --- onboarding ---
    "onboarding:index": Row(
        "/onboarding/",
        {**signed_in(200), MEMBER_A: 302},  # one checklist: straight to it
    ),
    "onboarding:detail": Row(
        lambda o: f"/onboarding/{o['network'].slug}/", network_a_and_staff()
    ),
    "onboarding:step_toggle": Row(
        lambda o: f"/onboarding/steps/{o['step'].pk}/toggle/",
        network_a_and_staff(302),
        method="post",
        data={"done": "1"},
    ),
    "onboarding:members": Row(
        lambda o: f"/onboarding/{o['network'].slug}/members/",
        {**staff_only(404), MANAGER: 200},  # managers and the network's owners
    ),
    "onboarding:member_remove": Row(
        lambda o: (
            f"/onboarding/{o['network'].slug}/members/{o['membership'].pk}/remove/"
        ),
        {**staff_only(404), MANAGER: 302},
        method="post",
    ),
    # issue 17: resend and revoke a pending invitation (managers, the owners)
    "onboarding:invitation_resend": Row(
        lambda o: (
            f"/onboarding/{o['network'].slug}/invitations/{o['invitation'].pk}/resend/"
        ),
        {**staff_only(404), MANAGER: 302},
        method="post",
    ),
    "onboarding:invitation_revoke": Row(
        lambda o: (
            f"/onboarding/{o['network'].slug}/invitations/{o['invitation'].pk}/revoke/"
        ),
        {**staff_only(404), MANAGER: 302},
        method="post",
    ),
    "onboarding:invitation_accept": Row(
        lambda o: f"/onboarding/invitations/{o['invitation_token']}/", everyone(200)
    ),
    "onboarding:preferences": Row("/onboarding/preferences/", signed_in(200)),
    "onboarding:unsubscribe": Row(
        lambda o: f"/onboarding/unsubscribe/{o['unsubscribe_token']}/", everyone(200)
    ),
    "onboarding:announcement_detail": Row(
        lambda o: f"/onboarding/announcements/{o['announcement'].pk}/",
        network_a_and_staff(),
    ),
    "onboarding:announcement_ack": Row(
        lambda o: f"/onboarding/announcements/{o['announcement'].pk}/acknowledge/",
        network_a_and_staff(302),
        method="post",
    ),
    "onboarding:announcement_report": Row(
        lambda o: f"/onboarding/announcements/{o['announcement'].pk}/report/",
        {**staff_only(404), MANAGER: 200},  # agency managers only
    ),
    # --- onboarding over the API (the same rules as the pages above) ---
    "onboarding-list": Row("/api/v1/onboarding/", signed_in(200, anonymous=401)),
    "onboarding-detail": Row(
        lambda o: f"/api/v1/onboarding/{o['network'].slug}/",
        network_a_and_staff(anonymous=401),
    ),
    "onboarding-step-detail": Row(
        lambda o: f"/api/v1/onboarding/steps/{o['step'].pk}/",
        network_a_and_staff(anonymous=401),
        method="patch",
        data={"done": True},
    ),
    "member-list": Row(
        lambda o: f"/api/v1/networks/{o['network'].slug}/members/",
        {**staff_only(404, anonymous=401), MANAGER: 200},  # managers and owners
    ),
    "member-detail": Row(
        lambda o: f"/api/v1/networks/{o['network'].slug}/members/{o['membership'].pk}/",
        {**staff_only(404, anonymous=401), MANAGER: 204},
        method="delete",
    ),
    "invitation-list": Row(
        lambda o: f"/api/v1/networks/{o['network'].slug}/invitations/",
        {**staff_only(404, anonymous=401), MANAGER: 200},
    ),
    "announcement-list": Row("/api/v1/announcements/", signed_in(200, anonymous=401)),
    "announcement-detail": Row(
        lambda o: f"/api/v1/announcements/{o['announcement'].pk}/",
        network_a_and_staff(anonymous=401),
    ),
    "announcement-acknowledge": Row(
        lambda o: f"/api/v1/announcements/{o['announcement'].pk}/acknowledge/",
        network_a_and_staff(anonymous=401),
        method="post",
    ),
    # --- tickets' saved views and ratings, the feedback board, over the API ---
    "saved-view-list": Row(
        "/api/v1/saved-views/",
        {ANON: 401, MEMBER_A: 403, MEMBER_B: 403, INTERN: 200, MANAGER: 200},
    ),
    "saved-view-detail": Row(  # a shared view: managed in the admin only
        lambda o: f"/api/v1/saved-views/{o['saved_view'].pk}/",
        {**everyone(403), ANON: 401},
        method="delete",
    ),
    "ticket-rating": Row(  # an open ticket: not yet (400); staff never rate (403)
        lambda o: f"/api/v1/tickets/{o['ticket'].reference}/rating/",
        {ANON: 401, MEMBER_A: 400, MEMBER_B: 404, INTERN: 403, MANAGER: 403},
        method="post",
        data={"score": 5},
    ),
    "feedback-item-list": Row(
        "/api/v1/feedback/", {**everyone(403), ANON: 401, MANAGER: 200}
    ),
    "feedback-item-status": Row(
        lambda o: f"/api/v1/feedback/{o['feedback_item'].pk}/status/",
        {**everyone(403), ANON: 401, MANAGER: 400},
        method="post",
        data={"status": "bogus"},
    ),
    "api-email-preferences": Row(
        "/api/v1/email-preferences/", signed_in(200, anonymous=401)
    ),
}

# Routes checked elsewhere, with the reason.
EXEMPT = {
    "password_reset_confirm": "needs a signed token; tests/hub/test_views.py",
}

# Each capability's rows live beside its tests.
from tests.campaigns.access_rows import CAMPAIGN_ROWS  # noqa: E402
from tests.hub.trust_access_rows import TRUST_ROWS  # noqa: E402
from tests.marketing.access_rows import MARKETING_ROWS  # noqa: E402
from tests.programmes.access_rows import PROGRAMME_ROWS  # noqa: E402
from tests.webhooks.access_rows import WEBHOOK_ROWS  # noqa: E402

MATRIX.update(CAMPAIGN_ROWS)
MATRIX.update(TRUST_ROWS)
MATRIX.update(WEBHOOK_ROWS)
MATRIX.update(PROGRAMME_ROWS)
MATRIX.update(MARKETING_ROWS)
EXEMPT_PREFIXES = {
    "admin:": "the Django admin's own staff check; tests below and per app",
}


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            inner = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_route_has_a_row_in_the_matrix():
    names = set(_walk(get_resolver().url_patterns))
    missing = {
        name
        for name in names
        if name not in MATRIX
        and name not in EXEMPT
        and not any(name.startswith(prefix) for prefix in EXEMPT_PREFIXES)
    }
    assert not missing, f"routes without an access-matrix row: {sorted(missing)}"
    stale = set(MATRIX) - names
    assert not stale, f"matrix rows for routes that no longer exist: {sorted(stale)}"


@pytest.fixture
def objects(network_a, member_a, intern):
    """Network A's objects, one of each kind the routes address."""
    from django.core.files.base import ContentFile

    from tests.tickets.factories import PNG_BYTES, MessageFactory, TicketFactory
    from tickets.models import Attachment

    ticket = TicketFactory(network=network_a, requester=member_a)
    note = MessageFactory(ticket=ticket, author=intern, internal=True)

    def attach(message):
        return Attachment.objects.create(
            ticket=ticket,
            message=message,
            file=ContentFile(PNG_BYTES, name="screenshot.png"),
            name="screenshot.png",
            content_type="image/png",
            size=len(PNG_BYTES),
            uploaded_by=member_a,
        )

    from tests.faq.factories import ArticleFactory

    articles = {
        f"article_{audience}": ArticleFactory(status="published", audience=audience)
        for audience in ("everyone", "networks", "staff")
    }
    articles["article_draft"] = ArticleFactory(status="draft", audience="everyone")
    from insights.models import FeedbackItem, RecurringGroup

    group = RecurringGroup.objects.create(label=ticket.subject, size=1, network_count=1)
    group.tickets.add(ticket)
    item = FeedbackItem.objects.create(title="Schedule LIVE battles")
    from django.utils import timezone

    from insights.models import SearchGap

    gap = SearchGap.objects.create(
        label="diamonds not credited",
        size=2,
        network_count=1,
        no_results=2,
        sample_queries=["diamonds not credited"],
        first_seen=timezone.now(),
        last_seen=timezone.now(),
    )
    item.tickets.add(ticket)
    from hub.tokens import api_token_create
    from tickets.models import SavedView

    return {
        "saved_view": SavedView.objects.create(name="Matrix shared", query="q=x"),
        "api_token": api_token_create(user=member_a, name="Reporting")[0],
        "recurring_group": group,
        "feedback_item": item,
        "search_gap": gap,
        **articles,
        **_onboarding_objects(network_a, member_a),
        "network": network_a,
        "ticket": ticket,
        "attachment": attach(None),
        "note_attachment": attach(note),
    }


def _onboarding_objects(network, member) -> dict:
    from django.utils import timezone

    from hub.models import Membership
    from onboarding.messages import unsubscribe_token
    from onboarding.models import Invitation
    from onboarding.services import invitation_token, onboarding_start
    from tests.onboarding.factories import (
        AnnouncementFactory,
        PlanFactory,
        PlanStepFactory,
    )

    plan = PlanFactory()
    PlanStepFactory(plan=plan, owner_side="network")
    onboarding = onboarding_start(network=network, plan=plan)
    announcement = AnnouncementFactory(published_at=timezone.now(), networks=[network])
    invitation = Invitation.objects.create(network=network, email="new@alpha.example")
    return {
        "step": onboarding.steps.get(),
        "membership": Membership.objects.get(user=member, network=network),
        "announcement": announcement,
        "invitation_token": invitation_token(invitation),
        "invitation": invitation,
        "unsubscribe_token": unsubscribe_token(user_id=member.pk, topic="tips"),
    }


@pytest.fixture
def person(request, member_a, member_b, intern, manager):
    return {
        ANON: None,
        MEMBER_A: member_a,
        MEMBER_B: member_b,
        INTERN: intern,
        MANAGER: manager,
    }[request.param]


CASES = [
    (name, index)
    for name, rows in sorted(MATRIX.items())
    for index in range(len(rows) if isinstance(rows, list) else 1)
]


@pytest.mark.django_db
@pytest.mark.parametrize("person", ROLES, indirect=True, ids=ROLES)
@pytest.mark.parametrize(("name", "index"), CASES, ids=[f"{n}[{i}]" for n, i in CASES])
def test_route_answers_each_role_as_the_matrix_says(
    name, index, person, objects, client, request
):
    rows = MATRIX[name]
    row = rows[index] if isinstance(rows, list) else rows
    role = request.node.callspec.params["person"]
    if person is not None:
        client.force_login(person)
    url = row.url(objects) if callable(row.url) else row.url
    json_body = {"content_type": "application/json"} if row.method in JSON_BODY else {}
    response = getattr(client, row.method)(url, row.data, **json_body)
    expected = row.expect[role]
    if expected == LOGIN:
        assert response.status_code == 302, f"{name} as {role}: {response.status_code}"
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, (
            f"{name} as {role}: {response.status_code}"
        )
    if not response.streaming:
        assert b"Traceback" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("role", [MEMBER_A, MEMBER_B])
def test_network_people_cannot_use_the_admin(role, client, member_a, member_b):
    client.force_login({MEMBER_A: member_a, MEMBER_B: member_b}[role])
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
