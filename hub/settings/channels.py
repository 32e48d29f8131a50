"""Channels (SPEC §8): e-mail in (``inbound/``) and webhooks out (``webhooks/``)."""

import environ

env = environ.Env()

# --- inbound e-mail ---
# The support mailbox polled by beat, e.g. imaps://support%40hub.example:pw@mail/INBOX
# (empty: no polling; ``receive_email`` still reads messages piped by an MTA).
INBOUND_IMAP_URL = env("INBOUND_IMAP_URL", default="")
# The address members write to; replies go to <local>+HUB-000123.<token>@<domain>.
HUB_INBOUND_ADDRESS = env("HUB_INBOUND_ADDRESS", default="support@hub.example")
HUB_INBOUND_MAX_BYTES = env.int("HUB_INBOUND_MAX_BYTES", default=25 * 1024 * 1024)
HUB_INBOUND_PER_SENDER_PER_HOUR = env.int("HUB_INBOUND_PER_SENDER_PER_HOUR", default=20)
HUB_INBOUND_IMAP_BATCH = env.int("HUB_INBOUND_IMAP_BATCH", default=50)
HUB_INBOUND_IMAP_TIMEOUT = env.int("HUB_INBOUND_IMAP_TIMEOUT", default=30)

# --- webhooks ---
# Loopback, private and link-local targets are refused unless this is set (tests,
# local receivers); production leaves it off.
HUB_WEBHOOK_ALLOW_PRIVATE = env.bool("HUB_WEBHOOK_ALLOW_PRIVATE", default=False)
HUB_WEBHOOK_TIMEOUT = env.float("HUB_WEBHOOK_TIMEOUT", default=10.0)
HUB_WEBHOOK_MAX_ATTEMPTS = env.int("HUB_WEBHOOK_MAX_ATTEMPTS", default=8)
HUB_WEBHOOK_DISABLE_AFTER = env.int("HUB_WEBHOOK_DISABLE_AFTER", default=20)
