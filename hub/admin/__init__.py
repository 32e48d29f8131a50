"""The hub's admin: networks, accounts (what only administrators change) and the
beat schedule (what staff may pause). ``hub.admin_site.HubAdminSite`` is the admin site."""

from hub.admin import accounts, beat, networks  # noqa: F401 - register the admins
