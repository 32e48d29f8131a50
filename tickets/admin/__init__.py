"""The tickets app's admin: tickets themselves (``tickets.py``) and the service
standards (``service_standards.py``: calendars, SLA policies, canned replies,
shared saved views, satisfaction ratings). Importing the package registers both."""

from tickets.admin import service_standards, tickets  # noqa: F401 - registration
