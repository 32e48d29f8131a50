"""The sign-in backend: Django's ``ModelBackend``, whose per-request user load also
brings the person's network default language (``hub.languages``) in the same
query, so that choosing a page's language costs no query of its own."""

from django.contrib.auth.backends import ModelBackend
from django.db.models import OuterRef, Subquery


class HubModelBackend(ModelBackend):
    def get_user(self, user_id):
        from hub.models import Membership, User

        first_network_language = (
            Membership.objects.filter(user=OuterRef("pk"))
            .order_by("created_at", "pk")
            .values("network__default_language")[:1]
        )
        user = (
            User._default_manager.annotate(
                network_language=Subquery(first_network_language)
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
