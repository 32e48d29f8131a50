import factory

from onboarding.models import Announcement, OnboardingPlan, PlanStep, Tip
from onboarding.services import announcement_audience_decide


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnboardingPlan

    name = factory.Sequence(lambda n: f"Plan {n}")
    is_default = True


class PlanStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanStep

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(int)
    title = factory.Sequence(lambda n: f"Step {n}")
    owner_side = "network"
    due_offset_days = 7


class TipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tip

    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Tip {n}")
    body = "Do the thing.\n\nThen the other thing."


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement

    title = factory.Sequence(lambda n: f"Announcement {n}")
    body = "Something changed."
    kind = "product"

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        if create and extracted:
            self.networks.set(extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # created as published: its audience is decided now, as publishing does
        # (pass ``regions=[...]`` / ``networks=[...]`` so they count)
        super()._after_postgeneration(instance, create, results)
        if create and instance.published_at:
            announcement_audience_decide(announcement=instance)
