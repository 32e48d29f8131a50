"""The demo knowledge base: what a LIVE agency team actually asks about.

Each article: (category slug, title, kind, audience, summary, tags, body Markdown).
"""

from django.utils.text import slugify

CATEGORIES = [
    # slug, name, description
    (
        "payouts",
        "Payouts and diamonds",
        "How diamonds turn into money, payout schedules and missing payments.",
    ),
    (
        "live-access",
        "LIVE access and suspensions",
        "Who may go LIVE, age and follower rules, restrictions and appeals.",
    ),
    (
        "recruitment",
        "Creator recruitment",
        "Inviting creators to your network, eligibility and transfers.",
    ),
    (
        "campaigns",
        "Campaigns",
        "Signing up for LIVE campaigns, targets, rewards and reporting.",
    ),
    (
        "account-linking",
        "Account linking",
        "Linking creator accounts to your network and fixing linking errors.",
    ),
    (
        "policy",
        "Policy updates",
        "Community guidelines and agency policy changes that affect your creators.",
    ),
    (
        "using-the-hub",
        "Using the hub",
        "Tickets, the API and your network's settings in this hub.",
    ),
]

A, G = "article", "guide"


def article_slug(title: str) -> str:
    """The slug the demo gives an article: the one source other demos link by."""
    return slugify(title)


def article_path(title: str) -> str:
    return f"/faq/{article_slug(title)}/"


# Guides the demo onboarding plan links to (onboarding/demo.py): each title is an
# article below, so every "Read the guide" resolves (tests/onboarding/test_demo_guides.py)
GUIDE_NETWORK_PROFILE = "Guide: completing your network profile"
GUIDE_AGENCY_AGREEMENT = "Guide: signing the agency agreement"
GUIDE_RECRUITING = "Guide: recruiting and onboarding a new creator"
GUIDE_LIVE_SAFETY = "Guide: LIVE safety training for your team"
EVERYONE, NETWORKS, STAFF = "everyone", "networks", "staff"

ARTICLES = [
    # --- payouts ------------------------------------------------------------------
    (
        "payouts",
        "How diamond payouts work",
        A,
        EVERYONE,
        "Gifts become diamonds; diamonds are converted to money and paid out monthly.",
        "payout, diamonds, earnings",
        """Viewers send **gifts** during a LIVE. Each gift is credited to the creator
as **diamonds**. At the end of every calendar month the diamonds earned that month
are converted at the published rate and paid out.

## When the money arrives
Payouts for a month are released between the **10th and 15th** of the following
month. Banks can take up to three more working days.

## What the network receives
Networks on a revenue-share contract receive their share in a separate payout on the
same date. The split is shown in the monthly statement.

See also: [Payout schedule and cut-off dates](/faq/payout-schedule-and-cut-off-dates/).
""",
    ),
    (
        "payouts",
        "Payout schedule and cut-off dates",
        A,
        EVERYONE,
        "Diamonds earned up to 23:59 UTC on the last day of the month count for it.",
        "payout, schedule, cut-off",
        """The cut-off for a month is **23:59 UTC on its last day**. Diamonds earned after
the cut-off count for the next month, whatever the creator's local time zone.

| Month earned | Payout released |
|---|---|
| January | 10–15 February |
| February | 10–15 March |

Public holidays can move the release by one or two working days; we announce such
moves in the hub.
""",
    ),
    (
        "payouts",
        "A creator's payout is missing or late",
        A,
        NETWORKS,
        "Check the payout status, the payment details and holds before opening a ticket.",
        "payout, missing, late, diamonds",
        """Most missing payouts have one of three causes:

1. **Payment details incomplete** — the creator has not verified their bank account
   or identity. The payout waits until they do.
2. **Below the minimum** — balances under the minimum payout roll over to next month.
3. **Payout hold** — a policy review or chargeback investigation holds the payout.

If none applies 5 working days after the release date, open a ticket with the
creator's user ID and the month concerned.
""",
    ),
    (
        "payouts",
        "Diamonds were deducted from a creator's balance",
        A,
        NETWORKS,
        "Deductions follow refunds, chargebacks or gifts sent through fraud.",
        "diamonds, deduction, chargeback",
        """When a viewer's payment is refunded or charged back, the diamonds from that
gift are removed from the creator's balance. Gifts found to come from fraudulent
accounts are removed too.

The creator's earnings page lists each deduction with a reason code. Share the
reason code in your ticket if you want us to review a deduction.
""",
    ),
    (
        "payouts",
        "Minimum payout amount and currency",
        A,
        EVERYONE,
        "Payouts are made once the balance reaches the minimum for the creator's country.",
        "payout, minimum, currency",
        """Each country has a minimum payout amount, shown on the creator's earnings
page. Balances below it carry over to the next month and are never lost.

Payouts are made in the currency of the creator's bank account; the conversion
rate is the one on the day of release.
""",
    ),
    (
        "payouts",
        "Network revenue-share statements",
        A,
        NETWORKS,
        "Each month your network gets a statement of diamonds per creator and its share.",
        "payout, statement, revenue share",
        """The monthly statement lists, per creator, the diamonds earned, deductions and
the network's share. It is sent to the network owner's e-mail address on the
release date and can be downloaded from the agency dashboard.

Figures in the statement are final; corrections appear in the next month's
statement as adjustments.
""",
    ),
    (
        "payouts",
        "Internal: escalating payout disputes to finance",
        A,
        STAFF,
        "When and how staff escalate a payout dispute to the finance team.",
        "payout, escalation, finance",
        """Escalate to finance only when the creator's payment details are verified, no
hold applies and the payout is more than 10 working days late.

Include the creator ID, month, amount shown in the statement and the ticket
reference. Finance answers within 3 working days; set the ticket to *on hold*
meanwhile.
""",
    ),
    # --- LIVE access ---------------------------------------------------------------
    (
        "live-access",
        "Who can go LIVE: age and follower requirements",
        A,
        EVERYONE,
        "Creators must be 18 or older and meet the follower threshold of their region.",
        "live access, age, followers",
        """To go LIVE a creator must:

- be **18 or older** (gifting requires 18+ as well),
- have at least the follower count required in their region,
- have an account in good standing with no active LIVE restriction.

Creators in a network may get LIVE access below the follower threshold through
the agency programme; ask your agency manager.
""",
    ),
    (
        "live-access",
        "A creator's LIVE access was suspended",
        A,
        NETWORKS,
        "Find the reason in the account status page; most suspensions are temporary.",
        "suspension, live access, restriction",
        """A LIVE suspension follows a community guidelines violation during a LIVE or
in comments. The account status page shows the reason, the rule concerned and the
end date.

- **Temporary suspensions** (1–7 days) end on their own.
- **Repeated violations** lead to longer suspensions and can remove LIVE access.

If you believe the suspension is a mistake, the creator can appeal from the
account status page within 30 days.
""",
    ),
    (
        "live-access",
        "How appeals of LIVE restrictions are handled",
        A,
        NETWORKS,
        "Appeals are reviewed by a person within 72 hours; the network can add context.",
        "appeal, suspension, live access",
        """Every appeal is reviewed by a trust and safety specialist, usually within
72 hours. The creator gets the decision in their inbox.

As the network you can add context (for example a misunderstood word in a
language the model does not know well) by opening a ticket with the creator ID
and appeal date. We attach it to the appeal.
""",
    ),
    (
        "live-access",
        "LIVE was ended automatically during a stream",
        A,
        EVERYONE,
        "Streams end automatically for detected violations, poor connection or duplicates.",
        "live ended, interrupted, stream",
        """A LIVE can be ended for three reasons:

1. A **possible violation** was detected (the creator gets a notice with the rule).
2. The **connection** dropped for more than 60 seconds.
3. The same account started a **second LIVE** on another device.

Only the first counts towards the account's standing.
""",
    ),
    (
        "live-access",
        "Multi-guest and LIVE match eligibility",
        A,
        EVERYONE,
        "Multi-guest and matches need LIVE access plus a clean record for 30 days.",
        "multi-guest, match, eligibility",
        """Hosting multi-guest LIVEs and LIVE matches needs regular LIVE access and no
restriction in the last 30 days. Guests must be 18+ as well.

Networks in the agency programme can request early access for new creators
through their agency manager.
""",
    ),
    (
        "live-access",
        "Internal: checklist before lifting a LIVE restriction",
        A,
        STAFF,
        "What staff verify before asking trust and safety to lift a restriction early.",
        "suspension, internal, trust and safety",
        """Before asking trust and safety to lift a restriction early, confirm that:

- the network has explained the context in the ticket,
- the creator has no other violation in the last 90 days,
- the content concerned is not in a zero-tolerance category.

Record the request as an internal note with the appeal ID.
""",
    ),
    # --- recruitment ---------------------------------------------------------------
    (
        "recruitment",
        "Inviting creators to join your network",
        A,
        NETWORKS,
        "Send invitations from the agency dashboard; creators accept in their app.",
        "recruitment, invitation, creators",
        """Invite creators from the agency dashboard with their username. The creator
gets an in-app invitation and has 7 days to accept.

A creator can only belong to one network. Creators who already belong to another
network must be released first (see the transfer article).
""",
    ),
    (
        "recruitment",
        "Creator eligibility for agency recruitment",
        A,
        NETWORKS,
        "Recruited creators must be 18+, in a supported region and not in another network.",
        "recruitment, eligibility",
        """A creator can join your network when they:

- are 18 or older and verified,
- live in a region where your network is approved,
- are not a member of another network,
- have no permanent LIVE ban.

Creators who joined the platform less than 30 days ago count as **new creators**
for recruitment targets.
""",
    ),
    (
        "recruitment",
        "Transferring a creator from another network",
        A,
        NETWORKS,
        "Transfers need the releasing network's approval or a 30-day waiting period.",
        "recruitment, transfer",
        """To move a creator from another network, the creator asks for release in their
app. The current network has 14 days to approve. Without an answer, the release is
automatic after 30 days.

Diamonds earned before the transfer date stay with the previous network's
statement.
""",
    ),
    (
        "recruitment",
        "Recruitment targets and how they are counted",
        A,
        NETWORKS,
        "Targets count new creators who go LIVE at least once within 30 days of joining.",
        "recruitment, targets",
        """A recruited creator counts towards your target when they **go LIVE at least
once within 30 days** of accepting your invitation and stay in your network for 60
days.

Progress is updated daily in the agency dashboard.
""",
    ),
    (
        "recruitment",
        "Why an invitation could not be sent",
        A,
        NETWORKS,
        "Invitations fail for ineligible, already-linked or under-age accounts.",
        "recruitment, invitation, error",
        """The dashboard refuses an invitation when the creator:

- already belongs to a network,
- has a pending invitation from your network,
- is under 18 or not verified,
- lives outside your network's approved regions.

The error message names the reason. Open a ticket if the message is unclear.
""",
    ),
    # --- campaigns ----------------------------------------------------------------
    (
        "campaigns",
        "Signing up for a LIVE campaign",
        A,
        NETWORKS,
        "Accept the campaign invitation in the hub before the sign-up deadline.",
        "campaign, sign-up, enrolment",
        """Campaign invitations appear on your hub home and under **Campaigns**. Accept
before the sign-up deadline; after it, enrolment closes.

Once accepted, pick the creators who take part. Only creators with LIVE access in
the campaign regions can be enrolled.
""",
    ),
    (
        "campaigns",
        "Campaign targets, rewards and bonus diamonds",
        A,
        NETWORKS,
        "Rewards are paid as bonus diamonds with the regular payout after the review.",
        "campaign, rewards, bonus, diamonds",
        """Each campaign sets targets such as LIVE hours, diamonds or new followers.
Creators and networks that reach them earn **bonus diamonds**.

Bonuses are calculated after the campaign's review period and paid with the next
regular payout.
""",
    ),
    (
        "campaigns",
        "Where to find campaign performance figures",
        A,
        NETWORKS,
        "Daily figures per creator appear in the hub the day after they are recorded.",
        "campaign, figures, performance",
        """Figures (LIVE hours, diamonds, participating creators, new followers) are
loaded daily. Open the campaign in the hub to see totals against goals and a
per-creator table; you can export it to CSV.
""",
    ),
    (
        "campaigns",
        "A creator is missing from campaign results",
        A,
        NETWORKS,
        "Only enrolled creators who went LIVE during the campaign dates are counted.",
        "campaign, missing, figures",
        """Campaign results include creators who were **enrolled before the campaign
started** and went LIVE between its start and end dates (UTC).

If an enrolled creator is still missing two days after the end date, open a
ticket with the creator ID and campaign name.
""",
    ),
    (
        "campaigns",
        "Internal: preparing a campaign launch",
        A,
        STAFF,
        "The setup tasks staff finish before a campaign goes live.",
        "campaign, internal, setup",
        """Before a campaign goes live: confirm goals and regions, upload the training
guide, invite networks, check that the figures feed is configured and brief the
support team on expected questions.
""",
    ),
    # --- account linking -------------------------------------------------------------
    (
        "account-linking",
        "Linking a creator account to your network",
        A,
        NETWORKS,
        "Creators link their account by accepting your invitation in their app.",
        "account linking, link, creators",
        """A creator's account is linked to your network when they accept your
invitation. Linking gives the network access to the creator's LIVE figures and
includes them in your statements.

The creator can see which network they are linked to in their settings.
""",
    ),
    (
        "account-linking",
        "Account linking failed: error codes",
        A,
        NETWORKS,
        "What the linking error codes mean and how to fix each one.",
        "account linking, error, link failed",
        """- **L-101** — the account belongs to another network; ask for a release.
- **L-204** — the account is not verified; the creator verifies their identity.
- **L-310** — region not supported for your network.
- **L-500** — temporary problem; try again in an hour.

Open a ticket when the same error persists for 24 hours.
""",
    ),
    (
        "account-linking",
        "Unlinking a creator from your network",
        A,
        NETWORKS,
        "Networks can unlink a creator; the creator is told and keeps their earnings.",
        "account linking, unlink",
        """Unlink a creator from the agency dashboard. The creator is notified. Diamonds
earned up to the unlinking date stay in your statement; later earnings do not.
""",
    ),
    (
        "account-linking",
        "A creator changed their username",
        A,
        EVERYONE,
        "Linking uses the user ID, so a new username does not break the link.",
        "account linking, username",
        """Links are based on the creator's **user ID**, which never changes. A new
username shows in the dashboard within a day; nothing else is needed.
""",
    ),
    # --- policy ------------------------------------------------------------------
    (
        "policy",
        "Community guidelines update: gifting and minors",
        A,
        EVERYONE,
        "Gifting requests aimed at minors are banned; creators must be 18+ to receive gifts.",
        "policy, guidelines, gifting, minors",
        """Creators may not ask viewers under 18 for gifts, and only creators aged 18 or
older can receive gifts. LIVEs that break this rule are ended and the creator's LIVE
access is suspended.
""",
    ),
    (
        "policy",
        "Agency code of conduct",
        A,
        NETWORKS,
        "What networks must and must not do when managing creators.",
        "policy, agency, code of conduct",
        """Networks must not charge creators fees to join, promise guaranteed earnings,
or ask creators for their login details. Breaches lead to a warning, then removal
from the agency programme.
""",
    ),
    (
        "policy",
        "Policy update: off-platform payments",
        A,
        EVERYONE,
        "Asking viewers to pay outside the platform during a LIVE is not allowed.",
        "policy, payments, off-platform",
        """Creators may not ask viewers to send money through other apps or links during
a LIVE. Mentioning such payment methods leads to the LIVE being ended.
""",
    ),
    (
        "policy",
        "How policy updates are announced",
        A,
        EVERYONE,
        "Announcements appear in the hub and by e-mail at least 14 days before they apply.",
        "policy, announcements",
        """We announce policy changes in the hub (announcements on your home page) and by
e-mail to network owners at least 14 days before they apply, except for urgent
safety changes.
""",
    ),
    # --- using the hub --------------------------------------------------------------
    (
        "using-the-hub",
        "Opening a ticket and what happens next",
        A,
        NETWORKS,
        "Tickets get a reference, an answer within the service targets, and e-mail updates.",
        "tickets, support",
        """Open a ticket from **Tickets → New ticket**. You get a reference such as
HUB-000123 and an e-mail confirmation. Replies arrive by e-mail and in the hub;
answer in the hub to keep the conversation in one place.
""",
    ),
    (
        "using-the-hub",
        "Using the hub API with a token",
        A,
        NETWORKS,
        "Get a token with your e-mail and password and send it in the Authorization header.",
        "api, token",
        """Request a token:

```
curl -X POST https://hub.example/api/v1/auth/token/ \\
     -d username=you@agency.example -d password=...
```

Then send `Authorization: Token <key>` with every request. The API documentation
is linked at the bottom of every page.
""",
    ),
    # --- guides -----------------------------------------------------------------------
    (
        "payouts",
        "Guide: setting up payouts for a new creator",
        G,
        NETWORKS,
        "From identity verification to the first payout, step by step.",
        "payout, setup, guide",
        """Follow these steps with every new creator in their first week.

## Verify identity
The creator opens **Settings → Account → Verification** and uploads an ID.

## Add a bank account
Under **Balance → Payout methods** they add a bank account in their own name.

## Check the minimum payout
Confirm the minimum for their country so they know when the first payout comes.

## Confirm in the agency dashboard
The creator shows **Payout ready** in your dashboard within 48 hours.
""",
    ),
    (
        "live-access",
        "Guide: appealing a LIVE suspension",
        G,
        NETWORKS,
        "How a creator appeals and how the network adds context.",
        "appeal, suspension, guide",
        """## Read the notice
Open **Account status** and note the rule and the date of the violation.

## Submit the appeal
Tap **Appeal**, explain what happened in one or two sentences and send.

## Add the network's context
Open a ticket in the hub with the creator ID and appeal date if you can add
context (language, misunderstood gesture, staged content).

## Wait for the decision
The decision arrives in the creator's inbox, usually within 72 hours.
""",
    ),
    (
        "using-the-hub",
        GUIDE_NETWORK_PROFILE,
        G,
        NETWORKS,
        "Legal name, payout details, time zone and main contact, in one sitting.",
        "onboarding, network profile, guide",
        """## Legal name and address
Enter the network's registered name and address exactly as on the contract.

## Payout details
Add the bank account the network's revenue share is paid to.

## Time zone and main contact
Pick the time zone you work in (the hub shows times in it) and the person we call
first.
""",
    ),
    (
        "policy",
        GUIDE_AGENCY_AGREEMENT,
        G,
        NETWORKS,
        "What the LIVE agency agreement covers and how to sign it.",
        "onboarding, agreement, contract, guide",
        """## Read the agreement
Your agency manager sends the agreement by e-mail; read the sections on revenue
share, creator welfare and the code of conduct.

## Sign
The network's legal representative signs electronically.

## Tick the step
Once signed, mark the onboarding step as done; your manager confirms it.
""",
    ),
    (
        "live-access",
        GUIDE_LIVE_SAFETY,
        G,
        NETWORKS,
        "The safety course everyone who manages creators takes, and how to book it.",
        "onboarding, safety, training, guide",
        """## Who takes it
Everyone in your network who manages creators or moderates their LIVEs.

## What it covers
Age rules, gifting and minors, handling harassment, ending a LIVE safely.

## Book a session
Ask your agency manager for the next session; it takes about an hour.
""",
    ),
    (
        "recruitment",
        GUIDE_RECRUITING,
        G,
        NETWORKS,
        "From first contact to the creator's first LIVE in your network.",
        "recruitment, onboarding, guide",
        """## Check eligibility
Confirm the creator is 18+, verified and not in another network.

## Send the invitation
Invite them from the agency dashboard with their username.

## Link and welcome
Once they accept, send your welcome pack and LIVE schedule.

## Plan the first LIVE
Agree a first LIVE within 7 days so they count towards your recruitment target.
""",
    ),
    (
        "campaigns",
        "Guide: signing your network up for a campaign",
        G,
        NETWORKS,
        "Accept, enrol creators and brief them before the campaign starts.",
        "campaign, sign-up, guide",
        """## Read the campaign brief
Open the campaign in the hub: dates, regions, goals and rewards.

## Accept the invitation
Press **Accept** before the sign-up deadline.

## Enrol creators
Choose the creators who take part; only those with LIVE access qualify.

## Brief your creators
Share the training guide and the campaign hashtag with every enrolled creator.
""",
    ),
    (
        "account-linking",
        "Guide: fixing a failed account link",
        G,
        NETWORKS,
        "Work through the linking error until the creator appears in your dashboard.",
        "account linking, error, guide",
        """## Read the error code
The dashboard shows a code such as L-101 next to the invitation.

## Fix the cause
Ask for a release (L-101), have the creator verify (L-204) or check the region
(L-310).

## Send a new invitation
Cancel the failed invitation and send a new one.

## Open a ticket if it persists
Include the error code and creator ID after 24 hours of the same error.
""",
    ),
    (
        "using-the-hub",
        "Guide: writing a knowledge-base article (interns)",
        G,
        STAFF,
        "How interns draft, preview, publish and review articles in the admin.",
        "knowledge base, interns, guide",
        """## Draft
In the admin, add an article: title, category, a one-line summary and the body
in Markdown.

## Preview
Check the preview under the form; guides turn every `##` heading into a step.

## Publish
Press **Save and publish**. Set a review-by date if the topic changes often.

## Review
Check **Articles needing review** weekly and update or archive stale articles.
""",
    ),
    (
        "using-the-hub",
        "Guide: multi-guest LIVE rooms (beta)",
        G,
        NETWORKS,
        "For networks in the multi-guest feature test: set up, split gifts, report.",
        "feature test, beta, multi-guest, guide",
        """## Update the app
Install the beta build sent to your network.

## Invite co-hosts
Start a LIVE and tap **Guests** to invite up to three co-hosts.

## Split gifts
Set how gifts are split between guests before going LIVE.

## Report what you find
Answer the weekly check-in in the hub: rating, whether it works, issues.
""",
    ),
]
