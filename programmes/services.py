"""Every write of the programmes app: feature tests, their status moves, networks
taking part, weekly check-ins and the check-in request e-mails."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from faq.models import Article
from hub import permissions as access
from hub.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from hub.models import CreatorNetwork, Membership, Region, User
from insights.weeks import Week
from onboarding import delivery as engine
from onboarding.models import Delivery
from programmes.models import Application, CheckIn, FeatureTest
from programmes.selectors import documentation_checklist, is_eligible


def require_manager(user) -> None:
    if not access.is_manager(user):
        raise PermissionDeniedError(_("Only agency managers may change feature tests."))


def _field_error(field: str, message: str) -> ApplicationError:
    return ApplicationError(message, extra={"fields": {field: [message]}})


def _check(*, start_date: date, end_date: date, capacity: int, guide, tiers) -> None:
    if end_date < start_date:
        raise _field_error("end_date", _("The test cannot end before it starts."))
    if capacity is None or capacity < 1:
        raise _field_error("capacity", _("At least one network must be able to join."))
    if guide is not None and guide.kind != Article.Kind.GUIDE:
        raise _field_error("guide", _("Link a guide (not an FAQ answer)."))
    unknown = set(tiers or []) - set(CreatorNetwork.Tier.values)
    if unknown:
        raise _field_error(
            "tiers", _("Unknown tier: %s.") % ", ".join(sorted(map(str, unknown)))
        )


@transaction.atomic
def feature_test_create(
    *,
    user: User,
    name: str,
    start_date: date,
    end_date: date,
    capacity: int,
    description: str = "",
    guide: Article | None = None,
    regions: list[Region] | None = None,
    tiers: list[str] | None = None,
    owner: User | None = None,
) -> FeatureTest:
    require_manager(user)
    name = " ".join((name or "").split())
    if not name:
        raise _field_error("name", _("Name the feature being tested."))
    _check(
        start_date=start_date,
        end_date=end_date,
        capacity=capacity,
        guide=guide,
        tiers=tiers,
    )
    test = FeatureTest.objects.create(
        name=name[:160],
        description=description,
        guide=guide,
        start_date=start_date,
        end_date=end_date,
        capacity=capacity,
        tiers=list(tiers or []),
        owner=owner or user,
    )
    test.regions.set(regions or [])
    audit_record(actor=user, action="programme.create", obj=test)
    return test


@transaction.atomic
def feature_test_update(*, feature_test: FeatureTest, user: User, **fields):
    require_manager(user)
    allowed = {"name", "description", "guide", "start_date", "end_date", "capacity"}
    unknown = set(fields) - allowed - {"regions", "tiers", "owner"}
    if unknown:
        raise ApplicationError(
            _("These fields cannot be changed here: %s") % sorted(unknown)
        )
    test = FeatureTest.objects.select_for_update().get(pk=feature_test.pk)
    if test.status == FeatureTest.Status.CLOSED:
        raise ApplicationError(_("A closed feature test can no longer change."))
    regions = fields.pop("regions", None)
    merged = {
        "start_date": fields.get("start_date", test.start_date),
        "end_date": fields.get("end_date", test.end_date),
        "capacity": fields.get("capacity", test.capacity),
        "guide": fields.get("guide", test.guide),
        "tiers": fields.get("tiers", test.tiers),
    }
    _check(**merged)
    accepted = test.applications.filter(status=Application.Status.ACCEPTED).count()
    if merged["capacity"] < accepted:
        raise _field_error(
            "capacity",
            _("%(n)s networks are already accepted; capacity cannot go below that.")
            % {"n": accepted},
        )
    for key, value in fields.items():
        setattr(test, key, value)
    test.save()
    if regions is not None:
        test.regions.set(regions)
    return test


@transaction.atomic
def feature_test_transition(
    *, feature_test: FeatureTest, user: User, to: str
) -> FeatureTest:
    """recruiting → running → closed; closing needs the documentation checklist
    complete (guide drafted, reviewed and published)."""
    require_manager(user)
    test = FeatureTest.objects.select_for_update().get(pk=feature_test.pk)
    if to not in test.allowed_transitions():
        label = dict(FeatureTest.Status.choices).get(to, to)
        raise ApplicationError(
            _("A %(status)s feature test cannot move to %(to)s.")
            % {"status": test.get_status_display(), "to": label},
            extra={"fields": {"status": [_("Not a valid next status.")]}},
        )
    if (
        to == FeatureTest.Status.RUNNING
        and not test.applications.filter(status=Application.Status.ACCEPTED).exists()
    ):
        raise _field_error("status", _("Accept at least one network before starting."))
    if to == FeatureTest.Status.CLOSED:
        missing = [
            step.label for step in documentation_checklist(test) if not step.done
        ]
        if missing:
            raise _field_error(
                "status",
                _("Finish the documentation first: %s.") % ", ".join(missing),
            )
    old, test.status = test.status, to
    now = timezone.now()
    if to == FeatureTest.Status.RUNNING:
        test.started_at = now
    if to == FeatureTest.Status.CLOSED:
        test.closed_at = now
    test.save(update_fields=["status", "started_at", "closed_at"])
    audit_record(
        actor=user,
        action="programme.transition",
        obj=test,
        changes={"status": [old, to]},
    )
    return test


DOC_STEPS = {"drafted": "guide_drafted_at", "reviewed": "guide_reviewed_at"}


@transaction.atomic
def documentation_mark(
    *, feature_test: FeatureTest, user: User, step: str, done: bool
) -> FeatureTest:
    """Tick (or untick) "guide drafted" / "guide reviewed"; reviewed needs drafted."""
    require_manager(user)
    if step not in DOC_STEPS:
        raise _field_error("step", _("Choose drafted or reviewed."))
    test = FeatureTest.objects.select_for_update().get(pk=feature_test.pk)
    if test.status == FeatureTest.Status.CLOSED:
        raise ApplicationError(_("A closed feature test can no longer change."))
    if test.guide_id is None:
        raise _field_error("step", _("Link the guide first (edit the test)."))
    if step == "reviewed" and done and test.guide_drafted_at is None:
        raise _field_error("step", _("The guide is reviewed after it is drafted."))
    setattr(test, DOC_STEPS[step], timezone.now() if done else None)
    if step == "drafted" and not done:
        test.guide_reviewed_at = None
    test.save(update_fields=list(DOC_STEPS.values()))
    return test


# --- networks taking part -----------------------------------------------------------


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


# --- check-ins ---------------------------------------------------------------------


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
    return engine.enqueue(engine.unsent_ids(kind=Delivery.Kind.CHECKIN, keys=keys))
