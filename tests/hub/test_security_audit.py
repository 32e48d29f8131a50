"""Account-security events land in the audit log (SPEC §10): tokens made and
revoked, the second factor turned on and off, a recovery code spent, an account
locked, a reset link sent, beat tasks switched by a manager."""

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from audit.models import AuditEntry
from hub.models import ApiToken
from hub.tokens import api_token_create, api_token_revoke
from hub.two_factor import (
    recovery_codes_regenerate,
    second_factor_verify,
    two_factor_disable,
    two_factor_enable,
)
from tests.hub.factories import totp_code, totp_device_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def _actions(obj=None):
    rows = AuditEntry.objects.order_by("pk")
    if obj is not None:
        rows = rows.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return list(rows.values_list("action", flat=True))


def test_creating_and_revoking_a_token_is_recorded_without_its_secret(member_a):
    token, secret = api_token_create(user=member_a, name="Reporting script")
    api_token_revoke(user=member_a, token_id=token.pk)
    rows = list(
        AuditEntry.objects.filter(action__startswith="api_token").order_by("pk")
    )
    assert [row.action for row in rows] == ["api_token.create", "api_token.revoke"]
    assert all(row.actor == member_a for row in rows)
    assert rows[0].changes["name"] == "Reporting script"
    assert all(secret not in str(row.changes) for row in rows)
    assert all(token.prefix not in str(row.changes) for row in rows)


def test_a_password_change_records_the_tokens_it_ended(member_a):
    api_token_create(user=member_a, name="one")
    api_token_create(user=member_a, name="two")
    member_a.set_password("another-long-password")
    member_a.save()
    assert not ApiToken.objects.filter(user=member_a).exists()
    row = AuditEntry.objects.get(action="api_token.revoke_all")
    assert row.changes == {"tokens": 2, "reason": "password changed"}
    assert row.object_id == str(member_a.pk)


def test_a_save_without_tokens_records_nothing(member_a):
    member_a.set_password("another-long-password")
    member_a.save()
    assert not AuditEntry.objects.filter(action="api_token.revoke_all").exists()


def test_turning_two_factor_on_and_off_is_recorded(manager, administrator):
    from django_otp.util import random_hex

    key = random_hex(20)
    codes = two_factor_enable(user=manager, key=key, code=totp_code(key))
    assert len(codes) == 10
    assert _actions(manager) == ["two_factor.enable", "two_factor.recovery_codes"]
    two_factor_disable(user=manager, actor=administrator)
    row = AuditEntry.objects.get(action="two_factor.disable")
    assert row.actor == administrator and row.object_id == str(manager.pk)


def test_turning_off_what_was_never_on_records_nothing(manager):
    two_factor_disable(user=manager)
    assert not AuditEntry.objects.filter(action="two_factor.disable").exists()


def test_spending_a_recovery_code_is_recorded_with_what_is_left(manager):
    device = totp_device_for(manager)
    codes = recovery_codes_regenerate(user=manager)
    assert second_factor_verify(user=manager, code=totp_code(device)) == "totp"
    assert not AuditEntry.objects.filter(action="two_factor.recovery_used").exists()
    assert second_factor_verify(user=manager, code=codes[0]) == "recovery"
    row = AuditEntry.objects.get(action="two_factor.recovery_used")
    assert row.changes == {"codes_left": 9}
    assert codes[0] not in str(row.changes)


def test_a_wrong_recovery_code_records_nothing(manager):
    totp_device_for(manager)
    recovery_codes_regenerate(user=manager)
    assert second_factor_verify(user=manager, code="zzzz-zzzz-zzzz-zzzz") is None
    assert not AuditEntry.objects.filter(action="two_factor.recovery_used").exists()


def test_a_locked_account_is_recorded_once_and_a_guessed_name_leaves_no_row(client):
    from tests.hub.factories import UserFactory

    person = UserFactory(email="locked@network.example")
    for _ in range(5):
        client.post("/accounts/login/", {"username": person.email, "password": "wrong"})
    rows = list(AuditEntry.objects.filter(action="sign_in.locked"))
    assert len(rows) == 1
    assert rows[0].object_id == str(person.pk) and rows[0].actor is None
    assert "pair" in rows[0].changes["locks"]
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": "nobody@nowhere.example", "password": "wrong"},
            REMOTE_ADDR="198.51.100.7",
        )
    assert AuditEntry.objects.filter(action="sign_in.locked").count() == 1


def test_a_reset_link_is_recorded_when_it_is_sent_not_when_asked_for(
    client, member_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post("/accounts/password_reset/", {"email": member_a.email})
    assert not AuditEntry.objects.filter(action="password_reset.sent").exists()
    for callback in callbacks:
        callback()  # the broker send; tasks run eagerly in tests
    row = AuditEntry.objects.get(action="password_reset.sent")
    assert row.object_id == str(member_a.pk)


def test_a_manager_switching_beat_tasks_is_recorded(client_as, manager):
    call_command("setup_periodic_tasks", stdout=open("/dev/null", "w"))  # noqa: SIM115
    task = PeriodicTask.objects.get(name="hub: flush the outbox")
    assert task.enabled
    browser = client_as(manager)
    url = "/admin/django_celery_beat/periodictask/"
    browser.post(url, {"action": "disable_tasks", "_selected_action": [task.pk]})
    browser.post(url, {"action": "disable_tasks", "_selected_action": [task.pk]})
    browser.post(url, {"action": "toggle_tasks", "_selected_action": [task.pk]})
    rows = list(AuditEntry.objects.filter(action__startswith="beat.").order_by("pk"))
    # the second "disable" changed nothing, so it left no row
    assert [(row.action, row.changes) for row in rows] == [
        ("beat.disable", {"enabled": [True, False]}),
        ("beat.toggle", {"enabled": [False, True]}),
    ]
    assert all(row.actor == manager for row in rows)
