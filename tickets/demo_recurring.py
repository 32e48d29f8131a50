"""Demo tickets that ask the same three questions in different words (and
languages), from different networks, so `/hub/recurring/` has groups to show in
the demo. Rows in the shape of ``tickets.demo_conversations.DEMO_TICKETS``."""

from tickets.models import Ticket

S, K, P = Ticket.Status, Ticket.Kind, Ticket.Priority

_ASKS = [
    # a payout that has not arrived
    (
        "Lumen Live",
        "owner@lumen.example",
        "payouts-diamonds",
        "Our agency payout for last month hasn't arrived",
        "The monthly payout was due on the 10th and nothing has reached our bank yet.",
    ),
    (
        "Northstar Media",
        "member@northstar.example",
        "payouts-diamonds",
        "Payout still not received after 12 days",
        "We are still waiting for the agency commission payout; the statement shows it as paid.",
    ),
    (
        "Jade River Studio",
        "owner@jade.example",
        "payouts-diamonds",
        "本月的机构结算款还没有到账",
        "我们的结算款已经超过约定日期一周了，银行账户还没有收到。",
    ),
    (
        "Lumen Live",
        "owner@lumen.example",
        "payouts-diamonds",
        "Pembayaran agensi bulan ini belum masuk",
        "Sudah lewat tanggal pembayaran tetapi dana komisi belum diterima di rekening kami.",
    ),
    # moving a creator from another agency
    (
        "Northstar Media",
        "owner@northstar.example",
        "account-linking",
        "How do we transfer a creator from another agency to us?",
        "A creator bound to another agency wants to join our network. What is the process?",
    ),
    (
        "Sahara Stream",
        "owner@sahara.example",
        "account-linking",
        "Creator wants to switch agencies to our network",
        "Her contract with her old agency ended last week; how do we move her binding to us?",
    ),
    (
        "Jade River Studio",
        "owner@jade.example",
        "account-linking",
        "创作者想从其他机构转到我们机构，怎么办理？",
        "这位主播和原机构的合约已经结束，想转会到我们这里。",
    ),
    # appealing a LIVE suspension
    (
        "Lumen Live",
        "owner@lumen.example",
        "live-access",
        "How can we appeal our creator's LIVE ban?",
        "Our creator was banned from going LIVE after a report we believe is wrong.",
    ),
    (
        "Sahara Stream",
        "owner@sahara.example",
        "live-access",
        "LIVE restricted for 3 days after a report, can we dispute it?",
        "The restriction seems to be a false positive; we would like to appeal it.",
    ),
    (
        "Northstar Media",
        "member@northstar.example",
        "live-access",
        "Appeal a LIVE suspension for @dani.dances",
        "Dani got a LIVE suspension yesterday for a dance challenge. How do we appeal?",
    ),
]

RECURRING_TICKETS = [
    (network, email, category, K.QUESTION, P.NORMAL, S.OPEN, subject, text, [])
    for network, email, category, subject, text in _ASKS
]
