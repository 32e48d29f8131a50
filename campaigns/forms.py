from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Enrolment
from campaigns.vocabulary import METRIC_CHOICES
from faq.models import Article
from hub.models import CreatorNetwork, Region, User


class DateInput(forms.DateInput):
    input_type = "date"


def staff_users():
    return User.objects.filter(is_staff=True, is_active=True).order_by("email")


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    kind = forms.ChoiceField(label=_("Kind"), choices=Campaign.Kind.choices)
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"), queryset=Region.objects.all(), required=False
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    end_date = forms.DateField(label=_("End date"), widget=DateInput)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=staff_users())
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Must be on or after the start date."))
        return data


class GoalForm(forms.Form):
    metric = forms.ChoiceField(label=_("Metric"), choices=METRIC_CHOICES)
    target = forms.DecimalField(
        label=_("Target"), min_value=0.01, max_digits=14, decimal_places=2
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=staff_users(), required=False
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput, required=False)


class InviteForm(forms.Form):
    networks = forms.ModelMultipleChoiceField(
        label=_("Networks to invite"),
        queryset=CreatorNetwork.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["networks"].queryset = (
            CreatorNetwork.objects.exclude(enrolments__campaign=campaign)
            .select_related("region")
            .order_by("name")
        )


def linkable_guides():
    """Published guides that networks may read (staff-only guides would 404)."""
    return (
        Article.objects.filter(kind=Article.Kind.GUIDE, status=Article.Status.PUBLISHED)
        .exclude(audience=Article.Audience.STAFF)
        .order_by("title")
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    guide = forms.ModelChoiceField(
        label=_("Knowledge-base guide"),
        queryset=linkable_guides(),
        required=False,
        help_text=_("A published guide from the knowledge base."),
    )
    url = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        help_text=_("Or a link to another page."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, images, Office documents, CSV or MP4; at most 20 MB."),
    )

    def clean(self):
        data = super().clean()
        given = [data.get(name) for name in ("guide", "url", "file")]
        if sum(map(bool, given)) != 1:
            raise forms.ValidationError(
                _("Give exactly one of a guide, a link or a file.")
            )
        return data


class ReviewForm(forms.Form):
    review_summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Drafted from the figures when the campaign entered review."),
    )
    review_worked = forms.CharField(
        label=_("What worked"), widget=forms.Textarea, required=False
    )
    review_change = forms.CharField(
        label=_("What to change"), widget=forms.Textarea, required=False
    )
    review_next_actions = forms.CharField(
        label=_("Next actions"), widget=forms.Textarea, required=False
    )


class MetricUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns network (slug), date (YYYY-MM-DD), metric (code), value. "
            "Download the template for this campaign's networks."
        ),
    )


class RespondForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[
            (Enrolment.Status.ACCEPTED, _("Accept")),
            (Enrolment.Status.DECLINED, _("Decline")),
        ]
    )
