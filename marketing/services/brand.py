"""The brand kit: assets, their versions (checked files), retiring, downloads."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from audit.services import audit_record
from core.uploads import FileKinds, check_upload, refusal
from hub import permissions as access
from marketing.models import (
    BrandAsset,
    BrandAssetVersion,
)

# --- brand kit --------------------------------------------------------------------

BRAND_MAX_BYTES = 50 * 1024 * 1024
BRAND_KINDS = FileKinds(
    # detected type → accepted file-name suffixes
    binary={
        "image/png": (".png",),
        "image/jpeg": (".jpg", ".jpeg"),
        "image/gif": (".gif",),
        "image/webp": (".webp",),
        "application/pdf": (".pdf",),
        "application/zip": (".zip",),
        "video/mp4": (".mp4",),
        "video/quicktime": (".mov",),
        "application/font-woff": (".woff", ".woff2"),
        "application/font-sfnt": (".ttf", ".otf"),
    },
    text={
        ".svg": "image/svg+xml",
        ".txt": "text/plain",
        ".ase": "application/octet-stream",
    },
    max_bytes=BRAND_MAX_BYTES,
    field="file",
    too_large=gettext_lazy("Brand files may be at most 50 MB."),
    too_large_short=gettext_lazy("Too large."),
    refused=gettext_lazy(
        "%(name)s is not an accepted brand file (images, SVG, PDF, fonts, ZIP, MP4, MOV)."
    ),
    refused_short=gettext_lazy("Type not accepted."),
)


def check_brand_file(file) -> tuple[str, str]:
    """(safe name, content type) of an upload, judged by its content; HTML refused.

    SVG is accepted (logos) but, like every brand file, only ever downloaded as an
    attachment, never shown inline (it can carry scripts)."""
    checked = check_upload(file, BRAND_KINDS)
    lowered = checked.head.lower()
    if checked.content_type in BRAND_KINDS.text.values() and (
        b"<html" in lowered
        or b"<!doctype html" in lowered
        or (checked.content_type == "image/svg+xml" and b"<svg" not in lowered)
    ):
        raise refusal(BRAND_KINDS, checked.name)
    return checked.name, checked.content_type


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
    access.require_manager(actor)
    asset = BrandAsset.objects.create(created_by=actor, **fields)
    asset.regions.set(regions)
    asset.networks.set(networks)
    _add_version(asset=asset, actor=actor, file=file)
    audit_record(actor=actor, action="brand_asset.create", obj=asset)
    return asset


@transaction.atomic
def brand_version_add(*, asset: BrandAsset, actor, file) -> BrandAssetVersion:
    """A new version becomes current; the older ones are kept."""
    access.require_manager(actor)
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
    access.require_manager(actor)
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
