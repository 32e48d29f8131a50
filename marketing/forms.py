"""Portal forms: events (local times in the event's zone), uploads, ratings."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.models import CreatorNetwork, Region
from marketing.models import BrandAsset, Event

LOCAL = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=LOCAL, **kwargs)


class TargetingFields(forms.Form):
    regions = forms.ModelMultipleChoiceField(
        Region.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    tier_choices = forms.MultipleChoiceField(
        label=_("Tiers"),
        choices=CreatorNetwork.Tier.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    networks = forms.ModelMultipleChoiceField(
        CreatorNetwork.objects.order_by("name"),
        required=False,
        label=_("Named networks"),
        help_text=_("Nothing chosen: every network."),
    )

    def tiers(self) -> str:
        chosen = self.cleaned_data.get("tier_choices") or []
        return f",{','.join(chosen)}," if chosen else ""


class EventForm(TargetingFields, forms.ModelForm):
    starts_local = forms.DateTimeField(
        label=_("Starts (local time)"),
        input_formats=[LOCAL],
        widget=LocalDateTimeInput(),
    )
    ends_local = forms.DateTimeField(
        label=_("Ends (local time)"), input_formats=[LOCAL], widget=LocalDateTimeInput()
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "description",
            "time_zone",
            "online_url",
            "venue",
            "capacity",
            "recording_url",
            "slides_url",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.pk:
            zone = ZoneInfo(event.time_zone)
            self.initial.setdefault(
                "starts_local",
                timezone.localtime(event.starts_at, zone).replace(tzinfo=None),
            )
            self.initial.setdefault(
                "ends_local",
                timezone.localtime(event.ends_at, zone).replace(tzinfo=None),
            )
            self.initial.setdefault("regions", list(event.regions.all()))
            self.initial.setdefault("networks", list(event.networks.all()))
            self.initial.setdefault("tier_choices", event.tier_list)

    def _aware(self, name: str) -> datetime | None:
        value = self.cleaned_data.get(name)
        zone = self.cleaned_data.get("time_zone")
        if value is None or not zone:
            return None
        return value.replace(tzinfo=None).replace(tzinfo=ZoneInfo(zone))

    def clean(self):
        data = super().clean()
        starts, ends = self._aware("starts_local"), self._aware("ends_local")
        if starts and ends and ends <= starts:
            self.add_error("ends_local", _("The event must end after it starts."))
        if starts and not self.instance.pk and starts <= timezone.now():
            self.add_error("starts_local", _("Choose a time in the future."))
        if not data.get("online_url") and not data.get("venue"):
            self.add_error("venue", _("Give an online link or a venue (or both)."))
        if data.get("capacity") == 0:
            self.add_error("capacity", _("At least one seat, or leave it empty."))
        data["starts_at"], data["ends_at"] = starts, ends
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields}
        fields.update(
            starts_at=data["starts_at"], ends_at=data["ends_at"], tiers=self.tiers()
        )
        return fields


class ContentUploadForm(forms.Form):
    network = forms.ModelChoiceField(CreatorNetwork.objects.none())
    file = forms.FileField(label=_("Content CSV"))

    def __init__(self, *args, networks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        if networks is not None and len(networks) == 1:
            self.fields["network"].initial = networks[0]


class BrandAssetForm(TargetingFields, forms.ModelForm):
    file = forms.FileField(label=_("File (version 1)"))

    class Meta:
        model = BrandAsset
        fields = ["title", "kind", "usage_notes"]


class BrandVersionForm(forms.Form):
    file = forms.FileField(label=_("New version"))


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(1, 6)], coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
