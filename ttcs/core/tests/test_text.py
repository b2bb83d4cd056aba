"""Vietnamese text folding, abbreviations and OCR repair (no database)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from ttcs.core.text import (
    ABBREVIATIONS,
    VIETNAMESE_LETTERS,
    expand_abbreviations,
    fold,
    fold_lower,
    match_key,
    nfc,
    normalize_spaces,
    repair_ocr_tokens,
)

VIETNAMESE_ALPHABET = "".join(sorted(VIETNAMESE_LETTERS)) + "abcdeghiklmnopqrstuvxyĐđ "


def test_there_are_134_vietnamese_letters_with_diacritics() -> None:
    assert len(VIETNAMESE_LETTERS) == 134


def test_every_vietnamese_letter_folds_to_its_ascii_base() -> None:
    for letter in VIETNAMESE_LETTERS:
        folded = fold(letter)
        assert len(folded) == 1
        assert folded.isascii() and folded.isalpha(), letter
        # The base letter keeps its case.
        assert folded.isupper() == letter.isupper()


def test_d_with_stroke_folds_to_d() -> None:
    assert fold("Đài Phát thanh Đồng Tháp") == "Dai Phat thanh Dong Thap"
    assert fold_lower("ĐẮK LẮK") == "dak lak"


def test_old_and_new_tone_placement_fold_alike() -> None:
    assert fold_lower("Thanh Hoá") == fold_lower("Thanh Hóa")
    assert fold_lower("Uỷ ban") == fold_lower("Ủy ban") == "uy ban"


def test_decomposed_input_is_composed_first() -> None:
    decomposed = unicodedata.normalize("NFD", "Sở Tư pháp")
    assert len(decomposed) > len("Sở Tư pháp")
    assert fold(decomposed) == "So Tu phap"
    assert nfc(decomposed) == "Sở Tư pháp"


def test_offsets_in_folded_text_point_at_the_same_words() -> None:
    text = "Giao Sở Thông tin và Truyền thông chủ trì"
    start = fold_lower(text).index("thong tin")
    assert text[start : start + len("Thông tin")] == "Thông tin"


@given(st.text())
def test_fold_preserves_nfc_length_and_is_idempotent(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(nfc(text))
    assert fold(folded) == folded


@given(st.text(alphabet=VIETNAMESE_ALPHABET))
def test_fold_lower_of_vietnamese_is_plain_ascii(text: str) -> None:
    folded = fold_lower(text)
    assert len(folded) == len(text)
    assert folded.isascii()
    assert fold_lower(folded) == folded


def test_normalize_spaces_collapses_every_kind_of_space() -> None:
    assert normalize_spaces("  Sở\u00a0Tư\tpháp \n tỉnh\u200b ") == "Sở Tư pháp tỉnh"


def test_abbreviations_expand_with_or_without_diacritics() -> None:
    assert expand_abbreviations("UBND tỉnh") == "Ủy ban nhân dân tỉnh"
    assert expand_abbreviations("HĐND và UBND") == "Hội đồng nhân dân và Ủy ban nhân dân"
    assert expand_abbreviations("HDND tinh") == "Hội đồng nhân dân tinh"
    assert expand_abbreviations("Sở TT&TT") == "Sở Thông tin và Truyền thông"
    assert expand_abbreviations("Sở GD&ĐT") == "Sở Giáo dục và Đào tạo"
    assert expand_abbreviations("Sở GDĐT") == "Sở Giáo dục và Đào tạo"
    assert expand_abbreviations("PGDĐT huyện") == "Phòng Giáo dục và Đào tạo huyện"
    assert expand_abbreviations("Sở VHTTDL") == "Sở Văn hóa, Thể thao và Du lịch"
    assert expand_abbreviations("Sở NN&PTNT") == "Sở Nông nghiệp và Phát triển nông thôn"
    assert expand_abbreviations("Sở LĐTBXH") == "Sở Lao động - Thương binh và Xã hội"
    assert expand_abbreviations("Quyết định của TTg") == "Quyết định của Thủ tướng Chính phủ"


def test_document_symbols_are_not_expanded() -> None:
    assert expand_abbreviations("Chỉ thị 07/CT-TTg") == "Chỉ thị 07/CT-TTg"
    assert expand_abbreviations("Số 1222/UBND-VX") == "Số 1222/UBND-VX"


def test_abbreviations_do_not_fire_inside_words() -> None:
    assert expand_abbreviations("UBNDX và TTTTT") == "UBNDX và TTTTT"
    assert expand_abbreviations("Tập trung") == "Tập trung"


def test_every_abbreviation_expands_to_a_longer_name() -> None:
    for abbr, full in ABBREVIATIONS.items():
        assert len(full) > len(abbr)
        assert expand_abbreviations(abbr) == full


def test_ocr_repair_restores_department_heads() -> None:
    # Synthetic damage of the kinds scanners produce: digits and symbols for letters.
    assert repair_ocr_tokens("S6 Y té") == "so y te"
    assert repair_ocr_tokens("S& Cong Thuong") == "so cong thuong"
    assert repair_ocr_tokens("Sé Xay dung") == "so xay dung"
    assert repair_ocr_tokens("S¢ Giao duc") == "so giao duc"
    assert repair_ocr_tokens("Pai Truyén hinh") == "dai truyen hinh"
    assert repair_ocr_tokens("Ban Dan van Tinh ty") == "ban dan van tinh uy"
    assert repair_ocr_tokens("Sở Tw phap") == "so tu phap"


def test_ocr_repair_leaves_clean_text_folded_only() -> None:
    clean = "Phòng Văn hóa và Thông tin thị xã"
    assert repair_ocr_tokens(clean) == fold_lower(clean)


def test_match_key_is_the_same_for_spellings_of_one_name() -> None:
    spellings = [
        "Sở Thông tin và Truyền thông",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "So Thong tin va Truyen thong",
        "Sở TT&TT",
        "S6 Thong tin va Truyén thong",
        "Sở  Thông tin  và Truyền thông.",
    ]
    assert {match_key(s) for s in spellings} == {"so thong tin va truyen thong"}
