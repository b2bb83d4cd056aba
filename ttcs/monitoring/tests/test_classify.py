"""Sentiment, topics, places and agencies of news items; the trainable model."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttcs.monitoring.pipeline.classify import (
    LABELS,
    Enricher,
    LexiconSentiment,
    SentimentModel,
    default_lexicon,
)
from ttcs.monitoring.pipeline.entities import find_agencies, find_localities
from ttcs.monitoring.pipeline.model import (
    LabelledExample,
    evaluate,
    load,
    load_active_model,
    save,
    train,
)
from ttcs.monitoring.pipeline.normalize import fold
from ttcs.monitoring.pipeline.tokens import tokenize


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    return Enricher()


def _sentiment(title: str, text: str = "") -> str:
    return default_lexicon().score(title, text).label


@pytest.mark.parametrize(
    ("title", "lead", "label"),
    [
        ("Cầu Rạch Miễu 2 thông xe sớm hơn kế hoạch 3 tháng", "Người dân phấn khởi.", "positive"),
        ("Sạt lở vùi lấp 5 ngôi nhà, 2 người mất tích", "Thiệt hại ban đầu rất lớn.", "negative"),
        (
            "Sở Tư pháp tổ chức hội nghị sơ kết quý I",
            "Hội nghị diễn ra trong một buổi sáng.",
            "neutral",
        ),
        ("Tai nạn giao thông giảm mạnh trong dịp Tết", "Số người chết giảm 20%.", "positive"),
        ("Dự án chống ngập chưa hiệu quả, người dân bức xúc", "", "negative"),
        (
            "Xuất khẩu tăng trưởng cao nhưng giải ngân đầu tư công chậm",
            "Kim ngạch vượt kế hoạch; tuy nhiên nhiều dự án chậm tiến độ.",
            "mixed",
        ),
    ],
)
def test_lexicon_labels_clear_cases(title: str, lead: str, label: str) -> None:
    assert _sentiment(title, lead) == label


def test_negation_reverses_and_pseudo_negation_does_not() -> None:
    assert _sentiment("Công trình không hiệu quả, lãng phí") == "negative"
    assert (
        _sentiment("Chương trình không chỉ hiệu quả mà còn được người dân hài lòng") == "positive"
    )
    result = default_lexicon().score("Không xảy ra thiệt hại về người trong đợt mưa lũ")
    assert result.positive > 0 and result.negative == 0


def test_headline_weighs_more_than_the_body() -> None:
    result = default_lexicon().score(
        "Tai nạn nghiêm trọng trên cao tốc", "Lực lượng chức năng có mặt."
    )
    [hit] = [h for h in result.hits if h.term == "tai nạn"]
    assert hit.section == "title"
    assert hit.value < -2  # weight × title factor × intensifier


def test_text_without_diacritics_gets_the_same_label() -> None:
    title = "Ô nhiễm nghiêm trọng, cá chết hàng loạt trên sông"
    lead = "Người dân bức xúc vì nước sông bốc mùi hôi thối."
    assert _sentiment(title, lead) == "negative"
    assert _sentiment(fold(title), fold(lead)) == "negative"


def test_a_neutral_compound_does_not_count_as_the_word_it_contains() -> None:
    assert _sentiment("Bộ Y tế ban hành danh mục thuốc thiết yếu mới") == "neutral"


def test_lexicon_and_trained_model_share_the_sentiment_model_shape() -> None:
    assert isinstance(default_lexicon(), SentimentModel)
    assert default_lexicon().predict([("Khánh thành trường học mới", "")]) == ["positive"]


def test_topics_come_from_keyword_rules(enricher: Enricher) -> None:
    result = enricher.classify(
        "Hà Nội tuyển sinh lớp 10: thí sinh hồi hộp chờ điểm thi",
        "Sở Giáo dục và Đào tạo công bố điểm chuẩn vào các trường THPT công lập.",
    )
    assert result.topics[0] == "education"
    assert enricher.classify("Trời hôm nay đẹp", "").topics == []


def test_provinces_current_and_former_are_found_with_the_current_successor() -> None:
    localities = find_localities(
        tokenize("Nông dân Sóc Trăng và Bến Tre được mùa; giá lúa ở Cần Thơ ổn định.")
    )
    names = [loc.name for loc in localities]
    assert names[:2] == ["Sóc Trăng", "Cần Thơ"]
    assert "Bến Tre" in names and "Vĩnh Long" in names
    kinds = {loc.name: loc.kind for loc in localities}
    assert kinds["Sóc Trăng"] == "former_province"
    assert kinds["Cần Thơ"] == "province"


@pytest.mark.parametrize(
    "text",
    [
        "Thắp sáng khát vọng hòa bình và tư tưởng Hồ Chí Minh",
        "Tàu cá hoạt động trên vùng biển Thái Bình Dương",
        "long an lành và an giang hồ",
    ],
)
def test_common_words_and_other_names_are_not_places(text: str) -> None:
    assert find_localities(tokenize(text)) == []


def test_city_aliases_and_communes_with_their_province() -> None:
    names = [
        loc.name
        for loc in find_localities(
            tokenize("Ngập sâu ở phường Hoàn Kiếm sau mưa; TP.HCM cũng ngập.")
        )
    ]
    assert names == ["Phường Hoàn Kiếm, Hà Nội", "Hà Nội", "Hồ Chí Minh"]


def test_place_names_without_diacritics_are_found() -> None:
    names = [loc.name for loc in find_localities(tokenize("Mua lon tai Quang Ngai va Da Nang"))]
    assert names == ["Quảng Ngãi", "Đà Nẵng"]


def test_agencies_are_named_canonically_with_their_place() -> None:
    text = (
        "UBND tỉnh Nghệ An họp với Sở GD&ĐT, Bộ GTVT và Bộ Y tế. "
        "Công an tỉnh cho biết đã vào cuộc; UBND xã Tân Lập cũng báo cáo. Lực lượng công an có mặt."
    )
    tokens = tokenize(text)
    agencies = find_agencies(tokens, find_localities(tokens))
    assert agencies == [
        "Ủy ban nhân dân tỉnh Nghệ An",
        "Sở Giáo dục và Đào tạo tỉnh Nghệ An",
        "Bộ Giao thông vận tải",
        "Bộ Y tế",
        "Công an tỉnh Nghệ An",
        "Ủy ban nhân dân xã Tân Lập",
    ]


def test_enricher_output_has_the_contract_fields(enricher: Enricher) -> None:
    result = enricher.classify(
        "Quảng Ngãi: lũ quét cuốn trôi nhà dân", "Bộ Nông nghiệp và Môi trường chỉ đạo khắc phục."
    )
    data = result.as_dict()
    assert set(data) == {"sentiment", "topics", "localities", "agencies"}
    assert data["sentiment"] in LABELS
    assert "disaster" in data["topics"]
    assert data["localities"] == ["Quảng Ngãi"]
    assert data["agencies"] == ["Bộ Nông nghiệp và Môi trường"]


def test_enricher_survives_empty_and_odd_text(enricher: Enricher) -> None:
    for title, text in [("", ""), ("!!!", "\n\n"), ("x" * 5000, "1 2 3 " * 3000)]:
        assert enricher.classify(title, text).sentiment in LABELS


def _tiny_labelled() -> list[LabelledExample]:
    rows = [
        ("Khánh thành cầu mới, người dân phấn khởi", "positive"),
        ("Hoàn thành vượt kế hoạch thu ngân sách", "positive"),
        ("Tỉnh được khen thưởng vì cải cách hành chính hiệu quả", "positive"),
        ("Tai nạn nghiêm trọng, hai người tử vong", "negative"),
        ("Sạt lở vùi lấp nhà dân, thiệt hại nặng", "negative"),
        ("Cán bộ xã nhận hối lộ bị khởi tố", "negative"),
        ("Sở Tư pháp tổ chức hội nghị sơ kết quý I", "neutral"),
        ("Lấy ý kiến dự thảo quy định mới về phí", "neutral"),
        ("Công bố lịch thi tuyển sinh lớp 10", "neutral"),
    ]
    return [LabelledExample(title, "", label) for title, label in rows * 3]


def test_model_trains_saves_loads_and_evaluates(tmp_path: Path) -> None:
    examples = _tiny_labelled()
    model = train(examples, algorithm="svm")
    assert isinstance(model, SentimentModel)
    path = tmp_path / "sentiment.joblib"
    save(model, path)
    loaded = load(path)
    assert loaded.metadata["n"] == len(examples)
    assert loaded.metadata["format"] == 1
    assert "created_at" in loaded.metadata
    assert (tmp_path / "sentiment.json").exists()
    scores = evaluate(loaded, examples)
    assert set(scores) >= {"accuracy", "macro_f1"}
    assert scores["accuracy"] > 0.9
    assert loaded.predict([]) == []


def test_model_rejects_unknown_labels() -> None:
    with pytest.raises(ValueError, match="nhãn"):
        train([LabelledExample("a", "", "happy"), LabelledExample("b", "", "neutral")])


def test_no_trained_model_is_active_yet() -> None:
    assert load_active_model() is None


def test_lexicon_reads_an_administrators_edited_file(tmp_path: Path) -> None:
    (tmp_path / "sentiment_lexicon.json").write_text(
        '{"positive": {"tuyệt vời": 2}, "negative": {}}', encoding="utf-8"
    )
    lexicon = LexiconSentiment.from_file(tmp_path)
    assert lexicon.score("Một ngày tuyệt vời").label == "positive"
