"""The sanitiser: no Markdown or HTML an author writes can put script on a page."""

import re
from html.parser import HTMLParser

import pytest

from faq.rendering import ALLOWED_TAGS, plain_text, render_markdown, sanitize

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    "<img src=x OnErRoR=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<body onload="alert(1)">',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="java\tscript:alert(1)">click</a>',
    '<a href="java\nscript:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="jav&#x61;script:alert(1)">click</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">c</a>',
    '<a href="javascript&colon;alert(1)">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="VBScript:msgbox(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    '<a href="DATA:text/html,<script>alert(1)</script>">click</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div style="position:fixed;top:0">overlay</div>',
    "<style>body{display:none}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="https://evil.example"><input name="password"></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<details open ontoggle="alert(1)">x</details>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="#" onclick="alert(1)">x</a>',
    '<h2 id="content" onmouseover="alert(1)">clobber</h2>',
    '<base href="javascript:alert(1)//">',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "[click](vbscript:msgbox(1))",
    "![img](javascript:alert(1))",
    '![img](x" onerror="alert(1))',
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "`<script>` is fine in code, but <script>alert(1)</script> is not",
]

SAFE_SCHEMES = ("http://", "https://", "mailto:", "#", "/")
_CONTROL = re.compile(r"[\x00-\x20]+")


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                self.problems.append(f"attribute {name}")
            if name in ("href", "src", "action", "data"):
                url = _CONTROL.sub("", value).lower()
                if ":" in url.split("/", 1)[0] and not url.startswith(SAFE_SCHEMES):
                    self.problems.append(f"url {value!r}")
            if name == "id" and not value.startswith("h-"):
                self.problems.append(f"id {value!r}")


def audit(html: str) -> list[str]:
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser.problems


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
@pytest.mark.parametrize("guide", [False, True])
def test_known_xss_payloads_render_to_harmless_html(payload, guide):
    html = render_markdown(f"## Step\n\n{payload}\n\nafter", guide=guide)
    assert audit(html) == []
    assert "<script" not in html.lower()
    assert "javascript:" not in html.lower()


def test_the_audit_itself_catches_dangerous_markup():
    assert audit('<a href="javascript:alert(1)">x</a>')
    assert audit('<img src="x" onerror="alert(1)">')
    assert audit("<script>x</script>")
    assert audit('<p style="x">y</p>')


def test_script_inside_code_blocks_is_shown_as_text():
    html = render_markdown("```\n<script>alert(1)</script>\n```")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html


def test_safe_links_images_and_tables_survive():
    html = render_markdown(
        "[docs](https://example.com/x) [mail](mailto:help@hub.example) "
        "[local](/faq/other/)\n\n![logo](https://example.com/a.png)\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert '<a href="https://example.com/x" rel="noopener noreferrer nofollow">' in html
    assert 'href="mailto:help@hub.example"' in html
    assert 'href="/faq/other/"' in html
    assert '<img alt="logo" src="https://example.com/a.png">' in html
    assert "<table>" in html and "<td>1</td>" in html


def test_headings_get_prefixed_anchors_and_permalinks():
    html = render_markdown("## Payout schedule\n\ntext\n\n### Cut-off")
    assert '<h2 id="h-payout-schedule">' in html
    assert 'href="#h-payout-schedule"' in html
    assert '<h3 id="h-cut-off">' in html


def test_author_supplied_ids_and_classes_are_dropped():
    html = sanitize(
        '<h2 id="login-form" class="evil">x</h2><code class="language-py x">'
    )
    assert 'id="login-form"' not in html
    assert "evil" not in html
    assert 'class="language-py"' in html


def test_a_guide_renders_each_second_level_heading_as_a_numbered_step():
    html = render_markdown(
        "Before you start.\n\n## Verify identity\nUpload an ID.\n\n"
        "## Add a bank account\nIn your own name.",
        guide=True,
    )
    assert '<div class="guide-intro"><p>Before you start.</p>' in html
    assert html.count('<li class="guide-step"') == 2
    assert '<ol class="guide-steps">' in html
    assert html.index("Verify identity") < html.index("Add a bank account")


def test_an_article_is_not_turned_into_steps():
    html = render_markdown("## One\n\ntext", guide=False)
    assert "guide-step" not in html


def test_plain_text_drops_markdown_markup():
    assert plain_text("## Title\n\n**bold** [link](https://x.example)") == (
        "Title bold link"
    )


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        (
            "> **Note:** cut-off is the\u00a0`15th`\n\n# Dates",
            "Note: cut-off is the 15th Dates",
        ),
        ("[link](https://x.example) and ![logo](/a.png) done", "link and logo done"),
        ("a_b*c [x] #tag\t\x02payout\x03", "abc x tag \x02payout\x03"),
        ("", ""),
    ],
)
def test_plain_text_with_and_without_link_targets(markdown, text):
    assert plain_text(markdown) == text
