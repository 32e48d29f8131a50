"""A network's data out (``network_export``) and a person's data gone
(``person_erase``): SPEC §10, both agency managers only and both audited."""

from hub.privacy.erasure import ERASED_NAME, person_erase
from hub.privacy.export import network_export

__all__ = ["ERASED_NAME", "network_export", "person_erase"]
