import io

import pytest

from xborder.core.rows import FormatError, read_rows, stable_external_id


def rows(data: bytes, fmt: str):
    return list(read_rows(io.BytesIO(data), fmt))


def test_csv_rows_carry_their_starting_line_even_across_quoted_newlines():
    data = ('country,text,loss_amount,loss_currency,reporter_name\n'
            'TH,"first line\nsecond line",500,THB,Somchai\n'
            'KH,short,,,\n').encode()
    got = rows(data, "csv")
    assert [r.line for r in got] == [2, 4]
    assert got[0].data == {"country": "TH", "text": "first line\nsecond line",
                           "loss": {"amount": "500", "currency": "THB"}, "reporter": {"name": "Somchai"}}
    assert got[1].data == {"country": "KH", "text": "short"}


def test_csv_header_is_checked_before_any_row():
    with pytest.raises(FormatError, match="lacks text"):
        rows(b"country,body\nTH,x\n", "csv")
    with pytest.raises(FormatError, match="unknown CSV column"):
        rows(b"country,text,colour\nTH,x,red\n", "csv")


def test_jsonl_bad_lines_are_reported_not_fatal():
    data = b'{"country": "TH", "text": "a"}\n{broken\n\n[1,2]\n\xff\xfe\n{"country": "KH", "text": "b"}\n'
    got = rows(data, "jsonl")
    assert [(r.line, r.error is None) for r in got] == [(1, True), (2, False), (4, False), (5, False), (6, True)]


def test_stable_external_id_depends_on_content_only():
    assert stable_external_id({"a": 1, "b": 2}) == stable_external_id({"b": 2, "a": 1})
    assert stable_external_id({"a": 1}) != stable_external_id({"a": 2})
