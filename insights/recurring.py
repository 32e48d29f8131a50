"""Finding recurring questions: tickets → groups (via ``insights.clustering``) and the
published article, if any, that already answers each group.

Reads only; ``insights.services.recurring_groups_compute`` stores the result.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from insights import clustering
from tickets.models import Ticket

MIN_GROUP_SIZE = 3
MAX_TICKETS = 20_000  # the most recent ones, when a period holds more
DESCRIPTION_CHARS = 600
ARTICLE_MATCH_THRESHOLD = 0.5  # share of the question's words in the article title
QUESTION_KINDS = (Ticket.Kind.QUESTION, Ticket.Kind.PROBLEM)


@dataclass
class FoundGroup:
    label: str
    ticket_ids: list[int]
    network_ids: set[int]
    typical_ticket_id: int
    terms: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.ticket_ids)


def candidate_tickets(*, weeks: int | None = None, now: datetime | None = None):
    """``(id, subject, description, network_id)`` of recent questions and problems."""
    weeks = weeks or settings.HUB_RECURRING_WEEKS
    since = (now or timezone.now()) - timedelta(weeks=weeks)
    rows = (
        Ticket.objects.filter(created_at__gte=since, kind__in=QUESTION_KINDS)
        .order_by("-created_at", "-id")
        .values_list("id", "subject", "description", "network_id")[:MAX_TICKETS]
    )
    return list(reversed(rows))


def find_groups(
    rows,
    *,
    threshold: float = clustering.DEFAULT_THRESHOLD,
    min_size: int = MIN_GROUP_SIZE,
) -> list[FoundGroup]:
    """Group ``(id, subject, description, network_id)`` rows; largest groups first."""
    documents = [
        clustering.document_terms(subject, (description or "")[:DESCRIPTION_CHARS])
        for _id, subject, description, _network in rows
    ]
    vectors = clustering.tfidf(documents)
    assignment = clustering.cluster(vectors, threshold=threshold)
    members: dict[int, list[int]] = {}
    for index, group in enumerate(assignment):
        members.setdefault(group, []).append(index)
    found = []
    for indexes in members.values():
        if len(indexes) < min_size:
            continue
        typical = clustering.medoid(indexes, vectors)
        found.append(
            FoundGroup(
                label=rows[typical][1][:200],
                ticket_ids=[rows[i][0] for i in indexes],
                network_ids={rows[i][3] for i in indexes},
                typical_ticket_id=rows[typical][0],
                terms=clustering.top_terms(indexes, vectors),
            )
        )
    found.sort(key=lambda g: (-g.size, -len(g.network_ids), g.label))
    return found


def answering_article(label: str, *, published: QuerySet | None = None):
    """The published article that answers ``label``, or None.

    Candidates come from the knowledge-base search (``faq.selectors.article_search``,
    any word may match); one answers when at least ``ARTICLE_MATCH_THRESHOLD`` of the
    question's words (stems) are in its title, summary or tags — the same rule on
    PostgreSQL and SQLite, whose search scores are not comparable.
    """
    from faq.models import Article
    from faq.selectors import article_search

    if published is None:
        published = Article.objects.filter(status=Article.Status.PUBLISHED)
    wanted = set(clustering.tokens(label))
    if not wanted:
        return None
    best, best_score = None, 0.0
    for article in article_search(
        user=None, query=label, queryset=published, match_any=True, limit=5
    ):
        have = set(
            clustering.tokens(f"{article.title} {article.summary} {article.tags}")
        )
        score = len(wanted & have) / len(wanted)
        if score > best_score:
            best, best_score = article, score
    return best if best_score >= ARTICLE_MATCH_THRESHOLD else None


def evaluate(items: list[dict], *, threshold: float = clustering.DEFAULT_THRESHOLD):
    """ARI and purity of the grouping on labelled tickets
    (``{"subject", "description", "topic"}``); singletons count as their own group."""
    rows = [
        (i, item["subject"], item.get("description", ""), 0)
        for i, item in enumerate(items)
    ]
    groups = find_groups(rows, threshold=threshold, min_size=1)
    predicted = [0] * len(items)
    for number, group in enumerate(groups):
        for ticket_id in group.ticket_ids:
            predicted[ticket_id] = number
    truth = [item["topic"] for item in items]
    return {
        "tickets": len(items),
        "topics": len(set(truth)),
        "groups": len(groups),
        "groups_of_3_or_more": sum(1 for g in groups if g.size >= MIN_GROUP_SIZE),
        "ari": round(clustering.adjusted_rand_index(truth, predicted), 3),
        "purity": round(clustering.purity(truth, predicted), 3),
        "largest_topic_share": round(
            Counter(truth).most_common(1)[0][1] / len(truth), 3
        ),
    }
