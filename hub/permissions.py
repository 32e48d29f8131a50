"""The one permission layer: "may this person see/do this to that object".

Views, the API and the admin all ask these helpers. Results that cost a query are
kept for the length of a request (``core.cache.request_memo``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from core.cache import request_memo, request_memo_forget, request_memo_set
from hub.roles import INTERNS, MANAGERS

if TYPE_CHECKING:
    from hub.models import CreatorNetwork, User


def _group_names(user) -> frozenset[str]:
    return request_memo(
        "group_names",
        user,
        lambda: frozenset(user.groups.values_list("name", flat=True)),
    )


def is_staff_member(user) -> bool:
    """Platform staff: interns, agency managers and administrators."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def is_manager(user) -> bool:
    if not is_staff_member(user):
        return False
    return user.is_superuser or MANAGERS in _group_names(user)


def is_intern(user) -> bool:
    return is_staff_member(user) and INTERNS in _group_names(user)


def role_of(user) -> str:
    """One word for navigation and templates: anonymous, network, intern, manager, admin."""
    if not (user and user.is_authenticated):
        return "anonymous"
    if user.is_superuser:
        return "admin"
    if is_manager(user):
        return "manager"
    if is_staff_member(user):
        return "intern"
    return "network"


def network_ids(user) -> frozenset[int]:
    """The networks this person belongs to (empty for anonymous people)."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    return request_memo(
        "network_ids",
        user,
        lambda: frozenset(user.memberships.values_list("network_id", flat=True)),
    )


def remember_network_ids(user, ids) -> None:
    """Seed the ``network_ids`` memo from all of the person's memberships, when
    a caller has just loaded them anyway (the same set the query would give)."""
    if user and user.is_authenticated and user.is_active:
        request_memo_set("network_ids", user, frozenset(ids))


def owned_network_ids(user) -> frozenset[int]:
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    from hub.models import Membership

    return request_memo(
        "owned_network_ids",
        user,
        lambda: frozenset(
            user.memberships.filter(role=Membership.Role.OWNER).values_list(
                "network_id", flat=True
            )
        ),
    )


def can_view_network(user, network: CreatorNetwork) -> bool:
    return is_staff_member(user) or network.pk in network_ids(user)


def can_manage_network(user, network: CreatorNetwork | None = None) -> bool:
    """Change a network's settings, manager and plan: agency managers only."""
    return is_manager(user)


def can_manage_members(user, network: CreatorNetwork) -> bool:
    """Invite and remove a network's people: managers and that network's owners."""
    return is_manager(user) or network.pk in owned_network_ids(user)


def can_work_tickets(user) -> bool:
    """Reply, add internal notes, assign, triage: platform staff."""
    return is_staff_member(user)


def can_see_internal(user) -> bool:
    """Internal notes and staff-only fields."""
    return is_staff_member(user)


def require_staff_member(user) -> None:
    """For services: refuse anyone but platform staff with a clear message."""
    if not is_staff_member(user):
        from core.exceptions import PermissionDeniedError

        raise PermissionDeniedError(_("Only platform staff may do this."))


def require_manager(user, message=None) -> None:
    """For services: refuse anyone but an agency manager (``is_manager``), with
    ``message`` (what they may not change) or a general one."""
    if not is_manager(user):
        from core.exceptions import PermissionDeniedError

        raise PermissionDeniedError(message or _("Only agency managers may do this."))


def visible_networks(user):
    """A queryset of the networks this person may see."""
    from hub.models import CreatorNetwork

    if is_staff_member(user):
        return CreatorNetwork.objects.all()
    return CreatorNetwork.objects.filter(pk__in=network_ids(user))


def forget(user: User) -> None:
    """Drop this request's answers about the person (after memberships or groups
    change)."""
    request_memo_forget(user)
