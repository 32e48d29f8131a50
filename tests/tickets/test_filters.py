"""The queue's filter form."""

from tickets.models import Ticket


def test_descending_sort_labels_speak_the_readers_language():
    from django.utils import translation

    from tickets.filters import TicketFilter

    for language, word in (("en", "(descending)"), ("id", "(menurun)")):
        with translation.override(language):
            form = TicketFilter({}, queryset=Ticket.objects.none()).form
            labels = [str(label) for _value, label in form.fields["ordering"].choices]
            assert any(label.endswith(word) for label in labels), labels
