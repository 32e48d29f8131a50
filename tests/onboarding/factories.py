import factory

from onboarding.models import Announcement, OnboardingPlan, PlanStep, Tip


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
