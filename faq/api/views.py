from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, viewsets
from rest_framework.response import Response

from core.api.pagination import RankedPageNumberPagination
from faq import search_log
from faq.api.serializers import ArticleDetailSerializer, ArticleListSerializer
from faq.filters import ArticleFilter
from faq.models import SearchRecord
from faq.selectors import article_list, visible_articles


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "search",
                str,
                description="Full-text search, tolerant of typos; results are "
                "ordered by relevance. The response carries an `X-Hub-Search` "
                "header: send it back on the article you open "
                "(`X-Hub-Search: <token>` on `GET faq/articles/{slug}/`) so the "
                "search counts as answered.",
            )
        ]
    ),
    retrieve=extend_schema(
        parameters=[
            OpenApiParameter(
                search_log.TOKEN_HEADER,
                str,
                location=OpenApiParameter.HEADER,
                required=False,
                description="The `X-Hub-Search` token of the search this article "
                "was found by (marks that search opened; an invalid token is "
                "ignored).",
            )
        ]
    ),
)
@extend_schema(tags=["faq"])
class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    """Knowledge-base articles and guides.

    Anonymous clients read published articles for everyone; network members also
    those for networks; staff read every article, drafts included.
    """

    permission_classes = [permissions.AllowAny]
    filterset_class = ArticleFilter
    lookup_field = "slug"
    ordering_fields = ["title", "published_at", "updated_at", "view_count"]

    def get_queryset(self):
        if self.action != "list":
            return visible_articles(self.request.user)
        qs = article_list(self.request.user)
        if not self.request.query_params.get("search"):
            qs = qs.order_by("title")
        return qs

    @property
    def paginator(self):
        """With ``?search=``, the count comes with the ranked page (one query)."""
        if not hasattr(self, "_paginator"):
            params = getattr(self.request, "query_params", {})
            if self.action == "list" and params.get("search"):
                self._paginator = RankedPageNumberPagination()
            else:
                self._paginator = self.pagination_class()
        return self._paginator

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ArticleDetailSerializer
        return ArticleListSerializer

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        query = request.query_params.get("search", "")
        page = getattr(self.paginator, "page", None)
        # ``page is None``, not ``not page``: a page of no results is falsy, and a
        # search that found nothing is the one that matters most
        if not query or response.status_code != 200 or page is None:
            return response
        if page.number == 1:  # the next pages are the same search
            record = search_log.search_record(
                query,
                source=SearchRecord.Source.API,
                results=page.paginator.count,
                user=request.user,
            )
            token = search_log.search_token(record)
            if token:
                response[search_log.TOKEN_HEADER] = token
        return response

    def retrieve(self, request, *args, **kwargs):
        article = self.get_object()
        search_log.search_record_open(
            request.headers.get(search_log.TOKEN_HEADER, ""), article
        )
        return Response(self.get_serializer(article).data)
