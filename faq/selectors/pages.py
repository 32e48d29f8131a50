"""The knowledge base's pages as one read each: what the index (or its search
results) and an article page show this person. The view records what reading
them counts (views, opens, deflections, the search log) and renders."""

from urllib.parse import urlencode

from django.core.paginator import Paginator

from core.paginator import WindowCountPaginator
from faq import search
from faq.models import Article, ArticleVote
from faq.selectors.articles import (
    article_versions,
    category_list,
    popular_articles,
    reader_article_list,
    recent_articles,
    related_articles,
)
from hub import permissions as access

PAGE_SIZE = 20
TICKET_FORM_PATH = "/tickets/new/"


def index_page(*, user, params, request=None) -> dict:
    """Categories, popular and recent articles; or, when ``params`` (the query
    string) search or filter (``q``, ``category``, ``kind``), that page of the
    results with their highlighted snippets (``browsing``). The search log's
    record of a search is the view's."""
    from faq.filters import ArticleFilter

    filterset = ArticleFilter(
        params, queryset=reader_article_list(user), request=request
    )
    query = (params.get("q") or "").strip()
    browsing = any(params.get(key) for key in ("q", "category", "kind"))
    page = {"filter": filterset, "query": query, "browsing": browsing}
    if not browsing:
        page.update(
            categories=category_list(user=user),
            popular=popular_articles(user=user),
            recent=recent_articles(user=user),
        )
        return page
    valid = filterset.is_valid()
    results = filterset.qs if valid else Article.objects.none()
    if not query:
        results = results.order_by("title")
    # a ranked search builds every match to sort them: count them in that query
    paginator_class = WindowCountPaginator if query else Paginator
    page_obj = paginator_class(results, PAGE_SIZE).get_page(params.get("page"))
    for article in page_obj:
        article.snippet = search.highlight(getattr(article, "headline", ""))
    page.update(
        page_obj=page_obj,
        category=filterset.form.cleaned_data.get("category") if valid else None,
    )
    return page


def ticket_link(article: Article) -> str:
    """``/tickets/new/`` prefilled from the article (the tickets app reads both)."""
    return f"{TICKET_FORM_PATH}?{urlencode({'subject': article.title, 'article': article.slug})}"


def article_vote_of(*, article: Article, user, session_key: str | None):
    """The vote this person (signed in) or this session (anonymous) gave."""
    if user.is_authenticated:
        return ArticleVote.objects.filter(article=article, user=user).first()
    if session_key:
        return ArticleVote.objects.filter(
            article=article, user=None, session_key=session_key
        ).first()
    return None


def article_page(
    *,
    user,
    article: Article,
    session_key: str | None = None,
    from_ticket_form: bool = False,
    query: str = "",
) -> dict:
    """An article as its page shows it to this person: related articles, the
    language versions they may read, their vote (``session_key`` for anonymous
    readers), the link to a ticket about it and, when it was opened from a
    ticket-form suggestion for ``query``, that context."""
    return {
        "article": article,
        "related": related_articles(article=article, user=user),
        "versions": article_versions(article=article, user=user),
        "vote": article_vote_of(article=article, user=user, session_key=session_key),
        "from_ticket_form": from_ticket_form,
        "query": query,
        "ticket_url": ticket_link(article),
        "is_staff_reader": access.is_staff_member(user),
    }
