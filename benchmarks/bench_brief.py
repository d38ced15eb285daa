"""Word brief speed: seconds to write brief.docx for N articles (about ten records each).

Builds a seeded run of N articles with realistic records (svodka.model.records dataclasses: roles,
meetings, agreements, memberships, events, quotes over pools of real countries,
organisations, places and names; about one record in five repeats a fact of an earlier
article, so consolidation merges and references cite several sources), three-sentence
summaries and source metadata. Then times the brief exporter alone (consolidation, fact
lines, tables, summaries, sources, saving), best of ``--repeat`` runs.

    python benchmarks/bench_brief.py [--articles 1000] [--seed 7] [--lang ru] [--keep out.docx]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from svodka.model.article import Article
from svodka.model.facts import consolidate
from svodka.model.records import (
    Agreement,
    Event,
    Evidence,
    Meeting,
    Membership,
    Quote,
    Record,
    Role,
)
from svodka.pipeline import ArticleOutcome, Run
from svodka.plugins.exporters.brief import BriefExporter


def _pool(words: str) -> list[str]:
    return words.split()


COUNTRIES = _pool("RU KZ BY UZ KG TJ AM AZ GE MD CN IN IR TR MN RS AE EG SA VN")
ORGS = _pool("SCO CSTO CIS EAEU BRICS UN NATO EU OSCE")
PLACES = _pool("Москва Минск Алматы Астана Ташкент Бишкек Душанбе Ереван Баку Пекин Дели Тегеран")
FIRST = _pool(
    "Андрей Сергей Руслан Виктор Даурен Шавкат Сакен Кабул Нурлан Эмомали Арман Бахтиёр "
    "Алексей Дмитрий Олег Айдар Тимур Рустам Бекзод Гурам Ильхам Самвел Ашот Мурат Ерлан"
)
LAST = _pool(
    "Белоусов Хренин Жаксылыков Косанов Мирзиёев Жасузаков Бердиев Ермекбаев Рахмон Алиев "
    "Папикян Гасанов Садыков Исмаилов Ахмедов Нургалиев Турсунов Каримов Юлдашев Абдуллаев "
    "Мамедов Оганесян Шарипов Бекмуратов Токаев Смирнов Волков Кузнецов Морозов Лебедев"
)
POSTS = ["министр обороны", "президент", "министр иностранных дел", "начальник генштаба", "посол"]
RANKS = [None, None, "генерал-полковник", "генерал-лейтенант", "генерал армии"]
TOPICS = ["военное сотрудничество", "боевая подготовка", "региональная безопасность", "учения"]
KINDS = ["plan", "programme", "agreement", "memorandum", "roadmap"]
EVENTS = ["Взаимодействие", "Айбын", "Поиск", "Эшелон", "Нерушимое братство", "Щит Союза"]
OUTLETS = ["ТАСС", "РИА Новости", "Интерфакс", "BaigeNews.kz", "Kun.uz", "24.kg", "Sputnik"]
SENTENCE = (
    "Министры обороны {a} и {b} обсудили вопросы военного сотрудничества, боевой подготовки и "
    "проведения совместных учений в {y} году, сообщает пресс-служба ведомства."
)


def _date(rng: random.Random) -> str:
    day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365))
    return day.isoformat()


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _record(rng: random.Random, article: str) -> Record:
    two = rng.sample(COUNTRIES, 2)
    kind = rng.choices(
        ["role", "meeting", "agreement", "membership", "event", "quote"], weights=[3, 2, 1, 1, 2, 1]
    )[0]
    if kind == "role":
        return Role(
            article=article,
            person=_person(rng),
            position=rng.choice(POSTS),
            country=two[0],
            rank=rng.choice(RANKS),
        )
    if kind == "meeting":
        return Meeting(
            article=article,
            participants=[_person(rng), _person(rng)],
            countries=two,
            place=rng.choice(PLACES),
            date=_date(rng),
            format="talks",
            topics=rng.sample(TOPICS, 2),
        )
    if kind == "agreement":
        return Agreement(
            article=article,
            kind=rng.choice(KINDS),
            title="план военного сотрудничества",
            parties=two,
            period=str(rng.randrange(2025, 2030)),
            status="signed",
            date=_date(rng),
            place=rng.choice(PLACES),
        )
    if kind == "membership":
        return Membership(
            article=article,
            country=two[0],
            organization=rng.choice(ORGS),
            status=rng.choice(["member", "observer", "dialogue_partner"]),
        )
    if kind == "event":
        return Event(
            article=article,
            name=rng.choice(EVENTS),
            category="учения",
            edition=rng.randrange(1, 20),
            status="held",
            place=rng.choice(PLACES),
            country=two[0],
            date=_date(rng),
            participants=two,
        )
    return Quote(
        article=article,
        speaker=_person(rng),
        text="Наше сотрудничество выходит на новый уровень, и мы продолжим его развивать.",
    )


def build_run(n: int, seed: int, lang: str = "ru") -> Run:
    rng = random.Random(seed)
    outcomes, earlier = [], []
    for i in range(n):
        aid = f"bench-{i:06d}"
        records = []
        for _ in range(rng.randint(7, 13)):
            if earlier and rng.random() < 0.2:  # the same fact told by another article
                copy = rng.choice(earlier)
                records.append(type(copy)(**{**copy.values(), "article": aid}))
            else:
                records.append(_record(rng, aid))
        earlier.extend(records[:3])
        a, b = rng.sample(COUNTRIES, 2)
        text = " ".join(SENTENCE.format(a=a, b=b, y=2025) for _ in range(3))
        article = Article(
            id=aid,
            text=text,
            title=f"Министры обороны {a} и {b} обсудили сотрудничество ({i})",
            outlet=rng.choice(OUTLETS),
            published=_date(rng),
            url=f"https://news.example.org/{i}",
        )
        third = len(text) // 3
        summary = [
            Evidence(k * third, (k + 1) * third, text[k * third : (k + 1) * third])
            for k in range(3)
        ]
        outcomes.append(ArticleOutcome(aid, article, records, summary=summary))
    return Run(outcomes, options={"lang": lang, "template": None})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--lang", choices=["ru", "en"], default="ru")
    ap.add_argument("--keep", type=Path, help="Copy the brief here.")
    args = ap.parse_args()
    run = build_run(args.articles, args.seed, args.lang)
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.docx"
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            BriefExporter().export(run, path)
            times.append(time.perf_counter() - t0)
        size = path.stat().st_size
        if args.keep:
            shutil.copyfile(path, args.keep)
    facts = len(consolidate(run.records))
    print(
        f"run: {len(list(run.articles))} articles, {len(list(run.records))} records, {facts} facts "
        f"(seed {args.seed}, {args.lang})"
    )
    print(
        f"brief.docx: {min(times):.2f} s (best of {args.repeat}; all: "
        f"{', '.join(f'{t:.2f}' for t in times)}), {size / 1e6:.1f} MB"
    )
    if min(times) > 30:
        sys.exit("slower than the 30 s target")


if __name__ == "__main__":
    main()
