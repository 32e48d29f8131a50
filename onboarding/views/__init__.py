"""Portal pages of the onboarding app (checklists, members, announcements, e-mail)."""
