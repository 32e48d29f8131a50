"""Hub pages of the knowledge base, the ticket-form suggestions and the admin preview.

Reading an article counts a view (one ``UPDATE … SET view_count = view_count + 1``)
and, when it was opened from a ticket-form suggestion, records the open as a
deflection: both are analytics of the read itself, not changes a person asked for.
Likewise a search (page or suggestions) is written to the search log
(``faq.search_log``), and an article opened with its ``?s=`` token marks it opened.
Votes and "this solved it" are POSTs.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.exceptions import ApplicationError
from core.http import client_address
from faq import search, search_log, selectors, services
from faq.models import Article, SearchRecord
from faq.rendering import render_markdown
from hub import permissions as access

FROM_TICKET_FORM = "ticket-form"


def _session_key(request) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


def _user(request):
    return request.user if request.user.is_authenticated else None


@require_GET
def index(request):
    """Categories, popular and recent articles; or search results for ``?q=``
    (``selectors.index_page``); the first page of a search is logged."""
    context = selectors.index_page(
        user=request.user, params=request.GET, request=request
    )
    if context["browsing"]:
        page = context["page_obj"]
        record = None
        if context["query"] and context["filter"].is_valid() and page.number == 1:
            record = search_log.search_record(
                context["query"],
                source=SearchRecord.Source.HUB,
                results=page.paginator.count,
                user=_user(request),
            )
        context["search_token"] = search_log.search_token(record)
    return render(request, "faq/article_index.html", context)


@require_GET
def detail(request, slug: str):
    """An article (``selectors.article_page``); a source whose translation in the
    reader's language they may read moves to that translation (``?lang=`` keeps
    the version asked for)."""
    article = selectors.article_for_reader(
        user=request.user, slug=slug, exact=bool(request.GET.get("lang"))
    )
    if article is None:
        raise Http404
    if article.slug != slug:
        query_string = request.GET.urlencode()
        url = article.get_absolute_url()
        return redirect(f"{url}?{query_string}" if query_string else url)
    services.article_view_record(article=article)
    search_log.search_record_open(request.GET.get("s", ""), article)
    article.view_count += 1  # what the UPDATE just stored, without re-reading
    from_form = request.GET.get("from") == FROM_TICKET_FORM
    query = (request.GET.get("q") or "")[:200]
    if from_form and article.is_published:
        services.deflection_record_open(
            article=article,
            user=_user(request),
            session_key=_session_key(request),
            query=query,
            address=client_address(request),
        )
    return render(
        request,
        "faq/article_detail.html",
        selectors.article_page(
            user=request.user,
            article=article,
            session_key=request.session.session_key,
            from_ticket_form=from_form,
            query=query,
        ),
    )


def _published_or_404(request, slug: str) -> Article:
    article = selectors.article_get(user=request.user, slug=slug)
    if article is None or not article.is_published:
        raise Http404
    return article


@require_POST
def vote(request, slug: str):
    article = _published_or_404(request, slug)
    choice = request.POST.get("helpful")
    if choice not in ("yes", "no"):
        messages.error(request, _("Choose yes or no."))
        return redirect(article)
    try:
        services.article_vote(
            article=article,
            helpful=choice == "yes",
            user=_user(request),
            session_key=_session_key(request),
            address=client_address(request),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you for your feedback."))
    return redirect(article)


@require_POST
def solved(request, slug: str):
    """“This solved it” on an article opened from a ticket-form suggestion."""
    article = _published_or_404(request, slug)
    try:
        services.deflection_mark_solved(
            article=article,
            user=_user(request),
            session_key=_session_key(request),
            query=request.POST.get("q", ""),
            address=client_address(request),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(article)
    messages.success(request, _("Glad it helped — no ticket needed."))
    return redirect(article)


@never_cache
@require_GET
def suggest(request):
    """JSON for the ticket form: the best published matches for ``?q=``."""
    query = (request.GET.get("q") or "")[:200]
    articles = selectors.article_suggestions(user=request.user, query=query)
    token = ""
    if search.long_enough(query):  # the rule the suggestions themselves use
        user = _user(request)
        record = search_log.search_record(
            query,
            source=SearchRecord.Source.TICKET_FORM,
            results=len(articles),
            user=user,
            session_key="" if user else _session_key(request),
        )
        token = search_log.search_token(record)
    link = {"from": FROM_TICKET_FORM, "q": query, **({"s": token} if token else {})}
    results = [
        {
            "title": article.title,
            "summary": article.summary,
            "kind": article.kind,
            "url": f"{article.get_absolute_url()}?{urlencode(link)}",
        }
        for article in articles
    ]
    return JsonResponse({"query": query, "results": results})


@require_POST
def preview(request):
    """Staff only: the sanitised HTML the article body will render to."""
    if not access.is_staff_member(request.user):
        raise Http404
    body = request.POST.get("body", "")[:200_000]
    guide = request.POST.get("kind") == Article.Kind.GUIDE
    html = render_markdown(body, guide=guide)
    # the article as readers will see it: the published page's partial and CSS
    # (an unsaved copy, never stored), shown by the admin in a frame
    now = timezone.now()
    article = Article(
        title=request.POST.get("title", "")[:200],
        summary=request.POST.get("summary", "")[:300],
        tags=request.POST.get("tags", "")[:200],
        kind=Article.Kind.GUIDE if guide else Article.Kind.ARTICLE,
        status=Article.Status.PUBLISHED,
        body_html=html,
        published_at=now,
        updated_at=now,
    )
    page = render_to_string(
        "faq/article_preview.html", {"article": article}, request=request
    )
    return JsonResponse({"html": html, "page": page})
