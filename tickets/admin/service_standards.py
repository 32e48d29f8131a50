"""Admin for service standards: calendars with holidays, SLA policies, canned
replies, shared saved views and (read-only) satisfaction ratings."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from tickets.models import (
    BusinessCalendar,
    CannedReply,
    Holiday,
    SatisfactionRating,
    SavedView,
    SlaPolicy,
)
from tickets.models.sla import WEEKDAY_CHOICES


class CalendarForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Working days"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = BusinessCalendar
        fields = ["name", "time_zone", "weekdays", "start_time", "end_time"]


class HolidayInline(admin.TabularInline):
    model = Holiday
    extra = 1


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(admin.ModelAdmin):
    form = CalendarForm
    list_display = ["name", "time_zone", "start_time", "end_time"]
    inlines = [HolidayInline]


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "priority",
        "network_tier",
        "first_response_minutes",
        "next_response_minutes",
        "resolution_minutes",
        "calendar",
        "is_active",
    ]
    list_filter = ["priority", "network_tier", "is_active", "calendar"]
    list_select_related = ["calendar"]


@admin.register(CannedReply)
class CannedReplyAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "set_status",
        "set_priority",
        "add_tag",
        "is_active",
        "usage_count",
    ]
    list_filter = ["is_active", "set_status"]
    search_fields = ["title", "body"]
    readonly_fields = ["usage_count"]


@admin.register(SavedView)
class SavedViewAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "query", "position"]
    list_select_related = ["owner"]
    search_fields = ["name"]
    raw_id_fields = ["owner"]


@admin.register(SatisfactionRating)
class SatisfactionRatingAdmin(admin.ModelAdmin):
    list_display = ["ticket", "score", "rated_by", "created_at"]
    list_filter = ["score"]
    list_select_related = ["ticket", "rated_by"]
    readonly_fields = [
        "ticket",
        "score",
        "comment",
        "rated_by",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False
