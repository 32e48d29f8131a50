"""The staff groups and the permissions each holds.

The groups are created by a data migration; their permissions are (re)synced after
every ``migrate`` so that models added by later apps join the right group.
A pattern ``app.*`` means every permission of that app, ``app.*_model`` every
permission on one model; ``-app.codename`` removes one.

``ADMINISTRATORS_ONLY`` is never given to a group, whatever the patterns say:
changing accounts (their privileges and credentials), groups, API tokens,
second-factor devices, the outbox and the definition of periodic tasks belongs to
superusers. ``hub/admin/`` enforces the same line again for the admin.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

MANAGERS = "Agency managers"
INTERNS = "Support interns"

# What each role (``hub.permissions.role_of``'s code) is called on screen: the
# header's role badge. The codes stay English: they are CSS classes and keys.
ROLE_LABELS = {
    "anonymous": _("Visitor"),
    "network": _("Network member"),
    "intern": _("Intern"),
    "manager": _("Agency manager"),
    "admin": _("Administrator"),
}


def role_label(role: str) -> str:
    """The translated name of a role code (the code itself if unknown)."""
    return ROLE_LABELS.get(role, role)


GROUP_PERMISSIONS: dict[str, list[str]] = {
    MANAGERS: [
        "hub.*_creatornetwork",
        "hub.manage_networks",
        "hub.*_membership",
        "hub.*_region",
        "hub.view_user",  # to pick people for memberships and networks
        "tickets.*",
        "faq.*",
        "campaigns.*",
        "onboarding.*",
        "insights.*",
        "inbound.*",  # unrouted and quarantined e-mail: assign or reject
        "webhooks.*",
        "programmes.*",
        "marketing.*",
        # the beat schedule: see everything, pause and resume tasks (hub/admin/beat.py)
        "django_celery_beat.view_*",
        "django_celery_beat.change_periodictask",
    ],
    INTERNS: [
        "faq.*",
        "-faq.delete_category",
        "tickets.view_ticket",
        "tickets.view_cannedreply",
        "hub.view_creatornetwork",
        "hub.view_membership",
        "insights.view_recurringgroup",
        # interns work tickets, so they file unrouted e-mail too
        "inbound.view_inboundmessage",
        "inbound.change_inboundmessage",
        "programmes.view_featuretest",
        "programmes.view_checkin",
        "marketing.view_*",  # interns help with events and content; managers run them
    ],
}


ADMINISTRATORS_ONLY = [
    "hub.add_user",
    "hub.change_user",
    "hub.delete_user",
    "hub.*_apitoken",
    "hub.*_recoverycodedevice",
    "hub.*_recoverycode",
    "hub.*_outboxmessage",
    "auth.*",
    "authtoken.*",
    "otp_totp.*",
    "django_celery_beat.add_*",
    "django_celery_beat.delete_*",
    "django_celery_beat.change_crontabschedule",
    "django_celery_beat.change_intervalschedule",
    "django_celery_beat.change_solarschedule",
    "django_celery_beat.change_clockedschedule",
]


def _matches(pattern: str, app_label: str, codename: str) -> bool:
    from fnmatch import fnmatchcase

    want_app, _, want_code = pattern.partition(".")
    return want_app == app_label and fnmatchcase(codename, want_code)


def resolve_permissions(patterns: list[str]) -> list[Permission]:
    wanted: set[tuple[str, str]] = set()
    removed: set[tuple[str, str]] = set()
    all_perms = list(Permission.objects.select_related("content_type"))
    for pattern in [*patterns, *(f"-{p}" for p in ADMINISTRATORS_ONLY)]:
        target = removed if pattern.startswith("-") else wanted
        for perm in all_perms:
            if _matches(
                pattern.lstrip("-"), perm.content_type.app_label, perm.codename
            ):
                target.add((perm.content_type.app_label, perm.codename))
    keys = wanted - removed
    return [p for p in all_perms if (p.content_type.app_label, p.codename) in keys]


def sync_group_permissions(**kwargs) -> None:
    for name, patterns in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(resolve_permissions(patterns))
