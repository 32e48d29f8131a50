from datetime import timedelta

import factory
from django.utils import timezone

from marketing.models import ContentItem, Event


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"LIVE workshop {n}")
    kind = "workshop"
    online_url = "https://meet.example/live"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=1))
    time_zone = "Australia/Sydney"
    capacity = 2
    status = "published"


class ContentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContentItem

    creator_handle = factory.Sequence(lambda n: f"creator{n}")
    url = factory.Sequence(lambda n: f"https://video.example/v/{n}")
    kind = "short_video"
    posted_at = factory.LazyFunction(timezone.now)


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
