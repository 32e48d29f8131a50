from datetime import date
from decimal import Decimal

import factory

from campaigns.models import Campaign, CampaignMetric, Enrolment, Goal, Task
from tests.hub.factories import StaffFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Campaign {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    kind = Campaign.Kind.LIVE_EVENT
    status = Campaign.Status.LIVE
    start_date = date(2026, 3, 1)
    end_date = date(2026, 3, 31)
    owner = factory.SubFactory(StaffFactory)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    campaign = factory.SubFactory(CampaignFactory)
    status = Enrolment.Status.ACCEPTED


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    campaign = factory.SubFactory(CampaignFactory)
    metric = "live_hours"
    target = Decimal("100")


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    campaign = factory.SubFactory(CampaignFactory)
    title = factory.Sequence(lambda n: f"Task {n}")


class MetricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignMetric

    campaign = factory.SubFactory(CampaignFactory)
    date = date(2026, 3, 2)
    metric = "live_hours"
    value = Decimal("10")


def enrolled_campaign(*networks, **kwargs) -> Campaign:
    """A live March 2026 campaign with these networks accepted."""
    campaign = CampaignFactory(**kwargs)
    for network in networks:
        EnrolmentFactory(campaign=campaign, network=network)
    return campaign
