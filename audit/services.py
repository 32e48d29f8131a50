"""Writing the audit log: ``audit_record`` (one row, one INSERT) and its bulk twin.

Call it inside the service's own transaction, right after the change, so the row
commits or rolls back with it::

    audit_record(actor=user, action="ticket.assign", obj=ticket,
                 changes={"assignee": ["", "ana@hub.example"]})

``changes`` maps a field to ``[old, new]`` (display values), or holds figures of
an action that changes no field (``{"rows": 120}``). Never put secrets in it:
``redact`` is for fields such as passwords.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q

from audit.context import current_request
from audit.models import AuditEntry
from core.http import client_address

SYSTEM = "system"
ERASED = "Erased person"
REDACTED = "(changed)"


def _jsonable(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    return str(value)


def _address(request) -> str | None:
    """The client address (``core.http.client_address``: trusted proxies
    counted), or None outside a request or when it is no address at all."""
    request = request if request is not None else current_request()
    if request is None:
        return None
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _entry(*, actor, action: str, obj, changes, ip) -> AuditEntry:
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry(
        actor=actor if authenticated else None,
        actor_label=(actor.get_username() if authenticated else SYSTEM)[:254],
        action=action[:60],
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk)[:64],
        object_label=str(obj)[:200],
        changes=_jsonable(changes or {}),
        ip=ip,
    )


def audit_record(
    *, actor, action: str, obj, changes: dict | None = None, request=None
) -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``obj`` (a saved model instance).

    One INSERT; the client address comes from ``request`` or, when not given, from
    the request being served (``audit.context``). ``actor`` None means the system.
    """
    entry = _entry(
        actor=actor, action=action, obj=obj, changes=changes, ip=_address(request)
    )
    entry.save(force_insert=True)
    return entry


def audit_record_many(
    *, actor, action: str, items: Iterable[tuple[object, dict | None]], request=None
) -> list[AuditEntry]:
    """One row per ``(obj, changes)`` pair, in one bulk INSERT (bulk actions)."""
    ip = _address(request)
    entries = [
        _entry(actor=actor, action=action, obj=obj, changes=changes, ip=ip)
        for obj, changes in items
    ]
    return AuditEntry.objects.bulk_create(entries)


def redact(changes: dict, fields: Iterable[str]) -> dict:
    """``changes`` with the values of ``fields`` replaced by "(changed)"."""
    hidden = set(fields)
    return {
        name: [REDACTED, REDACTED] if name in hidden else value
        for name, value in changes.items()
    }


def _replace_text(value, needles: list[str]):
    if isinstance(value, str):
        for needle in needles:
            value = value.replace(needle, ERASED)
        return value
    if isinstance(value, list):
        return [_replace_text(item, needles) for item in value]
    if isinstance(value, dict):
        return {key: _replace_text(item, needles) for key, item in value.items()}
    return value


def audit_forget_person(*, person, email: str, name: str = "") -> int:
    """Personal-data erasure: the rows stay, the person's name and address go.

    Rows they acted in or that are about their account say "Erased person"; their
    address (and display name) is replaced wherever a label or change mentions it.
    Returns how many rows were rewritten.
    """
    needles = [text for text in (email, name) if text and len(text) >= 3]
    rewritten = AuditEntry.objects.filter(actor=person).update(actor_label=ERASED)
    rewritten += AuditEntry.objects.filter(
        object_type=person._meta.label_lower, object_id=str(person.pk)
    ).update(object_label=ERASED)
    if not needles:
        return rewritten
    mentions = Q()
    for needle in needles:
        mentions |= Q(object_label__icontains=needle) | Q(actor_label__iexact=needle)
        mentions |= Q(changes__icontains=needle)
    for entry in AuditEntry.objects.filter(mentions).only(
        "pk", "object_label", "actor_label", "changes"
    ):
        entry.object_label = _replace_text(entry.object_label, needles)
        entry.actor_label = _replace_text(entry.actor_label, needles)
        entry.changes = _replace_text(entry.changes, needles)
        entry.save(update_fields=["object_label", "actor_label", "changes"])
        rewritten += 1
    return rewritten
