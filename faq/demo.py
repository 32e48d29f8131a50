"""Demo knowledge base (``seed_demo``): categories, articles and guides about LIVE
agency work, written by the demo intern; idempotent. ``--articles N`` adds N
benchmark articles with ``bulk_create`` and computes their search vectors in one
UPDATE."""

import random
from collections.abc import Callable
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from faq import search, services
from faq.demo_content import ARTICLES, CATEGORIES, article_slug
from faq.demo_translations import TRANSLATIONS
from faq.models import Article, Category
from faq.rendering import render_markdown
from hub.models import User

# Demo articles whose review date has passed, so "needs review" has something in it.
STALE = {"Minimum payout amount and currency", "Account linking failed: error codes"}
# Demo articles left as drafts.
DRAFTS = {
    "Internal: preparing a campaign launch",
    # documented during its feature test (programmes demo): published before closing
    "Guide: multi-guest LIVE rooms (beta)",
}


@transaction.atomic
def seed(options: dict, out: Callable[[str], None]) -> None:
    author = User.objects.filter(email="intern@hub.example").first()
    categories = {}
    for position, (slug, name, description) in enumerate(CATEGORIES, start=1):
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position},
        )
    existing = set(Article.objects.values_list("slug", flat=True))
    created = 0
    for category, title, kind, audience, summary, tags, body in ARTICLES:
        slug = article_slug(title)
        if slug in existing:
            continue
        article = services.article_create(
            author=author,
            title=title,
            slug=slug,
            body=body,
            category=categories[category],
            kind=kind,
            audience=audience,
            summary=summary,
            tags=tags,
            status=Article.Status.DRAFT
            if title in DRAFTS
            else Article.Status.PUBLISHED,
        )
        if title in STALE:
            Article.objects.filter(pk=article.pk).update(
                review_by=timezone.localdate() - timedelta(days=7)
            )
        created += 1
    out(
        f"Knowledge base: {len(ARTICLES)} demo articles and guides "
        f"({created} new) in {len(categories)} categories."
    )
    seed_translations(author=author, out=out)
    count = options.get("articles") or 0
    if count:
        bulk_articles(count, out=out)


def seed_translations(*, author, out: Callable[[str], None]) -> int:
    """``TRANSLATIONS`` into the shipped languages (``settings.LANGUAGES``), each
    linked to its source; idempotent (one translation per source and language)."""
    shipped = {code for code, _name in settings.LANGUAGES}
    sources = {
        article.title: article
        for article in Article.objects.filter(
            title__in=list(TRANSLATIONS), translation_of__isnull=True
        ).select_related("category")
    }
    have = set(
        Article.objects.filter(translation_of__in=sources.values()).values_list(
            "translation_of_id", "language"
        )
    )
    created = 0
    for source_title, versions in TRANSLATIONS.items():
        source = sources.get(source_title)
        if source is None:
            continue
        for language, (title, summary, body) in versions.items():
            if language not in shipped or (source.pk, language) in have:
                continue
            services.article_translate(
                source=source,
                language=language,
                title=title,
                summary=summary,
                body=body,
                editor=author,
                status=source.status,
            )
            created += 1
    if created:
        out(f"Knowledge base: {created} demo translations.")
    return created


WORDS = {
    "payouts": ["payout", "diamonds", "statement", "bank", "currency", "balance"],
    "live-access": ["LIVE", "suspension", "appeal", "followers", "restriction"],
    "recruitment": ["recruitment", "invitation", "transfer", "eligibility"],
    "campaigns": ["campaign", "targets", "bonus", "enrolment", "figures"],
    "account-linking": ["linking", "error", "verification", "unlink"],
    "policy": ["guidelines", "policy", "gifting", "conduct"],
    "using-the-hub": ["ticket", "token", "API", "reference"],
}


@lru_cache(maxsize=64)
def _body(category: str, variant: int) -> tuple[str, str]:
    words = WORDS.get(category, ["support"])
    rng = random.Random(f"{category}-{variant}")  # noqa: S311 - demo text
    paragraphs = [
        " ".join(rng.choice(words) for _ in range(rng.randint(20, 40))).capitalize()
        + "."
        for _ in range(3)
    ]
    body = "\n\n".join(
        [paragraphs[0], "## Details", paragraphs[1], "## Next steps", paragraphs[2]]
    )
    return body, render_markdown(body)


def bulk_articles(count: int, *, out: Callable[[str], None]) -> int:
    """Ensure ``bench-article-00001``… up to ``count`` exist (published, mixed
    audiences); returns how many were added."""
    categories = list(Category.objects.all())
    if not categories:
        return 0
    existing = set(
        Article.objects.filter(slug__startswith="bench-article-").values_list(
            "slug", flat=True
        )
    )
    audiences = [
        Article.Audience.EVERYONE,
        Article.Audience.EVERYONE,
        Article.Audience.NETWORKS,
        Article.Audience.STAFF,
    ]
    now = timezone.now()
    new = []
    for i in range(1, count + 1):
        slug = f"bench-article-{i:05d}"
        if slug in existing:
            continue
        category = categories[i % len(categories)]
        words = WORDS.get(category.slug, ["support"])
        body, html = _body(category.slug, i % 16)
        new.append(
            Article(
                title=f"{words[i % len(words)].capitalize()} question {i:05d}",
                slug=slug,
                category=category,
                summary=f"Benchmark article {i} about {words[(i + 1) % len(words)]}.",
                body=body,
                body_html=html,
                status=Article.Status.PUBLISHED,
                audience=audiences[i % len(audiences)],
                tags=", ".join(words[:2]),
                published_at=now,
                review_by=(now + timedelta(days=180)).date(),
                view_count=i % 500,
            )
        )
    with transaction.atomic():
        Article.objects.bulk_create(new, batch_size=1000)
        search.refresh_vectors(
            Article.objects.filter(slug__startswith="bench-article-")
        )
    out(f"Added {len(new)} benchmark articles ({count} in all).")
    return len(new)
