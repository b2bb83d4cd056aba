"""Grouping copies of a news story: exact, same-source repeats and edited syndicated copies."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from ttcs.monitoring.pipeline.dedup import StoryClusterer, body_paragraphs, cluster
from ttcs.monitoring.pipeline.items import Item, make_item, read_jsonl, split_items
from ttcs.monitoring.pipeline.normalize import VN_TZ

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "monitoring"
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=VN_TZ)

STORY = [
    "Chiều 2/3, Sở Y tế tỉnh Lâm Đồng cho biết đã ghi nhận 37 trường hợp ngộ độc sau khi ăn bánh "
    "mì tại một cơ sở kinh doanh trên đường Phan Đình Phùng, phường Xuân Hương.",
    "Các bệnh nhân có biểu hiện đau bụng, sốt, tiêu chảy và được đưa vào Bệnh viện Đa khoa tỉnh "
    "cùng hai trung tâm y tế khu vực để điều trị; đến tối cùng ngày, sức khỏe của phần lớn người "
    "bệnh đã ổn định.",
    "Đoàn kiểm tra liên ngành đã niêm phong cơ sở, lấy mẫu thực phẩm, nước và nguyên liệu chế "
    "biến gửi Viện Pasteur Nha Trang xét nghiệm để xác định nguyên nhân ngộ độc.",
    "Sở Y tế đề nghị các xã, phường tăng cường kiểm tra an toàn thực phẩm tại các cơ sở kinh "
    "doanh thức ăn đường phố, nhất là trong mùa du lịch cao điểm sắp tới.",
]
ADDED = (
    "Trước đó, vào tháng 9 năm ngoái, một vụ ngộ độc tương tự cũng xảy ra tại địa bàn thành phố "
    "khiến hơn 20 du khách phải nhập viện theo dõi."
)
# A different story written on the same template: same agency, same kind of event, other facts.
OTHER = [
    "Sáng 4/3, Sở Y tế tỉnh Lâm Đồng cho biết 12 học sinh một trường tiểu học ở xã Đạ Huoai có "
    "biểu hiện nôn ói sau bữa ăn bán trú và đã được chuyển tới trạm y tế xã.",
    "Nhà trường đã tạm dừng bữa ăn bán trú, làm việc với đơn vị cung cấp suất ăn và báo cáo Phòng "
    "Văn hóa - Xã hội; phụ huynh được mời tới trường để cùng theo dõi sức khỏe của các em.",
    "Trung tâm Kiểm soát bệnh tật tỉnh đã lấy mẫu cơm, canh và thịt kho để kiểm nghiệm, kết quả "
    "dự kiến có sau năm ngày làm việc.",
    "Sở Y tế đề nghị các trường có tổ chức bán trú rà soát hợp đồng cung cấp suất ăn, kiểm tra "
    "nguồn gốc nguyên liệu và lưu mẫu thức ăn đúng quy định.",
]


def _item(
    item_id: str,
    paragraphs: list[str],
    *,
    title: str = "Lâm Đồng: 37 người nhập viện sau khi ăn bánh mì",
    source: str = "Báo Lâm Đồng",
    url: str | None = None,
    hours: float = 0,
) -> Item:
    return make_item(
        id=item_id,
        url=url or f"https://{source.lower().replace(' ', '')}.vn/{item_id}.html",
        source=source,
        title=title,
        text="\n\n".join(paragraphs),
        published_at=T0 + timedelta(hours=hours),
    )


def test_edited_copies_across_sources_join_the_original_story() -> None:
    original = _item("orig", [*STORY, "Minh Anh"])
    new_headline = _item(
        "headline",
        [*STORY, "Theo TTXVN"],
        title="Hàng chục người ngộ độc bánh mì ở Lâm Đồng",
        source="VnExpress",
        hours=1,
    )
    paragraph_removed = _item(
        "removed", [STORY[0], STORY[1], STORY[3], "PV"], source="Dân trí", hours=2
    )
    paragraph_added = _item(
        "added",
        ["Ảnh: Bệnh nhân điều trị tại bệnh viện.", *STORY[:2], ADDED, *STORY[2:], "Hoàng Nam"],
        source="Tuổi Trẻ",
        hours=3,
    )
    stories = cluster([paragraph_added, original, new_headline, paragraph_removed])
    assert set(stories.values()) == {"orig"}


def test_distinct_stories_on_the_same_template_stay_apart() -> None:
    first = _item("poisoning", STORY)
    second = _item("school-meal", OTHER, title="12 học sinh nhập viện sau bữa ăn bán trú", hours=48)
    stories = cluster([first, second])
    assert stories["poisoning"] != stories["school-meal"]


def test_same_url_with_tracking_parameters_is_the_same_story() -> None:
    a = _item("a", STORY, url="https://baolamdong.vn/ngo-doc-banh-mi-123.html")
    b = _item(
        "b",
        ["Tin ngắn."],
        title="Khác hẳn",
        url="https://www.baolamdong.vn/ngo-doc-banh-mi-123.html/?utm_source=zalo#x",
    )
    assert cluster([a, b]) == {"a": "a", "b": "a"}


def test_same_source_repeating_a_headline_joins_within_seven_days_only() -> None:
    title = "Lâm Đồng công bố kết quả xét nghiệm vụ ngộ độc bánh mì"
    first = _item("d1", ["Kết quả sơ bộ."], title=title)
    repeat = _item("d3", ["Kết quả đầy đủ đã được công bố."], title=title, hours=48)
    much_later = _item("d20", ["Một tin khác, cùng tiêu đề."], title=title, hours=20 * 24)
    stories = cluster([first, repeat, much_later])
    assert stories["d3"] == "d1"
    assert stories["d20"] == "d20"


def test_story_id_is_the_earliest_published_item_whatever_the_input_order() -> None:
    late = _item("late", [*STORY, "PV"], source="Báo B", hours=5)
    early = _item("early", [*STORY, "Theo TTXVN"], source="Báo A", hours=1)
    assert cluster([late, early]) == {"late": "early", "early": "early"}


def test_incremental_clusterer_keeps_story_ids_stable_and_ignores_repeats() -> None:
    clusterer = StoryClusterer()
    first = clusterer.add(_item("first", STORY))
    assert (first.story_id, first.reason) == ("first", "new")
    copy = clusterer.add(_item("copy", [*STORY, ADDED], source="VOV", hours=2))
    assert copy.story_id == "first"
    assert copy.reason == "near"
    assert copy.similarity is not None and copy.similarity > 0.5
    again = clusterer.add(_item("copy", ["tin đã có"], source="VOV"))
    assert again.reason == "known"
    other = clusterer.add(_item("other", OTHER, title="Học sinh nôn ói", hours=50))
    assert other.story_id == "other"
    assert clusterer.assignments() == {"first": "first", "copy": "first", "other": "other"}
    [story] = [s for s in clusterer.stories() if s.story_id == "first"]
    assert story.first_item_id == "first"
    assert story.sources == ["báo lâm đồng", "vov"]
    assert story.syndication_count == 1


def test_bylines_and_captions_at_either_end_are_not_part_of_the_body() -> None:
    text = "Ảnh: Toàn cảnh hội nghị.\n\n" + "\n\n".join(STORY) + "\n\nTheo TTXVN\n\nMinh Anh"
    assert body_paragraphs(text) == STORY


def test_fixture_file_groups_copies_and_keeps_template_stories_apart() -> None:
    items, _ = split_items(read_jsonl(DATA / "items_small.jsonl"))
    stories = cluster(items)
    assert stories["vtc-002"] == stories["3"] == "qn-001"
    assert stories["na-008"] == "na-004"
    assert stories["ht-006"] == "ht-006"
    assert stories["hn-010"] == "hn-010"


def test_fingerprints_survive_storage_and_rebuild_the_same_stories() -> None:
    from dataclasses import replace

    from ttcs.monitoring.pipeline.dedup import signature_from_bytes

    first = StoryClusterer()
    fingerprints = [
        first.fingerprint(_item("orig", STORY)),
        first.fingerprint(_item("copy", [*STORY, ADDED], source="VOV", hours=1)),
    ]
    # What a database would keep and load back.
    stored = [
        replace(fp, signature=signature_from_bytes(fp.signature_bytes())) for fp in fingerprints
    ]
    second = StoryClusterer()
    for fp in stored:
        second.add_fingerprint(fp)
    assert second.assignments() == {"orig": "orig", "copy": "orig"}


def test_band_index_finds_exactly_the_candidates_datasketch_finds() -> None:
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from ttcs.monitoring.pipeline.dedup import _SCHEME, BandIndex

    rng = np.random.default_rng(7)
    lsh = MinHashLSH(threshold=0.25, num_perm=128)
    index = BandIndex(lsh.b, lsh.r)
    index.MERGE_EVERY = 37  # exercise merged and pending entries alike
    signatures = []
    for i in range(600):
        if i % 3 and signatures:  # an edited copy of an earlier item: most values redrawn
            base = signatures[int(rng.integers(len(signatures)))].copy()
            changed = rng.random(128) < rng.uniform(0.5, 0.9)
            base[changed] = rng.integers(0, 2**32, size=int(changed.sum()), dtype=np.uint32)
            signatures.append(base)
        else:
            signatures.append(rng.integers(0, 2**32, size=128, dtype=np.uint32))
    for number, signature in enumerate(signatures):
        expected = {
            int(k) for k in lsh.query(MinHash(num_perm=128, hashvalues=signature, scheme=_SCHEME))
        }
        assert index.query(signature) == expected
        lsh.insert(str(number), MinHash(num_perm=128, hashvalues=signature, scheme=_SCHEME))
        index.insert(number, signature)
    assert len(index) == 600
    # Planted copies share bands: the index is not trivially empty.
    assert sum(len(index.query(s)) > 1 for s in signatures) > 100
