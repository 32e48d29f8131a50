"""Every registered ModelAdmin × role × view: who may open what in the admin.

Roles: anonymous, a network member, an intern, an agency manager, a superuser.
Views: the changelist, the add form, an object's change form and its delete page
(GET; what a POST may change is proved in tests/hub/test_admin_*.py and each app's
admin tests). The table below is derived from nothing: it says what we intend.
``test_every_registered_admin_has_a_row`` reads ``admin.site._registry``, so a
ModelAdmin registered later (by any app) fails the suite until it gets a row.

Each row is ``{role: "LACD"}``, one letter per view (List, Add, Change, Delete):
``+`` opens (200), ``-`` is refused (403), ``>`` sends on to another admin page
(302). Anonymous people and network members
are always sent to the admin's sign-in page, checked once for every admin.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

ANON, MEMBER, INTERN, MANAGER, SUPERUSER = (
    "anonymous",
    "member",
    "intern",
    "manager",
    "superuser",
)
STAFF_ROLES = [INTERN, MANAGER, SUPERUSER]
VIEWS = ["changelist", "add", "change", "delete"]

ALL = "++++"
NONE = "----"
READ = "+-+-"  # look, never change (a read-only change form)
NO_ADD = "+-++"  # rows only the app's own services create


def row(intern=NONE, manager=ALL, superuser=ALL) -> dict[str, str]:
    return {INTERN: intern, MANAGER: manager, SUPERUSER: superuser}


ADMINISTRATORS_ONLY = row(manager=NONE)

MATRIX: dict[str, dict[str, str]] = {
    # --- accounts: administrators only change them (issue 14, findings 1 and 2) ---
    "hub.User": row(manager=READ, superuser=ALL),
    "auth.Group": ADMINISTRATORS_ONLY,
    "hub.ApiToken": row(manager=NONE, superuser=NO_ADD),  # made on /accounts/tokens/
    "otp_totp.TOTPDevice": row(manager=NONE, superuser=NO_ADD),
    "hub.OutboxMessage": row(manager=NONE, superuser=NO_ADD),
    # --- the beat schedule: managers see and pause, never define (finding 4) ---
    "django_celery_beat.PeriodicTask": row(manager="+-+-"),
    "django_celery_beat.CrontabSchedule": row(manager=READ),
    "django_celery_beat.IntervalSchedule": row(manager=READ),
    "django_celery_beat.SolarSchedule": row(manager=READ),
    "django_celery_beat.ClockedSchedule": row(manager=READ),
    # --- networks ---
    "hub.Region": row(),
    "hub.CreatorNetwork": row(intern=READ),
    "hub.Membership": row(intern=READ),
    # --- tickets ---
    "tickets.Category": row(),
    "tickets.Tag": row(),
    "tickets.Ticket": row(intern=READ, manager=NO_ADD, superuser=NO_ADD),
    "tickets.Attachment": row(manager=NO_ADD, superuser=NO_ADD),
    "tickets.BusinessCalendar": row(),
    "tickets.SlaPolicy": row(),
    "tickets.CannedReply": row(intern=READ),
    "tickets.SavedView": row(),
    "tickets.SatisfactionRating": row(manager=NO_ADD, superuser=NO_ADD),
    # --- knowledge base: interns write it ---
    "faq.Category": row(intern="+++-"),
    # (the object is published: interns delete only articles never published)
    "faq.Article": row(intern="+++-"),
    "faq.ArticleNeedingReview": row(intern="+->>", manager="+->>", superuser="+->>"),
    "faq.Deflection": row(intern=READ, manager=NO_ADD, superuser=NO_ADD),
    # --- campaigns, onboarding, insights: managers ---
    "campaigns.Campaign": row(),
    "campaigns.CampaignMetric": row(),
    "campaigns.MetricUpload": row(),
    "onboarding.OnboardingPlan": row(),
    "onboarding.Onboarding": row(),
    "onboarding.Invitation": row(),
    "onboarding.Tip": row(),
    "onboarding.Announcement": row(),
    "onboarding.Delivery": row(manager=NO_ADD, superuser=NO_ADD),
    "onboarding.EmailPreference": row(),
    "insights.RecurringGroup": row(intern=READ),
    "insights.ProductArea": row(),
    "insights.FeedbackItem": row(),
    # --- channels: e-mail in (rows only the services write), webhooks out ---
    "inbound.InboundMessage": row(intern=READ, manager=READ, superuser=READ),
    "webhooks.WebhookEndpoint": row(),
    "webhooks.WebhookDelivery": row(manager=READ, superuser=READ),
    # --- programmes: managers run feature tests; check-ins are the networks' ---
    "programmes.FeatureTest": row(intern=READ),
    "programmes.CheckIn": row(intern=READ, manager=NO_ADD, superuser=NO_ADD),
    # --- marketing: managers run it, interns look things up ---
    "marketing.Event": row(intern=READ),
    "marketing.Registration": row(intern=READ, manager=NO_ADD, superuser=NO_ADD),
    "marketing.ContentItem": row(intern=READ),
    "marketing.BrandAsset": row(intern=READ),
    # --- the audit log: append-only, read by managers and administrators ---
    "audit.AuditEntry": row(intern=NONE, manager=READ, superuser=READ),
}


def test_every_registered_admin_has_a_row():
    registered = {model._meta.label for model in admin.site._registry}
    missing = registered - set(MATRIX)
    assert not missing, (
        f"ModelAdmins without a row in the admin matrix: {sorted(missing)}"
    )
    stale = set(MATRIX) - registered
    assert not stale, f"admin matrix rows for unregistered models: {sorted(stale)}"


# --- one object of every model, so change and delete pages have something to open --


def _build_missing_objects(people) -> None:
    """``seed_demo`` makes most; these make one of each model it leaves empty."""
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from django_celery_beat.models import ClockedSchedule, SolarSchedule

    from campaigns.models import Campaign, MetricUpload
    from faq.models import Article, Deflection
    from hub import outbox
    from hub.tasks import outbox_flush_task
    from hub.tokens import api_token_create
    from insights.models import RecurringGroup
    from onboarding.models import Delivery, EmailPreference, Invitation
    from tests.hub.factories import totp_device_for
    from tests.tickets.factories import PNG_BYTES
    from tickets.models import Attachment, Ticket

    member, manager = people[MEMBER], people[MANAGER]
    ticket = Ticket.objects.select_related("network").first()
    ClockedSchedule.objects.create(clocked_time=timezone.now())
    SolarSchedule.objects.create(event="sunrise", latitude=-33.87, longitude=151.21)
    api_token_create(user=member, name="Matrix")
    totp_device_for(people["spare"])
    outbox.enqueue(outbox_flush_task)
    Attachment.objects.create(
        ticket=ticket,
        file=ContentFile(PNG_BYTES, name="shot.png"),
        name="shot.png",
        content_type="image/png",
        size=len(PNG_BYTES),
        uploaded_by=member,
    )
    Deflection.objects.create(article=Article.objects.first(), outcome="opened")
    MetricUpload.objects.create(campaign=Campaign.objects.first(), uploaded_by=manager)
    Invitation.objects.create(network=ticket.network, email="new@matrix.example")
    Delivery.objects.create(kind="tip", recipient=member, key="2026-W01")
    EmailPreference.objects.get_or_create(user=member)
    RecurringGroup.objects.create(label="Diamonds missing", size=1, network_count=1)


@pytest.fixture
def people(db):
    from django.core.management import call_command

    from hub.models import User
    from tests.hub.factories import StaffFactory

    with open("/dev/null", "w") as quiet:
        call_command("seed_demo", stdout=quiet)
        call_command("setup_periodic_tasks", stdout=quiet)
    found = {
        MEMBER: User.objects.get(email="member@northstar.example"),
        INTERN: User.objects.get(email="intern@hub.example"),
        MANAGER: User.objects.get(email="manager@hub.example"),
        SUPERUSER: User.objects.get(email="admin@hub.example"),
    }
    assert found[SUPERUSER].is_superuser and not found[MANAGER].is_superuser
    found["spare"] = StaffFactory()
    _build_missing_objects(found)
    return found


def _urls(model) -> dict[str, str]:
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {model._meta.label} to open"
    return {
        "changelist": reverse(f"{prefix}_changelist"),
        "add": reverse(f"{prefix}_add"),
        "change": reverse(f"{prefix}_change", args=[obj.pk]),
        "delete": reverse(f"{prefix}_delete", args=[obj.pk]),
    }


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_each_admin_answers_each_staff_role_as_the_matrix_says(role, people, client):
    client.force_login(people[role])
    wrong = []
    for model in admin.site._registry:
        expected = MATRIX[model._meta.label][role]
        urls = _urls(model)
        for view, mark in zip(VIEWS, expected, strict=True):
            url = urls[view]
            status = client.get(url).status_code
            want = {"+": 200, "-": 403, ">": 302}[mark]
            if status != want:
                wrong.append(f"{model._meta.label} {view} {url}: {status}, not {want}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", [ANON, MEMBER])
def test_anonymous_people_and_network_members_only_reach_the_admin_sign_in(
    role, people, client
):
    if role == MEMBER:
        client.force_login(people[MEMBER])
    wrong = []
    for model in admin.site._registry:
        for view, url in _urls(model).items():
            response = client.get(url)
            if response.status_code != 302 or not response["Location"].startswith(
                "/admin/login/"
            ):
                wrong.append(f"{model._meta.label} {view}: {response.status_code}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


# --- FAQ translations (issue 22): "Add translation" and the translation filters ---

TRANSLATION_URLS = {
    "add translation": lambda source: (
        f"{reverse('admin:faq_article_add')}?translation_of={source.pk}&language=id"
    ),
    "missing filter": lambda source: (
        f"{reverse('admin:faq_article_changelist')}?translation=missing-id"
    ),
    "outdated filter": lambda source: (
        f"{reverse('admin:faq_article_changelist')}?translation=outdated"
    ),
    "source with its translations": lambda source: reverse(
        "admin:faq_article_change", args=[source.pk]
    ),
}
TRANSLATION_ROLES = {ANON: 302, MEMBER: 302, INTERN: 200, MANAGER: 200, SUPERUSER: 200}


@pytest.mark.parametrize("role", list(TRANSLATION_ROLES))
def test_faq_translation_admin_pages_answer_each_role(role, client, settings, db):
    from faq.models import Article
    from tests.faq.factories import ArticleFactory
    from tests.hub.factories import MembershipFactory, StaffFactory

    settings.LANGUAGES = [("en", "English"), ("id", "Bahasa Indonesia")]
    people = {
        MEMBER: lambda: MembershipFactory(role="member").user,
        INTERN: lambda: StaffFactory(group="Support interns"),
        MANAGER: lambda: StaffFactory(group="Agency managers"),
        SUPERUSER: lambda: StaffFactory(is_superuser=True),
    }
    if role != ANON:
        client.force_login(people[role]())
    source = ArticleFactory(status=Article.Status.PUBLISHED)
    wrong = []
    for name, build in TRANSLATION_URLS.items():
        response = client.get(build(source))
        expected = TRANSLATION_ROLES[role]
        if response.status_code != expected or (
            expected == 302 and not response["Location"].startswith("/admin/login/")
        ):
            wrong.append(f"{name}: {response.status_code}, not {expected}")
    assert not wrong, f"{role}: " + "; ".join(wrong)
