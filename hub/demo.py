"""Demo networks and accounts (see the README's demo logins).

Every seeder in ``settings.HUB_DEMO_SEEDERS`` is called as ``seed(options, out)``;
``options`` holds the ``seed_demo`` command options, ``out`` prints a progress line.
Seeders are idempotent: running them twice changes nothing.
"""

from collections.abc import Callable

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify

from hub.models import CreatorNetwork, Membership, Region, User
from hub.roles import INTERNS, MANAGERS

DEMO_PASSWORD = "hub-demo-2026"  # noqa: S105 - published demo password

STAFF = [
    ("admin@hub.example", "Ada Admin", "superuser"),
    ("manager@hub.example", "Maya Manager", MANAGERS),
    ("intern@hub.example", "Ian Intern", INTERNS),
]

NETWORKS = [
    # name, region code, tier, status, time zone, default language
    ("Northstar Media", "anz", "premier", "active", "Australia/Sydney", "en"),
    ("Lumen Live", "sea", "growth", "active", "Asia/Singapore", "id"),
    ("Harbour Creators", "anz", "emerging", "onboarding", "Australia/Melbourne", "en"),
    ("Vela Talent", "na", "growth", "active", "America/Los_Angeles", "en"),
    ("Jade River Studio", "nea", "growth", "active", "Asia/Shanghai", "zh-hans"),
    ("Sahara Stream", "emea", "emerging", "onboarding", "Asia/Dubai", "ar"),
]

PEOPLE = [
    (
        "owner@northstar.example",
        "Olivia Northstar",
        "Northstar Media",
        Membership.Role.OWNER,
    ),
    (
        "member@northstar.example",
        "Milo Northstar",
        "Northstar Media",
        Membership.Role.MEMBER,
    ),
    ("owner@lumen.example", "Leah Lumen", "Lumen Live", Membership.Role.OWNER),
    ("owner@jade.example", "Jia Jade", "Jade River Studio", Membership.Role.OWNER),
    ("owner@sahara.example", "Samir Sahara", "Sahara Stream", Membership.Role.OWNER),
]


def _user(email: str, name: str, **extra) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, DEMO_PASSWORD, display_name=name, **extra
        )
    return user


@transaction.atomic
def seed(options: dict, out: Callable[[str], None]) -> None:
    for email, name, role in STAFF:
        if role == "superuser":
            user = User.objects.filter(
                email=email
            ).first() or User.objects.create_superuser(
                email, DEMO_PASSWORD, display_name=name
            )
        else:
            user = _user(email, name, is_staff=True)
            user.groups.add(Group.objects.get(name=role))
    manager = User.objects.get(email="manager@hub.example")

    from onboarding.services import network_create

    existing = set(CreatorNetwork.objects.values_list("slug", flat=True))
    for name, region, tier, status, tz, language in NETWORKS:
        if slugify(name) not in existing:
            network_create(
                network=CreatorNetwork(
                    slug=slugify(name),
                    name=name,
                    region=Region.objects.get(code=region),
                    tier=tier,
                    status=status,
                    manager=manager,
                    time_zone=tz,
                    default_language=language,
                )
            )
    for email, name, network_name, role in PEOPLE:
        user = _user(email, name)
        Membership.objects.get_or_create(
            user=user,
            network=CreatorNetwork.objects.get(name=network_name),
            defaults={"role": role},
        )
    out(f"Demo accounts ready (password {DEMO_PASSWORD!r}).")

    extra = options.get("networks") or 0
    if extra:
        _bulk_networks(extra, manager, out)


def _bulk_networks(count: int, manager: User, out: Callable[[str], None]) -> None:
    """Add benchmark networks named ``Bench Network 0001``…, each with one owner."""
    regions = list(Region.objects.all())
    existing = set(
        CreatorNetwork.objects.filter(slug__startswith="bench-network-").values_list(
            "slug", flat=True
        )
    )
    new = []
    for i in range(1, count + 1):
        slug = f"bench-network-{i:04d}"
        if slug in existing:
            continue
        new.append(
            CreatorNetwork(
                name=f"Bench Network {i:04d}",
                slug=slug,
                region=regions[i % len(regions)],
                tier=CreatorNetwork.Tier.values[i % 3],
                status=CreatorNetwork.Status.ACTIVE,
                manager=manager,
            )
        )
    CreatorNetwork.objects.bulk_create(new, batch_size=1000)
    out(f"Added {len(new)} benchmark networks ({count} in all).")
