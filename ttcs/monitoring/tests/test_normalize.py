"""Normalisation of Vietnamese text, URLs and publication times."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttcs.monitoring.pipeline.normalize import (
    VIETNAMESE_LETTERS,
    canonical_url,
    fix_syllable_tone,
    fold,
    fold_key,
    normalize_text,
    parse_published_at,
    url_key,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("hoà", "hòa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("khoẻ", "khỏe"),
        ("Thuỷ lợi", "Thủy lợi"),
        ("Uỷ ban", "Ủy ban"),
        ("tuỳ", "tùy"),
        ("hoạ sĩ", "họa sĩ"),
        ("tòan dân", "toàn dân"),  # a closed syllable carries the mark on its last vowel
    ],
)
def test_both_tone_placements_end_up_the_same(written: str, expected: str) -> None:
    assert normalize_text(written) == expected


@pytest.mark.parametrize(
    "word",
    ["quý", "quỳnh", "người", "giữa", "gì", "thuở", "khuỷu", "ngoài", "hoàn", "iPhone", "COVID"],
)
def test_words_already_right_or_foreign_are_left_alone(word: str) -> None:
    assert fix_syllable_tone(word) == word


def test_decomposed_text_zero_width_and_odd_spaces_are_cleaned() -> None:
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân")
    messy = f"  {decomposed}\u200b\u00a0tỉnh\u00ad  Nghệ  An \r\n\r\n\r\n\r\nĐoạn hai\t "
    assert normalize_text(messy) == "Ủy ban nhân dân tỉnh Nghệ An\n\nĐoạn hai"
    assert normalize_text(messy, keep_newlines=False) == "Ủy ban nhân dân tỉnh Nghệ An Đoạn hai"


def test_folding_covers_all_134_letters_and_keeps_length() -> None:
    assert len(VIETNAMESE_LETTERS) == 134
    letters = "".join(sorted(VIETNAMESE_LETTERS))
    folded = fold(letters)
    assert len(folded) == len(letters)
    assert folded.isascii()
    assert fold_key("Đường Trần Hưng Đạo") == "duong tran hung dao"


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(sorted(VIETNAMESE_LETTERS) + list("abc ĐđXY1.")), max_size=60)
)
def test_fold_keeps_the_length_of_nfc_text(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    assert len(fold(nfc)) == len(nfc)
    assert fold(fold(nfc)) == fold(nfc)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://WWW.VnExpress.net:443/thoi-su/cau-moi-123.html/?utm_source=fb&utm_campaign=x#top",
            "https://vnexpress.net/thoi-su/cau-moi-123.html",
        ),
        ("http://tuoitre.vn:80/", "http://tuoitre.vn/"),
        ("https://dantri.com.vn", "https://dantri.com.vn/"),
        ("https://a.vn/x?b=2&fbclid=IwAR&a=1&gclid=9", "https://a.vn/x?a=1&b=2"),
        ("https://a.vn/x?zarsrc=30&id=5", "https://a.vn/x?id=5"),
        ("https://a.vn:8080//x//y/", "https://a.vn:8080/x/y"),
        ("baochinhphu.vn/tin-moi.htm", "https://baochinhphu.vn/tin-moi.htm"),
        ("https://a.vn/t%c3%a2m", "https://a.vn/t%C3%A2m"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_url_key_ignores_scheme_and_tracking() -> None:
    assert url_key("http://www.a.vn/x?utm_medium=s") == url_key("https://a.vn/x/")
    assert url_key("https://a.vn/x") != url_key("https://a.vn/y")
    assert url_key("") == ""


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["http", "https", "HTTPS"]),
    st.sampled_from(["a.vn", "WWW.B.COM.VN", "c.gov.vn:8443"]),
    st.lists(st.sampled_from(["x", "tin-moi", "2026", "A b", "%7E"]), max_size=3),
    st.lists(
        st.tuples(st.sampled_from(["id", "utm_source", "p", "fbclid"]), st.text("ab1", max_size=3)),
        max_size=3,
    ),
)
def test_canonical_url_is_idempotent(
    scheme: str, host: str, path: list[str], query: list[tuple[str, str]]
) -> None:
    url = f"{scheme}://{host}/{'/'.join(path)}?" + "&".join(f"{k}={v}" for k, v in query)
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "utm_source" not in once and "fbclid" not in once


@pytest.mark.parametrize(
    "value",
    [
        "2026-01-21T08:30:00+07:00",
        "2026-01-21T01:30:00Z",
        "2026-01-21T08:30:00",
        "21/01/2026 08:30",
    ],
)
def test_publication_times_are_aware_and_in_vietnam_time(value: str) -> None:
    moment = parse_published_at(value)
    assert moment.isoformat() == "2026-01-21T08:30:00+07:00"


@pytest.mark.parametrize(
    "value", ["", "hôm qua", "2026-13-01", "31/02/2026", "1850-01-01", None, True, []]
)
def test_bad_publication_times_raise_with_a_vietnamese_message(value: object) -> None:
    with pytest.raises(ValueError, match=r"\w"):
        parse_published_at(value)
