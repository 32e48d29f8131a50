"""Finding recurring questions: tickets → groups (via ``insights.clustering``) and the
published article, if any, that already answers each group.

Reads only; ``insights.services.recurring_groups_compute`` stores the result.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from insights import clustering, embeddings
from tickets.models import Ticket

MIN_GROUP_SIZE = clustering.MIN_GROUP
MAX_TICKETS = 20_000  # the most recent ones, when a period holds more
# Answered-by (``answering_articles``), chosen on the tuning sets only (labelled,
# paraphrase, dev and negatives, the last written for related-but-not-answering
# articles): an article is the passage "title. summary. body…" cut at
# ARTICLE_BODY_CHARS; it answers a group when the cosine of the group's centre and
# the article (both with the mean ticket direction removed) reaches the threshold,
# beats the second nearest article by the margin (two near articles: unsure), and is
# the nearest article of at least the agreement share of the group's tickets.
ARTICLE_BODY_CHARS = 600
ARTICLE_MATCH_THRESHOLD = 0.45
ARTICLE_MATCH_MARGIN = 0.05
ARTICLE_MATCH_AGREEMENT = 0.5
LABEL_CANDIDATES = 5  # the label comes from one of the group's most central tickets
QUESTION_KINDS = (Ticket.Kind.QUESTION, Ticket.Kind.PROBLEM)


@dataclass
class FoundGroup:
    label: str
    ticket_ids: list[int]
    network_ids: set[int] = field(default_factory=set)
    typical_ticket_id: int | None = None
    terms: list[str] = field(default_factory=list)
    centre: object = None  # mean centred meaning vector (numpy), for answered-by
    mean: object = None  # the tickets' mean vector, removed from articles likewise
    points: object = None  # the members' centred meaning vectors, for answered-by

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


def embed_tickets(ticket_ids) -> int:
    """Fill the embedding cache for these tickets (questions and problems only);
    how many were considered."""
    rows = list(
        Ticket.objects.filter(pk__in=ticket_ids, kind__in=QUESTION_KINDS).values_list(
            "subject", "description"
        )
    )
    embeddings.ticket_vectors(rows)
    return len(rows)


def readable_label(subject: str, description: str = "") -> str:
    """A ticket's question in a few words: its cleaned subject, or the first sentence
    of its cleaned description when the subject was vague ("Help", "urgent!!")."""
    clean_subject, clean_description = embeddings.ticket_parts(subject, description)
    text = clean_subject or re.split(r"(?<=[.!?。？！])\s*", clean_description)[0]
    text = (text or subject or "").strip()
    if len(text) > 120:
        text = text[:117].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:]


def find_groups(
    rows,
    *,
    threshold: float = clustering.MEANING_THRESHOLD,
    min_size: int = MIN_GROUP_SIZE,
) -> list[FoundGroup]:
    """Group ``(id, subject, description, network_id)`` rows by meaning (see
    ``insights.embeddings`` and ``clustering.group_by_meaning``); largest first.
    Each group is labelled by the clearest subject among its most central tickets."""
    import numpy as np

    if not rows:
        return []
    vectors, languages = embeddings.ticket_vectors(
        [(subject, description) for _id, subject, description, _n in rows]
    )
    assignment = np.asarray(
        clustering.group_by_meaning(vectors, languages, threshold=threshold)
    )
    points = clustering.centre_languages(vectors, languages)
    mean = clustering.ticket_mean(vectors)
    order = np.argsort(assignment, kind="stable")
    bounds = np.flatnonzero(np.diff(assignment[order])) + 1
    found = []
    for block in np.split(order, bounds):
        if len(block) < min_size:
            continue
        indexes = block.tolist()
        centre = points[block].mean(axis=0)
        closeness = points[block] @ centre
        central = block[np.argsort(-closeness, kind="stable")[:LABEL_CANDIDATES]]
        labels = [readable_label(rows[i][1], rows[i][2] or "") for i in central]
        clear = [
            lab
            for i, lab in zip(central, labels, strict=True)
            if embeddings.ticket_parts(rows[i][1], "")[0]
        ]
        typical = int(central[0])
        documents = [
            clustering.document_terms(rows[i][1], (rows[i][2] or "")[:200])
            for i in indexes
        ]
        found.append(
            FoundGroup(
                label=(clear or labels)[0][:200],
                ticket_ids=[rows[i][0] for i in indexes],
                network_ids={rows[i][3] for i in indexes},
                typical_ticket_id=rows[typical][0],
                terms=clustering.top_terms(
                    range(len(documents)), clustering.tfidf(documents)
                ),
                centre=centre,
                mean=mean,
                points=points[block],
            )
        )
    found.sort(key=lambda g: (-g.size, -len(g.network_ids), g.label))
    return found


def group_texts(
    texts: list[str], *, min_size: int = MIN_GROUP_SIZE
) -> list[FoundGroup]:
    """Group free texts (e.g. search queries) by meaning, the same way as tickets:
    each text is a subject without description. ``ticket_ids`` of each group are
    indexes into ``texts``; largest group first."""
    rows = [(i, text or "", "", 0) for i, text in enumerate(texts)]
    groups = find_groups(rows, min_size=min_size)
    for group in groups:
        group.network_ids = set()
    return groups


def article_text(title: str, summary: str = "", body: str = "") -> str:
    """An article as the answered-by call reads it: "title. summary. body" (the body
    as plain text), cut at ``ARTICLE_BODY_CHARS``."""
    from faq.rendering import plain_text

    text = f"{title}. {summary}".strip(". ") if summary else title
    if body:
        text = f"{text}. {plain_text(body)}"
    return text[:ARTICLE_BODY_CHARS]


def answering_articles(
    centres, articles: list[tuple[object, str]], *, mean=None, members=None
):
    """For each group centre, the article (of ``(article, text)`` pairs) that answers
    it, or None when unsure. Articles are embedded as passages, the tickets' ``mean``
    vector (default: the typical one shipped in ``insights/data/ticket_mean.npy``)
    removed from them as it was from the tickets. The most similar article answers
    when its cosine reaches ``ARTICLE_MATCH_THRESHOLD``, it leads the second one by
    ``ARTICLE_MATCH_MARGIN`` and, given ``members`` (each group's centred ticket
    vectors), it is the nearest article of at least ``ARTICLE_MATCH_AGREEMENT`` of
    them. Unsure is None: a wrong "answered by" hides a gap in the knowledge base."""
    import numpy as np

    if not articles or not len(centres):
        return [None] * len(centres)
    matrix = embeddings.passage_vectors([text for _a, text in articles])
    if mean is None:
        mean = clustering.shipped_ticket_mean()
    matrix = clustering.normalise(matrix - np.asarray(mean, dtype=np.float32))
    scores = clustering.normalise(np.asarray(centres, dtype=np.float32)) @ matrix.T
    ranked = np.sort(scores, axis=1)
    second = ranked[:, -2] if len(articles) > 1 else np.full(len(centres), -1.0)
    answers = []
    for i, j in enumerate(scores.argmax(axis=1)):
        agreement = 1.0
        if members is not None and len(members[i]):
            nearest = (np.asarray(members[i], dtype=np.float32) @ matrix.T).argmax(1)
            agreement = float(np.mean(nearest == j))
        sure = (
            scores[i, j] >= ARTICLE_MATCH_THRESHOLD
            and scores[i, j] - second[i] >= ARTICLE_MATCH_MARGIN
            and agreement >= ARTICLE_MATCH_AGREEMENT
        )
        answers.append(articles[j][0] if sure else None)
    return answers


def answers_for(groups: list[FoundGroup], articles) -> list:
    """``answering_articles`` for groups found by ``find_groups``."""
    if not groups:
        return []
    return answering_articles(
        [g.centre for g in groups],
        articles,
        mean=groups[0].mean,
        members=[g.points for g in groups],
    )


def published_answers():
    """``(article, text)`` of the published articles a group may be answered by
    (staff-only ones excluded: they answer staff, not networks), source articles
    only: a translation is a version of its source, and counting it as a rival
    article failed the margin rule for every translated article (the evaluation's
    ``_demo_answers`` reads the sources alone)."""
    from faq.models import Article

    return [
        (article, article_text(article.title, article.summary, article.body))
        for article in Article.objects.filter(
            status=Article.Status.PUBLISHED, translation_of__isnull=True
        ).exclude(audience=Article.Audience.STAFF)
    ]


def _demo_answers():
    """``(slug, text)`` of the demo knowledge base's articles a group may be answered
    by (the evaluation's stand-in for ``published_answers``)."""
    from django.utils.text import slugify

    from faq.demo_content import ARTICLES

    return [
        (slugify(title), article_text(title, summary, body))
        for _cat, title, _kind, audience, summary, _tags, body in ARTICLES
        if str(audience).lower() != "staff"
    ]


def evaluate(
    items: list[dict],
    *,
    threshold: float = clustering.MEANING_THRESHOLD,
    answers: dict | None = None,
):
    """Figures of the grouping on labelled tickets (``{"topic", "subject",
    "description"[, "lang"]}``): ARI and purity (singletons count as their own
    group), coverage (share of tickets from topics with ≥ 3 tickets that land in a
    group of ≥ 3) and the precision of the answered-by call on the demo knowledge
    base: of the groups said to be answered by an article, the share whose main topic
    that article answers per ``answers`` (topic → slug, list of slugs, or None for
    "no article answers it"; groups of a topic absent from ``answers`` are not
    judged)."""
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
    calls = answers_for(real, _demo_answers())
    answers = answers or {}
    judged = right = 0
    for group, answer in zip(real, calls, strict=True):
        if answer is None:
            continue
        topic = Counter(truth[i] for i in group.ticket_ids).most_common(1)[0][0]
        if topic not in answers:
            continue  # nobody said which article answers this topic
        good = answers[topic]
        good = set(good) if isinstance(good, list | tuple) else {good} - {None}
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
