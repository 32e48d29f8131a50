"""Demo translations (``seed_demo``): some knowledge-base articles in Indonesian,
Simplified Chinese and Arabic, each linked to its English source by title.

``TRANSLATIONS[source title][language] = (title, summary, body)``. The Chinese
versions are also the corpus of the Chinese search measurement
(``tests/faq/test_chinese_search.py``), so they read like real articles.
"""

TRANSLATIONS: dict[str, dict[str, tuple[str, str, str]]] = {
    "How diamond payouts work": {
        "id": (
            "Cara kerja pembayaran berlian",
            "Hadiah menjadi berlian; berlian ditukar dengan uang dan dibayarkan "
            "setiap bulan.",
            "Penonton mengirim **hadiah** selama LIVE. Setiap hadiah dikreditkan "
            "kepada kreator sebagai berlian.\n\n"
            "Berlian ditukar dengan uang sesuai kurs bulan itu dan dibayarkan sekali "
            "sebulan ke rekening bank kreator. Jaringan menerima bagiannya dalam "
            "laporan bulanan.",
        ),
        "zh-hans": (
            "钻石提现是如何运作的",
            "礼物变成钻石；钻石按月兑换成钱并发放。",
            "观众在直播中赠送**礼物**，每个礼物都会以钻石的形式记入主播的账户。\n\n"
            "钻石按当月汇率兑换成现金，每月向主播的银行账户发放一次收益。"
            "公会的分成会出现在月度报表中。",
        ),
        "ar": (
            "كيف تعمل مدفوعات الماس",
            "تتحول الهدايا إلى ماس، ويُحوَّل الماس إلى مال يُدفع شهريًا.",
            "يرسل المشاهدون **الهدايا** أثناء البث المباشر، وتُضاف كل هدية إلى "
            "رصيد صانع المحتوى على شكل ماس.\n\n"
            "يُحوَّل الماس إلى مال بسعر الشهر ويُدفع مرة واحدة في الشهر إلى "
            "الحساب المصرفي لصانع المحتوى.",
        ),
    },
    "Payout schedule and cut-off dates": {
        "id": (
            "Jadwal pembayaran dan batas waktu",
            "Berlian yang diperoleh hingga pukul 23.59 UTC pada hari terakhir bulan "
            "dihitung untuk bulan itu.",
            "Batas waktu setiap bulan adalah **pukul 23.59 UTC pada hari "
            "terakhirnya**. Berlian yang diperoleh setelahnya masuk ke bulan "
            "berikutnya.\n\n"
            "Pembayaran dikirim pada hari kerja kelima bulan berikutnya dan biasanya "
            "tiba dalam tiga hari kerja.",
        ),
        "zh-hans": (
            "提现时间表和截止日期",
            "每月最后一天 UTC 23:59 之前获得的钻石计入当月。",
            "每个月的截止时间是**当月最后一天的 UTC 23:59**，之后获得的钻石计入下个月。"
            "\n\n收益在下个月的第五个工作日发放，通常在三个工作日内到账。"
            "如果到账时间超过十个工作日，请先检查银行信息。",
        ),
        "ar": (
            "جدول المدفوعات ومواعيد الإغلاق",
            "الماس المكتسب حتى الساعة 23:59 بالتوقيت العالمي في آخر يوم من الشهر "
            "يُحسب لذلك الشهر.",
            "موعد الإغلاق لكل شهر هو **الساعة 23:59 بالتوقيت العالمي في آخر يوم "
            "منه**، وما يُكتسب بعده يُحسب للشهر التالي.\n\n"
            "تُرسل المدفوعات في يوم العمل الخامس من الشهر التالي وتصل عادة خلال "
            "ثلاثة أيام عمل.",
        ),
    },
    "A creator's payout is missing or late": {
        "id": (
            "Pembayaran kreator hilang atau terlambat",
            "Periksa status pembayaran, detail rekening dan penahanan sebelum "
            "membuka tiket.",
            "Sebagian besar pembayaran yang hilang punya salah satu dari tiga "
            "penyebab: detail bank yang salah, saldo di bawah jumlah minimum, atau "
            "penahanan karena pemeriksaan akun.\n\n"
            "Jika ketiganya sudah diperiksa, buka tiket dengan nomor referensi "
            "pembayaran.",
        ),
        "zh-hans": (
            "主播的收益没有到账或延迟",
            "在提交工单之前，先检查提现状态、收款信息和冻结情况。",
            "大多数收益未到账的原因有三种：银行信息填写错误、余额低于最低提现金额，"
            "或者账户审核期间收益被冻结。\n\n"
            "如果三项都检查过了，请提交工单并附上付款参考编号。",
        ),
    },
    "Diamonds were deducted from a creator's balance": {
        "id": (
            "Berlian dipotong dari saldo kreator",
            "Pemotongan terjadi setelah pengembalian dana, chargeback atau hadiah "
            "yang dikirim secara curang.",
            "Ketika pembayaran penonton dikembalikan (**pengembalian dana**) atau "
            "di-chargeback, berlian dari hadiah itu dipotong dari saldo kreator.\n\n"
            "Laporan bulanan mencantumkan setiap pemotongan beserta alasannya.",
        ),
        "zh-hans": (
            "主播余额中的钻石被扣除",
            "观众退款、拒付或欺诈赠送礼物后，钻石会被扣除。",
            "当观众的付款被**退款**或拒付时，这些礼物带来的钻石会从主播的余额中扣除。"
            "\n\n月度报表会列出每一笔扣除及其原因。如果你认为扣除有误，"
            "可以在三十天内提交工单申请复核。",
        ),
    },
    "Minimum payout amount and currency": {
        "zh-hans": (
            "最低提现金额和货币",
            "余额达到主播所在国家的最低金额后才会发放收益。",
            "每个国家都有最低提现金额，显示在主播的收益页面上。"
            "余额不足时，钻石会保留到下个月继续累计。\n\n"
            "收益以主播银行账户所在国家的货币发放，汇率按发放当天计算。",
        ),
    },
    "Who can go LIVE: age and follower requirements": {
        "id": (
            "Siapa yang boleh LIVE: syarat usia dan pengikut",
            "Kreator harus berusia 18 tahun ke atas dan memenuhi ambang pengikut di "
            "wilayahnya.",
            "Untuk membuka akses LIVE, kreator harus **berusia minimal 18 tahun** "
            "dan memiliki jumlah pengikut minimum untuk wilayahnya.\n\n"
            "Jaringan dapat melihat kreator mana yang memenuhi syarat di dasbor "
            "agensi.",
        ),
        "zh-hans": (
            "谁可以开直播：年龄和粉丝要求",
            "主播必须年满 18 岁，并达到所在地区的粉丝数门槛。",
            "要开通直播权限，主播必须**年满 18 岁**，并且粉丝数量达到所在地区的最低要求。"
            "\n\n公会可以在经纪后台查看哪些主播已经符合条件。",
        ),
        "ar": (
            "من يمكنه البث المباشر: شروط العمر والمتابعين",
            "يجب أن يكون عمر صانع المحتوى 18 عامًا أو أكثر وأن يبلغ حد المتابعين "
            "في منطقته.",
            "لفتح البث المباشر يجب أن يكون عمر صانع المحتوى **18 عامًا على "
            "الأقل** وأن يبلغ الحد الأدنى من المتابعين في منطقته.\n\n"
            "يمكن للشبكة أن ترى في لوحة الوكالة من تتوفر فيه الشروط.",
        ),
    },
    "A creator's LIVE access was suspended": {
        "zh-hans": (
            "主播的直播权限被封禁",
            "在账户状态页面查看原因；大多数封禁都是临时的。",
            "直播权限被封禁时，原因会显示在账户状态页面上，同时显示解封日期。"
            "大多数封禁是临时的，到期后自动恢复。\n\n"
            "如果主播认为封禁有误，可以提出申诉。",
        ),
    },
    "How appeals of LIVE restrictions are handled": {
        "zh-hans": (
            "直播限制的申诉如何处理",
            "申诉会在 72 小时内由人工审核；公会可以补充说明。",
            "主播在应用中提交申诉后，工作人员会在 72 小时内进行人工审核。\n\n"
            "公会可以通过工单补充背景信息，例如直播时的具体情况。审核结果会通过应用通知主播。",
        ),
    },
    "LIVE was ended automatically during a stream": {
        "zh-hans": (
            "直播过程中被自动中断",
            "检测到违规、网络连接差或重复直播时，直播会自动结束。",
            "系统检测到违规内容、网络连接太差或者同一账号重复开播时，会自动结束直播。"
            "\n\n网络问题导致的中断不会影响账号记录；违规导致的中断会显示在账户状态页面上。",
        ),
    },
    "Account linking failed: error codes": {
        "zh-hans": (
            "账号绑定失败：错误代码",
            "绑定错误代码的含义以及每种错误的解决方法。",
            "绑定主播账号时，如果失败会显示一个错误代码。常见的原因包括邀请已过期、"
            "主播已经加入其他公会，或者主播未满 18 岁。\n\n"
            "按照错误代码的说明处理后，重新发送邀请即可完成绑定。",
        ),
    },
    "Inviting creators to join your network": {
        "zh-hans": (
            "邀请主播加入你的公会",
            "在经纪后台发送邀请；主播在应用中接受。",
            "在经纪后台输入主播的用户 ID 即可发送邀请，主播会在应用里收到通知并确认加入。"
            "\n\n邀请七天内有效，过期后需要重新发送。",
        ),
    },
    "A creator changed their username": {
        "zh-hans": (
            "主播修改了用户名",
            "绑定使用的是用户 ID，所以修改用户名不会解除绑定。",
            "公会与主播的绑定关系基于用户 ID，而不是用户名。主播修改用户名后，"
            "绑定关系、收益和活动记录都不会受到影响。\n\n"
            "后台会在一天内显示新的用户名。",
        ),
    },
    "Campaign targets, rewards and bonus diamonds": {
        "zh-hans": (
            "活动目标、奖励和额外钻石",
            "奖励以额外钻石的形式，在审核后随常规收益一起发放。",
            "达到活动目标的主播会获得**额外钻石**作为奖励。活动结束后先进行数据审核，"
            "奖励随下一次常规提现一起发放。\n\n"
            "每个活动的目标和奖励规则都写在活动页面上。",
        ),
    },
    "Opening a ticket and what happens next": {
        "id": (
            "Membuka tiket dan apa yang terjadi selanjutnya",
            "Tiket mendapat nomor referensi, jawaban sesuai target layanan, dan "
            "pembaruan lewat e-mail.",
            "Setiap tiket mendapat **nomor referensi** yang dapat Anda kutip saat "
            "bertanya. Tim kami menjawab sesuai target layanan untuk prioritasnya."
            "\n\nAnda menerima e-mail setiap kali ada balasan, dan dapat membalas "
            "langsung dari e-mail itu.",
        ),
        "ar": (
            "فتح تذكرة وما يحدث بعد ذلك",
            "تحصل التذكرة على رقم مرجعي وردّ ضمن أهداف الخدمة وتحديثات بالبريد "
            "الإلكتروني.",
            "تحصل كل تذكرة على **رقم مرجعي** يمكنك ذكره عند السؤال، ويرد فريقنا "
            "ضمن أهداف الخدمة المحددة لأولويتها.\n\n"
            "تصلك رسالة بريد إلكتروني مع كل رد، ويمكنك الرد عليها مباشرة.",
        ),
    },
}
