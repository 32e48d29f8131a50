"""The mailbox's review queue: read a message, then file it in a network or reject it.

Rows are written only by ``inbound.services``: nobody adds, edits or deletes them
here (a message is never lost). An unrouted or quarantined message's page has two
buttons — *Create a ticket in…* and *Reject* — that call the services.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.exceptions import ApplicationError
from inbound.forms import AssignForm, RejectForm
from inbound.models import InboundMessage
from inbound.parsing import Unparseable, parse
from inbound.services import inbound_assign, inbound_reject


class NeedsReviewFilter(admin.SimpleListFilter):
    title = _("needs review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("yes", _("Unrouted or quarantined")), ("no", _("Handled"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status__in=InboundMessage.NEEDS_REVIEW)
        if self.value() == "no":
            return queryset.exclude(status__in=InboundMessage.NEEDS_REVIEW)
        return queryset


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    list_display = [
        "received_at",
        "sender",
        "subject",
        "status",
        "short_reason",
        "ticket",
    ]
    list_filter = [NeedsReviewFilter, "status", "source"]
    search_fields = ["sender", "subject", "message_id", "ticket__reference"]
    list_select_related = ["ticket"]
    date_hierarchy = "received_at"
    show_full_result_count = False
    fields = [
        "status",
        "reason",
        "sender",
        "subject",
        "message_text",
        "attachment_names",
        "ticket",
        "ticket_message",
        "message_id",
        "source",
        "size",
        "received_at",
        "handled_by",
        "handled_at",
    ]
    readonly_fields = fields
    change_form_template = "admin/inbound/inboundmessage/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("raw")  # read on the change page

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("reason"))
    def short_reason(self, obj):
        return (obj.reason[:80] + "…") if len(obj.reason) > 80 else obj.reason

    def _parsed(self, obj):
        if not hasattr(obj, "_parsed"):
            try:
                obj._parsed = parse(bytes(obj.raw))
            except Unparseable:
                obj._parsed = None
        return obj._parsed

    @admin.display(description=_("message (as text)"))
    def message_text(self, obj):
        parsed = self._parsed(obj)
        if parsed is None:
            # Never rendered as HTML: shown as escaped text, at most 20,000 characters.
            text = bytes(obj.raw)[:20000].decode("utf-8", errors="replace")
        else:
            text = parsed.body or _("(no text)")
        return format_html(
            '<pre style="white-space:pre-wrap;max-width:60em">{}</pre>', text
        )

    @admin.display(description=_("attachments"))
    def attachment_names(self, obj):
        parsed = self._parsed(obj)
        if not parsed or not parsed.attachments:
            return "—"
        return format_html_join(
            ", ",
            "{} ({} bytes)",
            ((a.name, len(a.payload)) for a in parsed.attachments),
        )

    # --- assign / reject ---------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:pk>/handle/",
                self.admin_site.admin_view(self.handle_view),
                name="inbound_inboundmessage_handle",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if (
            obj is not None
            and obj.needs_review
            and self.has_change_permission(request, obj)
        ):
            extra_context["assign_form"] = AssignForm()
            extra_context["reject_form"] = RejectForm()
            extra_context["handle_url"] = reverse(
                "admin:inbound_inboundmessage_handle", args=[obj.pk]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def handle_view(self, request, pk):
        inbound = get_object_or_404(InboundMessage, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, inbound):
            raise PermissionDenied
        back = reverse("admin:inbound_inboundmessage_change", args=[pk])
        try:
            if "assign" in request.POST:
                form = AssignForm(request.POST)
                if not form.is_valid():
                    raise ApplicationError(_("Choose a network."))
                ticket = inbound_assign(
                    inbound=inbound,
                    actor=request.user,
                    network=form.cleaned_data["network"],
                )
                messages.success(
                    request,
                    format_html(
                        _("Filed as ticket <a href='{}'>{}</a>."),
                        ticket.get_absolute_url(),
                        ticket.reference,
                    ),
                )
            else:
                form = RejectForm(request.POST)
                if not form.is_valid():
                    raise ApplicationError(_("Say why the message is rejected."))
                inbound_reject(
                    inbound=inbound,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(
                    request, _("Rejected; the message and reason are kept.")
                )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect(back)
