"""An article's translations in the admin: the list's filter and column, and the
change page's links to each language (an "add translation" starts from a copy of
the source)."""

from django.conf import settings
from django.contrib import admin
from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from faq import selectors
from faq.models import Article


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


class ArticleTranslationsMixin:
    """``ArticleAdmin``'s translations: each source's languages and their state in
    the list, the change page's links to them, a new translation's initial text."""

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
