"""A person's own profile: the name others see and the time zone times are shown in."""

from django.db import transaction

from hub.models import User
from hub.timezones import zone_or_default


@transaction.atomic
def profile_update(*, user: User, display_name: str, time_zone: str) -> User:
    """Save the person's own name and time zone (blank: follow the network's)."""
    user.display_name = display_name.strip()
    user.time_zone = time_zone if not time_zone else str(zone_or_default(time_zone))
    user.save(update_fields=["display_name", "time_zone"])
    return user
