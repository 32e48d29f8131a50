import pytest
from django.core import mail


@pytest.mark.django_db(transaction=True)
def test_password_reset_email_is_delivered_by_a_real_worker(
    celery_worker, client, member_a
):
    # given a worker consuming from Redis, and tasks no longer run in-process
    # when a reset is requested
    client.post("/accounts/password_reset/", {"email": member_a.email})
    # then the worker sends the e-mail (not the request)
    import time

    deadline = time.monotonic() + 15
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member_a.email]
    assert "/accounts/reset/" in mail.outbox[0].body
    assert mail.outbox[0].alternatives[0][1] == "text/html"
