import django_filters
from django.utils.translation import gettext_lazy as _

from onboarding.models import Onboarding


class OnboardingFilter(django_filters.FilterSet):
    scope = django_filters.ChoiceFilter(
        label=_("Networks"),
        choices=[("mine", _("My networks")), ("all", _("All networks"))],
        method="filter_scope",
        empty_label=None,
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[
            ("open", _("In progress")),
            ("stalled", _("Stalled")),
            ("done", _("Completed")),
        ],
        method="filter_state",
    )

    class Meta:
        model = Onboarding
        fields: list[str] = []

    def __init__(self, data=None, *args, user=None, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("scope", "mine")
        self.user = user
        super().__init__(data, *args, **kwargs)

    def filter_scope(self, queryset, name, value):
        if value == "mine" and self.user is not None:
            return queryset.filter(network__manager=self.user)
        return queryset

    def filter_state(self, queryset, name, value):
        if value == "done":
            return queryset.filter(completed_at__isnull=False)
        if value == "stalled":
            return queryset.filter(
                completed_at__isnull=True,
                last_progress_at__lt=Onboarding.stall_cutoff(),
            )
        if value == "open":
            return queryset.filter(completed_at__isnull=True)
        return queryset
