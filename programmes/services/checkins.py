"""Weekly check-ins and the check-in request e-mails."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, NotFoundError
from core.periods import Week
from emails import delivery as engine
from hub.models import CreatorNetwork, Membership, User
from onboarding.models import Delivery
from programmes.models import Application, CheckIn, FeatureTest
from programmes.services.feature_tests import _field_error
from programmes.services.participation import _member_network


def current_week() -> Week:
    return Week.of(timezone.localdate())


def _report_issues(*, test: FeatureTest, checkin: CheckIn, user: User) -> None:
    """The issues become a feedback ticket of the network, collected on the
    feedback board under one item per test (the board counts the networks)."""
    from insights.services import feedback_item_create, feedback_item_link
    from tickets.models import Ticket
    from tickets.services import ticket_create

    ticket = ticket_create(
        requester=user,
        network=checkin.network,
        subject=_("Feature test “%(name)s”: issues in %(week)s")
        % {"name": test.name, "week": checkin.week},
        description=checkin.issues,
        kind=Ticket.Kind.FEEDBACK,
    )
    CheckIn.objects.filter(pk=checkin.pk).update(ticket=ticket)
    checkin.ticket = ticket
    # the board's own services; the test's owner (a manager) files the item
    if test.feedback_item_id is None:
        item = feedback_item_create(
            actor=test.owner,
            title=_("Feature test: %s") % test.name,
            area=None,
            references=[ticket.reference],
        )
        from insights.models import FeedbackItem

        FeedbackItem.objects.filter(pk=item.pk).update(
            note=_("Issues reported in the check-ins of the feature test %(url)s")
            % {"url": test.get_absolute_url()}
        )
        FeatureTest.objects.filter(pk=test.pk).update(feedback_item=item)
        test.feedback_item = item
    else:
        feedback_item_link(
            item=test.feedback_item, actor=test.owner, references=[ticket.reference]
        )


@transaction.atomic
def checkin_submit(
    *,
    feature_test: FeatureTest,
    user: User,
    rating: int,
    works: bool,
    issues: str = "",
    comment: str = "",
    network: CreatorNetwork | None = None,
) -> CheckIn:
    """This week's check-in of the caller's network (sent again the same week, it
    replaces the answer; issues already reported stay on the board)."""
    network = _member_network(user, network)
    test = FeatureTest.objects.select_related("owner", "feedback_item").get(
        pk=feature_test.pk
    )
    if not test.applications.filter(
        network=network, status=Application.Status.ACCEPTED
    ).exists():
        raise NotFoundError(_("Your network is not taking part in this test."))
    if test.status != FeatureTest.Status.RUNNING:
        raise ApplicationError(_("Check-ins are taken while the test is running."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise _field_error("rating", _("Rate from 1 to 5."))
    issues, comment = (issues or "").strip()[:5000], (comment or "").strip()[:5000]
    if not works and not issues:
        raise _field_error("issues", _("Tell us what does not work as expected."))
    week = str(current_week())
    checkin, created = CheckIn.objects.select_for_update().get_or_create(
        feature_test=test,
        network=network,
        week=week,
        defaults={
            "rating": rating,
            "works": works,
            "issues": issues,
            "comment": comment,
            "submitted_by": user,
        },
    )
    if not created:
        new_issues = issues and issues != checkin.issues
        checkin.rating, checkin.works, checkin.comment = rating, works, comment
        checkin.issues, checkin.submitted_by = issues, user
        checkin.save()
        if new_issues and checkin.ticket_id is None:
            _report_issues(test=test, checkin=checkin, user=user)
    elif issues:
        _report_issues(test=test, checkin=checkin, user=user)
    return checkin


def checkin_key(*, feature_test_id: int, week: Week | str) -> str:
    """The delivery key of one test's check-in request for one week."""
    return f"ft{feature_test_id}/{week}"


def checkin_requests_schedule(*, week: Week | None = None) -> int:
    """Ask every participant of every running test for this week's check-in: one
    ``Delivery`` row per member of an accepted network, test and week (the ledger's
    unique key keeps it exactly once however often this runs), then enqueue the
    unsent ones. Returns the number of rows enqueued."""
    week = week or current_week()
    monday, sunday = week.monday, week.sunday
    tests = list(
        FeatureTest.objects.filter(
            status=FeatureTest.Status.RUNNING,
            start_date__lte=sunday,
            end_date__gte=monday,
        ).values_list("pk", flat=True)
    )
    if not tests:
        return 0
    rows = (
        Membership.objects.filter(
            user__is_active=True,
            network__in=Application.objects.filter(
                feature_test_id__in=tests, status=Application.Status.ACCEPTED
            ).values("network_id"),
        )
        .order_by("user_id")
        .values_list("user_id", "network_id")
    )
    accepted = set(
        Application.objects.filter(
            feature_test_id__in=tests, status=Application.Status.ACCEPTED
        ).values_list("feature_test_id", "network_id")
    )
    keys = [checkin_key(feature_test_id=pk, week=week) for pk in tests]
    with transaction.atomic():
        engine.deliveries_create(
            kind=Delivery.Kind.CHECKIN,
            rows=(
                (user_id, checkin_key(feature_test_id=pk, week=week), network_id, pk)
                for user_id, network_id in rows
                for pk in tests
                if (pk, network_id) in accepted
            ),
        )
    return engine.deliveries_enqueue(
        engine.unsent_ids(kind=Delivery.Kind.CHECKIN, keys=keys)
    )
