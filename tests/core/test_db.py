"""core.db.medians: PostgreSQL's percentile_cont and the Python spelling SQLite uses
give the same answers (odd and even counts, durations and numbers, grouped)."""

from datetime import timedelta

import pytest
from django.db.models import DurationField, F, FloatField
from django.utils import timezone

from core.db import ALL, _medians_sql, medians, medians_python
from tests.tickets.factories import TicketFactory
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def tickets(network_a, network_b):
    now = timezone.now()
    waits = {network_a: [10, 20, 40, 80], network_b: [5, 7, 30]}  # minutes
    for network, minutes in waits.items():
        for m in minutes:
            TicketFactory(
                network=network,
                first_response_at=now,
                first_response_business_seconds=m * 60,
            )
    Ticket.objects.update(created_at=now)  # the wait: set per row below
    for ticket in Ticket.objects.all():
        Ticket.objects.filter(pk=ticket.pk).update(
            created_at=now - timedelta(seconds=ticket.first_response_business_seconds)
        )
    TicketFactory(network=network_a, first_response_at=None)  # not answered: left out
    return network_a, network_b


def test_medians_agree_across_spellings_for_durations(tickets):
    wait = F("first_response_at") - F("created_at")
    args = {"output_field": DurationField()}
    sql = _medians_sql(Ticket.objects.all(), wait, key=None, **args)
    python = medians_python(Ticket.objects.all(), wait, key=None, **args)
    assert sql == python == {ALL: timedelta(minutes=20)}  # 7 values: the 4th


def test_medians_agree_grouped_with_even_counts(tickets):
    network_a, network_b = tickets
    field = "first_response_business_seconds"
    args = {"key": "network_id", "output_field": FloatField()}
    sql = _medians_sql(Ticket.objects.all(), field, **args)
    python = medians_python(Ticket.objects.all(), field, **args)
    # network A has 4 answered tickets: the mean of the middle two (20 and 40 min)
    assert sql == python == {network_a.pk: 30 * 60, network_b.pk: 7 * 60}
    assert medians(Ticket.objects.none(), field, output_field=FloatField()) == {}
