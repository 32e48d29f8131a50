from rest_framework import serializers

from faq import search
from faq.models import Article


class ArticleListSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Category slug."
    )
    category_name = serializers.CharField(
        source="category.name", read_only=True, help_text="Category name."
    )
    tags = serializers.ListField(
        source="tag_list",
        child=serializers.CharField(),
        read_only=True,
        help_text="Tags of the article.",
    )
    url = serializers.SerializerMethodField(help_text="The article's hub page.")
    snippet = serializers.SerializerMethodField(
        help_text="With `?search=`: matched words in context, highlighted with "
        "`<mark>` (everything else HTML-escaped). Otherwise null."
    )
    # Plain strings rather than choice enums: "status" and "kind" are names other
    # apps' serializers use for other choice sets (OpenAPI enum name collisions).
    kind = serializers.CharField(
        read_only=True, help_text="`article` or `guide` (ordered steps)."
    )
    status = serializers.CharField(
        read_only=True, help_text="`draft`, `published` or `archived`."
    )
    audience = serializers.CharField(
        read_only=True, help_text="`everyone`, `networks` or `staff`."
    )
    score = serializers.FloatField(
        read_only=True,
        default=None,
        help_text="With `?search=`: relevance (higher is better). Otherwise null.",
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "category",
            "category_name",
            "kind",
            "summary",
            "status",
            "audience",
            "language",
            "tags",
            "url",
            "published_at",
            "updated_at",
            "view_count",
            "snippet",
            "score",
        ]
        read_only_fields = fields

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url

    def get_snippet(self, obj) -> str | None:
        headline = getattr(obj, "headline", None)
        return str(search.highlight(headline)) if headline else None


class ArticleDetailSerializer(ArticleListSerializer):
    body = serializers.CharField(read_only=True, help_text="The body in Markdown.")
    body_html = serializers.CharField(
        read_only=True, help_text="The body rendered to sanitised HTML."
    )

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "body", "body_html", "review_by"]
        read_only_fields = fields
