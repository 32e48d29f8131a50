"""The interns' workplace: write, preview, publish, review and restore articles.

Interns hold ``faq.*`` except ``delete_category`` (``hub.roles``); on top of that an
intern may not delete an article that has *ever been published* (archiving it
first changes nothing) — only agency managers may — enforced
per object here (which also covers the bulk "delete selected" action, since Django
checks ``has_delete_permission(request, obj)`` for every object it would delete) and
again in ``delete_queryset`` / ``faq.services.article_delete``.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.exceptions import ApplicationError
from faq import selectors, services
from faq.admin.revisions import ArticleRevisionsMixin
from faq.admin.translations import ArticleTranslationsMixin, TranslationFilter
from faq.models import Article, ArticleNeedingReview, ArticleRevision
from hub import permissions as access


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("stale", _("Past review date")),
            ("soon", _("Due within 30 days")),
            ("none", _("No review date")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "stale":
            return queryset.filter(review_by__lt=today)
        if self.value() == "soon":
            return queryset.filter(
                review_by__gte=today, review_by__lte=today + timedelta(days=30)
            )
        if self.value() == "none":
            return queryset.filter(review_by__isnull=True)
        return queryset


# who and when, kept by the hub: shown read-only, in the collapsed "Record" section
RECORD_FIELDS = (
    "author",
    "last_editor",
    "published_at",
    "created_at",
    "updated_at",
    "view_count",
    "helpful_yes",
    "helpful_no",
)


@admin.register(Article)
class ArticleAdmin(ArticleTranslationsMixin, ArticleRevisionsMixin, admin.ModelAdmin):
    change_form_template = "admin/faq/article/change_form.html"
    list_display = [
        "title",
        "category",
        "kind",
        "status",
        "audience",
        "language",
        "translations_column",
        "review_by",
        "view_count",
        "helpful_yes",
        "updated_at",
        "last_editor",
    ]
    list_filter = [
        "status",
        "category",
        "audience",
        ReviewFilter,
        "kind",
        "language",
        TranslationFilter,
    ]
    search_fields = ["title", "summary", "tags", "body"]
    list_select_related = ["category", "last_editor"]
    raw_id_fields = ["translation_of"]
    list_per_page = 50
    date_hierarchy = None
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = RECORD_FIELDS
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "kind", "summary", "body"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "audience",
                    "language",
                    "translation_of",
                    "tags",
                    "review_by",
                ]
            },
        ),
        (
            _("Record"),
            {
                "classes": ["collapse"],
                "fields": RECORD_FIELDS,
            },
        ),
    ]
    actions = ["publish_selected", "archive_selected"]

    class Media:
        js = ["js/faq-admin-preview.js"]
        css = {"all": ["css/faq-admin.css"]}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "slug" in form.base_fields:
            form.base_fields["slug"].required = False
            form.base_fields["slug"].help_text = _(
                "Part of the article's address; left empty, it is made from the title."
            )
        return form

    # --- permissions ----------------------------------------------------------

    def has_delete_permission(self, request, obj=None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return services.can_delete_article(request.user, obj)

    def delete_queryset(self, request, queryset):
        if (
            not access.is_manager(request.user)
            and queryset.filter(services.ever_published_filter()).exists()
        ):
            raise PermissionDenied
        for article in queryset.order_by("pk"):
            self.delete_model(request, article)

    def delete_model(self, request, obj):
        try:
            services.article_delete(article=obj, user=request.user)
        except ApplicationError as exc:
            raise PermissionDenied(exc.message) from exc

    def get_deleted_objects(self, objs, request):
        """Revisions are protected from a cascade, yet deleting an article (which
        ``has_delete_permission`` allowed) deletes them on purpose: list them as
        going with it instead of as blocking it."""
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        revisions = ArticleRevision.objects.filter(article__in=list(objs))
        label = capfirst(ArticleRevision._meta.verbose_name)
        going = {f"{label}: {revision}" for revision in revisions}
        protected = [item for item in protected if str(item) not in going]
        if going:
            counts[ArticleRevision._meta.verbose_name_plural] = len(going)
        return to_delete, counts, perms_needed, protected

    # --- saving through the service ---------------------------------------------

    def save_model(self, request, obj, form, change):
        note = ""
        if "_publish" in request.POST:
            obj.status = Article.Status.PUBLISHED
            note = gettext("Published")
        elif "_archive" in request.POST:
            obj.status = Article.Status.ARCHIVED
            note = gettext("Archived")
        elif not change:
            note = gettext("Created")
        services.article_save(article=obj, editor=request.user, note=note)

    @admin.action(description=_("Publish selected articles"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._transition(request, queryset, services.article_publish)

    @admin.action(description=_("Archive selected articles"), permissions=["change"])
    def archive_selected(self, request, queryset):
        self._transition(request, queryset, services.article_archive)

    def _transition(self, request, queryset, service) -> None:
        done = 0
        for article in queryset.select_related("category"):
            try:
                service(article=article, editor=request.user)
                done += 1
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.WARNING)
        if done:
            self.message_user(
                request,
                gettext("%(count)d article(s) updated.") % {"count": done},
                messages.SUCCESS,
            )

    # --- the change page: its revisions and translations ----------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "revisions_url": self._revisions_url(object_id),
            "translation_links": self._translation_links(request, article)
            if article is not None
            else [],
            "translation_source": article.translation_of if article else None,
        }
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(ArticleNeedingReview)
class ArticleNeedingReviewAdmin(ArticleAdmin):
    """Published articles past their review-by date, oldest first."""

    list_display = ["title", "review_by", "category", "last_editor", "view_count"]
    list_filter = ["category", "audience", "language"]
    ordering = ["review_by"]

    def get_queryset(self, request):
        return selectors.articles_needing_review(queryset=super().get_queryset(request))

    def has_add_permission(self, request) -> bool:
        return False
