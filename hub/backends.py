"""The sign-in backend: Django's ``ModelBackend``, whose per-request user load also
brings the person's network default language (``hub.languages``) in the same
query, so that choosing a page's language costs no query of its own."""

from django.contrib.auth.backends import ModelBackend
from django.db.models import OuterRef


class HubModelBackend(ModelBackend):
    def get_user(self, user_id):
        from hub.languages import first_network_language
        from hub.models import User

        user = (
            User._default_manager.annotate(
                network_language=first_network_language(OuterRef("pk"))
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
