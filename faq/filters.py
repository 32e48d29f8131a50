"""One FilterSet for the knowledge base, shared by the hub pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from faq.models import Article, Category
from faq.selectors import article_search


class ArticleFilter(django_filters.FilterSet):
    """``q`` (pages) and ``search`` (API) both run ``faq.selectors.article_search``,
    which orders by relevance; the other filters narrow the result."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    search = django_filters.CharFilter(method="filter_search", label=_("Search (API)"))
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(),
        to_field_name="slug",
        label=_("Category"),
    )
    kind = django_filters.ChoiceFilter(choices=Article.Kind.choices, label=_("Kind"))
    audience = django_filters.ChoiceFilter(
        choices=Article.Audience.choices, label=_("Audience")
    )
    status = django_filters.ChoiceFilter(
        choices=Article.Status.choices, label=_("Status")
    )
    language = django_filters.CharFilter(label=_("Language"))

    class Meta:
        model = Article
        fields = ["q", "search", "category", "kind", "audience", "status", "language"]

    def filter_search(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        return article_search(user=user, query=value, queryset=queryset)
