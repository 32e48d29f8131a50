"""Portal-home panels of the knowledge base (registered from ``FaqConfig.ready``)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from faq import selectors
from faq.models import Article, Deflection
from hub import permissions as access
from hub.home import register_panel, shared_figures


@register_panel
def knowledge_base_panel(user) -> dict | None:
    """Staff: articles past their review date, drafts, and recent deflections.
    Network members: the most read articles they may open."""
    if access.is_staff_member(user):
        return {
            "template": "faq/includes/review_panel.html",
            "order": 40,
            **shared_figures("knowledge_base", _review_figures),
            "review_url": reverse("admin:faq_articleneedingreview_changelist"),
            "drafts_url": reverse("admin:faq_article_changelist")
            + "?status__exact=draft",
        }
    audiences = selectors.audiences_for(user)
    articles = shared_figures(  # the same list for everyone with these audiences
        "popular_articles:" + ",".join(audiences),
        lambda: [
            {"url": article.get_absolute_url(), "title": article.title}
            for article in selectors.popular_articles(user=user, limit=5)
        ],
    )
    if not articles:
        return None
    return {
        "template": "faq/includes/popular_panel.html",
        "order": 60,
        "articles": articles,
    }


def _review_figures() -> dict:
    since = timezone.now() - timedelta(days=30)
    review = selectors.articles_needing_review().values("pk")
    counts = Article.objects.aggregate(  # one query for both figures
        needs_review=Count("pk", filter=Q(pk__in=review)),
        drafts=Count("pk", filter=Q(status=Article.Status.DRAFT)),
    )
    counts["deflected"] = Deflection.objects.filter(
        outcome=Deflection.Outcome.SOLVED, created_at__gte=since
    ).count()
    return counts
