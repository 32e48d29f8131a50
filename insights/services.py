"""Every write of the insights app: recurring groups, drafted articles, and the feedback
board."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.exceptions import ApplicationError, PermissionDeniedError
from hub import outbox
from hub import permissions as access
from insights import recurring
from insights.models import (
    FeedbackItem,
    FeedbackStatusChange,
    ProductArea,
    RecurringGroup,
    SearchGap,
)
from tickets.models import Ticket, TicketMessage

# --- recurring questions ------------------------------------------------------------


@transaction.atomic
def recurring_groups_compute(
    *, weeks: int | None = None, now: datetime | None = None, limit: int = 50
) -> list[RecurringGroup]:
    """Regroup the last ``weeks`` weeks of tickets and replace the stored groups.

    A drafted article stays with the group of the same question across runs.
    """
    rows = recurring.candidate_tickets(weeks=weeks, now=now)
    found = recurring.find_groups(rows)[:limit]
    drafts = dict(
        RecurringGroup.objects.filter(draft_article__isnull=False).values_list(
            "label", "draft_article_id"
        )
    )
    answers = recurring.answers_for(found, recurring.published_answers())
    RecurringGroup.objects.all().delete()
    computed_at = timezone.now()
    groups = RecurringGroup.objects.bulk_create(
        [
            RecurringGroup(
                label=group.label,
                size=group.size,
                network_count=len(group.network_ids),
                terms=", ".join(group.terms)[:200],
                typical_ticket_id=group.typical_ticket_id,
                article=answer,
                draft_article_id=drafts.get(group.label),
                computed_at=computed_at,
            )
            for group, answer in zip(found, answers, strict=True)
        ]
    )
    through = RecurringGroup.tickets.through
    through.objects.bulk_create(
        [
            through(recurringgroup_id=stored.pk, ticket_id=ticket_id)
            for stored, group in zip(groups, found, strict=True)
            for ticket_id in group.ticket_ids
        ],
        batch_size=2000,
    )
    from insights.selectors import invalidate_figures

    transaction.on_commit(invalidate_figures)
    return groups


def best_public_answer(group: RecurringGroup) -> TicketMessage | None:
    """The most recent public staff reply on a solved ticket of the group (else on any
    of its tickets)."""
    replies = TicketMessage.objects.filter(
        ticket__recurring_groups=group, internal=False, author_is_staff=True
    ).order_by("-created_at", "-id")
    solved = replies.filter(
        ticket__status__in=[Ticket.Status.SOLVED, Ticket.Status.CLOSED]
    )
    return solved.first() or replies.first()


def _faq_category_for(group: RecurringGroup):
    from faq.models import Category

    slugs = Counter(
        group.tickets.exclude(category=None).values_list("category__slug", flat=True)
    )
    for slug, _count in slugs.most_common():
        category = Category.objects.filter(slug=slug).first()
        if category is not None:
            return category
    return _default_faq_category()


def _default_faq_category():
    """The first knowledge-base category (a "General" one when there is none)."""
    from faq.models import Category

    category = Category.objects.order_by("position", "name").first()
    if category is None:
        category, _created = Category.objects.get_or_create(
            slug="general", defaults={"name": _("General")}
        )
    return category


@transaction.atomic
def recurring_group_draft_article(*, group: RecurringGroup, actor):
    """Draft an FAQ article from a group: the question and the best public answer.

    Returns the draft; asking again returns the same draft while it exists. The
    article stays linked to its tickets through the group (``draft_article``) and
    its first revision note names them.
    """
    from faq import services as faq_services
    from faq.models import Article

    if not access.is_staff_member(actor):
        raise PermissionDeniedError(_("Only platform staff may draft articles."))
    group = RecurringGroup.objects.select_for_update().get(pk=group.pk)
    if group.draft_article_id:
        existing = Article.objects.filter(pk=group.draft_article_id).first()
        if existing is not None:
            return existing
    answer = best_public_answer(group)
    references = list(
        group.tickets.order_by("-created_at").values_list("reference", flat=True)
    )
    body = "\n\n".join(
        [
            f"**{group.label}**",
            answer.body
            if answer
            else _("_No public answer yet: write the answer here._"),
        ]
    )
    article = Article(
        title=group.label[:200],
        slug="",
        body=body,
        category=_faq_category_for(group),
        status=Article.Status.DRAFT,
        audience=Article.Audience.NETWORKS,
        tags=slugify(group.terms.split(",")[0])[:40] if group.terms else "",
    )
    note = _("Drafted from a recurring question (%(n)s tickets: %(refs)s)") % {
        "n": group.size,
        "refs": ", ".join(references[:12]),
    }
    article = faq_services.article_save(article=article, editor=actor, note=note)
    group.draft_article = article
    group.save(update_fields=["draft_article"])
    return article


# --- search gaps (FAQ searches nobody could answer) ---------------------------------

GAP_MIN_SEARCHES = 2
GAP_SAMPLE_QUERIES = 8


@transaction.atomic
def search_gaps_compute(
    *, weeks: int | None = None, now: datetime | None = None, limit: int = 50
) -> list[SearchGap]:
    """Regroup the last ``weeks`` weeks of unanswered FAQ searches (see
    ``faq.selectors.unanswered_searches``) by meaning and replace the stored gaps.

    A gap is answered when a published article, changed since its first search,
    answers its searches (``faq.selectors.article_answering_queries``); a drafted
    article stays with the gap of the same label across runs.
    """
    from faq import selectors as faq_selectors

    now = now or timezone.now()
    since = now - timedelta(weeks=weeks or settings.HUB_RECURRING_WEEKS)
    rows = faq_selectors.unanswered_searches(since=since, now=now)
    found = recurring.group_texts(
        [row.query for row in rows], min_size=GAP_MIN_SEARCHES
    )[:limit]
    drafts = dict(
        SearchGap.objects.filter(draft_article__isnull=False).values_list(
            "label", "draft_article_id"
        )
    )
    gaps = []
    for group in found:
        members = [rows[i] for i in group.ticket_ids]
        queries = Counter(row.query for row in members)
        sample = [query for query, _n in queries.most_common(GAP_SAMPLE_QUERIES)]
        first_seen = min(row.created_at for row in members)
        article = faq_selectors.article_answering_queries(
            sample, changed_since=first_seen
        )
        gaps.append(
            SearchGap(
                label=group.label,
                size=group.size,
                network_count=len({r.network_id for r in members} - {None}),
                no_results=sum(1 for row in members if row.result_count == 0),
                sample_queries=sample,
                first_seen=first_seen,
                last_seen=max(row.created_at for row in members),
                article=article,
                answered=article is not None,
                draft_article_id=drafts.get(group.label),
                computed_at=now,
            )
        )
    SearchGap.objects.all().delete()
    return SearchGap.objects.bulk_create(gaps)


@transaction.atomic
def search_gap_draft_article(*, gap: SearchGap, actor):
    """Draft an FAQ article from a search gap: its label as the title and the
    searches in the body. Asking again returns the same draft while it exists."""
    from faq import services as faq_services
    from faq.models import Article

    if not access.is_staff_member(actor):
        raise PermissionDeniedError(_("Only platform staff may draft articles."))
    gap = SearchGap.objects.select_for_update().get(pk=gap.pk)
    if gap.draft_article_id:
        existing = Article.objects.filter(pk=gap.draft_article_id).first()
        if existing is not None:
            return existing
    searches = "\n".join(f"- {query}" for query in gap.sample_queries)
    body = "\n\n".join(
        [
            f"**{gap.label}**",
            _("Networks searched the knowledge base for this and found no answer:"),
            searches,
            _("_Write the answer here._"),
        ]
    )
    article = faq_services.article_create(
        author=actor,
        title=gap.label[:1].upper() + gap.label[1:200],
        body=body,
        category=_default_faq_category(),
        status=Article.Status.DRAFT,
        audience=Article.Audience.NETWORKS,
    )
    gap.draft_article = article
    gap.save(update_fields=["draft_article"])
    return article


# --- the product feedback board -----------------------------------------------------


def _require_manager(actor) -> None:
    """The feedback board is the agency managers' (its status changes e-mail
    networks); interns are refused here as well as on its pages."""
    access.require_manager(actor, _("Only agency managers may change the board."))


def _feedback_tickets(references) -> list[Ticket]:
    wanted = {r.strip().upper() for r in references if r and r.strip()}
    tickets = list(Ticket.objects.filter(reference__in=wanted))
    missing = wanted - {t.reference for t in tickets}
    if missing:
        message = _("No such ticket: %s.") % ", ".join(sorted(missing))
        raise ApplicationError(message, extra={"fields": {"tickets": [message]}})
    return tickets


@transaction.atomic
def product_area_get_or_create(*, name: str, actor) -> ProductArea:
    _require_manager(actor)
    name = " ".join((name or "").split())[:80]
    if not name:
        raise ApplicationError(
            _("Name the product area."),
            extra={"fields": {"new_area": [_("Name the product area.")]}},
        )
    area = ProductArea.objects.filter(name__iexact=name).first()
    return area or ProductArea.objects.create(name=name, slug=slugify(name)[:80])


@transaction.atomic
def feedback_item_create(
    *, actor, title: str, area: ProductArea | None, references=()
) -> FeedbackItem:
    _require_manager(actor)
    title = " ".join((title or "").split())
    if not title:
        raise ApplicationError(
            _("Give the item a title."),
            extra={"fields": {"title": [_("Give the item a title.")]}},
        )
    tickets = _feedback_tickets(references)
    item = FeedbackItem.objects.create(title=title[:200], area=area, created_by=actor)
    item.tickets.set(tickets)
    return item


@transaction.atomic
def feedback_item_link(*, item: FeedbackItem, actor, references) -> FeedbackItem:
    _require_manager(actor)
    item.tickets.add(*_feedback_tickets(references))
    FeedbackItem.objects.filter(pk=item.pk).update(updated_at=timezone.now())
    return item


@transaction.atomic
def feedback_item_set_area(
    *, item: FeedbackItem, actor, area: ProductArea | None
) -> FeedbackItem:
    _require_manager(actor)
    item.area = area
    item.updated_at = timezone.now()
    item.save(update_fields=["area", "updated_at"])
    return item


@transaction.atomic
def feedback_item_set_status(
    *, item: FeedbackItem, actor, status: str, note: str = ""
) -> FeedbackItem:
    """Change the status with a note; the networks asking are told by e-mail."""
    _require_manager(actor)
    if status not in FeedbackItem.Status.values:
        message = _("Choose one of: %s.") % ", ".join(FeedbackItem.Status.values)
        raise ApplicationError(message, extra={"fields": {"status": [message]}})
    item = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    note = (note or "").strip()[:2000]
    if item.status == status and not note:
        raise ApplicationError(_("The status is already “%s”.") % item.status)
    change = FeedbackStatusChange.objects.create(
        item=item, actor=actor, old_status=item.status, new_status=status, note=note
    )
    item.status = status
    item.note = note or item.note
    item.updated_at = timezone.now()
    item.save(update_fields=["status", "note", "updated_at"])
    audit_record(
        actor=actor,
        action="feedback.status",
        obj=item,
        changes={"status": [change.old_status, status], "note": note},
    )
    if change.old_status != status:
        from insights.tasks import feedback_status_email_task

        outbox.enqueue(feedback_status_email_task, change_id=change.pk)
    return item
