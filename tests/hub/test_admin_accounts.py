"""Findings 1 and 2 of issue 14, from the side of an agency manager in the admin:
nothing they do there changes any account's privileges or credentials, and no
token is theirs to read. Superusers keep every power."""

import pytest
from django.contrib.auth.models import Group, Permission

from hub.models import ApiToken, User
from hub.tokens import api_token_create
from tests.hub.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim(administrator):
    return administrator


def _change_form_data(user: User, **extra) -> dict:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "time_zone": user.time_zone,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        **extra,
    }


def test_a_manager_cannot_make_themselves_superuser_on_the_change_form(
    client_as, manager
):
    # finding 1: "hub.*" gave managers change_user; ticking is_superuser stuck
    browser = client_as(manager)
    response = browser.post(
        f"/admin/hub/user/{manager.pk}/change/",
        _change_form_data(manager, is_superuser="on", is_staff="on"),
    )
    assert response.status_code == 403
    manager.refresh_from_db()
    assert not manager.is_superuser


def test_even_granted_change_user_a_manager_changes_no_privilege_or_credential(
    client_as, manager, victim
):
    # a future role change must not reopen it: the admin guards the fields itself
    manager.user_permissions.add(Permission.objects.get(codename="change_user"))
    managers = Group.objects.get(name="Agency managers")
    browser = client_as(manager)
    response = browser.post(
        f"/admin/hub/user/{manager.pk}/change/",
        _change_form_data(
            manager,
            display_name="Still a manager",
            is_superuser="on",
            groups=[managers.pk],
            user_permissions=[p.pk for p in Permission.objects.all()[:50]],
            email="someone-else@staff.example",
        ),
    )
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.display_name == "Still a manager"  # a profile field may change
    assert not manager.is_superuser
    assert manager.email == "manager@staff.example"
    assert manager.user_permissions.count() == 1
    page = browser.get(f"/admin/hub/user/{victim.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="is_active"' not in page
    assert "pbkdf2" not in page and "md5" not in page  # no password hash shown


def test_a_manager_cannot_set_anyones_password_in_the_admin(client_as, manager, victim):
    # finding 1: /admin/hub/user/1/password/ set the superuser's password
    manager.user_permissions.add(Permission.objects.get(codename="change_user"))
    browser = client_as(manager)
    assert browser.get(f"/admin/hub/user/{victim.pk}/password/").status_code == 403
    response = browser.post(
        f"/admin/hub/user/{victim.pk}/password/",
        {"password1": "Taken-Over-2026", "password2": "Taken-Over-2026"},
    )
    assert response.status_code == 403
    victim.refresh_from_db()
    assert victim.check_password(PASSWORD)


def test_a_manager_cannot_add_or_delete_accounts(client_as, manager, victim):
    browser = client_as(manager)
    response = browser.post(
        "/admin/hub/user/add/",
        {
            "email": "sleeper@staff.example",
            "password1": "Sleeper-Agent-2026",
            "password2": "Sleeper-Agent-2026",
        },
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="sleeper@staff.example").exists()
    response = browser.post(
        "/admin/hub/user/",
        {"action": "delete_selected", "_selected_action": [victim.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=victim.pk).exists()
    assert browser.get(f"/admin/hub/user/{victim.pk}/delete/").status_code == 403


def test_a_manager_cannot_give_their_group_more_permissions(client_as, manager):
    managers = Group.objects.get(name="Agency managers")
    before = set(managers.permissions.values_list("pk", flat=True))
    browser = client_as(manager)
    assert browser.get(f"/admin/auth/group/{managers.pk}/change/").status_code == 403
    browser.post(
        f"/admin/auth/group/{managers.pk}/change/",
        {
            "name": managers.name,
            "permissions": list(Permission.objects.values_list("pk", flat=True)),
        },
    )
    assert set(managers.permissions.values_list("pk", flat=True)) == before


def test_no_group_holds_account_token_or_task_definition_permissions():
    from hub.roles import ADMINISTRATORS_ONLY, _matches

    for group in Group.objects.all():
        held = [
            (p.content_type.app_label, p.codename)
            for p in group.permissions.select_related("content_type")
        ]
        forbidden = sorted(
            f"{app}.{code}"
            for app, code in held
            if any(_matches(pattern, app, code) for pattern in ADMINISTRATORS_ONLY)
        )
        assert not forbidden, (group.name, forbidden)
    managers = {
        p.codename for p in Group.objects.get(name="Agency managers").permissions.all()
    }
    assert {"view_user", "change_periodictask", "change_creatornetwork"} <= managers
    assert not {"change_user", "add_periodictask", "view_apitoken"} & managers


def test_the_autocomplete_gives_managers_names_not_credentials(
    client_as, manager, victim
):
    response = client_as(manager).get(
        "/admin/autocomplete/",
        {
            "app_label": "hub",
            "model_name": "membership",
            "field_name": "user",
            "term": "admin",
        },
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert results and set(results[0]) == {"id", "text"}
    assert victim.password not in response.content.decode()


def test_no_one_but_a_superuser_sees_tokens_and_nobody_sees_a_secret(
    client_as, manager, intern, administrator
):
    # finding 2: /admin/authtoken/tokenproxy/ listed every token in plain text
    token, secret = api_token_create(user=administrator, name="Deploy bot")
    for person in (manager, intern):
        browser = client_as(person)
        assert browser.get("/admin/hub/apitoken/").status_code == 403
        assert browser.get("/admin/authtoken/tokenproxy/").status_code == 404
    browser = client_as(administrator)
    listing = browser.get("/admin/hub/apitoken/").content.decode()
    detail = browser.get(f"/admin/hub/apitoken/{token.pk}/change/").content.decode()
    assert "Deploy bot" in listing
    assert secret not in listing and secret not in detail
    assert token.digest not in detail
    assert browser.get("/admin/hub/apitoken/add/").status_code == 403
    # a superuser may revoke it
    browser.post(f"/admin/hub/apitoken/{token.pk}/delete/", {"post": "yes"})
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_a_superuser_keeps_full_power_over_accounts(client_as, administrator, manager):
    browser = client_as(administrator)
    managers = Group.objects.get(name="Agency managers")
    response = browser.post(
        f"/admin/hub/user/{manager.pk}/change/",
        _change_form_data(
            manager, is_staff="on", is_superuser="on", groups=[managers.pk]
        ),
    )
    assert response.status_code == 302, response.content[:500]
    manager.refresh_from_db()
    assert manager.is_superuser
    response = browser.post(
        f"/admin/hub/user/{manager.pk}/password/",
        {"password1": "Brand-New-Pass-2026", "password2": "Brand-New-Pass-2026"},
    )
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.check_password("Brand-New-Pass-2026")
