"""Knowledge-base categories in the admin, with their article counts."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from faq.models import Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "article_count"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_article_count=Count("articles"))

    @admin.display(description=_("articles"), ordering="_article_count")
    def article_count(self, obj) -> int:
        return obj._article_count
