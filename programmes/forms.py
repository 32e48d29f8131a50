from django import forms
from django.utils.translation import gettext_lazy as _

from faq.models import Article
from hub.models import CreatorNetwork, Region, User


class DateInput(forms.DateInput):
    input_type = "date"


class FeatureTestForm(forms.Form):
    name = forms.CharField(label=_("Feature name"), max_length=160)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False
    )
    guide = forms.ModelChoiceField(
        label=_("Guide"),
        queryset=Article.objects.filter(kind=Article.Kind.GUIDE).order_by("title"),
        required=False,
        help_text=_("The knowledge-base guide documenting the feature."),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    end_date = forms.DateField(label=_("End date"), widget=DateInput)
    capacity = forms.IntegerField(label=_("Capacity (networks)"), min_value=1)
    regions = forms.ModelMultipleChoiceField(
        label=_("Eligible regions"),
        queryset=Region.objects.all(),
        required=False,
        help_text=_("None selected: every region."),
    )
    tiers = forms.MultipleChoiceField(
        label=_("Eligible tiers"),
        choices=CreatorNetwork.Tier.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every tier."),
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.filter(is_staff=True, is_active=True).order_by("email"),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Must be on or after the start date."))
        return data


class InviteForm(forms.Form):
    networks = forms.ModelMultipleChoiceField(
        label=_("Networks to invite"),
        queryset=CreatorNetwork.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, feature_test, **kwargs):
        super().__init__(*args, **kwargs)
        taken = feature_test.applications.values("network_id")
        self.fields["networks"].queryset = CreatorNetwork.objects.exclude(
            pk__in=taken
        ).order_by("name")


class CheckInForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How would you rate the feature this week?"),
        choices=[(n, f"{n}") for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    works = forms.TypedChoiceField(
        label=_("Does it work as expected?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    issues = forms.CharField(
        label=_("Issues found"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text=_("Each issue becomes an item for the product team."),
    )
    comment = forms.CharField(
        label=_("Comments"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
