import pytest

from tests.onboarding.factories import PlanFactory, PlanStepFactory


@pytest.fixture
def plan(db):
    plan = PlanFactory(name="Standard")
    PlanStepFactory(plan=plan, order=1, title="Profile", owner_side="network")
    PlanStepFactory(plan=plan, order=2, title="Kick-off", owner_side="manager")
    PlanStepFactory(plan=plan, order=3, title="Training", owner_side="network")
    return plan


@pytest.fixture
def managed_a(network_a, manager):
    network_a.manager = manager
    network_a.save(update_fields=["manager"])
    return network_a
