"""The weekly check-in request, built for a row of the one delivery ledger
(``emails.delivery``): claimed, sent and marked there, exactly once per
recipient, test and week."""

from django.conf import settings
from django.urls import reverse

from emails import delivery as engine
from hub.emails import build_email
from onboarding.models import Delivery


@engine.register_builder(Delivery.Kind.CHECKIN)
def build_checkin_request(delivery: Delivery, batch: engine.Batch):
    from programmes.models import Application, FeatureTest

    user = delivery.recipient
    key = ("feature-test", delivery.object_id)
    if key not in batch.memo:
        batch.memo[key] = FeatureTest.objects.filter(pk=delivery.object_id).first()
    test = batch.memo[key]
    if (
        not user.is_active
        or test is None
        or test.status != FeatureTest.Status.RUNNING
        or not Application.objects.filter(
            feature_test=test,
            network_id=delivery.network_id,
            status=Application.Status.ACCEPTED,
        ).exists()
    ):
        return None  # the test closed or the network left: nothing to ask
    path = reverse("programmes:checkin", kwargs={"pk": test.pk})
    return build_email(
        to=user.email,
        template="programme_checkin",
        context={
            "person": user.get_short_name() or user.email,
            "network": delivery.network.name if delivery.network else "",
            "name": test.name,
            "week": delivery.key.split("/", 1)[1],
            "url": settings.HUB_BASE_URL.rstrip("/") + path,
        },
    )
