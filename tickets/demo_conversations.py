"""The demo's hand-written tickets: realistic LIVE-agency questions with replies
and internal notes, one row each (``tickets.demo.seed`` files them)."""

from tickets.models import Ticket

S, K, P = Ticket.Status, Ticket.Kind, Ticket.Priority

# network, requester e-mail (None: arrived by e-mail), category, kind, priority,
# status, subject, description, [(who, internal, body)] — who: "net" or "staff".
DEMO_TICKETS = [
    (
        "Northstar Media",
        "owner@northstar.example",
        "payouts-diamonds",
        K.PROBLEM,
        P.HIGH,
        S.PENDING,
        "Diamonds from the 12 May LIVE battle not in the payout",
        "Our creator @skylar.sings had a LIVE battle on 12 May that earned about 48,000 diamonds "
        "(screenshot attached in my next reply). The payout report for that week only shows 31,200. "
        "Could you check what happened to the difference?",
        [
            (
                "staff",
                True,
                "Checked the revenue dashboard: 16,800 diamonds were held by the fraud "
                "filter (gifts from 3 new accounts). Waiting on Trust & Safety.",
            ),
            (
                "staff",
                False,
                "Thanks for the details! Part of the diamonds is under a routine review. "
                "Could you confirm the creator's UID so we can follow up with the payments team?",
            ),
        ],
    ),
    (
        "Northstar Media",
        "member@northstar.example",
        "live-access",
        K.PROBLEM,
        P.URGENT,
        S.OPEN,
        "Creator's LIVE access suspended for 7 days — appeal",
        "@milo.cooks got a 7-day LIVE suspension for 'dangerous activities' during a cooking stream "
        "(he was flambéing). We think this is a false positive. How do we appeal?",
        [
            (
                "staff",
                True,
                "Looks like a false positive from the automated review; escalated to "
                "the LIVE moderation queue with priority tag.",
            ),
            (
                "staff",
                False,
                "We have escalated the appeal to the moderation team and will update "
                "you within one business day.",
            ),
            (
                "net",
                False,
                "Thank you. He has a sponsored stream on Friday, so timing matters.",
            ),
        ],
    ),
    (
        "Northstar Media",
        "owner@northstar.example",
        "creator-recruitment",
        K.QUESTION,
        P.NORMAL,
        S.SOLVED,
        "Minimum follower count to invite a creator to the agency",
        "Is the 1,000-follower minimum still the rule for inviting new creators, "
        "or has it changed with the new agency program?",
        [
            (
                "staff",
                False,
                "It is still 1,000 followers and 18+ for LIVE; the creator must also "
                "not be bound to another agency. The recruitment guide in the knowledge base has the details.",
            ),
            ("net", False, "Perfect, thanks!"),
        ],
    ),
    (
        "Northstar Media",
        "member@northstar.example",
        "campaigns",
        K.QUESTION,
        P.NORMAL,
        S.NEW,
        "How to sign up our creators for the summer LIVE campaign",
        "We received the announcement about the summer LIVE campaign. Where do we register our "
        "creators, and is there a cap per agency?",
        [],
    ),
    (
        "Lumen Live",
        "owner@lumen.example",
        "account-linking",
        K.PROBLEM,
        P.HIGH,
        S.OPEN,
        "Creator binding request stuck in 'pending' for 10 days",
        "We sent a binding invitation to @aria.dance on the 3rd; it still shows pending on our "
        "side but she says she accepted it.",
        [
            (
                "staff",
                True,
                "Binding log shows the acceptance failed: her account region is still "
                "set to the old country. Asked the accounts team to fix the region.",
            ),
            (
                "staff",
                False,
                "We found the cause (a region mismatch on her account) and are fixing "
                "it with the accounts team. No action needed from you for now.",
            ),
        ],
    ),
    (
        "Lumen Live",
        "owner@lumen.example",
        "policy",
        K.QUESTION,
        P.LOW,
        S.CLOSED,
        "Are giveaways during LIVE allowed?",
        "Can our creators run giveaways (e.g. a phone for the top gifter) during LIVE?",
        [
            (
                "staff",
                False,
                "Giveaways tied to gifting are not allowed under the LIVE gifting "
                "policy; giveaways open to all viewers without purchase are fine if the rules are shown.",
            )
        ],
    ),
    (
        "Lumen Live",
        "owner@lumen.example",
        "payouts-diamonds",
        K.QUESTION,
        P.NORMAL,
        S.ON_HOLD,
        "Agency bonus for March not received",
        "The March agency bonus (tier Growth) has not arrived. Normally it comes by the 15th.",
        [
            (
                "staff",
                True,
                "Finance confirms the March bonus run was delayed for the whole region; "
                "new date 28th. On hold until then.",
            ),
            (
                "staff",
                False,
                "The March bonus run is delayed for all agencies in your region; it is "
                "scheduled for the 28th. We'll confirm once it is paid.",
            ),
        ],
    ),
    (
        "Lumen Live",
        "owner@lumen.example",
        None,
        K.FEATURE_REQUEST,
        P.LOW,
        S.NEW,
        "Export of creators' LIVE hours per week",
        "It would help a lot to export every creator's weekly LIVE hours as CSV from the agency "
        "dashboard instead of copying them by hand.",
        [],
    ),
    (
        "Vela Talent",
        None,
        "live-access",
        K.QUESTION,
        P.NORMAL,
        S.PENDING,
        "Creator can't go LIVE: 'not eligible' message",
        "(Received by e-mail.) A new creator sees 'You are not eligible to go LIVE' although she "
        "has 2,400 followers.",
        [
            (
                "staff",
                False,
                "Could you tell us the creator's age on her account and whether she "
                "has any recent community-guideline strikes?",
            )
        ],
    ),
    (
        "Vela Talent",
        None,
        "campaigns",
        K.FEEDBACK,
        P.LOW,
        S.SOLVED,
        "Feedback on the spring campaign rules",
        "(Received by e-mail.) The spring campaign rules were hard to find; a one-page summary "
        "for creators would help.",
        [
            (
                "staff",
                False,
                "Thanks, we passed this to the campaigns team and added a summary "
                "page to the next campaign.",
            )
        ],
    ),
]
