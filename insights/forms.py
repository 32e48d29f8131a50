from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.periods import Week
from insights.models import FeedbackItem, ProductArea


class WeekForm(forms.Form):
    """``?week=2026-W48`` (default: the current week)."""

    week = forms.CharField(required=False, max_length=8)

    def clean_week(self) -> Week:
        value = self.cleaned_data.get("week")
        if not value:
            return Week.of(timezone.localdate())
        try:
            week = Week.parse(value)
        except ValueError as exc:
            raise forms.ValidationError(
                _("Give a week such as 2026-W48."), code="invalid"
            ) from exc
        if week.monday > timezone.localdate():
            raise forms.ValidationError(
                _("That week has not started yet."), code="future"
            )
        return week


class FeedbackItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    area = forms.ModelChoiceField(
        label=_("Product area"), queryset=ProductArea.objects.all(), required=False
    )
    new_area = forms.CharField(label=_("…or a new area"), max_length=80, required=False)
    tickets = forms.CharField(
        label=_("Tickets"),
        required=False,
        help_text=_("References, separated by spaces or commas (HUB-000123)."),
    )

    def references(self) -> list[str]:
        return self.cleaned_data["tickets"].replace(",", " ").split()


class FeedbackStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FeedbackItem.Status.choices)
    note = forms.CharField(
        label=_("Note for the networks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class FeedbackLinkForm(forms.Form):
    tickets = forms.CharField(label=_("Add tickets"), max_length=400)

    def references(self) -> list[str]:
        return self.cleaned_data["tickets"].replace(",", " ").split()
