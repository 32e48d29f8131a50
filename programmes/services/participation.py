"""Networks taking part: apply, invite, accept or decline up to capacity."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.exceptions import ApplicationError, NotFoundError
from hub import permissions as access
from hub.models import CreatorNetwork, User
from programmes.models import Application, FeatureTest
from programmes.selectors import is_eligible
from programmes.services.feature_tests import _field_error, require_manager


def _member_network(user, network: CreatorNetwork | None) -> CreatorNetwork:
    ids = access.network_ids(user)
    if network is None:
        if len(ids) != 1:
            raise _field_error("network", _("Say which of your networks applies."))
        return CreatorNetwork.objects.get(pk=next(iter(ids)))
    if network.pk not in ids:
        raise NotFoundError(_("No such network."))
    return network


@transaction.atomic
def application_apply(
    *, feature_test: FeatureTest, user: User, network: CreatorNetwork | None = None
) -> Application:
    network = _member_network(user, network)
    test = FeatureTest.objects.select_for_update().get(pk=feature_test.pk)
    if test.status == FeatureTest.Status.CLOSED:
        raise ApplicationError(_("This feature test is closed."))
    if not is_eligible(feature_test=test, network=network):
        raise ApplicationError(_("Your network is not eligible for this test."))
    application, created = Application.objects.get_or_create(
        feature_test=test, network=network
    )
    if not created:
        raise ApplicationError(_("Your network has already applied."))
    return application


@transaction.atomic
def application_invite(
    *, feature_test: FeatureTest, user: User, networks: list[CreatorNetwork]
) -> list[Application]:
    """Invite networks; ones that already applied or were invited stay as they are."""
    require_manager(user)
    test = FeatureTest.objects.select_for_update().get(pk=feature_test.pk)
    if test.status == FeatureTest.Status.CLOSED:
        raise ApplicationError(_("A closed feature test takes no new networks."))
    if not networks:
        raise _field_error("networks", _("Choose at least one network."))
    existing = set(test.applications.values_list("network_id", flat=True))
    return Application.objects.bulk_create(
        [
            Application(feature_test=test, network=network, invited=True)
            for network in networks
            if network.pk not in existing
        ]
    )


@transaction.atomic
def application_decide(*, application: Application, user: User, status: str):
    """Accept or decline. Managers decide any application; a network answers its
    own invitation. Acceptance stops at capacity: the test row is locked, so two
    acceptances at once cannot both take the last place."""
    is_manager = access.is_manager(user)
    if not is_manager and not (
        application.invited and application.network_id in access.network_ids(user)
    ):
        raise NotFoundError(_("No such application."))
    if status not in (Application.Status.ACCEPTED, Application.Status.DECLINED):
        raise _field_error("status", _("Choose accepted or declined."))
    test = FeatureTest.objects.select_for_update().get(pk=application.feature_test_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if test.status == FeatureTest.Status.CLOSED:
        raise ApplicationError(_("This feature test is closed."))
    if application.status == status:
        return application
    if not is_manager and application.status != Application.Status.APPLIED:
        raise ApplicationError(_("This invitation has already been answered."))
    if status == Application.Status.ACCEPTED:
        taken = test.applications.filter(status=Application.Status.ACCEPTED).count()
        if taken >= test.capacity:
            raise _field_error(
                "status",
                _("The test is full (%(n)s of %(n)s places taken).") % {"n": taken},
            )
    old = application.status
    application.status = status
    application.decided_at = timezone.now()
    application.decided_by = user
    application.save(update_fields=["status", "decided_at", "decided_by"])
    audit_record(
        actor=user,
        action="programme.application",
        obj=application,
        changes={"status": [old, status]},
    )
    return application
