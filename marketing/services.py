"""Every write of the marketing app: events, registrations, content, brand kit.

Seats: ``event_register`` and ``registration_cancel`` lock the event row
(``select_for_update``) before counting seats, so two people taking the last seat at
once get one seat and one waitlist place, and a cancellation promotes the next in
line exactly once. E-mails are rows of the one delivery ledger
(``emails.delivery``), kind ``event``, key ``e<event>/<what>``, enqueued through
the outbox after the change commits.
"""

from datetime import timedelta
from pathlib import PurePosixPath

import filetype
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from audit.services import audit_record
from emails import delivery as engine
from hub import outbox
from hub import permissions as access
from hub.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from marketing.models import (
    BrandAsset,
    BrandAssetVersion,
    ContentItem,
    ContentMetric,
    Event,
    Registration,
)
from onboarding.models import Delivery

# reminder code → how long before the start it goes out
REMINDERS = {"remind-1d": timedelta(days=1), "remind-1h": timedelta(hours=1)}


def require_manager(user) -> None:
    if not access.is_manager(user):
        raise PermissionDeniedError(_("Only agency managers may do this."))


# --- e-mails through the delivery ledger ----------------------------------------


def event_key(event_id: int, what: str) -> str:
    return f"e{event_id}/{what}"


def _deliver(*, event: Event, what: str, registrations) -> None:
    """One ledger row per person for this event and message; enqueued on commit."""
    key = event_key(event.pk, what)
    rows = [(r.user_id, key, r.network_id, event.pk) for r in registrations]
    if not rows:
        return
    engine.deliveries_create(kind=Delivery.Kind.EVENT, rows=rows)
    ids = list(
        Delivery.objects.filter(
            kind=Delivery.Kind.EVENT,
            key=key,
            recipient_id__in=[row[0] for row in rows],
            status__in=[Delivery.Status.PENDING, Delivery.Status.CLAIMED],
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    from emails.tasks import send_deliveries_task

    for start in range(0, len(ids), 50):
        outbox.enqueue(send_deliveries_task, delivery_ids=ids[start : start + 50])


# --- events -----------------------------------------------------------------------


def _check_times(starts_at, ends_at) -> None:
    if starts_at and ends_at and ends_at <= starts_at:
        raise ApplicationError(
            _("The event must end after it starts."),
            extra={"fields": {"ends_at": [_("Must be after the start.")]}},
        )


@transaction.atomic
def event_create(*, actor, regions=(), networks=(), **fields) -> Event:
    require_manager(actor)
    _check_times(fields.get("starts_at"), fields.get("ends_at"))
    event = Event.objects.create(created_by=actor, **fields)
    event.regions.set(regions)
    event.networks.set(networks)
    audit_record(actor=actor, action="event.create", obj=event)
    return event


@transaction.atomic
def event_update(
    *, event: Event, actor, regions=None, networks=None, **fields
) -> Event:
    require_manager(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status in (Event.Status.DONE, Event.Status.CANCELLED):
        raise ApplicationError(_("A finished or cancelled event cannot change."))
    changes = {
        name: [str(getattr(event, name)), str(value)]
        for name, value in fields.items()
        if getattr(event, name) != value
    }
    for name, value in fields.items():
        setattr(event, name, value)
    _check_times(event.starts_at, event.ends_at)
    if changes and event.status == Event.Status.PUBLISHED:
        event.sequence += 1
    event.save()
    if regions is not None:
        event.regions.set(regions)
    if networks is not None:
        event.networks.set(networks)
    audit_record(actor=actor, action="event.update", obj=event, changes=changes)
    _promote(event)  # more seats: the waitlist moves up
    return event


@transaction.atomic
def event_publish(*, event: Event, actor) -> Event:
    require_manager(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.DRAFT:
        raise ApplicationError(_("Only a draft can be published."))
    if event.starts_at <= timezone.now():
        raise ApplicationError(_("This event has already started; move it first."))
    event.status = Event.Status.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at"])
    audit_record(
        actor=actor,
        action="event.publish",
        obj=event,
        changes={"status": ["draft", "published"]},
    )
    return event


@transaction.atomic
def event_cancel(*, event: Event, actor) -> Event:
    """Cancel and tell every registrant and waitlisted person once."""
    require_manager(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status in (Event.Status.DONE, Event.Status.CANCELLED):
        raise ApplicationError(_("This event is already over or cancelled."))
    was = event.status
    event.status = Event.Status.CANCELLED
    event.sequence += 1
    event.save(update_fields=["status", "sequence"])
    audit_record(
        actor=actor,
        action="event.cancel",
        obj=event,
        changes={"status": [was, "cancelled"]},
    )
    _deliver(
        event=event,
        what="cancelled",
        registrations=event.registrations.exclude(status=Registration.Status.CANCELLED),
    )
    return event


def _seats_taken(event: Event) -> int:
    return event.registrations.filter(status__in=Registration.HOLDS_SEAT).count()


def _has_seat(event: Event) -> bool:
    return event.capacity is None or _seats_taken(event) < event.capacity


@transaction.atomic
def event_register(*, event: Event, user, network=None) -> Registration:
    """Register ``user`` (a member of an invited network): a seat or the waitlist."""
    from marketing.selectors import event_networks_for

    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now():
        raise ApplicationError(_("Registration is closed for this event."))
    networks = event_networks_for(event=event, user=user)
    if not networks:
        raise NotFoundError(_("No such event."))
    if network is None or network.pk not in {n.pk for n in networks}:
        network = networks[0]
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration and registration.status != Registration.Status.CANCELLED:
        return registration  # registering twice changes nothing
    status = (
        Registration.Status.REGISTERED
        if _has_seat(event)
        else Registration.Status.WAITLISTED
    )
    now = timezone.now()
    if registration is None:
        registration = Registration(event=event, user=user)
    registration.network = network
    registration.status = status
    registration.queued_at = now
    registration.save()
    if status == Registration.Status.REGISTERED:
        _deliver(event=event, what="confirm", registrations=[registration])
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, actor) -> Registration | None:
    """Cancel; when it held a seat the first in line moves up (and is told).
    Returns the promoted registration, if any."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return None
    if event.starts_at <= timezone.now():
        raise ApplicationError(_("The event has started; registrations are final."))
    held = registration.status in Registration.HOLDS_SEAT
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    if actor != registration.user:
        audit_record(actor=actor, action="registration.cancel", obj=registration)
    if not held:
        return None
    promoted = _promote(event)
    return promoted[0] if promoted else None


def _promote(event: Event) -> list[Registration]:
    """Move the first in line up while seats are free (the event row is locked)."""
    if event.status != Event.Status.PUBLISHED:
        return []
    waiting = event.registrations.select_for_update().filter(
        status=Registration.Status.WAITLISTED
    )
    free = None if event.capacity is None else event.capacity - _seats_taken(event)
    if free is not None and free <= 0:
        return []
    promoted = list(waiting.order_by("queued_at", "pk")[:free])
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.save(update_fields=["status", "updated_at"])
    _deliver(event=event, what="confirm", registrations=promoted)
    return promoted


@transaction.atomic
def attendance_mark(*, event: Event, actor, attended_ids) -> int:
    """Staff tick who came, for all registrants at once; the rest are no-shows."""
    access.require_staff_member(actor)
    if event.starts_at > timezone.now():
        raise ApplicationError(_("Attendance is marked once the event has started."))
    seated = event.registrations.select_for_update().filter(
        status__in=Registration.HOLDS_SEAT
    )
    attended_ids = {int(pk) for pk in attended_ids}
    came = seated.filter(pk__in=attended_ids).update(
        status=Registration.Status.ATTENDED
    )
    seated.exclude(pk__in=attended_ids).update(status=Registration.Status.REGISTERED)
    audit_record(
        actor=actor,
        action="event.attendance",
        obj=event,
        changes={"attended": [None, came]},
    )
    return came


@transaction.atomic
def registration_rate(
    *, registration: Registration, user, rating: int, comment: str = ""
) -> Registration:
    if registration.user_id != user.pk:
        raise NotFoundError(_("No such registration."))
    if registration.event.starts_at > timezone.now():
        raise ApplicationError(_("Rate the event once it has taken place."))
    if registration.status not in Registration.HOLDS_SEAT:
        raise ApplicationError(_("Only people who had a seat may rate the event."))
    if not (1 <= int(rating) <= 5):
        raise ApplicationError(
            _("A rating is 1 to 5."), extra={"fields": {"rating": [_("1 to 5.")]}}
        )
    registration.rating = int(rating)
    registration.comment = comment.strip()
    registration.save(update_fields=["rating", "comment", "updated_at"])
    return registration


def event_reminders_send(*, now=None) -> int:
    """Beat: reminders a day and an hour before, once each per seated person.

    Someone who took their seat after a reminder's moment does not get it (their
    confirmation came later than the reminder would have)."""
    now = now or timezone.now()
    created = 0
    for what, before in REMINDERS.items():
        events = Event.objects.filter(
            status=Event.Status.PUBLISHED,
            starts_at__gt=now,
            starts_at__lte=now + before,
        )
        for event in events:
            with transaction.atomic():
                seated = event.registrations.filter(
                    status__in=Registration.HOLDS_SEAT,
                    queued_at__lte=event.starts_at - before,
                )
                _deliver(event=event, what=what, registrations=list(seated))
                created += len(seated)
    return created


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


def content_figures_diff(*, figures, ids: dict[str, int]) -> dict[str, int]:
    existing = {
        (item_id, day, metric): value
        for item_id, day, metric, value in ContentMetric.objects.filter(
            item_id__in={ids[f.url] for f in figures if f.url in ids}
        ).values_list("item_id", "date", "metric", "value")
    }
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    for f in figures:
        stored = existing.get((ids.get(f.url), f.date, f.metric))
        key = (
            "new"
            if stored is None
            else ("unchanged" if stored == f.value else "changed")
        )
        counts[key] += 1
    return counts


def content_figures_upsert(*, figures, ids: dict[str, int]) -> dict[str, int]:
    """Upsert on (item, date, metric): loading the same rows again changes nothing."""
    counts = content_figures_diff(figures=figures, ids=ids)
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
            for f in figures
        ],
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["item", "date", "metric"],
        update_fields=["value", "updated_at"],
    )
    return counts


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


def content_upload_preview(*, upload) -> dict[str, int]:
    from marketing import loading

    items = loading.items_from_json(upload.rows["items"])
    figures = loading.figures_from_json(upload.rows["figures"])
    ids = dict(
        ContentItem.objects.filter(network=upload.network).values_list("url", "pk")
    )
    counts = content_figures_diff(figures=figures, ids=ids)
    counts["new_items"] = sum(1 for url in items if url not in ids)
    return counts


@transaction.atomic
def content_upload_apply(*, upload, user) -> dict[str, int]:
    from marketing import loading
    from marketing.models import ContentUpload

    upload = ContentUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.applied_at is not None:
        raise ApplicationError(_("This file was loaded already."))
    items = loading.items_from_json(upload.rows["items"])
    figures = loading.figures_from_json(upload.rows["figures"])
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


# --- brand kit --------------------------------------------------------------------

BRAND_MAX_BYTES = 50 * 1024 * 1024
# detected extension → accepted file-name suffixes
BRAND_BINARY = {
    "png": (".png",),
    "jpg": (".jpg", ".jpeg"),
    "gif": (".gif",),
    "webp": (".webp",),
    "pdf": (".pdf",),
    "zip": (".zip",),
    "mp4": (".mp4",),
    "mov": (".mov",),
    "woff": (".woff",),
    "woff2": (".woff2",),
    "ttf": (".ttf",),
    "otf": (".otf",),
}
BRAND_TEXT = {
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
    ".ase": "application/octet-stream",
}


def check_brand_file(file) -> tuple[str, str]:
    """(safe name, content type) of an upload, judged by its content; HTML refused.

    SVG is accepted (logos) but, like every brand file, only ever downloaded as an
    attachment, never shown inline (it can carry scripts)."""
    name = get_valid_filename(PurePosixPath(file.name or "file").name)[:200] or "file"
    suffix = PurePosixPath(name).suffix.lower()
    refused = ApplicationError(
        _(
            "%(name)s is not an accepted brand file (images, SVG, PDF, fonts, ZIP, MP4, MOV)."
        )
        % {"name": name},
        extra={"fields": {"file": [_("Type not accepted.")]}},
    )
    if file.size > BRAND_MAX_BYTES:
        raise ApplicationError(
            _("Brand files may be at most 50 MB."),
            extra={"fields": {"file": [_("Too large.")]}},
        )
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        if suffix not in BRAND_BINARY.get(kind.extension, ()):
            raise refused
        return name, kind.mime
    if suffix not in BRAND_TEXT or b"\x00" in head:
        raise refused
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        raise refused
    if suffix == ".svg" and b"<svg" not in lowered:
        raise refused
    return name, BRAND_TEXT[suffix]


def _add_version(*, asset: BrandAsset, actor, file) -> BrandAssetVersion:
    name, content_type = check_brand_file(file)
    last = (
        asset.versions.order_by("-number").values_list("number", flat=True).first() or 0
    )
    asset.versions.filter(is_current=True).update(is_current=False)
    return BrandAssetVersion.objects.create(
        asset=asset,
        number=last + 1,
        file=file,
        name=name,
        content_type=content_type,
        size=file.size,
        is_current=True,
        uploaded_by=actor,
    )


@transaction.atomic
def brand_asset_create(*, actor, file, regions=(), networks=(), **fields) -> BrandAsset:
    require_manager(actor)
    asset = BrandAsset.objects.create(created_by=actor, **fields)
    asset.regions.set(regions)
    asset.networks.set(networks)
    _add_version(asset=asset, actor=actor, file=file)
    audit_record(actor=actor, action="brand_asset.create", obj=asset)
    return asset


@transaction.atomic
def brand_version_add(*, asset: BrandAsset, actor, file) -> BrandAssetVersion:
    """A new version becomes current; the older ones are kept."""
    require_manager(actor)
    asset = BrandAsset.objects.select_for_update().get(pk=asset.pk)
    version = _add_version(asset=asset, actor=actor, file=file)
    audit_record(
        actor=actor,
        action="brand_asset.version",
        obj=asset,
        changes={"version": [None, version.number]},
    )
    return version


@transaction.atomic
def brand_version_retire(*, version: BrandAssetVersion, actor) -> BrandAssetVersion:
    """Retired versions stay listed for staff but are no longer offered; when the
    current one retires, the newest version left becomes current."""
    require_manager(actor)
    BrandAsset.objects.select_for_update().get(pk=version.asset_id)
    version = BrandAssetVersion.objects.get(pk=version.pk)
    if version.retired_at is not None:
        return version
    was_current = version.is_current
    version.retired_at = timezone.now()
    version.is_current = False
    version.save(update_fields=["retired_at", "is_current"])
    if was_current:
        successor = (
            BrandAssetVersion.objects.filter(
                asset_id=version.asset_id, retired_at__isnull=True
            )
            .order_by("-number")
            .first()
        )
        if successor is not None:
            successor.is_current = True
            successor.save(update_fields=["is_current"])
    audit_record(
        actor=actor,
        action="brand_asset.retire",
        obj=version.asset,
        changes={"retired": [None, version.number]},
    )
    return version


def brand_version_downloaded(*, version: BrandAssetVersion) -> None:
    BrandAssetVersion.objects.filter(pk=version.pk).update(
        download_count=F("download_count") + 1
    )
