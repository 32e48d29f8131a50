"""The one upload check: kinds judged by content, the name agreeing, each caller's
own limit and messages."""

from dataclasses import replace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.exceptions import ApplicationError
from core.uploads import FileKinds, check_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
KINDS = FileKinds(
    binary={"image/png": (".png",)},
    text={".txt": "text/plain"},
    max_bytes=100,
    field="file",
    too_large="%(name)s: %(size)s of %(limit)s MB",
    too_large_short="Too large.",
    refused="%(name)s refused",
    refused_short="Refused.",
)


def test_a_binary_file_is_its_detected_type_under_a_safe_name():
    checked = check_upload(SimpleUploadedFile("../x/logo.png", PNG), KINDS)
    assert (checked.name, checked.content_type) == ("logo.png", "image/png")


@pytest.mark.parametrize(
    "name, content",
    [
        ("logo.txt", PNG),  # a PNG named as text
        ("notes.png", b"plain words"),  # text named as an image
        ("notes.txt", b"caf\xe9 latin-1"),  # not UTF-8
        ("run.exe", b"MZ"),
    ],
)
def test_a_file_whose_content_and_name_disagree_is_refused_on_its_field(name, content):
    with pytest.raises(ApplicationError, match="refused") as caught:
        check_upload(SimpleUploadedFile(name, content), KINDS)
    assert caught.value.extra["fields"] == {"file": ["Refused."]}


def test_text_cut_inside_a_character_at_the_sniff_boundary_is_still_text():
    content = ("é" * 5000).encode()  # 10,000 bytes: the 8 KB head ends mid-way
    kinds = replace(KINDS, max_bytes=20_000)
    assert check_upload(SimpleUploadedFile("a.txt", content), kinds).content_type == (
        "text/plain"
    )


def test_a_file_over_the_callers_limit_is_refused_with_its_message():
    with pytest.raises(ApplicationError, match="big.txt: 0.0 of 0.0 MB"):
        check_upload(SimpleUploadedFile("big.txt", b"x" * 101), KINDS)
