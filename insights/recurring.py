"""Finding recurring questions: tickets → groups (via ``insights.clustering``) and the
published article, if any, that already answers each group.

Reads only; ``insights.services.recurring_groups_compute`` stores the result.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from insights import clustering, embeddings
from tickets.models import Ticket

MIN_GROUP_SIZE = 3
MAX_TICKETS = 20_000  # the most recent ones, when a period holds more
ARTICLE_MATCH_THRESHOLD = 0.915  # cosine of group centre and article (tuned)
QUESTION_KINDS = (Ticket.Kind.QUESTION, Ticket.Kind.PROBLEM)


@dataclass
class FoundGroup:
    label: str
    ticket_ids: list[int]
    network_ids: set[int]
    typical_ticket_id: int
    terms: list[str] = field(default_factory=list)
    centre: object = None  # mean meaning vector (numpy), for the answered-by call

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
    threshold: float = clustering.MEANING_THRESHOLD,
    min_size: int = MIN_GROUP_SIZE,
) -> list[FoundGroup]:
    """Group ``(id, subject, description, network_id)`` rows by meaning (see
    ``insights.embeddings`` and ``clustering.group_by_meaning``); largest first."""
    if not rows:
        return []
    vectors, languages = embeddings.ticket_vectors(
        [(subject, description) for _id, subject, description, _n in rows]
    )
    assignment = clustering.group_by_meaning(vectors, languages, threshold=threshold)
    members: dict[int, list[int]] = {}
    for index, group in enumerate(assignment):
        members.setdefault(group, []).append(index)
    found = []
    for indexes in members.values():
        if len(indexes) < min_size:
            continue
        typical = clustering.central_member(indexes, vectors)
        documents = [
            clustering.document_terms(rows[i][1], (rows[i][2] or "")[:200])
            for i in indexes
        ]
        found.append(
            FoundGroup(
                label=rows[typical][1][:200],
                ticket_ids=[rows[i][0] for i in indexes],
                network_ids={rows[i][3] for i in indexes},
                typical_ticket_id=rows[typical][0],
                terms=clustering.top_terms(
                    range(len(documents)), clustering.tfidf(documents)
                ),
                centre=vectors[indexes].mean(axis=0),
            )
        )
    found.sort(key=lambda g: (-g.size, -len(g.network_ids), g.label))
    return found


def article_text(title: str, summary: str = "") -> str:
    return f"{title}. {summary}".strip(". ") if summary else title


def answering_articles(centres, articles: list[tuple[object, str]]):
    """For each group centre, the article (of ``(article, text)`` pairs) that answers
    it — the most similar one when its cosine reaches ``ARTICLE_MATCH_THRESHOLD`` —
    or None."""
    import numpy as np

    if not articles or not len(centres):
        return [None] * len(centres)
    matrix = embeddings.passage_vectors([text for _a, text in articles])
    centres = np.asarray(centres, dtype=np.float32)
    centres = centres / np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-9)
    scores = centres @ matrix.T
    best = scores.argmax(axis=1)
    return [
        articles[j][0] if scores[i, j] >= ARTICLE_MATCH_THRESHOLD else None
        for i, j in enumerate(best)
    ]


def published_answers():
    """``(article, text)`` of the published articles a group may be answered by
    (staff-only ones excluded: they answer staff, not networks)."""
    from faq.models import Article

    return [
        (article, article_text(article.title, article.summary))
        for article in Article.objects.filter(status=Article.Status.PUBLISHED).exclude(
            audience=Article.Audience.STAFF
        )
    ]


def _demo_answers():
    from faq.demo_content import ARTICLES

    return [
        (title, article_text(title, summary))
        for _cat, title, _kind, audience, summary, *_rest in ARTICLES
        if str(audience).lower() != "staff"
    ]


def evaluate(
    items: list[dict],
    *,
    threshold: float = clustering.MEANING_THRESHOLD,
    topic_articles: dict | None = None,
):
    """Figures of the grouping on labelled tickets (``{"topic", "subject",
    "description"[, "lang", "article"]}``): ARI and purity (singletons count as their
    own group), coverage (share of tickets from topics with ≥ 3 tickets that land in a
    group of ≥ 3) and the precision of the answered-by call on the demo knowledge
    base (an answered group is right when its article answers the group's main topic,
    per the item's ``article`` or ``topic_articles``)."""
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
    topic_sizes = Counter(truth)
    eligible = [i for i, t in enumerate(truth) if topic_sizes[t] >= MIN_GROUP_SIZE]
    covered = sum(1 for i in eligible if groups[predicted[i]].size >= MIN_GROUP_SIZE)
    real = [g for g in groups if g.size >= MIN_GROUP_SIZE]
    answers = answering_articles([g.centre for g in real], _demo_answers())
    topic_articles = topic_articles or {}
    judged = right = 0
    for group, answer in zip(real, answers, strict=True):
        if answer is None:
            continue
        members = [items[i] for i in group.ticket_ids]
        topic = Counter(item["topic"] for item in members).most_common(1)[0][0]
        labelled = [m.get("article") for m in members if m["topic"] == topic]
        if any("article" in m for m in members if m["topic"] == topic):
            good = {a for a in labelled if a}
        elif topic in topic_articles:
            good = set(topic_articles[topic])
        else:
            continue  # nobody said which article answers this topic
        judged += 1
        right += answer in good
    return {
        "tickets": len(items),
        "topics": len(set(truth)),
        "groups": len(groups),
        "groups_of_3_or_more": len(real),
        "ari": round(clustering.adjusted_rand_index(truth, predicted), 3),
        "purity": round(clustering.purity(truth, predicted), 3),
        "coverage": round(covered / len(eligible), 3) if eligible else 1.0,
        "answered_groups": judged,
        "answered_by_precision": round(right / judged, 3) if judged else None,
        "largest_topic_share": round(
            Counter(truth).most_common(1)[0][1] / len(truth), 3
        ),
    }


def group_texts(
    texts: list[str], *, min_size: int = MIN_GROUP_SIZE
) -> list[FoundGroup]:
    """Group short texts (FAQ search queries) by meaning, as tickets are grouped:
    ``ticket_ids`` are indexes into ``texts``, the label is the most typical text;
    largest first. (Issue 18b's thin version over the base grouping; issue 18a's
    ``group_texts`` of the same signature replaces it at merge.)"""
    if not texts:
        return []
    vectors, languages = embeddings.ticket_vectors([(text, "") for text in texts])
    assignment = clustering.group_by_meaning(vectors, languages)
    members: dict[int, list[int]] = {}
    for index, group in enumerate(assignment):
        members.setdefault(group, []).append(index)
    found = []
    for indexes in members.values():
        if len(indexes) < min_size:
            continue
        typical = clustering.central_member(indexes, vectors)
        found.append(
            FoundGroup(
                label=texts[typical][:200],
                ticket_ids=indexes,
                network_ids=set(),
                typical_ticket_id=typical,
                centre=vectors[indexes].mean(axis=0),
            )
        )
    found.sort(key=lambda g: (-g.size, g.label))
    return found
