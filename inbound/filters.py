import django_filters

from inbound.models import InboundMessage


class InboundMessageFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=InboundMessage.Status.choices,
        help_text="Default: unrouted and quarantined (what needs review).",
    )
    sender = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = InboundMessage
        fields = ["status", "sender"]
