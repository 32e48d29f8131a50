"""Content engagement: a network's content items and their figures, the CSV
upload (stage, preview, apply) and the metrics load."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.exceptions import ApplicationError, NotFoundError
from core.reload import Diff, check_previewed, diff_rows
from hub import permissions as access
from marketing.models import (
    ContentItem,
    ContentMetric,
)

# --- content engagement ---------------------------------------------------------


def content_items_upsert(*, network, items) -> dict[str, int]:
    """Create or update items (CleanItem) of ``network``; returns url → id."""
    existing = {
        i.url: i
        for i in ContentItem.objects.filter(
            network=network, url__in=[i.url for i in items]
        )
    }
    new, changed = [], []
    for item in items:
        fields = {
            "creator_handle": item.creator_handle,
            "kind": item.kind,
            "posted_at": item.posted_at,
            "campaign_id": item.campaign_id,
            "hashtags": item.hashtags,
        }
        stored = existing.get(item.url)
        if stored is None:
            new.append(ContentItem(network=network, url=item.url, **fields))
        elif any(getattr(stored, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(stored, k, v)
            changed.append(stored)
    ContentItem.objects.bulk_create(new, batch_size=2000)
    ContentItem.objects.bulk_update(
        changed,
        ["creator_handle", "kind", "posted_at", "campaign_id", "hashtags"],
        batch_size=2000,
    )
    return dict(ContentItem.objects.filter(network=network).values_list("url", "pk"))


def content_figures_diff(*, figures, ids: dict[str, int]) -> Diff:
    """The figures against the stored ones (``core.reload``): new, changed (with
    each old value) and unchanged; ``ids`` maps the network's item urls to ids."""
    urls = {pk: url for url, pk in ids.items()}
    existing = {
        (urls[item_id], day, metric): value
        for item_id, day, metric, value in ContentMetric.objects.filter(
            item_id__in={ids[f.url] for f in figures if f.url in ids}
        ).values_list("item_id", "date", "metric", "value")
    }
    return diff_rows(figures, existing)


def content_figures_upsert(*, figures, ids: dict[str, int]) -> dict[str, int]:
    """Upsert on (item, date, metric): loading the same rows again changes nothing."""
    diff = content_figures_diff(figures=figures, ids=ids)
    now = timezone.now()
    ContentMetric.objects.bulk_create(
        [
            ContentMetric(
                item_id=ids[f.url],
                date=f.date,
                metric=f.metric,
                value=f.value,
                updated_at=now,
            )
            for f in diff.to_write
        ],
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["item", "date", "metric"],
        update_fields=["value", "updated_at"],
    )
    return diff.counts


def _refuse(errors: dict[int, list[str]], what: str) -> None:
    raise ApplicationError(
        _("Nothing was loaded: %(n)s %(what)s have problems.")
        % {"n": len(errors), "what": what},
        extra={"rows": {str(k): v for k, v in sorted(errors.items())}},
    )


@transaction.atomic
def content_upload_stage(*, network, user, text: str, filename: str = ""):
    """Check a content CSV whole; refused with every bad line, or staged for confirm."""
    from campaigns.loading import CSVFormatError
    from marketing import loading
    from marketing.models import ContentUpload
    from marketing.selectors import network_campaign_refs

    if not access.can_view_network(user, network):
        raise NotFoundError(_("No such network."))
    own = dict.fromkeys(
        ContentItem.objects.filter(network=network).values_list("url", flat=True)
    )
    try:
        rows_urls = _csv_urls(text)
        foreign = set(
            ContentItem.objects.exclude(network=network)
            .filter(url__in=rows_urls)
            .values_list("url", flat=True)
        )
        items, figures, errors = loading.read_content_csv(
            text,
            own_items=own,
            foreign_urls=foreign,
            campaigns=network_campaign_refs(network=network),
            time_zone=network.time_zone,
        )
    except CSVFormatError as exc:
        raise ApplicationError(
            str(exc), extra={"fields": {"file": [str(exc)]}}
        ) from None
    if errors:
        _refuse(errors, _("lines"))
    if not figures:
        raise ApplicationError(
            _("The file has no figures."), extra={"fields": {"file": [_("Empty.")]}}
        )
    return ContentUpload.objects.create(
        network=network,
        uploaded_by=user,
        filename=filename[:200],
        rows={
            "items": loading.items_to_json(items),
            "figures": loading.figures_to_json(figures),
        },
    )


def _csv_urls(text: str) -> list[str]:
    import csv
    import io

    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames:
        return []
    reader.fieldnames = [n.strip().lower() for n in reader.fieldnames]
    return [(row.get("url") or "").strip() for row in reader if row.get("url")]


def content_upload_preview(*, upload) -> tuple[dict[str, int], Diff]:
    """What confirming would do now (read only): the counts (with ``new_items``,
    the content items the file adds) and the figures' diff, old → new."""
    from marketing import loading

    items = loading.items_from_json(upload.rows["items"])
    figures = loading.figures_from_json(upload.rows["figures"])
    ids = dict(
        ContentItem.objects.filter(network=upload.network).values_list("url", "pk")
    )
    diff = content_figures_diff(figures=figures, ids=ids)
    counts = {**diff.counts, "new_items": sum(1 for url in items if url not in ids)}
    return counts, diff


@transaction.atomic
def content_upload_apply(
    *, upload, user, previewed: str | None = None
) -> dict[str, int]:
    """Apply a staged upload (once); ``previewed`` (the preview's fingerprint) must
    still describe the outcome."""
    from marketing import loading
    from marketing.models import ContentUpload

    upload = ContentUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.applied_at is not None:
        raise ApplicationError(_("This file was loaded already."))
    items = loading.items_from_json(upload.rows["items"])
    figures = loading.figures_from_json(upload.rows["figures"])
    known = dict(
        ContentItem.objects.filter(network=upload.network).values_list("url", "pk")
    )
    check_previewed(content_figures_diff(figures=figures, ids=known), previewed)
    ids = content_items_upsert(network=upload.network, items=list(items.values()))
    counts = content_figures_upsert(figures=figures, ids=ids)
    upload.applied_at = timezone.now()
    upload.save(update_fields=["applied_at"])
    if access.is_staff_member(user):
        audit_record(
            actor=user, action="content.load", obj=upload.network, changes=counts
        )
    return counts


@transaction.atomic
def content_metrics_load(*, user, rows) -> dict[str, int]:
    """API: figures of existing items the caller may load (their network's, or any
    for staff); the batch is refused whole with every bad row by index."""
    from marketing import loading
    from marketing.selectors import content_list

    rows = list(rows)
    urls = {str(r.url or "").strip() for r in rows}
    ids = dict(content_list(user=user).filter(url__in=urls).values_list("url", "pk"))
    figures, errors = loading.validate_figures(rows, urls=set(ids))
    if errors:
        _refuse(errors, _("rows"))
    return content_figures_upsert(figures=figures, ids=ids)


@transaction.atomic
def content_item_create(*, user, network, **fields) -> ContentItem:
    if not access.can_view_network(user, network):
        raise NotFoundError(_("No such network."))
    if ContentItem.objects.filter(url=fields["url"]).exists():
        raise ApplicationError(
            _("This URL is already loaded."),
            extra={"fields": {"url": [_("Already loaded.")]}},
        )
    return ContentItem.objects.create(network=network, **fields)
