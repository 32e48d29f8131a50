import pytest
from django.contrib.auth.models import AnonymousUser

from hub import permissions as access

pytestmark = pytest.mark.django_db


def test_roles_are_told_apart(member_a, owner_a, intern, manager, outsider):
    assert access.role_of(AnonymousUser()) == "anonymous"
    assert access.role_of(member_a) == "network"
    assert access.role_of(owner_a) == "network"
    assert access.role_of(outsider) == "network"
    assert access.role_of(intern) == "intern"
    assert access.role_of(manager) == "manager"


def test_a_member_sees_only_their_own_network(member_a, network_a, network_b):
    assert access.can_view_network(member_a, network_a)
    assert not access.can_view_network(member_a, network_b)
    assert list(access.visible_networks(member_a)) == [network_a]


def test_anonymous_and_outsiders_see_no_network(outsider, network_a):
    assert not access.can_view_network(AnonymousUser(), network_a)
    assert not access.can_view_network(outsider, network_a)
    assert not access.visible_networks(AnonymousUser()).exists()


def test_staff_see_every_network(intern, manager, network_a, network_b):
    for person in (intern, manager):
        assert access.can_view_network(person, network_b)
        assert set(access.visible_networks(person)) == {network_a, network_b}


def test_only_managers_manage_networks(member_a, owner_a, intern, manager, network_a):
    assert access.can_manage_network(manager, network_a)
    for person in (member_a, owner_a, intern):
        assert not access.can_manage_network(person, network_a)


def test_owners_manage_members_of_their_own_network_only(
    owner_a, member_a, network_a, network_b, manager
):
    assert access.can_manage_members(owner_a, network_a)
    assert not access.can_manage_members(owner_a, network_b)
    assert not access.can_manage_members(member_a, network_a)
    assert access.can_manage_members(manager, network_b)


def test_internal_notes_are_for_staff_only(member_a, owner_a, intern, manager):
    assert access.can_see_internal(intern) and access.can_see_internal(manager)
    assert not access.can_see_internal(member_a)
    assert not access.can_see_internal(owner_a)
    assert not access.can_see_internal(AnonymousUser())


def test_a_deactivated_staff_member_loses_access(manager, network_a):
    manager.is_active = False
    assert not access.is_staff_member(manager)
    assert not access.can_view_network(manager, network_a)


def test_answers_are_cached_per_request(member_a, django_assert_num_queries):
    from core.cache import request_scope

    with request_scope(), django_assert_num_queries(1):
        access.network_ids(member_a)
        access.network_ids(member_a)
    with django_assert_num_queries(2):  # outside a request: asked every time
        access.network_ids(member_a)
        access.network_ids(member_a)
