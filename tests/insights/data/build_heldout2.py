"""Writes heldout2_tickets.json and heldout2_answers.json (hand-written, one pass)."""

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

T = {}

T["payout_release_date"] = [
    (
        "When do payouts go out?",
        "What day of the month are creator payouts released? Our creators keep asking and I want to give them a date.",
        "en",
    ),
    ("payout date", "when payout this month", "en"),
    (
        "Help",
        "hi, new agency here. can you tell me when the diamonds from november will be paid to my creators? thank you so much",
        "en",
    ),
    (
        "PAYMENT DATE???",
        "MY CREATORS ARE ASKING EVERY DAY WHEN THEY GET PAID FOR OCTOBER. WHAT IS THE DATE",
        "en",
    ),
    (
        "Monthly payout timing",
        "Could you confirm on which dates the monthly diamond payout is released, and how long the bank transfer usually takes after that? We plan our own salary run around it.",
        "en",
    ),
    (
        "Kapan pencairan bulanan?",
        "Halo tim, tanggal berapa ya pencairan diamond bulanan untuk kreator kami? Terima kasih.",
        "id",
    ),
    (
        "question re: cash out day",
        "Creator @mimi.sings wants to know which day the money from gifts lands each month. Is it a fixed date?",
        "en",
    ),
    (
        "payday",
        "Is there a fixed payday for LIVE earnings or does it vary? Also, can a creator choose weekly payments instead?",
        "en",
    ),
    (
        "When will Sept earnings hit the bank",
        "Sept earnings - when will they be sent out? Need a rough window.",
        "en",
    ),
    ("pls", "when we get paid", "en"),
    (
        "Schedule for diamond conversion payments",
        "Dear Sir/Madam, We kindly request information regarding the schedule for payment of converted diamonds to our talents. On which date of each month are they transferred? Best regards, Starlight MCN",
        "en",
    ),
    (
        "earnings release window",
        "What's the release window for last month's earnings? 1st? 15th? Nobody on our team knows for sure.",
        "en",
    ),
    (
        "diamonds -> money when",
        "Gifts came in all month, when does that actually turn into a payment to the creator?",
        "en",
    ),
    (
        "payout calendar 2027",
        "Do you publish a calendar of payout release dates for next year? Want to put them in our team calendar.",
        "en",
    ),
]

T["payout_returned_by_bank"] = [
    (
        "Payout bounced",
        "The October payout for creator UID 7720193 bounced back - the bank says the account was closed. How do we get it sent again?",
        "en",
    ),
    ("transfer returned", "Bank returned the transfer. What now?", "en"),
    (
        "Failed payment - wrong IBAN",
        "One of our creators typed a wrong IBAN digit and the payment came back as failed. She fixed it already. Will you retry the payment automatically or do we have to request it?",
        "en",
    ),
    (
        "payment rejected by receiving bank",
        "hello, our network's revenue share payment was rejected by our bank (name mismatch with company registration). Can you resend after we correct the account holder name?",
        "en",
    ),
    (
        "MONEY CAME BACK??",
        "status says 'returned'. creator didnt get anything. WHO re-sends it, you or us??",
        "en",
    ),
    (
        "付款被退回",
        "我们旗下主播的十月收益转账被银行退回了，原因是账户信息不符。请问修改后多久会重新打款？",
        "zh",
    ),
    (
        "Re: payout status RETURNED",
        "Payout ref PO-2026-11-88412 shows RETURNED in the dashboard. The creator changed banks in October. Please advise how to get it reissued.",
        "en",
    ),
    ("payout failed", "payout failed, account closed, resend?", "en"),
    (
        "bounce",
        "Hi, I'm the finance person at Lumen Talent. Three payouts to e-wallets this month came back undelivered. Is there a fee for re-sending and when does the retry happen?",
        "en",
    ),
    (
        "Returned transfer",
        "Creator's bank sent the money back because her account is frozen. Can the payout go to a different account this time, and how long does the reissue take?",
        "en",
    ),
]

T["diamond_deduction"] = [
    (
        "Diamonds removed from balance",
        "Creator @kenji_live had 48,200 diamonds yesterday and 41,000 today. Nothing was paid out. Why were diamonds taken away?",
        "en",
    ),
    ("balance went down", "balance dropped overnight, why?", "en"),
    (
        "Negative adjustment on earnings page",
        "We see a line 'adjustment -3,500' with code R-07 on a creator's earnings page. What does this mean and can it be reversed?",
        "en",
    ),
    (
        "STOLEN DIAMONDS",
        "SOMEONE TOOK MY DIAMONDS. I WORKED 6 HOURS LIVE AND NOW HALF IS GONE. I WANT THEM BACK",
        "en",
    ),
    (
        "Diamond berkurang",
        "Diamond kreator kami tiba-tiba berkurang sekitar 2.000 tanpa penjelasan. Kenapa bisa dipotong?",
        "id",
    ),
    (
        "question about deductions",
        "Hello, I am new manager. My creator say her diamonds is less than before, is this a mistake of system? How we can check?",
        "en",
    ),
    (
        "Chargeback?",
        "A big gifter in last Friday's LIVE apparently got a refund and now the creator lost those diamonds. Is that how it works? Also, can we block that viewer from gifting again?",
        "en",
    ),
    (
        "diamonds clawed back",
        "Why were gift diamonds clawed back from one of our creators two weeks after the stream?",
        "en",
    ),
    (
        "Earnings reduced",
        "Earnings for UID 5530021 were reduced by about 12% after the fact. Please explain the reason.",
        "en",
    ),
    ("help pls", "diamonds disappeared from account", "en"),
    (
        "Review of a deduction",
        "We'd like you to review a deduction of 9,870 diamonds on creator 88341207, reason code F-2 (fraud). The gifter is a long-time fan and we believe the gifts were genuine.",
        "en",
    ),
    (
        "Diamond count dropped after stream",
        "Right after Sunday's stream the balance showed about 30k diamonds, this morning it's 22k. Where did the rest go?",
        "en",
    ),
]

T["appeal_waiting_time"] = [
    (
        "Appeal still pending",
        "Creator submitted an appeal for her LIVE suspension on Monday and still nothing. How long do appeals normally take?",
        "en",
    ),
    ("appeal", "any update on appeal?", "en"),
    (
        "How long is the review of an appeal?",
        "Good afternoon, could you let us know the usual processing time for an appeal against a LIVE restriction? The creator has a sponsored stream on Saturday.",
        "en",
    ),
    (
        "Banding belum dijawab",
        "Kreator kami sudah ajukan banding atas pembatasan LIVE 4 hari lalu tapi belum ada jawaban. Berapa lama prosesnya?",
        "id",
    ),
    (
        "3 DAYS AND NO ANSWER",
        "I appealed my ban 3 days ago. NOBODY answers. Is there even a human reading these???",
        "en",
    ),
    ("appeal timeline", "what's the turnaround on LIVE ban appeals these days?", "en"),
    (
        "Re: restriction appeal for @dancewithlia",
        "Appeal sent 2026-11-29 for @dancewithlia. Who reviews it and when will she hear back? And where will the decision show up?",
        "en",
    ),
    (
        "waiting for appeal decision",
        "We appealed the suspension of creator 6602114. When should we expect the decision?",
        "en",
    ),
    (
        "is the appeal reviewed by a bot",
        "Is the appeal reviewed by a bot or a real person, and how fast? Our creator thinks it's automatic.",
        "en",
    ),
    (
        "Appeal",
        "hi. my creator got restricted and appealed. how many days until they decide? also can she still go live on another account meanwhile?",
        "en",
    ),
    (
        "slow appeals",
        "Appeals used to take a day. This one is on day five. Is there a delay right now?",
        "en",
    ),
]

T["music_copyright_mute"] = [
    (
        "Audio muted during LIVE",
        "Halfway through last night's LIVE the sound was muted and a notice said 'copyrighted music detected'. The creator was only playing a radio in the background. What music are we allowed to play?",
        "en",
    ),
    ("music muted", "Why was our creator's LIVE muted for music?", "en"),
    ("Copyright mute", "copyright mute again, sound off 10 minutes", "en"),
    (
        "Can we sing covers?",
        "Our creators are singers. One sang a cover of a popular song and the LIVE audio was cut. Are covers not allowed? Is there a licensed music library we can use?",
        "en",
    ),
    (
        "Suara LIVE dibisukan",
        "Waktu LIVE karaoke, suaranya tiba-tiba dibisukan karena hak cipta lagu. Lagu apa saja yang boleh dipakai?",
        "id",
    ),
    (
        "SOUND CUT OFF BECAUSE OF A SONG",
        "WE PAY FOR SPOTIFY. WHY IS MY LIVE MUTED WHEN I PLAY MUSIC FROM IT?? THIS IS RIDICULOUS",
        "en",
    ),
    (
        "background music rules",
        "What are the rules on background music in LIVE? Two creators got their sound muted this week.",
        "en",
    ),
    (
        "mic silenced",
        "The creator's mic went silent for a few minutes with a copyright warning banner, even though she was just talking with a song playing quietly in the cafe. How does the detection work?",
        "en",
    ),
    (
        "DJ sets",
        "We manage DJs. Their LIVE sets get muted every few minutes. Is there any way for DJs to stream with music legally?",
        "en",
    ),
    ("music", "live muted bcs copyright song", "en"),
    (
        "Muted stream - copyright claim",
        "Stream of @beatbox.rio muted at 21:14 with 'audio unavailable due to copyright'. Who do we dispute this with? It was his own original track.",
        "en",
    ),
    (
        "sound removed from replay",
        "Live went fine but in the replay the sound is removed with a copyright note. Why does the music get muted?",
        "en",
    ),
]

T["live_ended_mid_stream"] = [
    (
        "LIVE stopped suddenly",
        "Creator's LIVE ended by itself after 40 minutes, no warning. Why does this happen?",
        "en",
    ),
    ("stream cut off", "stream keeps cutting off randomly", "en"),
    (
        "直播突然被中断",
        "我们的主播昨晚直播到一半，直播间突然关闭了，也没有收到违规通知。请问是什么原因？",
        "zh",
    ),
    (
        "LIVE terminated mid-stream",
        "Hello support, our talent's LIVE was terminated in the middle of a broadcast yesterday at around 22:00. What are the possible reasons for the system to end a LIVE?",
        "en",
    ),
    (
        "why did my live end",
        "why did my live end?? i was doing nothing wrong, just chatting with viewers",
        "en",
    ),
    (
        "Stream closed automatically",
        "LIVE on creator UID 3319920 got closed automatically twice this week. Is it a violation thing or a bug?",
        "en",
    ),
    (
        "kicked out of live",
        "Got kicked out of my own LIVE. Screen just said 'LIVE has ended'. What triggered it?",
        "en",
    ),
    (
        "LIVE ended when switching phone",
        "She started on her phone, then opened the app on the tablet to check comments, and the LIVE ended. Is that related?",
        "en",
    ),
    ("ended", "live ended itself, reason?", "en"),
    (
        "Abrupt end of broadcast",
        "Abrupt end of broadcast during a sponsored show. Why did it happen, and does an automatic end count against the creator's account standing?",
        "en",
    ),
    (
        "Our creators' LIVEs end on their own",
        "Several of our creators say their LIVE sometimes just ends on its own. We'd like to understand the reasons so we can brief them.",
        "en",
    ),
]

T["stream_lag_quality"] = [
    (
        "Stream is laggy",
        "Viewers keep complaining that the creator's stream freezes and is blurry. Her internet is fine for video calls. Any recommended settings?",
        "en",
    ),
    ("pixelated video", "video pixelated on live, how fix", "en"),
    (
        "Recommended bitrate for OBS?",
        "We stream from PCs with OBS through the stream key. What bitrate and resolution do you recommend so the picture doesn't break up?",
        "en",
    ),
    (
        "LIVE patah-patah",
        "LIVE kreator kami patah-patah dan gambarnya buram, padahal wifi kencang. Ada saran pengaturan?",
        "id",
    ),
    (
        "BUFFERING",
        "VIEWERS SEE BUFFERING ALL THE TIME. EVERY OTHER APP WORKS. FIX YOUR SERVERS",
        "en",
    ),
    (
        "audio out of sync",
        "The voice is about 2 seconds behind the picture on our studio LIVEs. How do we fix the delay?",
        "en",
    ),
    (
        "Low quality on 4G",
        "When our creators go LIVE outdoors on mobile data, quality drops to potato. Is there a way to lock higher quality?",
        "en",
    ),
    (
        "frame drops",
        "Frame drops and stutter on every LIVE from our studio since last week's app update. Anyone else reporting this?",
        "en",
    ),
    (
        "Quality",
        "hello, the picture quality of my lives is very bad lately, it looks like 240p. what can I do?",
        "en",
    ),
]

T["transfer_from_other_network"] = [
    (
        "Transfer a creator to our network",
        "A creator currently with another agency wants to join us. What's the process to move her over?",
        "en",
    ),
    ("creator switching agencies", "creator switching from other agency", "en"),
    (
        "Pindah agensi",
        "Ada kreator dari agensi lain yang mau pindah ke agensi kami. Bagaimana caranya dan berapa lama?",
        "id",
    ),
    (
        "Release from previous agency",
        "The previous agency of @noor.glow won't respond to her release request. Can she still move to us, and how long does that take?",
        "en",
    ),
    (
        "How to recruit a creator who belongs to another MCN",
        "Dear team, we have been approached by a streamer who is contracted to another MCN on the platform. What steps are needed for this streamer to be transferred to our network?",
        "en",
    ),
    (
        "THEY WON'T LET ME GO",
        "My old agency is holding me hostage. I want to go to a new agency and they ignore me. How do I leave and join the new one?",
        "en",
    ),
    ("transfer", "transfer process between networks + timeline?", "en"),
    (
        "Moving creator UID 4410087",
        "Creator UID 4410087 asked us to take her on. She's still linked to Aurora Media. What do we do? Also, does her November diamonds go to us or them?",
        "en",
    ),
    (
        "poaching?",
        "Is it allowed to take over a creator from a competitor network if the creator asks us? How does it work on the platform?",
        "en",
    ),
    (
        "switch network",
        "how long does a network switch take when the old network doesn't approve?",
        "en",
    ),
    (
        "Creator wants to leave Nova Agency and join us",
        "Nova Agency hasn't approved the release after 10 days. Is there an automatic release at some point?",
        "en",
    ),
    (
        "Onboarding creators from another agency",
        "We'd like to bring over three creators from a network that's closing down. Is there a bulk transfer, or does each creator request release individually?",
        "en",
    ),
]

T["campaign_bonus_not_received"] = [
    (
        "Campaign bonus not paid",
        "Our network reached the Winter Gifting campaign target (200 LIVE hours) but no bonus diamonds have arrived. When are they paid?",
        "en",
    ),
    ("where's the reward", "where is campaign reward?", "en"),
    (
        "活动奖励还没到账",
        "我们参加了十一月的直播活动并且完成了目标，但奖励钻石到现在还没有到账，请问什么时候发放？",
        "zh",
    ),
    (
        "Bonus diamonds for Summer Beats",
        "Creator @luna.k finished all Summer Beats tasks. Her bonus diamonds aren't in the balance. Is there a delay?",
        "en",
    ),
    (
        "WE HIT THE TARGET",
        "WE HIT THE TARGET 2 WEEKS AGO. WHERE ARE OUR BONUSES?",
        "en",
    ),
    (
        "campaign rewards timing",
        "How long after a campaign ends do rewards get credited? Want to tell creators what to expect.",
        "en",
    ),
    (
        "prize not received",
        "Hi, my creators joined the New Year campaign and reached the prize tier but didn't receive anything yet. Is it given with the payout?",
        "en",
    ),
    ("Bonus", "campaign bonus missing, target reached", "en"),
    (
        "Reward payment for Ramadan LIVE campaign",
        "Good day, we completed the Ramadan LIVE campaign goals with 14 creators. Could you confirm when the bonus diamonds will be paid out, and whether the network share comes separately?",
        "en",
    ),
    (
        "incentive not credited",
        "The incentive for hitting new-follower goals in the autumn campaign isn't credited yet. Is it still under review?",
        "en",
    ),
]

T["schedule_live_event"] = [
    (
        "How to schedule a LIVE event",
        "Our creator is doing a 12-hour charity stream next Saturday. How do we schedule it as a LIVE event so followers get a reminder?",
        "en",
    ),
    ("schedule live", "how to schedule a live?", "en"),
    (
        "Creating an event page",
        "Is it possible for a network to create an event page for an upcoming LIVE with a countdown? Where is that option?",
        "en",
    ),
    (
        "announce upcoming stream",
        "can we announce an upcoming LIVE in advance in the app? like a 'going live at 8pm' card",
        "en",
    ),
    (
        "LIVE Event feature",
        "Dear support, we'd like to know how to use the LIVE Event feature to set a future date and time for our talent's anniversary show. Is it available to all creators?",
        "en",
    ),
    (
        "Set a start time for a future LIVE",
        "Where do I set a start time for a future LIVE? I can only find the Go LIVE button.",
        "en",
    ),
    ("event", "create LIVE event for creator how", "en"),
    (
        "Reminder for followers",
        "How do creators set up a scheduled LIVE so that followers can tap 'remind me'? A competitor's creators do it all the time.",
        "en",
    ),
    (
        "Plan a LIVE show in advance",
        "We're planning a birthday LIVE for @sunny.days on the 20th. Can it be scheduled ahead and shared as a link? Also can two creators co-host it?",
        "en",
    ),
    (
        "scheduling streams",
        "Is there any way to schedule streams ahead of time rather than going live on the spot?",
        "en",
    ),
]

T["event_wrong_time_zone"] = [
    (
        "Event shows wrong time",
        "We scheduled @arif.plays's LIVE event for 20:00 Jakarta time but the event page shows 13:00. Why is the time wrong?",
        "en",
    ),
    (
        "time zone wrong on event page",
        "The event page shows the start time in the wrong time zone for our viewers in Manila.",
        "en",
    ),
    (
        "活动页面时间不对",
        "我们预约的直播活动，活动页面上显示的开始时间比实际晚了8个小时，好像时区错了。",
        "zh",
    ),
    ("event time off by 7 hours", "event time off by 7 hours", "en"),
    (
        "WRONG TIME",
        "THE EVENT SAYS 3AM. I SET 10AM. MY FANS ARE CONFUSED. FIX IT",
        "en",
    ),
    (
        "Countdown is wrong",
        "Countdown on the upcoming LIVE card ends hours before the real start time. Looks like it uses UTC instead of local time?",
        "en",
    ),
    (
        "Viewers abroad see different start time",
        "Our creator's fans in Taiwan see a different start time on the event than fans in Malaysia. Is the event page converting time zones correctly? Which one is right?",
        "en",
    ),
    (
        "Scheduled event displayed in UTC",
        "Hello, after scheduling an event, the time displayed is UTC, not our local time (GMT+7). Can we change the event time zone?",
        "en",
    ),
]

T["multi_guest_eligibility"] = [
    (
        "Can't start multi-guest",
        "Creator @tara.v can go LIVE fine but the multi-guest option is missing. What does she need to unlock it?",
        "en",
    ),
    (
        "LIVE match button greyed out",
        "The LIVE match button is greyed out for two of our creators. Why can't they do matches?",
        "en",
    ),
    (
        "为什么不能连麦PK",
        "我们的新主播可以正常开播，但是不能发起连麦和PK，请问需要满足什么条件？",
        "zh",
    ),
    ("multi guest", "no multi guest option, why?", "en"),
    (
        "Requirements for co-host LIVE",
        "What are the requirements for hosting a LIVE with guests? A creator who had a warning last month can't invite anyone.",
        "en",
    ),
    (
        "PK battles not available",
        "pk battles not available for my account. i've been streaming for 2 months. what do i need?",
        "en",
    ),
    (
        "guest can't join",
        "Our creator invited a 17-year-old friend as a guest and it was refused. Are there age rules for guests too?",
        "en",
    ),
    (
        "Match eligibility for new creators",
        "Our new recruits can't do LIVE matches yet. Is there a way for a network to get them early access?",
        "en",
    ),
    ("MATCHES LOCKED", "WHY ARE MATCHES LOCKED FOR ME. I HAVE LIVE ACCESS.", "en"),
    (
        "co-host feature unavailable",
        "co-host feature unavailable since the restriction ended 2 weeks ago - when will it come back?",
        "en",
    ),
]

T["harassment_viewer"] = [
    (
        "Viewer harassing our creator",
        "A viewer keeps joining @mei.draws's LIVEs with new accounts and posting sexual comments about her. How do we report him and stop this?",
        "en",
    ),
    ("stalker", "viewer stalking creator, please help", "en"),
    (
        "Pelecehan di LIVE",
        "Ada penonton yang terus melecehkan kreator kami di kolom komentar LIVE dan lewat DM. Bagaimana cara melaporkannya?",
        "id",
    ),
    (
        "Threats in comments",
        "Creator UID 2208816 received threats in LIVE comments last night ('I know where you live'). What can the platform do and how do we escalate?",
        "en",
    ),
    (
        "HARASSMENT",
        "SOMEONE SAYS HORRIBLE THINGS IN EVERY LIVE. I BLOCKED HIM 5 TIMES. HE COMES BACK. DO SOMETHING",
        "en",
    ),
    (
        "How to report abusive viewers",
        "Hi team, what's the right way for a network to report abusive viewers on behalf of our creators? The in-app report doesn't seem to do anything.",
        "en",
    ),
    (
        "hate raid",
        "Got hate-raided during a LIVE, dozens of accounts spamming slurs. How do we report it all at once? Can moderators be added too?",
        "en",
    ),
    (
        "bullying",
        "a group of viewers is bullying one of our young creators in her lives. what should we do and who do we contact?",
        "en",
    ),
    (
        "Doxxing",
        "Someone posted our creator's home address in her LIVE chat. Urgent: how do we get this removed and the account banned?",
        "en",
    ),
    ("report user", "how report harassing viewer", "en"),
    (
        "Harassment from a former moderator",
        "A former moderator of one of our creators is now harassing her from several accounts during LIVEs. Is there a way to report all of them together?",
        "en",
    ),
    (
        "safety issue",
        "Our creator feels unsafe because a viewer sends creepy gifts with messages and comments. What's the process for handling harassment?",
        "en",
    ),
]

T["tax_documents"] = [
    (
        "Tax withholding on payouts",
        "Is tax withheld from our creators' payouts? Our accountant needs to know whether we should declare gross or net.",
        "en",
    ),
    ("tax form", "which tax form do we need to fill?", "en"),
    ("税务问题", "请问公会分成收入是否会代扣税款？我们需要完税证明给会计。", "zh"),
    (
        "W-8BEN",
        "Do our creators outside the US need to submit a W-8BEN or similar tax form to get paid?",
        "en",
    ),
    (
        "Tax certificate for 2026",
        "Dear team, please advise where we can obtain the tax withholding certificate (bukti potong) for the payments received in 2026. Our tax filing deadline is March.",
        "en",
    ),
    (
        "NPWP",
        "Do we need to add our NPWP somewhere so the right tax is applied to the revenue share?",
        "en",
    ),
    (
        "TAX??",
        "my accountant asks if you already took tax from my money. did you?",
        "en",
    ),
    (
        "VAT invoice",
        "Does the network need to issue you a VAT invoice for our revenue share, or do you self-bill? What tax info do you need from us?",
        "en",
    ),
    ("tax", "tax deducted from payouts?", "en"),
    (
        "withholding rate",
        "What withholding tax rate applies to creators paid in Indonesia and the Philippines?",
        "en",
    ),
]

T["revenue_share_statement_download"] = [
    (
        "Where is the monthly statement?",
        "Where can we download the revenue-share statement for October? I can't find it anywhere.",
        "en",
    ),
    (
        "statement not received",
        "Didn't get the monthly statement email this month. Is it sent to a specific address?",
        "en",
    ),
    (
        "Monthly report per creator",
        "Is there a monthly report showing diamonds per creator and our network share? Our finance team needs it for reconciliation.",
        "en",
    ),
    ("statement", "need october statement pdf", "en"),
    (
        "Revenue share breakdown",
        "Hello, could you tell us how to get the breakdown of our network share per creator for last month? Also, can more than one email receive it?",
        "en",
    ),
    (
        "Download earnings statement from dashboard",
        "Is the network statement downloadable from the agency dashboard or only sent by email? Who gets the email?",
        "en",
    ),
    (
        "NO STATEMENT",
        "WE NEVER GOT A STATEMENT FOR SEPTEMBER. HOW ARE WE SUPPOSED TO PAY OUR STAFF",
        "en",
    ),
    ("rev share doc", "where do I find the rev share doc for last month", "en"),
    (
        "Statement for new network",
        "We joined in November. When and where will our first revenue share statement be available?",
        "en",
    ),
]

T["contract_termination"] = [
    (
        "Ending our agency agreement",
        "We're winding down our agency. How do we terminate the agency agreement and what notice period applies?",
        "en",
    ),
    ("terminate contract", "how to terminate agency contract", "en"),
    (
        "Pemutusan kontrak agensi",
        "Kami ingin mengakhiri perjanjian agensi dengan platform. Apa prosedurnya dan berapa lama masa pemberitahuannya?",
        "id",
    ),
    (
        "Exit the agency programme",
        "Dear partner team, our board has decided to exit the LIVE agency programme at the end of Q1. Please let us know the formal steps to end the contract and what happens to our creators. Kind regards.",
        "en",
    ),
    (
        "cancel agreement",
        "can we cancel the agency agreement early? we signed 3 months ago and it's not working out",
        "en",
    ),
    (
        "Notice period",
        "What's the notice period to end the network contract, and do we still get our share for the last month?",
        "en",
    ),
    (
        "CLOSE OUR AGENCY ACCOUNT",
        "WE WANT OUT. CLOSE OUR AGENCY CONTRACT. WHO DO I TALK TO",
        "en",
    ),
    (
        "Non-renewal of contract",
        "Our agreement renews automatically in February. We don't want to renew. How do we give notice?",
        "en",
    ),
    (
        "leaving the platform as an agency",
        "If we stop being an agency, how do we formally end the partnership?",
        "en",
    ),
]

NOISE = [
    (
        "noise_hub_password_reset",
        "Can't log in to the hub",
        "I forgot my password for this hub and the reset email never arrives. My email is ops@brightwave.example.",
        "en",
    ),
    (
        "noise_thanks",
        "thanks!",
        "Thanks for solving our issue last week, great support.",
        "en",
    ),
    (
        "noise_office_visit",
        "Meeting request",
        "We'll be in Singapore next month; could we visit your office to meet the partner team?",
        "en",
    ),
    (
        "noise_brand_logo",
        "Using the platform logo",
        "Can we put the platform logo on our recruitment flyers and merch? Is there a brand kit?",
        "en",
    ),
    (
        "noise_viewer_coin_refund",
        "refund coins",
        "I bought coins by mistake yesterday, how do I get a refund? I am a viewer not agency.",
        "en",
    ),
    (
        "noise_hub_language",
        "Hub in Vietnamese?",
        "Will the hub be available in Vietnamese? Half of our team reads it with a translator.",
        "en",
    ),
]

# One article answers the main question, a list of acceptable ones, or None.
ANSWERS = {
    "payout_release_date": [
        "how-diamond-payouts-work",
        "payout-schedule-and-cut-off-dates",
    ],
    "payout_returned_by_bank": None,
    "diamond_deduction": "diamonds-were-deducted-from-a-creators-balance",
    "appeal_waiting_time": [
        "how-appeals-of-live-restrictions-are-handled",
        "guide-appealing-a-live-suspension",
    ],
    "music_copyright_mute": None,
    "live_ended_mid_stream": "live-was-ended-automatically-during-a-stream",
    "stream_lag_quality": None,
    "transfer_from_other_network": "transferring-a-creator-from-another-network",
    "campaign_bonus_not_received": "campaign-targets-rewards-and-bonus-diamonds",
    "schedule_live_event": None,
    "event_wrong_time_zone": None,
    "multi_guest_eligibility": "multi-guest-and-live-match-eligibility",
    "harassment_viewer": None,
    "tax_documents": None,
    "revenue_share_statement_download": "network-revenue-share-statements",
    "contract_termination": None,
}


def main():
    tickets = [
        {"topic": topic, "subject": s, "description": d, "lang": lang}
        for topic, rows in T.items()
        for s, d, lang in rows
    ]
    tickets += [
        {"topic": t, "subject": s, "description": d, "lang": lang}
        for t, s, d, lang in NOISE
    ]
    random.Random(2).shuffle(tickets)  # no topic order to lean on
    (HERE / "heldout2_tickets.json").write_text(
        json.dumps(tickets, ensure_ascii=False, indent=1) + "\n"
    )
    (HERE / "heldout2_answers.json").write_text(
        json.dumps(ANSWERS, ensure_ascii=False, indent=1) + "\n"
    )


if __name__ == "__main__":
    main()
