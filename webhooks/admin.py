"""Webhook endpoints and their delivery log, for agency managers.

Saving goes through ``webhooks.services`` (the same URL and event checks as the
API). The secret is shown once, when the endpoint is created or its secret is
rotated (action *Rotate secret*); deliveries are read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.exceptions import ApplicationError
from webhooks.models import EVENTS, WebhookDelivery, WebhookEndpoint
from webhooks.services import (
    endpoint_clean,
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoint_update,
    webhook_secret_rotate,
)


class EndpointForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=EVENTS, widget=forms.CheckboxSelectMultiple
    )
    secret = forms.CharField(
        label=_("Secret"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to have one made for you (shown once after saving)."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "events", "is_active"]

    def clean(self):
        data = super().clean()
        try:
            endpoint_clean(
                url=data.get("url") or "",
                events=data.get("events") or [],
                secret=data.get("secret") or None,
            )
        except ApplicationError as exc:
            for field, errors in exc.extra.get("fields", {}).items():
                self.add_error(field if field in self.fields else None, errors)
        return data


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = [
        "url",
        "description",
        "is_active",
        "event_list",
        "consecutive_failures",
        "delivery_log",
        "owner",
        "created_at",
    ]
    list_filter = ["is_active"]
    search_fields = ["url", "description"]
    list_select_related = ["owner"]
    readonly_fields = [
        "secret_hint",
        "owner",
        "consecutive_failures",
        "disabled_at",
        "secret_rotated_at",
        "created_at",
    ]
    actions = ["rotate_secret"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["url", "description", "events", "secret"]
        # an existing endpoint's secret is rotated with the action, never typed
        return ["url", "description", "events", "is_active", *self.readonly_fields]

    @admin.display(description=_("events"))
    def event_list(self, obj):
        return ", ".join(obj.events)

    @admin.display(description=_("deliveries"))
    def delivery_log(self, obj):
        url = reverse("admin:webhooks_webhookdelivery_changelist")
        return format_html(
            '<a href="{}?endpoint__id__exact={}">{}</a>', url, obj.pk, _("log")
        )

    @admin.display(description=_("secret"))
    def secret_hint(self, obj):
        return f"{obj.secret[:10]}…" if obj.secret else "—"

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            saved = webhook_endpoint_update(
                endpoint=obj,
                actor=request.user,
                url=data["url"],
                events=data["events"],
                description=data.get("description", ""),
                is_active=data.get("is_active"),
            )
        else:
            saved = webhook_endpoint_create(
                actor=request.user,
                url=data["url"],
                events=data["events"],
                secret=data.get("secret") or None,
                description=data.get("description", ""),
            )
            if not data.get("secret"):
                messages.warning(
                    request,
                    _("Secret (copy it now, it is not shown again): %(secret)s")
                    % {"secret": saved.secret},
                )
        obj.pk = saved.pk
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        webhook_endpoint_delete(endpoint=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for endpoint in queryset:
            webhook_endpoint_delete(endpoint=endpoint, actor=request.user)

    @admin.action(description=_("Rotate secret (shown once)"), permissions=["change"])
    def rotate_secret(self, request, queryset):
        for endpoint in queryset:
            rotated = webhook_secret_rotate(endpoint=endpoint, actor=request.user)
            messages.warning(
                request,
                _("New secret for %(url)s (copy it now): %(secret)s")
                % {"url": rotated.url, "secret": rotated.secret},
            )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "event",
        "endpoint",
        "status",
        "attempts",
        "response_status",
        "last_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "event"]
    search_fields = ["key", "endpoint__url"]
    list_select_related = ["endpoint"]
    show_full_result_count = False
    readonly_fields = [
        "key",
        "endpoint",
        "event",
        "status",
        "attempts",
        "response_status",
        "last_error",
        "duration_ms",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
        "data",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
