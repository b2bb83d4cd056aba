"""Seeded generator of realistic Vietnamese public-affairs news for the monitoring benchmarks.

Emits items in the monitoring input format (JSON lines) together with their ground truth:
story membership (edited copies across sources), sentiment, topics, localities, and injected
bursts for the trend detector. Same seed, same output.

    python bench/monitoring_generator.py --stories 300 --out items.jsonl --truth truth.json
    python bench/monitoring_generator.py --stream-weeks 4 --out stream.jsonl --truth bursts.json
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import string
import sys
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

import monitoring_vocab as V

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SENTIMENTS = ("positive", "neutral", "negative", "mixed")
TOPIC_IDS = tuple(V.TOPICS)


# ---------------------------------------------------------------------------------------------
# Places, from the vietnamadminunits package data
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Province:
    short: str
    level: str  # "tỉnh" | "thành phố"
    current: str  # the 2025 province it belongs to now
    communes: tuple[str, ...]  # "Phường X", "Xã Y" of the current province


@lru_cache(maxsize=1)
def provinces() -> tuple[list[Province], list[Province]]:
    """(current 34, former-only names) with the communes of the current province."""
    import vietnamadminunits

    data_dir = Path(vietnamadminunits.__file__).resolve().parent / "data"
    new = json.loads((data_dir / "parser_from_2025.json").read_text(encoding="utf-8"))
    legacy = json.loads((data_dir / "parser_legacy.json").read_text(encoding="utf-8"))
    merges = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    wards = new["DICT_PROVINCE_WARD_NO_ACCENTED"]
    current: list[Province] = []
    short_of_new: dict[str, str] = {}
    for key, info in new["DICT_PROVINCE"].items():
        communes = tuple(w["ward"] for w in wards.get(key, {}).values())
        level = "thành phố" if info["province"].startswith("Thành phố") else "tỉnh"
        current.append(Province(info["provinceShort"], level, info["provinceShort"], communes))
        short_of_new[key] = info["provinceShort"]
    current_names = {p.short for p in current}
    by_short = {p.short: p for p in current}
    former: list[Province] = []
    for new_key, old_keys in merges["DICT_PROVINCE"].items():
        for old_key in old_keys:
            info = legacy["DICT_PROVINCE"][old_key]
            if info["provinceShort"] in current_names:
                continue
            level = "thành phố" if info["province"].startswith("Thành phố") else "tỉnh"
            successor = by_short[short_of_new[new_key]]
            former.append(
                Province(info["provinceShort"], level, successor.short, successor.communes)
            )
    return current, former


# ---------------------------------------------------------------------------------------------
# Stories
# ---------------------------------------------------------------------------------------------


@dataclass
class StoryPlan:
    story_id: str
    topic: str
    sentiment: str
    province: Province
    title: str
    paragraphs: list[str]
    slots: dict[str, str]
    title_index: int
    lead_index: int
    localities: list[str]


@dataclass
class GeneratedItem:
    id: str
    url: str
    source: str
    title: str
    text: str
    published_at: str
    tier: str

    def as_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


@dataclass
class Truth:
    story: str
    sentiment: str
    topics: list[str]
    localities: list[str]
    edits: list[str] = field(default_factory=list)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def slugify(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in folded if c in string.ascii_letters + string.digits + " ")
    return re.sub(r"\s+", "-", ascii_text.strip().lower())[:80]


class NewsGenerator:
    """Deterministic generator of stories, syndicated copies and streams (see module docstring)."""

    def __init__(self, seed: int = 7, start: datetime | None = None) -> None:
        self.rng = random.Random(seed)
        self.start = start or datetime(2026, 1, 5, 6, 0, tzinfo=VN_TZ)
        self.current, self.former = provinces()
        self._story_no = 0
        self._item_no = 0

    # -- slot values ------------------------------------------------------------------------

    def person(self) -> str:
        r = self.rng
        return f"{r.choice(V.SURNAMES)} {r.choice(V.MIDDLE)} {r.choice(V.GIVEN)}"

    def number(self) -> str:
        r = self.rng
        scale = r.choice([10, 100, 1000, 10000])
        return _thousands(r.randint(scale // 5 + 2, scale * 5))

    def money(self) -> str:
        r = self.rng
        unit = r.choice(["tỷ đồng", "tỷ đồng", "triệu đồng", "nghìn tỷ đồng"])
        value = r.randint(2, 950)
        if unit == "nghìn tỷ đồng":
            return f"{r.randint(1, 9)},{r.randint(1, 9)} {unit}"
        return f"{_thousands(value)} {unit}"

    def date(self) -> str:
        return f"{self.rng.randint(1, 28)}/{self.rng.randint(1, 12)}"

    def when(self) -> str:
        return f"{self.rng.choice(['Ngày', 'Sáng', 'Chiều', 'Tối', 'Trưa'])} {self.date()}"

    def place(self, province: Province) -> str:
        r = self.rng
        if province.communes and r.random() < 0.5:
            return r.choice(province.communes).split(" ", 1)[1]
        return r.choice(V.HERO_NAMES)

    def fill(self, template: str, slots: dict[str, str], province: Province) -> str:
        """Fill a template; story-level facts come from ``slots``, the rest are drawn fresh."""
        r = self.rng
        template = re.sub(r"^\{date\}", "{when}", template)

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in slots:
                return slots[name]
            fresh = {
                "num": self.number,
                "small": lambda: str(r.randint(2, 12)),
                "pct": lambda: f"{r.randint(40, 99)},{r.randint(1, 9)}%",
                "money": self.money,
                "date": self.date,
                "when": self.when,
                "month": lambda: str(r.randint(1, 12)),
                "year": lambda: str(r.choice([2025, 2026])),
                "place": lambda: self.place(province),
                "person": self.person,
            }.get(name)
            return fresh() if fresh else match.group(0)

        text = re.sub(r"\{(\w+)\}", value, template)
        return text[0].upper() + text[1:] if text else text

    def story_slots(self, topic: str, province: Province) -> dict[str, str]:
        r = self.rng
        spec = V.TOPICS[topic]
        agencies: list[str] = spec["agency"]  # type: ignore[assignment]
        agency = r.choice(agencies)
        commune = (
            r.choice(province.communes) if province.communes else f"xã {r.choice(V.HERO_NAMES)}"
        )
        commune = commune[0].lower() + commune[1:]
        official_position = r.choice(V.POSITIONS).format(
            level=province.level,
            province=province.short,
            agency=f"{agency} {province.short}",
            party="Tỉnh ủy" if province.level == "tỉnh" else "Thành ủy",
        )
        hero = r.choice(V.HERO_NAMES)
        commune_short = commune.split(" ", 1)[1]
        return {
            "province": province.short,
            "level": province.level,
            "commune": f"{commune}",
            "agency": f"{agency} {province.short}" if r.random() < 0.5 else agency,
            "official": f"ông {self.person()}, {official_position}"
            if r.random() < 0.7
            else f"bà {self.person()}, {official_position}",
            "road": r.choice(
                [
                    f"Quốc lộ {r.randint(1, 60)}",
                    f"đường {hero}",
                    f"tỉnh lộ {r.randint(2, 900)}",
                    f"cao tốc đoạn qua {commune_short}",
                ]
            ),
            "school": r.choice(
                [f"Trường THCS {hero}", f"Trường THPT {hero}", f"Trường Tiểu học {commune_short}"]
            ),
            "hospital": r.choice(
                [
                    f"Bệnh viện Đa khoa {province.short}",
                    f"Bệnh viện Nhi {province.short}",
                    f"Trung tâm Y tế khu vực {commune_short}",
                ]
            ),
            "project": r.choice(
                [
                    f"khu đô thị mới {commune_short}",
                    f"khu công nghiệp {commune_short}",
                    f"đường ven sông {hero}",
                    f"khu dân cư {hero}",
                ]
            ),
            "company": r.choice(["Công ty TNHH ", "Công ty cổ phần ", "Tập đoàn "])
            + r.choice(
                [
                    "Minh Long",
                    "Phú An",
                    "Sao Việt",
                    "Hưng Thịnh Phát",
                    "Trường Sơn",
                    "Đại Dương Xanh",
                    "Kim Phát",
                    "Tân Á",
                    "Hòa Bình Xanh",
                    "Nam Tiến",
                ]
            ),
            "reporter": self.person(),
        }

    def _sentence_pool(self, topic: str, sentiment: str) -> list[tuple[str, str]]:
        spec_sentences: dict[str, list[str]] = V.TOPICS[topic]["sentences"]  # type: ignore[assignment]
        pool: list[tuple[str, str]] = []
        polarities = {
            "positive": ["positive"],
            "negative": ["negative"],
            "neutral": [],
            "mixed": ["positive", "negative"],
        }[sentiment]
        for polarity in ["neutral", *polarities]:
            pool += [(polarity, s) for s in spec_sentences[polarity]]
            pool += [(polarity, s) for s in V.GENERIC[polarity]]
        return pool

    _CONNECTIVES = [
        "",
        "",
        "",
        "",
        "Bên cạnh đó, ",
        "Đáng chú ý, ",
        "Cũng theo {agency}, ",
        "Được biết, ",
        "Ngoài ra, ",
        "Trong khi đó, ",
    ]

    def composed_sentence(self, topic: str, slots: dict[str, str], province: Province) -> str:
        """A sentence assembled from parts, so distinct stories word their details differently."""
        r = self.rng
        if r.random() < 0.6:
            obj = r.choice(
                ["các đơn vị", "{agency}", "các xã, phường", "chủ đầu tư", "các sở, ngành"]
            )
            template = (
                f"{r.choice(V.SUBJECTS)} {r.choice(V.DIRECTIVE_VERBS)} {obj} "
                f"{r.choice(V.ACTIONS)} {r.choice(V.DEADLINES)}"
            ).rstrip() + "."
        else:
            subject = r.choice(
                ["{agency}", "toàn {level}", "{commune}", "các địa phương", "bộ phận chuyên môn"]
            )
            template = (
                f"{r.choice(V.FACT_OPENERS)}, {subject} {r.choice(V.FACT_VERBS)} {{num}} "
                f"{r.choice(V.TOPIC_NOUNS[topic])}{r.choice(V.FACT_TAILS)}."
            )
        return self._sentence(template, slots, province)

    def _vary(self, text: str) -> str:
        # Each outlet and reporter words things a little differently.
        for old, new in V.SYNONYMS:
            if self.rng.random() < 0.15 and f" {old} " in text:
                text = text.replace(f" {old} ", f" {new} ", 1)
        return text

    def _sentence(self, template: str, slots: dict[str, str], province: Province) -> str:
        connective = self.rng.choice(self._CONNECTIVES)
        body = self._vary(self.fill(template, slots, province))
        if connective:
            connective = self.fill(connective, slots, province)
            keep_capital = len(body) > 1 and body[1].isupper()  # "UBND", "THPT"
            body = connective + (body if keep_capital else body[0].lower() + body[1:])
        return body

    def new_story(
        self,
        topic: str | None = None,
        sentiment: str | None = None,
        province: Province | None = None,
        like: StoryPlan | None = None,
    ) -> StoryPlan:
        """A fresh story; with ``like``, a distinct story built on the same templates and place."""
        r = self.rng
        self._story_no += 1
        if like is not None:
            topic, sentiment, province = like.topic, like.sentiment, like.province
        topic = topic or r.choice(TOPIC_IDS)
        sentiment = sentiment or r.choices(SENTIMENTS, weights=[3, 4, 3, 1])[0]
        if province is None:
            province = r.choice(self.former) if r.random() < 0.2 else r.choice(self.current)
        spec = V.TOPICS[topic]
        slots = self.story_slots(topic, province)
        titles: dict[str, list[str]] = spec["titles"]  # type: ignore[assignment]
        title_polarity = sentiment if sentiment != "mixed" else r.choice(["positive", "negative"])
        title_index = like.title_index if like else r.randrange(len(titles[title_polarity]))
        title = self.fill(titles[title_polarity][title_index], slots, province)
        leads: list[str] = spec["lead"]  # type: ignore[assignment]
        lead_index = like.lead_index if like else r.randrange(len(leads))
        lead = self.fill(leads[lead_index], slots, province)
        pool = self._sentence_pool(topic, sentiment)
        r.shuffle(pool)
        polar = [x for x in pool if x[0] != "neutral"]
        neutral = [x for x in pool if x[0] == "neutral"]
        if sentiment == "mixed":
            # Both sides must be present for the label to be true.
            pos = [x for x in polar if x[0] == "positive"][:2]
            neg = [x for x in polar if x[0] == "negative"][:2]
            polar = pos + neg
        else:
            polar = polar[: r.randint(2, 4)]
        n_paragraphs = r.randint(3, 6)
        n_sentences = n_paragraphs * 2 + r.randint(0, n_paragraphs)
        sentences: list[str] = [self._sentence(t, slots, province) for _, t in polar]
        templated = neutral[: r.randint(1, 3)]
        sentences += [self._sentence(t, slots, province) for _, t in templated]
        while len(sentences) < n_sentences:
            sentences.append(self.composed_sentence(topic, slots, province))
        lead_sentence = (
            sentences.pop(0)
            if sentiment != "neutral"
            else self.composed_sentence(topic, slots, province)
        )
        r.shuffle(sentences)
        paragraphs = [lead + " " + lead_sentence]
        while sentences:
            count = min(len(sentences), r.randint(2, 3))
            paragraphs.append(" ".join(sentences[:count]))
            del sentences[:count]
        quote_polarity = sentiment if sentiment in ("positive", "negative") else "neutral"
        quote = r.choice(V.QUOTES[quote_polarity])
        verb = r.choice(V.QUOTE_VERBS)
        paragraphs.insert(
            r.randint(1, len(paragraphs)),
            f"{slots['official'][0].upper()}{slots['official'][1:]} {verb}: “{quote}”.",
        )
        localities = (
            [province.short]
            if province.short == province.current
            else [province.short, province.current]
        )
        return StoryPlan(
            story_id=f"s{self._story_no:05d}",
            topic=topic,
            sentiment=sentiment,
            province=province,
            title=title,
            paragraphs=paragraphs,
            slots=slots,
            title_index=title_index,
            lead_index=lead_index,
            localities=localities,
        )

    # -- items and copies -------------------------------------------------------------------

    def _url(self, domain: str, title: str, tracking: bool) -> str:
        r = self.rng
        self._item_no += 1
        url = f"https://{domain}/{slugify(title)}-{r.randint(10**6, 10**7)}{self._item_no}.html"
        if tracking:
            url += r.choice(
                ["?utm_source=facebook&utm_medium=social", "?fbclid=IwAR0abc", "?zarsrc=30"]
            )
        return url

    def _byline(self) -> str:
        r = self.rng
        if r.random() < 0.6:
            return r.choice(V.REPORTERS_PREFIX) + self.person()
        return r.choice(V.CREDITS)

    def render(
        self,
        story: StoryPlan,
        source: tuple[str, str, str],
        when: datetime,
        *,
        title: str | None = None,
        paragraphs: list[str] | None = None,
    ) -> GeneratedItem:
        name, domain, tier = source
        paras = list(paragraphs if paragraphs is not None else story.paragraphs)
        if self.rng.random() < 0.3:
            paras.insert(1, self.rng.choice(V.PHOTO_CAPTIONS))
        paras.append(self._byline())
        headline = title or story.title
        return GeneratedItem(
            id=f"{slugify(name)[:12]}-{self._item_no + 1:06d}",
            url=self._url(domain, headline, tracking=self.rng.random() < 0.2),
            source=name,
            title=headline,
            text="\n\n".join(paras),
            published_at=when.isoformat(timespec="seconds"),
            tier=tier,
        )

    def rewrite_headline(self, story: StoryPlan) -> str:
        r = self.rng
        spec_titles: dict[str, list[str]] = V.TOPICS[story.topic]["titles"]  # type: ignore[assignment]
        choice = r.random()
        if choice < 0.4:
            polarity = story.sentiment if story.sentiment != "mixed" else "neutral"
            return self.fill(r.choice(spec_titles[polarity]), story.slots, story.province)
        if choice < 0.7:
            return r.choice(V.HEADLINE_PREFIXES[4:]) + story.title
        words = story.title.split()
        cut = max(4, len(words) * 2 // 3)
        return " ".join(words[:cut])

    def edit_copy(
        self, story: StoryPlan, base: list[str]
    ) -> tuple[str | None, list[str], list[str]]:
        """A light edit as re-publishing sites make: returns (title or None, paragraphs, edits)."""
        r = self.rng
        paragraphs = list(base)
        edits = []
        title = None
        operations = r.sample(
            ["headline", "add", "remove", "synonyms", "truncate", "reorder", "sapo"],
            k=r.choice([1, 2, 2, 3]),
        )
        for op in operations:
            if op == "headline":
                title = self.rewrite_headline(story)
            elif op == "add":
                pool = self._sentence_pool(story.topic, story.sentiment)
                extra = " ".join(
                    self._sentence(s, story.slots, story.province)
                    for _, s in r.sample(pool, k=min(len(pool), r.randint(2, 3)))
                )
                paragraphs.insert(r.randint(1, len(paragraphs)), extra)
            elif op == "remove" and len(paragraphs) > 3:
                del paragraphs[r.randint(1, len(paragraphs) - 1)]
            elif op == "truncate" and len(paragraphs) > 3:
                paragraphs = paragraphs[: max(3, math.ceil(len(paragraphs) * 0.6))]
            elif op == "sapo":
                leads: list[str] = V.TOPICS[story.topic]["lead"]  # type: ignore[assignment]
                paragraphs[0] = (
                    self.fill(r.choice(leads), story.slots, story.province)
                    + " "
                    + self.composed_sentence(story.topic, story.slots, story.province)
                )
            elif op == "reorder" and len(paragraphs) > 3:
                i = r.randint(1, len(paragraphs) - 2)
                paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
            elif op == "synonyms":
                text = "\n".join(paragraphs)
                for old, new in r.sample(V.SYNONYMS, k=3):
                    text = text.replace(f" {old} ", f" {new} ", r.randint(1, 3))
                paragraphs = text.split("\n")
            else:
                continue
            edits.append(op)
        edits.append("byline")
        return title, paragraphs, edits

    def corpus(
        self,
        n_stories: int = 300,
        copies: tuple[int, int] = (0, 5),
        sibling_rate: float = 0.3,
        exact_repost_rate: float = 0.03,
    ) -> tuple[list[GeneratedItem], dict[str, Truth]]:
        """Stories with syndicated copies and look-alike sibling stories, in time order.

        ``sibling_rate``: share of stories built on the same templates, topic and province as an
        earlier story (different facts): these must not be merged. ``copies``: range of edited
        copies per story on other sources.
        """
        r = self.rng
        items: list[tuple[datetime, GeneratedItem]] = []
        truth: dict[str, Truth] = {}
        plans: list[StoryPlan] = []
        clock = self.start
        for _ in range(n_stories):
            like = r.choice(plans) if plans and r.random() < sibling_rate else None
            story = self.new_story(like=like)
            plans.append(story)
            clock += timedelta(minutes=r.randint(5, 90))
            sources = r.sample(V.SOURCES, k=min(len(V.SOURCES), 1 + r.randint(*copies)))
            when = clock
            original = self.render(story, sources[0], when)
            items.append((when, original))
            truth[original.id] = Truth(
                story.story_id, story.sentiment, [story.topic], story.localities
            )
            if r.random() < exact_repost_rate:
                repost = GeneratedItem(
                    **{
                        **asdict(original),
                        "id": original.id + "-r",
                        "url": original.url.split("?")[0] + "?utm_source=zalo",
                    }
                )
                items.append((when + timedelta(hours=2), repost))
                truth[repost.id] = Truth(
                    story.story_id, story.sentiment, [story.topic], story.localities, ["repost"]
                )
            base = story.paragraphs
            for source in sources[1:]:
                when = when + timedelta(minutes=r.randint(10, 600))
                title, paragraphs, edits = self.edit_copy(story, base)
                copy = self.render(story, source, when, title=title, paragraphs=paragraphs)
                items.append((when, copy))
                truth[copy.id] = Truth(
                    story.story_id, story.sentiment, [story.topic], story.localities, edits
                )
        items.sort(key=lambda pair: pair[0])
        return [item for _, item in items], truth

    # -- streams with bursts ----------------------------------------------------------------

    def stream(
        self,
        weeks: int = 4,
        base_per_hour: float = 0.45,
        bursts_per_week: int = 6,
        burst_scale: tuple[float, float] = (0.5, 3.0),
        min_burst: int = 8,
        negative_surges_per_week: int = 2,
    ) -> tuple[list[GeneratedItem], list[dict[str, object]], dict[str, Truth]]:
        """A multi-week stream with weekly and daily rhythm and injected bursts.

        Each topic publishes at ``base_per_hour`` × a weekday factor (weekends quieter) × an
        hour-of-day factor (nights quiet), varied per topic. A burst adds, within 1–3 hours,
        ``burst_scale`` times the topic's usual daily volume (at least ``min_burst`` items);
        a negative surge adds negative items the same way. The first week is
        burst-free so detectors have history. Returns (items, bursts, truth).
        """
        r = self.rng
        start = self.start.replace(hour=0, minute=0)
        weekday_factor = [1.15, 1.1, 1.1, 1.05, 1.0, 0.6, 0.5]
        hour_factor = [
            0.15,
            0.1,
            0.1,
            0.1,
            0.2,
            0.5,
            1.0,
            1.5,
            1.8,
            1.8,
            1.7,
            1.5,
            1.1,
            1.2,
            1.5,
            1.6,
            1.5,
            1.3,
            1.0,
            0.9,
            0.8,
            0.6,
            0.4,
            0.25,
        ]
        topic_rate = {t: base_per_hour * r.uniform(0.4, 1.8) for t in TOPIC_IDS}
        hours = weeks * 7 * 24
        counts: dict[tuple[int, str], int] = {}
        for h in range(hours):
            moment = start + timedelta(hours=h)
            for topic in TOPIC_IDS:
                lam = (
                    topic_rate[topic] * weekday_factor[moment.weekday()] * hour_factor[moment.hour]
                )
                counts[(h, topic)] = _poisson(r, lam)
        bursts: list[dict[str, object]] = []
        extra: list[tuple[int, str, str]] = []  # (hour, topic, sentiment)
        for week in range(1, weeks):
            used: set[tuple[str, int]] = set()
            for kind, n in (
                ("spike", bursts_per_week),
                ("negative_surge", negative_surges_per_week),
            ):
                for _ in range(n):
                    topic = r.choice(TOPIC_IDS)
                    day = r.randrange(7)
                    while (topic, day) in used:
                        topic, day = r.choice(TOPIC_IDS), r.randrange(7)
                    used.add((topic, day))
                    h0 = week * 168 + day * 24 + r.randint(7, 20)
                    duration = r.randint(1, 3)
                    daily = sum(
                        topic_rate[topic] * weekday_factor[day % 7] * f for f in hour_factor
                    )
                    scale = r.uniform(*burst_scale)
                    size = max(min_burst, round(daily * scale))
                    for k in range(size):
                        sentiment = (
                            "negative" if kind == "negative_surge" else r.choice(SENTIMENTS[:3])
                        )
                        extra.append((h0 + k * duration // size, topic, sentiment))
                    bursts.append(
                        {
                            "key": f"topic:{topic}",
                            "kind": kind,
                            "start": (start + timedelta(hours=h0)).isoformat(),
                            "hours": duration,
                            "size": size,
                            "scale": round(size / daily, 2),
                        }
                    )
        items: list[tuple[datetime, GeneratedItem]] = []
        truth: dict[str, Truth] = {}
        sources = V.SOURCES
        burst_story: dict[tuple[int, str], StoryPlan] = {}

        def emit(moment: datetime, story: StoryPlan, edited: bool) -> None:
            title, paragraphs, edits = (
                (None, story.paragraphs, [])
                if not edited
                else self.edit_copy(story, story.paragraphs)
            )
            item = self.render(story, r.choice(sources), moment, title=title, paragraphs=paragraphs)
            items.append((moment, item))
            truth[item.id] = Truth(
                story.story_id, story.sentiment, [story.topic], story.localities, edits
            )

        for (h, topic), n in counts.items():
            for _ in range(n):
                moment = start + timedelta(
                    hours=h, minutes=r.randint(0, 59), seconds=r.randint(0, 59)
                )
                emit(moment, self.new_story(topic=topic), edited=False)
        for h, topic, sentiment in extra:
            moment = start + timedelta(hours=h, minutes=r.randint(0, 59), seconds=r.randint(0, 59))
            key = (h // 24, topic + sentiment)
            # A burst is mostly one event retold by many outlets, plus a few related stories.
            if key not in burst_story or r.random() < 0.3:
                burst_story[key] = self.new_story(topic=topic, sentiment=sentiment)
                emit(moment, burst_story[key], edited=False)
            else:
                emit(moment, burst_story[key], edited=True)
        items.sort(key=lambda pair: pair[0])
        return [item for _, item in items], bursts, truth


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method: rates here are small.
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def write_jsonl(items: list[GeneratedItem], path: Path) -> None:
    path.write_text("".join(item.as_json() + "\n" for item in items), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--stream-weeks", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--truth", type=Path)
    args = parser.parse_args(argv)
    gen = NewsGenerator(seed=args.seed)
    if args.stream_weeks:
        items, bursts, truth = gen.stream(weeks=args.stream_weeks)
        extra: object = {"bursts": bursts, "items": {k: asdict(v) for k, v in truth.items()}}
    else:
        items, truth = gen.corpus(n_stories=args.stories)
        extra = {"items": {k: asdict(v) for k, v in truth.items()}}
    write_jsonl(items, args.out)
    if args.truth:
        args.truth.write_text(json.dumps(extra, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(items)} tin → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
