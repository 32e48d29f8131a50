"""Recurring groups, drafted articles, the feedback board and the delivery ledger."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.exceptions import ApplicationError, PermissionDeniedError
from faq.models import Article
from hub.models import OutboxMessage
from insights import services
from insights.models import FeedbackItem, RecurringGroup
from tests.faq.factories import ArticleFactory, CategoryFactory
from tests.insights.factories import FeedbackItemFactory
from tests.tickets.factories import CategoryFactory as TicketCategoryFactory
from tests.tickets.factories import MessageFactory, TicketFactory

pytestmark = pytest.mark.django_db

PAYOUT = [
    "Diamond payout not received this week",
    "Payout late: diamonds not received",
    "Weekly diamond payout not received yet",
]
BAN = [
    "Creator banned from LIVE, appeal?",
    "How to appeal a LIVE ban",
    "LIVE ban appeal",
]


@pytest.fixture
def grouped(network_a, network_b, intern):
    now = timezone.now()
    category = TicketCategoryFactory(slug="payouts", name="Payouts")
    tickets = []
    for i, subject in enumerate(PAYOUT):
        tickets.append(
            TicketFactory(
                network=network_a if i else network_b,
                subject=subject,
                description="The payout is missing.",
                category=category,
                created_at=now - timedelta(days=i + 1),
            )
        )
    for subject in BAN:
        TicketFactory(network=network_a, subject=subject, description="Banned.")
    TicketFactory(
        subject="Old payout not received", created_at=now - timedelta(weeks=9)
    )
    TicketFactory(subject="Payout not received", kind="feedback")
    return tickets


def test_compute_groups_recent_questions_by_similarity(grouped, network_a, network_b):
    groups = services.recurring_groups_compute(weeks=6)
    assert len(groups) == 2
    payout = next(g for g in groups if "payout" in g.label.lower())
    assert payout.size == 3 and payout.network_count == 2
    assert set(payout.tickets.all()) == set(grouped)
    assert payout.label in PAYOUT and payout.typical_ticket in grouped
    assert payout.article is None


def test_compute_replaces_the_previous_groups(grouped):
    services.recurring_groups_compute(weeks=6)
    services.recurring_groups_compute(weeks=6)
    assert RecurringGroup.objects.count() == 2


def test_a_published_article_that_answers_the_group_is_linked(grouped):
    ArticleFactory(title="Diamond payout not received: what to check")
    ArticleFactory(title="Draft about diamond payouts received", status="draft")
    ArticleFactory(title="Campaign rewards")
    groups = services.recurring_groups_compute(weeks=6)
    payout = next(g for g in groups if "payout" in g.label.lower())
    ban = next(g for g in groups if "ban" in g.label.lower())
    assert payout.article.title == "Diamond payout not received: what to check"
    assert ban.article is None


def test_drafting_an_article_uses_the_question_and_best_public_answer(
    grouped, intern, manager
):
    CategoryFactory(slug="payouts", name="Payouts (FAQ)")
    solved = grouped[1]
    solved.status = "solved"
    solved.save()
    MessageFactory(ticket=solved, author=intern, body="Payouts run on Thursdays.")
    MessageFactory(ticket=solved, author=intern, body="Secret note", internal=True)
    MessageFactory(ticket=grouped[0], author=manager, body="Newer, but not solved.")
    group = next(g for g in services.recurring_groups_compute(weeks=6) if g.size == 3)

    article = services.recurring_group_draft_article(group=group, actor=intern)

    assert article.status == Article.Status.DRAFT
    assert article.title == group.label
    assert group.label in article.body and "Payouts run on Thursdays." in article.body
    assert "Secret note" not in article.body
    assert article.category.slug == "payouts"
    note = article.revisions.get().note
    assert all(t.reference in note for t in grouped)
    group.refresh_from_db()
    assert group.draft_article == article
    # a second click opens the same draft
    assert services.recurring_group_draft_article(group=group, actor=intern) == article
    # and the draft survives the nightly recompute
    services.recurring_groups_compute(weeks=6)
    assert RecurringGroup.objects.filter(draft_article=article).exists()


def test_a_network_member_cannot_draft_articles(grouped, member_a):
    group = services.recurring_groups_compute(weeks=6)[0]
    with pytest.raises(PermissionDeniedError):
        services.recurring_group_draft_article(group=group, actor=member_a)


def test_a_feedback_item_is_created_from_ticket_references(manager, network_a):
    tickets = [TicketFactory(network=network_a, kind="feature_request") for _ in "ab"]
    area = services.product_area_get_or_create(name="Backstage", actor=manager)
    item = services.feedback_item_create(
        actor=manager,
        title="Dark mode",
        area=area,
        references=[t.reference.lower() for t in tickets],
    )
    assert set(item.tickets.all()) == set(tickets)
    assert services.product_area_get_or_create(name="backstage", actor=manager) == area


def test_an_unknown_reference_is_refused_by_name(manager):
    with pytest.raises(ApplicationError) as error:
        services.feedback_item_create(
            actor=manager, title="x", area=None, references=["HUB-999999"]
        )
    assert "HUB-999999" in error.value.message


def test_a_status_change_is_recorded_and_tells_the_requesters(
    manager,
    network_a,
    network_b,
    member_a,
    member_b,
    django_capture_on_commit_callbacks,
):
    item = FeedbackItemFactory()
    item.tickets.add(
        TicketFactory(network=network_a, requester=member_a),
        TicketFactory(network=network_a, requester=member_a),
        TicketFactory(network=network_b, requester=member_b),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_item_set_status(
            item=item, actor=manager, status="planned", note="Coming in June."
        )
    item.refresh_from_db()
    assert item.status == "planned" and item.note == "Coming in June."
    assert item.changes.get().old_status == "new"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [member_a.email, member_b.email]
    )
    assert "Coming in June." in mail.outbox[0].body
    assert "Planned" in mail.outbox[0].subject


def test_the_same_status_without_a_note_is_refused(manager):
    item = FeedbackItemFactory()
    with pytest.raises(ApplicationError):
        services.feedback_item_set_status(item=item, actor=manager, status="new")
    assert not OutboxMessage.objects.exists()


def test_an_invalid_status_is_refused(manager):
    with pytest.raises(ApplicationError):
        services.feedback_item_set_status(
            item=FeedbackItemFactory(), actor=manager, status="maybe"
        )
    assert FeedbackItem.objects.get().status == "new"


def test_a_new_ticket_is_embedded_once_through_the_outbox(
    settings, member_a, monkeypatch, django_capture_on_commit_callbacks
):
    from insights import embeddings
    from insights.models import EmbeddingCache
    from tickets.services import ticket_create

    # given: embedding at creation is on (it is with a worker)
    settings.HUB_EMBED_ON_CREATE = True
    # when
    with django_capture_on_commit_callbacks(execute=True):
        ticket = ticket_create(
            requester=member_a,
            subject="Payout not received",
            description="The payout of last month never arrived.",
        )
    # then: the outbox ran the task, the vector is cached under the ticket's text
    assert OutboxMessage.objects.filter(
        task_name="insights.tasks.embed_ticket_task", dispatched_at__isnull=False
    ).exists()
    key = embeddings._key(
        "ticket", embeddings.ticket_text(ticket.subject, ticket.description)
    )
    assert EmbeddingCache.objects.filter(key=key).exists()

    def no_model(*args, **kwargs):
        raise AssertionError("the nightly run embedded a ticket embedded at creation")

    monkeypatch.setattr(embeddings, "embed", no_model)
    services.recurring_groups_compute(weeks=6)


def test_no_embedding_at_creation_when_switched_off(settings, member_a):
    from tickets.services import ticket_create

    settings.HUB_EMBED_ON_CREATE = False
    ticket_create(requester=member_a, subject="Payout not received", description="x")
    assert not OutboxMessage.objects.filter(
        task_name="insights.tasks.embed_ticket_task"
    ).exists()
