"""The interns' workplace: write, preview, publish, review and restore articles.

Interns hold ``faq.*`` except ``delete_category`` (``hub.roles``); on top of that an
intern may not delete an article that has *ever been published* (archiving it
first changes nothing) — only agency managers may — enforced
per object here (which also covers the bulk "delete selected" action, since Django
checks ``has_delete_permission(request, obj)`` for every object it would delete) and
again in ``delete_queryset`` / ``faq.services.article_delete``.
"""

import difflib
from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from faq import selectors, services
from faq.models import (
    Article,
    ArticleNeedingReview,
    ArticleRevision,
    Category,
    Deflection,
)
from hub import permissions as access
from hub.exceptions import ApplicationError


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


class TranslationFilter(admin.SimpleListFilter):
    """Sources still missing a language, and translations older than their source."""

    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        choices = [
            ("sources", _("Source articles")),
            ("translations", _("Translations")),
            ("outdated", _("Translations older than their source")),
        ]
        for code, name in settings.LANGUAGES:
            choices.append(
                (f"missing-{code}", _("Missing in %(language)s") % {"language": name})
            )
        return choices

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value == "sources":
            return queryset.filter(translation_of__isnull=True)
        if value == "translations":
            return queryset.filter(translation_of__isnull=False)
        if value == "outdated":
            return selectors.outdated_translations(queryset)
        if value.startswith("missing-"):
            return selectors.missing_translation(
                queryset, language=value.removeprefix("missing-")
            )
        return queryset


TRANSLATION_MARKS = {
    "missing": _("missing"),
    "outdated": _("older than the source"),
    "current": _("up to date"),
}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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
    readonly_fields = [
        "author",
        "last_editor",
        "published_at",
        "created_at",
        "updated_at",
        "view_count",
        "helpful_yes",
        "helpful_no",
    ]
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
                "fields": [
                    "author",
                    "last_editor",
                    "published_at",
                    "created_at",
                    "updated_at",
                    "view_count",
                    "helpful_yes",
                    "helpful_no",
                ],
            },
        ),
    ]
    actions = ["publish_selected", "archive_selected"]

    class Media:
        js = ["js/faq-admin-preview.js"]
        css = {"all": ["css/faq-admin.css"]}

    # --- translations ---------------------------------------------------------------

    def get_queryset(self, request):
        translations = Article.objects.only(
            "pk", "slug", "title", "language", "updated_at", "translation_of_id"
        )
        return (
            super()
            .get_queryset(request)
            .annotate(source_updated_at=F("translation_of__updated_at"))
            .prefetch_related(Prefetch("translations", queryset=translations))
        )

    @admin.display(description=_("translations"))
    def translations_column(self, obj) -> str:
        """A source: each other language and its state; a translation: whether it
        is older than its source."""
        if obj.translation_of_id:
            source_updated = getattr(obj, "source_updated_at", None)
            if source_updated and source_updated > obj.updated_at:
                return gettext("translation, older than the source")
            return gettext("translation, up to date")
        states = selectors.translation_states(
            obj, translations=list(obj.translations.all())
        )
        return format_html_join(
            ", ",
            "{}: {}",
            ((state.language, TRANSLATION_MARKS[state.state]) for state in states),
        )

    def get_changeform_initial_data(self, request):
        """ "Add translation" (``?translation_of=<source>&language=<code>``) starts
        from a copy of the source: the translator replaces its text."""
        initial = super().get_changeform_initial_data(request)
        source_id = request.GET.get("translation_of", "")
        source = (
            Article.objects.filter(pk=source_id, translation_of__isnull=True).first()
            if source_id.isdigit()
            else None
        )
        if source is not None:
            for field in ("title", "summary", "body", "kind", "audience", "tags"):
                initial.setdefault(field, getattr(source, field))
            initial.setdefault("category", source.category_id)
        return initial

    def _translation_links(self, request, article: Article) -> list[dict]:
        add_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_add")
        links = []
        for state in selectors.translation_states(article):
            if state.translation is not None:
                url = reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                    args=[state.translation.pk],
                )
            elif self.has_add_permission(request):
                query = urlencode(
                    {"translation_of": article.pk, "language": state.language}
                )
                url = f"{add_url}?{query}"
            else:
                url = ""
            links.append(
                {
                    "language": state.language,
                    "name": state.name,
                    "state": state.state,
                    "mark": TRANSLATION_MARKS[state.state],
                    "url": url,
                }
            )
        return links

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

    # --- revisions ----------------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        extra = [
            path(
                "<path:object_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name=f"{prefix}_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:number>/restore/",
                self.admin_site.admin_view(require_POST(self.restore_view)),
                name=f"{prefix}_restore",
            ),
        ]
        return extra + super().get_urls()

    def _revisions_url(self, object_id) -> str:
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return reverse(f"admin:{prefix}_revisions", args=[object_id])

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

    def revisions_view(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_permission(request, article):
            raise Http404
        revisions = list(article.revisions.select_related("editor", "category"))
        for revision in revisions:
            revision.diff = "\n".join(
                difflib.unified_diff(
                    revision.body.splitlines(),
                    article.body.splitlines(),
                    fromfile=gettext("revision %(n)s") % {"n": revision.number},
                    tofile=gettext("current"),
                    lineterm="",
                )
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Revisions of “%s”") % article.title,
            "article": article,
            "revisions": revisions,
            "can_restore": self.has_change_permission(request, article),
            "restore_url_name": (
                f"admin:{self.opts.app_label}_{self.opts.model_name}_restore"
            ),
        }
        return TemplateResponse(request, "admin/faq/article/revisions.html", context)

    def restore_view(self, request, object_id, number):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(ArticleRevision, article=article, number=number)
        try:
            services.article_revision_restore(revision=revision, editor=request.user)
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)
        else:
            self.message_user(
                request,
                gettext("Revision %(n)s restored.") % {"n": number},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._revisions_url(object_id))


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


@admin.register(Deflection)
class DeflectionAdmin(admin.ModelAdmin):
    """What the ticket-form suggestions achieved (read only)."""

    list_display = ["created_at", "article", "outcome", "query", "user"]
    list_filter = ["outcome"]
    search_fields = ["query", "article__title"]
    list_select_related = ["article", "user"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return access.is_manager(request.user) and super().has_delete_permission(
            request, obj
        )
