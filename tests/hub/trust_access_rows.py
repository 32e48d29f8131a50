"""Rows of the access-control matrix (``tests/test_access_matrix``) for the trust
routes of SPEC §10: the audit log, network export, personal-data erasure and the
queue's CSV export."""

from tests.test_access_matrix import (
    ANON,
    INTERN,
    MANAGER,
    MEMBER_A,
    MEMBER_B,
    Row,
    manager_only,
    staff_only,
)


def manager_api(status=200):
    return {ANON: 401, MEMBER_A: 403, MEMBER_B: 403, INTERN: 403, MANAGER: status}


def _erasable(o: dict):
    """A network A member nobody else's row uses, made on first use."""
    if "erasable" not in o:
        from tests.hub.factories import MembershipFactory

        o["erasable"] = MembershipFactory(network=o["network"]).user
    return o["erasable"]


TRUST_ROWS = {
    "hub:audit": [
        Row("/hub/audit/", manager_only()),
        Row("/hub/audit/?actor=nobody@x.example&since=2026-01-01", manager_only()),
    ],
    "hub:audit_export": Row("/hub/audit/export.csv", manager_only()),
    "audit-log-list": Row("/api/v1/audit-log/", manager_api()),
    "hub:network_export": Row(
        lambda o: f"/hub/networks/{o['network'].slug}/export.zip", manager_only()
    ),
    "hub:person_erase": [
        Row(lambda o: f"/hub/people/{_erasable(o).pk}/erase/", manager_only()),
        Row(
            lambda o: f"/hub/people/{_erasable(o).pk}/erase/",
            manager_only(302),
            method="post",
        ),
    ],
    "person-erase": Row(
        lambda o: f"/api/v1/people/{_erasable(o).pk}/erase/",
        manager_api(200),
        method="post",
    ),
    "tickets:export": Row("/tickets/export.csv?status=new", staff_only()),
}
