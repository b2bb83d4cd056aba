"""Ingest (dedup into stories, idempotent), search (accent-insensitive and accent-aware, boolean,
filters, highlight), label corrections, alerts — against the real database backend."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ttcs.monitoring import actions
from ttcs.monitoring.alerts import check_rules, detect_trend_alerts
from ttcs.monitoring.ingest import ingest_items, reset_cluster_cache
from ttcs.monitoring.models import Alert, AlertRule, Article, SentimentLabel, Source, Story
from ttcs.monitoring.search import Filters, search

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
BODY = (
    "Sáng nay, Ủy ban nhân dân thành phố Cần Thơ tổ chức hội nghị triển khai chính sách hỗ trợ "
    "người dân bị ảnh hưởng bởi sạt lở bờ sông tại phường Thốt Nốt. Theo báo cáo của Sở Nông "
    "nghiệp và Môi trường, đã có 11 căn nhà bị cuốn trôi, 2 người bị thương. Thành phố quyết định "
    "hỗ trợ khẩn cấp mỗi hộ 50 triệu đồng và bố trí chỗ ở tạm cho các gia đình.\n\n"
    "Người dân phản ánh công trình kè chống sạt lở chậm tiến độ ba năm."
)


def _item(
    i: int,
    *,
    title: str,
    text: str = BODY,
    source: str = "Báo Tây Đô",
    url: str | None = None,
    hours: int = 0,
) -> dict[str, str]:
    return {
        "id": f"x-{i}",
        "url": url or f"https://baotaydo.example.vn/bai-{i}.html?utm_source=fb",
        "source": source,
        "title": title,
        "text": text,
        "published_at": (
            dt.datetime(2026, 11, 21, 8, 0, tzinfo=VN) + dt.timedelta(hours=hours)
        ).isoformat(),
    }


@pytest.fixture(autouse=True)
def _fresh_cluster_cache() -> None:
    reset_cluster_cache()


def test_reingesting_adds_nothing_and_copies_share_a_story() -> None:
    items = [
        _item(1, title="Cần Thơ hỗ trợ khẩn cấp người dân vùng sạt lở Thốt Nốt"),
        # A syndicated copy elsewhere, headline rewritten, a paragraph dropped.
        _item(
            2,
            title="Hỗ trợ 50 triệu đồng mỗi hộ bị sạt lở ở Thốt Nốt",
            source="Tin Nhanh Việt",
            url="https://tinnhanhviet.example.vn/ho-tro-sat-lo.html",
            text=BODY.split("\n\n")[0],
            hours=2,
        ),
        # The same URL with a tracking parameter: the same item.
        _item(
            3,
            title="Cần Thơ hỗ trợ khẩn cấp người dân vùng sạt lở Thốt Nốt",
            url="https://baotaydo.example.vn/bai-1.html?fbclid=abc",
        ),
        _item(
            4,
            title="Khai mạc lễ hội Oóc Om Bóc tại Cần Thơ",
            text=(
                "Tối 20/11, lễ hội Oóc Om Bóc của đồng bào Khmer được tổ chức trang trọng "
                "với nhiều "
                "hoạt động văn hóa, thể thao đặc sắc, thu hút hàng nghìn người dân và du khách. "
            )
            * 3,
            hours=5,
        ),
    ]
    first = ingest_items(items)
    assert (first.items, first.new, first.duplicates) == (4, 3, 1)
    assert first.stories == 2
    story_of = dict(Article.objects.values_list("external_id", "story__key"))
    assert story_of["x-1"] == story_of["x-2"] != story_of["x-4"]
    story = Story.objects.get(key=story_of["x-1"])
    assert (story.article_count, story.source_count) == (2, 2)
    again = ingest_items(items)
    assert (again.new, again.stories, again.duplicates) == (0, 0, 4)
    assert Article.objects.count() == 3


def test_later_copy_joins_the_story_of_an_earlier_run() -> None:
    ingest_items([_item(1, title="Cần Thơ hỗ trợ khẩn cấp người dân vùng sạt lở Thốt Nốt")])
    reset_cluster_cache()  # a new process: the clusterer is rebuilt from stored fingerprints
    ingest_items(
        [
            _item(
                2,
                title="Thốt Nốt: mỗi hộ bị sạt lở được hỗ trợ 50 triệu đồng",
                source="Báo Dân Sinh",
                url="https://dansinh.example.vn/a.html",
                hours=3,
            )
        ]
    )
    assert Story.objects.count() == 1
    assert Story.objects.get().article_count == 2


def test_search_without_accents_finds_accented_and_exact_ranks_first() -> None:
    ingest_items(
        [
            _item(1, title="Chính sách hỗ trợ người dân vùng sạt lở"),
            _item(
                2,
                title="Chinh sach moi ve dat dai",
                text="Bai viet khong dau ve chinh sach dat dai "
                "va quy hoach cua thanh pho, nhieu noi dung moi can luu y. " * 4,
                url="https://a.example.vn/2.html",
                source="Diễn đàn",
            ),
        ]
    )
    folded = search("chinh sach")
    assert {h.article.external_id for h in folded} == {"x-1", "x-2"}
    accented = search("chính sách")
    assert accented[0].article.external_id == "x-1"
    assert "<mark>" in accented[0].snippet
    # đ folds to d: "dat dai" finds "đất đai" and the other way round.
    assert {h.article.external_id for h in search("đất đai")} == {"x-2"}


def test_phrase_boolean_and_filters() -> None:
    ingest_items(
        [
            _item(1, title="Sạt lở bờ sông Hậu"),
            _item(
                2,
                title="Lễ hội Oóc Om Bóc",
                text="Lễ hội truyền thống với đua ghe ngo sôi nổi. " * 8,
                url="https://b.example.vn/2.html",
                source="Khác",
            ),
        ]
    )
    assert {h.article.external_id for h in search('"sạt lở" OR "đua ghe"')} == {"x-1", "x-2"}
    assert {h.article.external_id for h in search("lễ hội -ghe")} == set()
    assert {h.article.external_id for h in search('"bờ sông hậu"')} == {"x-1"}
    late = Filters(since=dt.datetime(2026, 11, 22, tzinfo=VN))
    assert search("sạt lở", filters=late) == []
    landslide = {h.article.external_id: h.article.sentiment for h in search("sạt lở")}
    assert landslide, "the landslide article must be found before filtering by tone"
    for tone in set(landslide.values()):
        hits = search("sạt lở", filters=Filters(sentiments=[tone]))
        assert {h.article.external_id for h in hits} == {
            k for k, v in landslide.items() if v == tone
        }
    other = next(
        t for t in ("positive", "neutral", "negative", "mixed") if t not in landslide.values()
    )
    assert search("sạt lở", filters=Filters(sentiments=[other])) == []


def test_officer_label_correction_is_kept_with_who_and_when(org) -> None:
    source = actions.create_source(
        owner_agency=org.dept_a1,
        name="Báo A",
        kind="feed",
        url="https://a.example.vn/rss",
        acting_user=org.dept_officer,
    )
    ingest_items([_item(1, title="Sạt lở bờ sông")], source=source)
    article = Article.objects.get()
    actions.correct_sentiment(article=article, label="mixed", acting_user=org.dept_officer)
    label = SentimentLabel.objects.get()
    assert (label.label, label.labelled_by) == ("mixed", org.dept_officer)
    article.refresh_from_db()
    assert (article.sentiment, article.sentiment_by) == ("mixed", "officer")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.correct_sentiment(article=article, label="positive", acting_user=org.outsider)
    assert not Article.objects.visible_to(org.outsider).filter(pk=article.pk).exists()


def test_rule_alerts_once_per_hour_and_trend_alert_on_burst(
    org, django_capture_on_commit_callbacks
) -> None:
    source = Source.objects.create(
        owner_agency=org.province_a, name="Báo A", kind="feed", url="https://a.example.vn/rss"
    )
    actions.save_alert_rule(
        agency=org.province_a,
        acting_user=org.province_leader,
        name="Sạt lở",
        query="sat lo",
        min_count=2,
        email=False,
        webhook_url="",
        active=True,
        sentiment="",
    )
    base = dt.datetime(2026, 11, 1, 9, 0, tzinfo=VN)
    quiet = [
        {
            "id": f"q{d}-{k}",
            "url": f"https://a.example.vn/q{d}-{k}.html",
            "source": f"Báo {k}",
            "title": f"Tin thường ngày số {d}-{k} về {['lúa', 'giao thông', 'lễ hội'][k % 3]}",
            "text": f"Nội dung bình thường số {d} {k} về đời sống dân cư, sản xuất, học tập. " * 6,
            "published_at": (base + dt.timedelta(days=d, hours=k)).isoformat(),
        }
        for d in range(18)
        for k in range(3)
    ]
    burst = [
        {
            "id": f"b{k}",
            "url": f"https://a.example.vn/b{k}.html",
            "source": f"Báo {k % 6}",
            "title": f"Sạt lở nghiêm trọng, {k + 3} căn nhà bị cuốn trôi trong đêm số {k}",
            "text": f"Vụ sạt lở số {k} gây thiệt hại nặng, người dân bức xúc vì kè chậm tiến độ, "
            f"nhiều hộ mất nhà cửa tài sản, chính quyền chưa kịp di dời. " * 4,
            "published_at": (base + dt.timedelta(days=18, hours=8, minutes=5 * k)).isoformat(),
        }
        for k in range(20)
    ]
    ingest_items(quiet + burst, source=source)
    now = base + dt.timedelta(days=19)
    assert detect_trend_alerts(now=now) > 0
    assert detect_trend_alerts(now=now) == 0  # repeated detection stores nothing new
    kinds = set(Alert.objects.values_list("kind", flat=True))
    assert {"spike", "negative_surge"} <= kinds
    with django_capture_on_commit_callbacks(execute=True):
        assert check_rules() == 1
    AlertRule.objects.update(last_checked_at=None)
    assert check_rules() == 0  # the same hour: rate limited
    assert org.province_leader.notifications.filter(subject__startswith="Sạt lở").exists()


def test_ingest_skips_bad_lines_through_cli(tmp_path: Path, capsys) -> None:
    from ttcs.monitoring.cli_db import main_ingest

    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps(_item(1, title="Sạt lở bờ sông"), ensure_ascii=False)
        + "\n{oops\n"
        + json.dumps({"id": "z", "title": ""})
        + "\n",
        encoding="utf-8",
    )
    assert main_ingest([str(path)]) == 0
    out, err = capsys.readouterr()
    summary = json.loads(out)
    assert summary["items"] == 1 and summary["new"] == 1
    assert "dòng 2" in err and "dòng 3" in err
    assert main_ingest([str(tmp_path / "missing.jsonl")]) == 2


@pytest.mark.django_db(transaction=True)
def test_ingest_killed_mid_run_loses_and_duplicates_nothing(monkeypatch) -> None:
    from ttcs.monitoring import ingest

    items = [
        _item(
            i,
            title=f"Tin số {i}: hội nghị về chính sách số {i}",
            text=f"Nội dung riêng của tin {i}, khác hẳn các tin khác về chủ đề {i * 7}. " * 6,
            url=f"https://a.example.vn/{i}.html",
        )
        for i in range(30)
    ]
    monkeypatch.setattr(ingest, "BATCH", 10)
    real = ingest.Enricher.classify
    calls = {"n": 0}

    def dying(self, title: str, text: str = ""):
        calls["n"] += 1
        if calls["n"] == 15:  # the worker dies in the middle of the second batch
            raise RuntimeError("worker killed")
        return real(self, title, text)

    monkeypatch.setattr(ingest.Enricher, "classify", dying)
    ingest.reset_enricher()
    with pytest.raises(RuntimeError):
        ingest_items(items)
    assert Article.objects.count() == 10  # the first batch committed, the second rolled back
    monkeypatch.setattr(ingest.Enricher, "classify", real)
    reset_cluster_cache()
    summary = ingest_items(items)
    assert (summary.new, summary.duplicates) == (20, 10)
    assert Article.objects.count() == 30
    assert Article.objects.values("url_hash").distinct().count() == 30


def test_clusterer_memory_is_bounded_by_the_window(monkeypatch) -> None:
    from ttcs.monitoring import ingest

    monkeypatch.setattr(ingest, "BATCH", 10)
    start = dt.datetime(2026, 1, 1, 9, tzinfo=VN)
    items = [
        {
            "id": f"d{i}",
            "url": f"https://a.example.vn/d{i}.html",
            "source": "Báo A",
            "title": f"Bản tin ngày số {i} về chủ đề riêng {i * 13}",
            "text": f"Nội dung riêng biệt của ngày {i}, mã {i * 7919}, không trùng ngày khác. " * 6,
            "published_at": (start + dt.timedelta(days=i)).isoformat(),
        }
        for i in range(150)
    ]
    ingest_items(items)
    assert Article.objects.count() == 150
    # Two 30-day windows at most (plus the batch in flight), not the 150 days of history.
    assert len(ingest._CACHE.clusterer) <= 2 * 30 + 10


def test_a_broad_query_ranks_its_newest_matches(monkeypatch) -> None:
    from ttcs.monitoring import search as search_module

    monkeypatch.setattr(search_module, "RERANK_POOL", 3)
    monkeypatch.setattr(search_module, "CANDIDATES", 4)
    dense = "Sạt lở sạt lở sạt lở bờ sông, sạt lở kè, sạt lở nhà dân. " * 4
    items = [_item(1, title="Sạt lở nghiêm trọng", text=dense, hours=-24 * 40)]  # old, strong
    items += [
        _item(10 + i, title=f"Tin địa phương số {i}", url=f"https://c.example.vn/{i}.html", hours=i)
        for i in range(4)
    ]
    ingest_items(items)
    # Five matches, four candidates: the 40-day-old one, the best match, is left out ...
    recent = search("sạt lở", limit=3)
    assert len(recent) == 3
    assert "x-1" not in {h.article.external_id for h in recent}
    # ... but a query with fewer matches is ranked over the whole archive,
    assert search('"sạt lở kè"', limit=3)[0].article.external_id == "x-1"
    # and so is one whose own time filter leaves fewer.
    old = Filters(
        since=dt.datetime(2026, 10, 1, tzinfo=VN), until=dt.datetime(2026, 10, 20, tzinfo=VN)
    )
    assert [h.article.external_id for h in search("sạt lở", filters=old, limit=3)] == ["x-1"]
