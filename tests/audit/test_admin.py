"""The admin, hooked once: every model admin records add/change/delete with
old → new values; secrets never reach the log; the log itself is read-only."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model

from audit.admin_hook import AuditedAdminMixin
from audit.models import AuditEntry
from tests.hub.factories import PASSWORD, UserFactory
from tickets.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "root@hub.example", PASSWORD, display_name="Root"
    )


def test_every_registered_model_admin_is_audited():
    unaudited = [
        f"{model._meta.label}: {type(model_admin).__name__}"
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedAdminMixin)
    ]
    assert unaudited == []


def _category_form(category, **changes):
    data = {
        "name": category.name,
        "slug": category.slug,
        "description": category.description,
        "position": category.position,
        "is_active": "on" if category.is_active else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_a_change_records_each_changed_field_old_to_new(client_as, manager):
    category = Category.objects.create(name="Payouts", slug="payouts", position=5)
    response = client_as(manager).post(
        f"/admin/tickets/category/{category.pk}/change/",
        _category_form(category, name="Payouts & diamonds", position=7),
        REMOTE_ADDR="198.51.100.23",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.change")
    assert entry.actor == manager
    assert (entry.object_type, entry.object_id) == (
        "tickets.category",
        str(category.pk),
    )
    assert entry.changes == {
        "name": ["Payouts", "Payouts & diamonds"],
        "position": [5, 7],
    }
    assert entry.ip == "198.51.100.23"


def test_an_addition_and_a_deletion_are_recorded(client_as, manager):
    browser = client_as(manager)
    browser.post(
        "/admin/tickets/category/add/",
        {"name": "Contracts", "slug": "contracts", "position": 3, "is_active": "on"},
    )
    category = Category.objects.get(slug="contracts")
    added = AuditEntry.objects.get(action="admin.add")
    assert added.object_id == str(category.pk)
    assert added.changes["name"] == [None, "Contracts"]
    browser.post(f"/admin/tickets/category/{category.pk}/delete/", {"post": "yes"})
    assert not Category.objects.filter(pk=category.pk).exists()
    deleted = AuditEntry.objects.get(action="admin.delete")
    assert (deleted.object_id, deleted.object_label) == (str(category.pk), "Contracts")


def test_delete_selected_records_every_row_in_the_same_transaction(client_as, manager):
    first = Category.objects.create(name="One", slug="one")
    second = Category.objects.create(name="Two", slug="two")
    client_as(manager).post(
        "/admin/tickets/category/",
        {
            "action": "delete_selected",
            "_selected_action": [first.pk, second.pk],
            "post": "yes",
        },
    )
    assert not Category.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert set(
        AuditEntry.objects.filter(action="admin.delete").values_list(
            "object_label", flat=True
        )
    ) == {"One", "Two"}


def test_a_password_set_in_the_admin_is_recorded_but_never_written(
    client_as, superuser
):
    person = UserFactory()
    new_password = "An0ther-long-passphrase!"
    response = client_as(superuser).post(
        f"/admin/hub/user/{person.pk}/password/",
        {"password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.change", object_id=str(person.pk))
    assert entry.actor == superuser
    stored = str(entry.changes) + entry.object_label
    assert new_password not in stored
    assert entry.changes  # the password field, redacted
    assert all(value == ["(changed)", "(changed)"] for value in entry.changes.values())


@pytest.mark.parametrize("who", ["manager", "superuser"])
def test_the_log_is_append_only_in_the_admin_even_for_managers(
    who, client_as, request, manager
):
    browser = client_as(request.getfixturevalue(who))
    from audit.services import audit_record

    entry = audit_record(actor=manager, action="x", obj=manager)
    base = "/admin/audit/auditentry/"
    assert browser.get(base).status_code == 200
    assert browser.get(f"{base}add/").status_code == 403
    assert browser.get(f"{base}{entry.pk}/delete/").status_code == 403
    response = browser.post(
        f"{base}{entry.pk}/change/", {"action": "changed", "actor_label": "someone"}
    )
    assert response.status_code == 403
    response = browser.post(
        base,
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    entry.refresh_from_db()
    assert entry.action == "x" and AuditEntry.objects.filter(pk=entry.pk).exists()


def test_interns_cannot_read_the_log_in_the_admin(client_as, intern):
    assert client_as(intern).get("/admin/audit/auditentry/").status_code == 403
