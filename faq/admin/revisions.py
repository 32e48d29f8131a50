"""An article's revisions in the admin: the list with a diff against the current
text, and restoring one (through ``faq.services``)."""

import difflib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from faq import services
from faq.models import ArticleRevision


class ArticleRevisionsMixin:
    """``ArticleAdmin``'s revision pages: ``<id>/revisions/`` and restoring one."""

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
