"""Admin for plans, tips, announcements and the delivery ledger, with e-mail previews."""

from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.periods import parse_month, previous_month
from hub import permissions as access
from hub.models import Membership
from onboarding.forms import AnnouncementAdminForm, DigestPreviewForm
from onboarding.messages import announcement_email, digest_email, tip_email
from onboarding.models import (
    Announcement,
    Delivery,
    EmailPreference,
    Invitation,
    Onboarding,
    OnboardingPlan,
    OnboardingStep,
    PlanStep,
    Tip,
)
from onboarding.services import announcement_publish


def _preview_response(request, message, title):
    """Render a built e-mail (subject, headers, text and HTML) for staff to check."""
    html = next(
        (body for body, mime in message.alternatives if mime == "text/html"), ""
    )
    return TemplateResponse(
        request,
        "admin/onboarding/email_preview.html",
        {
            "title": title,
            "message": message,
            "html": html,
            "headers": message.extra_headers,
            "site_header": admin.site.site_header,
        },
    )


class PlanStepInline(admin.TabularInline):
    model = PlanStep
    extra = 1
    fields = [
        "order",
        "title",
        "owner_side",
        "due_offset_days",
        "guide_url",
        "description",
    ]


@admin.register(OnboardingPlan)
class OnboardingPlanAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default", "created_at"]
    inlines = [PlanStepInline]


class OnboardingStepInline(admin.TabularInline):
    model = OnboardingStep
    extra = 0
    fields = ["order", "title", "owner_side", "due_on", "done_at", "done_by"]
    readonly_fields = ["done_by"]


@admin.register(Onboarding)
class OnboardingAdmin(admin.ModelAdmin):
    list_display = [
        "network",
        "plan",
        "started_at",
        "last_progress_at",
        "completed_at",
        "stalled_reminded_at",
    ]
    list_filter = ["plan", "completed_at"]
    search_fields = ["network__name"]
    raw_id_fields = ["network"]
    inlines = [OnboardingStepInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "network",
        "role",
        "invited_by",
        "created_at",
        "accepted_at",
    ]
    search_fields = ["email", "network__name"]
    raw_id_fields = ["network", "invited_by", "accepted_user"]


@admin.register(Tip)
class TipAdmin(admin.ModelAdmin):
    list_display = ["order", "title", "active", "preview_link"]
    list_editable = ["active"]
    list_display_links = ["title"]

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="onboarding_tip_preview",
            )
        ] + super().get_urls()

    @admin.display(description=_("Preview"))
    def preview_link(self, obj):
        url = reverse("admin:onboarding_tip_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Preview e-mail"))

    def preview_view(self, request, pk):
        if not self.has_view_permission(request):
            raise Http404
        tip = get_object_or_404(Tip, pk=pk)
        return _preview_response(
            request, tip_email(tip=tip, user=request.user), _("Tip e-mail preview")
        )


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    form = AnnouncementAdminForm
    list_display = [
        "title",
        "kind",
        "status_label",
        "publish_at",
        "published_at",
        "links",
    ]
    list_filter = ["kind", "published_at"]
    search_fields = ["title"]
    filter_horizontal = ["regions", "networks"]
    fields = [
        "title",
        "kind",
        "body",
        "regions",
        "tier_choices",
        "networks",
        "publish_at",
    ]
    actions = ["publish_now"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Status"))
    def status_label(self, obj):
        return obj.status

    @admin.display(description=_("Links"))
    def links(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:onboarding_announcement_preview", args=[obj.pk]),
            _("Preview e-mail"),
            reverse("onboarding:announcement_report", args=[obj.pk]),
            _("Acknowledgements"),
        )

    @admin.action(description=_("Publish now (and e-mail the audience)"))
    def publish_now(self, request, queryset):
        for announcement in queryset:
            announcement_publish(
                announcement=announcement, now=timezone.now(), actor=request.user
            )
        messages.success(request, _("Published."))

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="onboarding_announcement_preview",
            )
        ] + super().get_urls()

    def preview_view(self, request, pk):
        if not self.has_view_permission(request):
            raise Http404
        announcement = get_object_or_404(Announcement, pk=pk)
        return _preview_response(
            request,
            announcement_email(announcement=announcement, user=request.user),
            _("Announcement e-mail preview"),
        )


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "key",
        "recipient",
        "network",
        "status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["kind", "status"]
    search_fields = ["recipient__email", "key"]
    raw_id_fields = ["recipient", "network"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    change_list_template = "admin/onboarding/delivery_change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "digest-preview/",
                self.admin_site.admin_view(self.digest_preview_view),
                name="onboarding_digest_preview",
            )
        ] + super().get_urls()

    def digest_preview_view(self, request):
        """Staff pick a member (and month) and see the digest they would get."""
        if not access.is_manager(request.user):
            raise Http404
        form = DigestPreviewForm(request.GET or None)
        if form.is_valid():
            membership = (
                Membership.objects.select_related("user", "network")
                .filter(user__email__iexact=form.cleaned_data["email"])
                .first()
            )
            if membership is None:
                form.add_error("email", _("No network member with that e-mail."))
            else:
                month = form.cleaned_data.get("month")
                period = parse_month(month) if month else previous_month(timezone.now())
                message = digest_email(
                    network=membership.network, user=membership.user, period=period
                )
                return _preview_response(request, message, _("Digest preview"))
        return TemplateResponse(
            request,
            "admin/onboarding/digest_preview_form.html",
            {
                "form": form,
                "title": _("Digest preview"),
                **self.admin_site.each_context(request),
            },
        )


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "tips", "digest", "updated_at"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
