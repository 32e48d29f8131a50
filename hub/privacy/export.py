"""A network's data as one zip: JSON and CSV of every table, and the files.

``network_export`` writes the archive into an anonymous temporary file, table by
table, rows read in chunks (``iterator``) and attachments copied in blocks, so a
network with a hundred thousand tickets costs disk, not memory. It holds:

* ``manifest.json`` – what is inside, row counts, who exported it and when
* ``network.json`` – the network itself
* ``<table>.csv`` and ``<table>.json`` for memberships, tickets, messages
  (internal notes included: the export is for staff), ticket_history,
  attachments, campaign_enrolments and campaign_figures
* ``attachments/<ticket>/<key>-<name>`` – the attached files themselves

The CSVs go through ``core.csvfile`` (formula-safe). Every table is defined here,
in one place, so that nothing the network owns is forgotten.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.csvfile import writer as csv_writer
from core.exceptions import PermissionDeniedError
from hub import permissions as access
from hub.models import CreatorNetwork, Membership

CHUNK = 2000
COPY_BLOCK = 1024 * 1024


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[str]
    rows: Callable[[CreatorNetwork], QuerySet]  # a values_list in column order


def _tickets(network):
    from tickets.models import Ticket

    return Ticket.objects.filter(network=network)


def _membership_rows(network):
    return (
        Membership.objects.filter(network=network)
        .order_by("pk")
        .values_list(
            "user_id", "user__email", "user__display_name", "role", "created_at"
        )
    )


def _ticket_rows(network):
    return (
        _tickets(network)
        .order_by("pk")
        .values_list(
            "reference",
            "subject",
            "description",
            "category__slug",
            "kind",
            "priority",
            "status",
            "channel",
            "requester__email",
            "assignee__email",
            "created_at",
            "updated_at",
            "first_response_at",
            "resolved_at",
            "closed_at",
            "satisfaction__score",
            "satisfaction__comment",
        )
    )


def _message_rows(network):
    from tickets.models import TicketMessage

    return (
        TicketMessage.objects.filter(ticket__network=network)
        .order_by("pk")
        .values_list(
            "id",
            "ticket__reference",
            "author__email",
            "author_is_staff",
            "internal",
            "body",
            "created_at",
        )
    )


def _history_rows(network):
    from tickets.models import TicketChange

    return (
        TicketChange.objects.filter(ticket__network=network)
        .order_by("pk")
        .values_list(
            "ticket__reference",
            "field",
            "old_value",
            "new_value",
            "actor__email",
            "created_at",
        )
    )


def _attachment_queryset(network):
    from tickets.models import Attachment

    return Attachment.objects.filter(ticket__network=network).order_by("pk")


def attachment_path(reference: str, key, name: str) -> str:
    return f"attachments/{reference}/{key}-{get_valid_filename(name) or 'file'}"


def _attachment_rows(network):
    return _attachment_queryset(network).values_list(
        "key",
        "ticket__reference",
        "message_id",
        "name",
        "content_type",
        "size",
        "uploaded_by__email",
        "created_at",
    )


def _enrolment_rows(network):
    from campaigns.models import Enrolment

    return (
        Enrolment.objects.filter(network=network)
        .order_by("pk")
        .values_list(
            "campaign__slug",
            "campaign__name",
            "status",
            "invited_at",
            "responded_at",
            "responded_by__email",
        )
    )


def _figure_rows(network):
    from campaigns.models import CampaignMetric

    return (
        CampaignMetric.objects.filter(network=network)
        .order_by("campaign_id", "date", "metric")
        .values_list("campaign__slug", "date", "metric", "value")
    )


TABLES = [
    Table(
        "memberships",
        ["user_id", "email", "display_name", "role", "joined_at"],
        _membership_rows,
    ),
    Table(
        "tickets",
        [
            "reference",
            "subject",
            "description",
            "category",
            "kind",
            "priority",
            "status",
            "channel",
            "requester",
            "assignee",
            "created_at",
            "updated_at",
            "first_response_at",
            "resolved_at",
            "closed_at",
            "satisfaction_score",
            "satisfaction_comment",
        ],
        _ticket_rows,
    ),
    Table(
        "messages",
        ["id", "ticket", "author", "author_is_staff", "internal", "body", "created_at"],
        _message_rows,
    ),
    Table(
        "ticket_history",
        ["ticket", "field", "old_value", "new_value", "actor", "created_at"],
        _history_rows,
    ),
    Table(
        "attachments",
        [
            "key",
            "ticket",
            "message_id",
            "name",
            "content_type",
            "size",
            "uploaded_by",
            "created_at",
        ],
        _attachment_rows,
    ),
    Table(
        "campaign_enrolments",
        [
            "campaign",
            "campaign_name",
            "status",
            "invited_at",
            "responded_at",
            "responded_by",
        ],
        _enrolment_rows,
    ),
    Table("campaign_figures", ["campaign", "date", "metric", "value"], _figure_rows),
]


def _cell(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _write_csv(archive: zipfile.ZipFile, name: str, columns, rows: Iterable) -> int:
    count = 0
    with archive.open(name, "w", force_zip64=True) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        out = csv_writer(text)
        out.writerow(columns)
        for row in rows:
            out.writerow([_cell(value) for value in row])
            count += 1
        text.flush()
        text.detach()
    return count


def _write_json(archive: zipfile.ZipFile, name: str, columns, rows: Iterable) -> None:
    with archive.open(name, "w", force_zip64=True) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8")
        text.write("[")
        for index, row in enumerate(rows):
            text.write(",\n" if index else "\n")
            text.write(
                json.dumps(
                    dict(zip(columns, map(_cell, row), strict=True)),
                    cls=DjangoJSONEncoder,
                    ensure_ascii=False,
                )
            )
        text.write("\n]\n")
        text.flush()
        text.detach()


def _write_files(archive: zipfile.ZipFile, network) -> tuple[int, list[str]]:
    copied, missing = 0, []
    for attachment in (
        _attachment_queryset(network)
        .select_related("ticket")
        .only("key", "name", "file", "ticket__reference")
        .iterator(chunk_size=CHUNK)
    ):
        path = attachment_path(
            attachment.ticket.reference, attachment.key, attachment.name
        )
        try:
            source = attachment.file.open("rb")
        except (FileNotFoundError, OSError):
            missing.append(path)
            continue
        with source, archive.open(path, "w", force_zip64=True) as target:
            shutil.copyfileobj(source, target, COPY_BLOCK)
        copied += 1
    return copied, missing


def _network_facts(network: CreatorNetwork) -> dict:
    return {
        "id": network.pk,
        "name": network.name,
        "slug": network.slug,
        "region": network.region.code,
        "tier": network.tier,
        "status": network.status,
        "manager": network.manager.email if network.manager else None,
        "time_zone": network.time_zone,
        "language": network.default_language,
        "created_at": network.created_at,
    }


def _dump(value) -> bytes:
    return json.dumps(
        value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    ).encode()


def network_export(*, actor, network: CreatorNetwork) -> tuple[BinaryIO, str]:
    """Build the network's archive; returns the open file (at its start) and a
    file name. Agency managers only; recorded in the audit log."""
    if not access.is_manager(actor):
        raise PermissionDeniedError(_("Only agency managers may export a network."))
    network = CreatorNetwork.objects.select_related("region", "manager").get(
        pk=network.pk
    )
    now = timezone.now()
    # handed to the response, which closes (and so deletes) it once sent
    file = tempfile.TemporaryFile(prefix="hub-export-", suffix=".zip")  # noqa: SIM115
    try:
        counts, copied = _write_archive(file, network, actor=actor, now=now)
    except BaseException:
        file.close()
        raise
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="network.export",
            obj=network,
            changes={**counts, "files": copied},
        )
    file.seek(0)
    return file, f"{network.slug}-export-{now:%Y%m%d-%H%M}.zip"


def _write_archive(file, network, *, actor, now) -> tuple[dict[str, int], int]:
    counts: dict[str, int] = {}
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("network.json", _dump(_network_facts(network)))
        for table in TABLES:
            counts[table.name] = _write_csv(
                archive,
                f"{table.name}.csv",
                table.columns,
                table.rows(network).iterator(chunk_size=CHUNK),
            )
            _write_json(
                archive,
                f"{table.name}.json",
                table.columns,
                table.rows(network).iterator(chunk_size=CHUNK),
            )
        copied, missing = _write_files(archive, network)
        manifest = {
            "network": network.slug,
            "exported_at": now,
            "exported_by": actor.get_username(),
            "rows": counts,
            "files": {"copied": copied, "missing": missing},
            "tables": {
                table.name: [f"{table.name}.csv", f"{table.name}.json"]
                for table in TABLES
            },
        }
        archive.writestr("manifest.json", _dump(manifest))
    return counts, copied
