"""Loading campaign figures: validate the whole batch, then upsert what changed.

A batch with any bad row is refused whole (nothing is written) and every bad row is
named by its position. Rows whose value is already stored are not written again, so
loading the same rows twice changes nothing; changed values are updated in place
(``bulk_create(update_conflicts=True)`` on the unique key campaign, network, date,
metric, which PostgreSQL and SQLite both support).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.services import audit_record
from campaigns.loading import (
    CleanRow,
    CSVFormatError,
    RawRow,
    from_json,
    read_csv,
    to_json,
    validate_rows,
)
from campaigns.models import Campaign, CampaignMetric, Enrolment, MetricUpload
from campaigns.services.campaigns import require_manager
from core.exceptions import ApplicationError
from core.reload import Diff, check_previewed, diff_rows
from hub.models import CreatorNetwork, User

BATCH_SIZE = 5000
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class MetricBatchError(ApplicationError):
    """Some rows are bad; ``row_errors`` maps each bad row's position to problems."""

    def __init__(self, row_errors: dict[int, list[str]], *, label: str):
        self.row_errors = row_errors
        count = len(row_errors)
        message = ngettext(
            "%(count)s row is invalid; nothing was loaded.",
            "%(count)s rows are invalid; nothing was loaded.",
            count,
        ) % {"count": count}
        super().__init__(
            message,
            extra={
                "fields": {
                    str(position): problems
                    for position, problems in sorted(row_errors.items())
                },
                "position": label,
            },
        )
        self.label = label

    def lines(self) -> list[str]:
        """``Line 3: unknown network 'x'; …`` for people."""
        return [
            f"{self.label.capitalize()} {position}: {'; '.join(problems)}"
            for position, problems in sorted(self.row_errors.items())
        ]


@dataclass(frozen=True)
class LoadResult:
    new: int
    changed: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.new + self.changed + self.unchanged


def _validate(
    campaign: Campaign, rows: Iterable[RawRow], *, label: str
) -> list[CleanRow]:
    networks = dict(CreatorNetwork.objects.values_list("slug", "pk"))
    enrolled = set(
        campaign.enrolments.filter(status=Enrolment.Status.ACCEPTED).values_list(
            "network_id", flat=True
        )
    )
    clean, errors = validate_rows(
        rows,
        networks=networks,
        enrolled=enrolled,
        start=campaign.start_date,
        end=campaign.end_date,
    )
    if errors:
        raise MetricBatchError(errors, label=label)
    if not clean:
        raise ApplicationError(_("There are no rows to load."))
    return clean


def _diff(campaign: Campaign, rows: list[CleanRow]) -> Diff:
    existing = {
        (network_id, day, metric): value
        for network_id, day, metric, value in CampaignMetric.objects.filter(
            campaign=campaign
        ).values_list("network_id", "date", "metric", "value")
    }
    return diff_rows(rows, existing)


def _check_open(campaign: Campaign) -> None:
    if campaign.status == Campaign.Status.CLOSED:
        raise ApplicationError(_("The campaign is closed; its figures are final."))


def _write(campaign: Campaign, diff: Diff) -> LoadResult:
    now = timezone.now()
    CampaignMetric.objects.bulk_create(
        [
            CampaignMetric(
                campaign_id=campaign.pk,
                network_id=row.network_id,
                date=row.date,
                metric=row.metric,
                value=row.value,
                updated_at=now,
            )
            for row in diff.to_write
        ],
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["campaign", "network", "date", "metric"],
        update_fields=["value", "updated_at"],
    )
    return LoadResult(
        new=len(diff.new), changed=len(diff.changed), unchanged=diff.unchanged
    )


def _audit_load(user, campaign: Campaign, result: LoadResult, *, source: str) -> None:
    audit_record(
        actor=user,
        action="campaign.metrics_load",
        obj=campaign,
        changes={
            "source": source,
            "new": result.new,
            "changed": result.changed,
            "unchanged": result.unchanged,
        },
    )


@transaction.atomic
def metrics_load(
    *, campaign: Campaign, user: User, rows: Iterable[RawRow], label: str = "row"
) -> LoadResult:
    """Validate and upsert a batch (API); ``label`` names positions in errors."""
    require_manager(user)
    _check_open(campaign)
    clean = _validate(campaign, rows, label=label)
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    result = _write(campaign, _diff(campaign, clean))
    _audit_load(user, campaign, result, source="api")
    return result


@transaction.atomic
def metric_upload_stage(
    *, campaign: Campaign, user: User, content: bytes, filename: str = ""
) -> tuple[MetricUpload, LoadResult]:
    """Check a CSV and keep its clean rows for the preview; nothing is loaded yet."""
    require_manager(user)
    _check_open(campaign)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ApplicationError(_("The file is larger than 20 MB."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApplicationError(
            _("The file is not UTF-8 text (save it as CSV UTF-8).")
        ) from None
    try:
        clean = _validate(campaign, read_csv(text), label="line")
    except CSVFormatError as exc:
        raise ApplicationError(str(exc)) from None
    diff = _diff(campaign, clean)
    upload = MetricUpload.objects.create(
        campaign=campaign,
        uploaded_by=user,
        filename=filename[:255],
        rows=to_json(clean),
    )
    return upload, LoadResult(
        new=len(diff.new), changed=len(diff.changed), unchanged=diff.unchanged
    )


def metric_upload_preview(*, upload: MetricUpload) -> tuple[LoadResult, Diff]:
    """What confirming would do now (read only)."""
    diff = _diff(upload.campaign, from_json(upload.rows))
    return (
        LoadResult(
            new=len(diff.new), changed=len(diff.changed), unchanged=diff.unchanged
        ),
        diff,
    )


@transaction.atomic
def metric_upload_confirm(
    *, upload: MetricUpload, user: User, previewed: str | None = None
) -> LoadResult:
    """Apply a staged upload (once); enrolments are re-checked at this moment and
    ``previewed`` (the preview's fingerprint) must still describe the outcome."""
    require_manager(user)
    upload = MetricUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status != MetricUpload.Status.PENDING:
        raise ApplicationError(_("This file was already loaded."))
    campaign = Campaign.objects.select_for_update().get(pk=upload.campaign_id)
    _check_open(campaign)
    rows = from_json(upload.rows)
    slugs = dict(CreatorNetwork.objects.values_list("pk", "slug"))
    raw = [
        RawRow(i, slugs.get(r.network_id, ""), r.date.isoformat(), r.metric, r.value)
        for i, r in enumerate(rows, start=1)
    ]
    clean = _validate(campaign, raw, label="row")
    diff = _diff(campaign, clean)
    check_previewed(diff, previewed)
    result = _write(campaign, diff)
    upload.status = MetricUpload.Status.APPLIED
    upload.applied_at = timezone.now()
    upload.rows = []
    upload.save(update_fields=["status", "applied_at", "rows"])
    _audit_load(user, campaign, result, source=upload.filename or "upload")
    return result


@transaction.atomic
def metric_upload_purge(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Delete staged uploads never confirmed; applied ones keep their record."""
    deleted, _by_model = MetricUpload.objects.filter(
        status=MetricUpload.Status.PENDING,
        created_at__lt=timezone.now() - older_than,
    ).delete()
    return deleted
