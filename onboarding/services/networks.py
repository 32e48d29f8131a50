"""A network joins the hub: saved, recorded in the audit log, given its checklist.

Every way of adding a network (the admin, the demo, tests' factories) calls
``network_create``, so what a new network gets is decided here, explicitly, rather
than by a ``post_save`` receiver that bulk creation and fixtures silently skip.
"""

from django.db import transaction

from audit.services import audit_record
from core import cache
from hub.models import CreatorNetwork
from onboarding.services.checklists import onboarding_start


@transaction.atomic
def network_create(*, network: CreatorNetwork, actor=None) -> CreatorNetwork:
    """Save a new ``network`` (an unsaved instance, validated by its form or here)
    and start its onboarding checklist from the default plan, when there is one.

    ``actor``: the staff member adding it (recorded in the audit log); None for
    the system (the demo, the tests' factory), which is not recorded."""
    if network.pk is not None:
        raise ValueError("network_create saves new networks only")
    network.full_clean()
    network.save(force_insert=True)
    if actor is not None:  # the audit log holds people's actions, not the seeders'
        audit_record(
            actor=actor,
            action="network.create",
            obj=network,
            changes={"name": [None, network.name], "tier": [None, network.tier]},
        )
    onboarding_start(network=network)
    # the home's network count and the queue filters' network list are stale
    transaction.on_commit(cache.HOME.invalidate)
    transaction.on_commit(cache.PICK_LISTS.invalidate)
    return network
