"""Feature tests: create, change, move through their states, documentation checklist."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.exceptions import ApplicationError
from faq.models import Article
from hub import permissions as access
from hub.models import CreatorNetwork, Region, User
from programmes.models import Application, FeatureTest
from programmes.selectors import documentation_checklist


def require_manager(user) -> None:
    access.require_manager(user, _("Only agency managers may change feature tests."))


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
