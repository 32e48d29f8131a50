import factory

from insights.models import FeedbackItem, ProductArea, RecurringGroup


class ProductAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductArea
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class FeedbackItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackItem

    title = factory.Sequence(lambda n: f"Feature request {n}")
    area = factory.SubFactory(ProductAreaFactory)


class RecurringGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecurringGroup

    label = factory.Sequence(lambda n: f"Recurring question {n}")
    size = 3
    network_count = 1
