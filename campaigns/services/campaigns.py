"""Campaign set-up, status moves, enrolments, checklist, materials and review."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import audit_record
from campaigns.models import Campaign, Enrolment, Goal, Material, Task
from campaigns.vocabulary import METRICS
from core.exceptions import ApplicationError, NotFoundError
from core.uploads import FileKinds, check_upload
from faq.models import Article
from hub import permissions as access
from hub.models import CreatorNetwork, Region, User

MATERIAL_KINDS = FileKinds(
    # judged by content (``core.uploads``), the name agreeing with it
    binary={
        "application/pdf": (".pdf",),
        "image/png": (".png",),
        "image/jpeg": (".jpg", ".jpeg"),
        "image/gif": (".gif",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
            ".docx",
        ),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
            ".pptx",
        ),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
        "video/mp4": (".mp4",),
    },
    text={".txt": "text/plain", ".csv": "text/csv", ".md": "text/markdown"},
    max_bytes=20 * 1024 * 1024,
    field="file",
    too_large=gettext_lazy("Files may be at most 20 MB."),
    too_large_short=gettext_lazy("Too large."),
    refused=gettext_lazy(
        "This file type is not accepted (PDF, images, Office, MP4, text)."
    ),
    refused_short=gettext_lazy("Type not accepted."),
)


def require_manager(user) -> None:
    access.require_manager(user, _("Only agency managers may change campaigns."))


def _unique_slug(name: str, exclude: int | None = None) -> str:
    base = slugify(name)[:70] or "campaign"
    slug, n = base, 2
    while Campaign.objects.filter(slug=slug).exclude(pk=exclude).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_dates(start: date, end: date) -> None:
    if end < start:
        raise ApplicationError(
            _("The campaign cannot end before it starts."),
            extra={"fields": {"end_date": [_("Must be on or after the start date.")]}},
        )


@transaction.atomic
def campaign_create(
    *,
    user: User,
    name: str,
    kind: str,
    start_date: date,
    end_date: date,
    owner: User | None = None,
    description: str = "",
    regions: list[Region] | None = None,
) -> Campaign:
    require_manager(user)
    _check_dates(start_date, end_date)
    campaign = Campaign.objects.create(
        name=name,
        slug=_unique_slug(name),
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        owner=owner or user,
        description=description,
    )
    campaign.regions.set(regions or [])
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, user: User, **fields) -> Campaign:
    require_manager(user)
    allowed = {"name", "kind", "start_date", "end_date", "owner", "description"}
    unknown = set(fields) - allowed - {"regions"}
    if unknown:
        raise ApplicationError(_("These fields cannot be changed here: %s") % unknown)
    regions = fields.pop("regions", None)
    start = fields.get("start_date", campaign.start_date)
    end = fields.get("end_date", campaign.end_date)
    _check_dates(start, end)
    if (start, end) != (campaign.start_date, campaign.end_date):
        outside = campaign.metrics.exclude(date__gte=start, date__lte=end).count()
        if outside:
            raise ApplicationError(
                _("%(n)s loaded figures fall outside the new dates.") % {"n": outside}
            )
    for key, value in fields.items():
        setattr(campaign, key, value)
    campaign.save()
    if regions is not None:
        campaign.regions.set(regions)
    return campaign


@transaction.atomic
def campaign_transition(*, campaign: Campaign, user: User, to: str) -> Campaign:
    """Move the campaign one step; entering review drafts the review summary."""
    require_manager(user)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if to not in campaign.allowed_transitions():
        label = dict(Campaign.Status.choices).get(to, to)
        raise ApplicationError(
            _("A %(status)s campaign cannot move to %(to)s.")
            % {"status": campaign.get_status_display(), "to": label},
            extra={"fields": {"status": [_("Not a valid next status.")]}},
        )
    old = campaign.status
    campaign.status = to
    if to == Campaign.Status.REVIEW and not campaign.review_summary.strip():
        from campaigns.services.drafting import draft_review_summary

        campaign.review_summary = draft_review_summary(campaign=campaign)
    campaign.save(update_fields=["status", "review_summary", "updated_at"])
    audit_record(
        actor=user,
        action="campaign.transition",
        obj=campaign,
        changes={"status": [old, to]},
    )
    from webhooks.payloads import emit_campaign_status

    emit_campaign_status(campaign, old)
    return campaign


@transaction.atomic
def campaign_review_update(
    *,
    campaign: Campaign,
    user: User,
    review_summary: str,
    review_worked: str = "",
    review_change: str = "",
    review_next_actions: str = "",
) -> Campaign:
    require_manager(user)
    if campaign.status not in (Campaign.Status.REVIEW, Campaign.Status.CLOSED):
        raise ApplicationError(
            _("Review notes are written once the campaign is in review.")
        )
    campaign.review_summary = review_summary
    campaign.review_worked = review_worked
    campaign.review_change = review_change
    campaign.review_next_actions = review_next_actions
    campaign.save()
    return campaign


@transaction.atomic
def goal_set(*, campaign: Campaign, user: User, metric: str, target: Decimal) -> Goal:
    """Add a goal, or change the target of the campaign's goal for that metric."""
    require_manager(user)
    if metric not in METRICS:
        raise ApplicationError(_("Unknown metric %r.") % metric)
    if target is None or target <= 0:
        raise ApplicationError(
            _("A goal needs a target above zero."),
            extra={"fields": {"target": [_("Must be above zero.")]}},
        )
    goal, _created = Goal.objects.update_or_create(
        campaign=campaign, metric=metric, defaults={"target": target}
    )
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal, user: User) -> None:
    require_manager(user)
    goal.delete()


@transaction.atomic
def task_create(
    *,
    campaign: Campaign,
    user: User,
    title: str,
    owner: User | None = None,
    due_date: date | None = None,
) -> Task:
    require_manager(user)
    if not title.strip():
        raise ApplicationError(_("A task needs a title."))
    if owner is not None and not access.is_staff_member(owner):
        raise ApplicationError(_("Tasks are owned by platform staff."))
    return Task.objects.create(
        campaign=campaign, title=title.strip(), owner=owner, due_date=due_date
    )


@transaction.atomic
def task_set_done(*, task: Task, user: User, done: bool) -> Task:
    require_manager(user)
    task.done_at = timezone.now() if done else None
    task.save(update_fields=["done_at"])
    return task


@transaction.atomic
def enrolment_invite(
    *, campaign: Campaign, user: User, networks: list[CreatorNetwork]
) -> list[Enrolment]:
    """Invite networks; networks already invited or answered are left as they are."""
    require_manager(user)
    if campaign.status == Campaign.Status.CLOSED:
        raise ApplicationError(_("A closed campaign takes no new networks."))
    existing = set(campaign.enrolments.values_list("network_id", flat=True))
    new = [
        Enrolment(campaign=campaign, network=network)
        for network in networks
        if network.pk not in existing
    ]
    return Enrolment.objects.bulk_create(new)


@transaction.atomic
def enrolment_respond(*, enrolment: Enrolment, user: User, accept: bool) -> Enrolment:
    """A member of the invited network accepts or declines (managers may record it)."""
    if not (
        access.is_manager(user) or enrolment.network_id in access.network_ids(user)
    ):
        raise NotFoundError(_("No such invitation."))
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.campaign.status in (Campaign.Status.REVIEW, Campaign.Status.CLOSED):
        raise ApplicationError(
            _("This campaign is over; the answer can no longer change.")
        )
    enrolment.status = (
        Enrolment.Status.ACCEPTED if accept else Enrolment.Status.DECLINED
    )
    if (
        not accept
        and enrolment.campaign.metrics.filter(network_id=enrolment.network_id).exists()
    ):
        raise ApplicationError(
            _("Figures are already loaded for this network; it cannot decline now.")
        )
    enrolment.responded_at = timezone.now()
    enrolment.responded_by = user
    enrolment.save()
    return enrolment


@transaction.atomic
def material_create(
    *,
    campaign: Campaign,
    user: User,
    title: str,
    url: str = "",
    file: UploadedFile | None = None,
    guide: Article | None = None,
) -> Material:
    """A guide from the knowledge base, a link or a file: exactly one of them."""
    require_manager(user)
    if sum(map(bool, (url, file, guide))) != 1:
        raise ApplicationError(
            _("Give exactly one of a guide, a link or a file."),
            extra={"fields": {"guide": [_("A guide, a link or a file: exactly one.")]}},
        )
    if guide is not None and not (
        guide.kind == Article.Kind.GUIDE
        and guide.status == Article.Status.PUBLISHED
        and guide.audience != Article.Audience.STAFF
    ):
        raise ApplicationError(
            _("Only published guides that networks may read can be linked."),
            extra={"fields": {"guide": [_("Not a published guide for networks.")]}},
        )
    if file is not None:
        check_upload(file, MATERIAL_KINDS)
    return Material.objects.create(
        campaign=campaign, title=title, guide=guide, url=url, file=file or ""
    )


@transaction.atomic
def material_delete(*, material: Material, user: User) -> None:
    require_manager(user)
    if material.file:
        name = material.file.name
        storage = material.file.storage
        transaction.on_commit(lambda: storage.delete(name))
    material.delete()
