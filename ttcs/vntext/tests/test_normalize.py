import unicodedata

from ttcs.vntext.normalize import fold, fold_lower, nfc, normalize_spaces


def test_fold_removes_diacritics_and_maps_d_bar():
    assert fold("Đà Nẵng đẹp") == "Da Nang dep"


def test_fold_maps_eth_lookalikes_to_d():
    assert fold("Ðiện ðường") == "Dien duong"


def test_fold_of_nfd_input_equals_fold_of_nfc_input():
    text = "Sở Thông tin và Truyền thông"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "So Thong tin va Truyen thong"


def test_fold_keeps_nfc_length_and_is_idempotent_with_stray_combining_mark():
    text = "u\u0302\u0301 x\u0323\u0323"
    folded = fold(text)
    assert len(folded) == len(nfc(text))
    assert fold(folded) == folded


def test_fold_lower_keeps_length():
    text = "ĐẢNG Bộ İstanbul"
    assert len(fold_lower(text)) == len(text)
    assert fold_lower("ĐẢNG Bộ") == "dang bo"


def test_normalize_spaces_collapses_no_break_and_zero_width():
    assert normalize_spaces("  Sở\u00a0Y\u200btế \n") == "Sở Y tế"
