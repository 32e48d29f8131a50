"""The staff groups and the permissions each holds.

The groups are created by a data migration; their permissions are (re)synced after
every ``migrate`` so that models added by later apps join the right group.
A pattern ``app.*`` means every permission of that app; ``-app.codename`` removes one.
"""

from django.contrib.auth.models import Group, Permission

MANAGERS = "Agency managers"
INTERNS = "Support interns"

GROUP_PERMISSIONS: dict[str, list[str]] = {
    MANAGERS: [
        "hub.*",
        "tickets.*",
        "faq.*",
        "campaigns.*",
        "onboarding.*",
        "insights.*",
        "django_celery_beat.*",
        "authtoken.view_tokenproxy",
    ],
    INTERNS: [
        "faq.*",
        "-faq.delete_category",
        "tickets.view_ticket",
        "tickets.view_cannedreply",
        "hub.view_creatornetwork",
        "hub.view_membership",
        "insights.view_recurringgroup",
    ],
}


def resolve_permissions(patterns: list[str]) -> list[Permission]:
    wanted: set[tuple[str, str]] = set()
    removed: set[tuple[str, str]] = set()
    all_perms = list(Permission.objects.select_related("content_type"))
    for pattern in patterns:
        target = removed if pattern.startswith("-") else wanted
        app_label, _, codename = pattern.lstrip("-").partition(".")
        for perm in all_perms:
            if perm.content_type.app_label == app_label and codename in (
                "*",
                perm.codename,
            ):
                target.add((app_label, perm.codename))
    keys = wanted - removed
    return [p for p in all_perms if (p.content_type.app_label, p.codename) in keys]


def sync_group_permissions(**kwargs) -> None:
    for name, patterns in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(resolve_permissions(patterns))
