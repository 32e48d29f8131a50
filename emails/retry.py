"""The one retry policy of every e-mail task (``shared_task(**EMAIL_RETRY)``).

An SMTP or network failure (``smtplib.SMTPException`` is an ``OSError``) retries
with growing, jittered delays up to ten minutes apart, eight times; ``acks_late``
lets a worker killed mid-task hand it to another. Per-recipient e-mail is safe to
retry because the ledger (``emails.delivery``) skips rows already sent.
"""

EMAIL_RETRY = {
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
    "acks_late": True,
}
