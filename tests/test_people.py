"""People and posts over time: merging name variants, holders of a post in order."""

from __future__ import annotations

from svodka.model.people import Post, build, parse_name
from svodka.model.records import Role


def role(person: str, article: str, position: str = "министр обороны", **kw) -> Role:
    kw.setdefault("country", "KZ")
    return Role(article=article, person=person, position=position, **kw)


def holders(people, position="министр обороны", country="KZ", organization=None):
    post = Post(position, country, organization)
    found = next(p for p in people.posts if p.post == post)
    return [(t.person, t.status, t.first, t.last) for t in found.tenures]


# --------------------------------------------------------------------------- names


def test_name_forms() -> None:
    assert parse_name("Сергей Лавров").full
    assert parse_name("Сергей Лавров").key == ("сергей", "лавров")
    short = parse_name("С. В. Лавров")
    assert not short.full and short.initials == ("с", "в") and short.surname == "лавров"
    assert not parse_name("Лавров").full
    assert parse_name("С. Лавров").agrees(parse_name("Сергей Викторович Лавров"))
    assert not parse_name("А. Лавров").agrees(parse_name("Сергей Лавров"))


def test_initials_and_full_name_in_one_article_are_one_person() -> None:
    people = build(
        [
            (role("Ерлан Тулеев", "a1", country="KG"), "2024-03-01"),
            (role("Е. Тулеев", "a1", country="KG"), "2024-03-01"),
        ]
    )
    assert [p.name for p in people.persons] == ["Ерлан Тулеев"]
    assert sorted(people.persons[0].variants) == ["Е. Тулеев", "Ерлан Тулеев"]


def test_same_full_name_across_articles_is_one_person() -> None:
    people = build(
        [
            (role("Ерлан Тулеев", "a1"), "2024-03-01"),
            (role("ерлан тулеев", "a2"), "2024-05-01"),
            (role("Ерлан Тулеев", "a3", position="министр финансов"), "2023-01-10"),
        ]
    )
    assert len(people.persons) == 1
    person = people.persons[0]
    assert [(t.post.position, t.first, t.last) for t in person.tenures] == [
        ("министр обороны", "2024-03-01", "2024-05-01"),
        ("министр финансов", "2023-01-10", "2023-01-10"),
    ]


def test_initials_join_a_full_name_of_another_article_in_the_same_post() -> None:
    people = build(
        [
            (role("Ерлан Тулеев", "a1"), "2024-03-01"),
            (role("Е. Тулеев", "a2"), "2024-06-01"),
        ]
    )
    assert [p.name for p in people.persons] == ["Ерлан Тулеев"]
    assert holders(people) == [("Ерлан Тулеев", "current", "2024-03-01", "2024-06-01")]


def test_initials_stay_apart_in_another_post_or_with_other_initials() -> None:
    people = build(
        [
            (role("Ерлан Тулеев", "a1"), "2024-03-01"),
            (role("Е. Тулеев", "a2", position="министр финансов"), "2024-06-01"),
            (role("А. Тулеев", "a3"), "2024-07-01"),
        ]
    )
    assert sorted(p.name for p in people.persons) == ["А. Тулеев", "Е. Тулеев", "Ерлан Тулеев"]


def test_initials_stay_apart_when_two_full_names_compete() -> None:
    people = build(
        [
            (role("Ерлан Тулеев", "a1"), "2024-03-01"),
            (role("Егор Тулеев", "a2", position="министр финансов"), "2024-03-02"),
            (role("Е. Тулеев", "a3"), "2024-06-01"),
        ]
    )
    assert sorted(p.name for p in people.persons) == ["Е. Тулеев", "Егор Тулеев", "Ерлан Тулеев"]


def test_surname_alone_in_one_article_joins_its_full_name() -> None:
    people = build(
        [
            (role("Ерлан Тулеев", "a1"), "2024-03-01"),
            (role("Тулеев", "a1"), "2024-03-01"),
        ]
    )
    assert [p.name for p in people.persons] == ["Ерлан Тулеев"]


# --------------------------------------------------------------------------- holders


def test_latest_holder_is_current_and_the_earlier_one_former() -> None:
    people = build(
        [
            (role("Марат Сапаров", "old1"), "2019-02-11"),
            (role("Марат Сапаров", "old2"), "2021-06-30"),
            (role("Бауыржан Оспанов", "new"), "2025-10-31"),
        ]
    )
    assert holders(people) == [
        ("Бауыржан Оспанов", "current", "2025-10-31", "2025-10-31"),
        ("Марат Сапаров", "former", "2019-02-11", "2021-06-30"),
    ]


def test_posts_of_other_states_are_other_posts() -> None:
    people = build(
        [
            (role("Марат Сапаров", "a"), "2019-02-11"),
            (role("Иван Петров", "b", country="BY"), "2025-01-01"),
        ]
    )
    assert holders(people) == [("Марат Сапаров", "current", "2019-02-11", "2019-02-11")]
    assert holders(people, country="BY") == [("Иван Петров", "current", "2025-01-01", "2025-01-01")]


def test_a_post_stated_as_former_is_not_current() -> None:
    # "бывший министр обороны" in the latest article: nobody is the current holder
    people = build(
        [
            (role("Марат Сапаров", "a"), "2019-02-11"),
            (role("Марат Сапаров", "b", former=True), "2025-03-01"),
        ]
    )
    assert holders(people) == [("Марат Сапаров", "former", "2019-02-11", "2019-02-11")]


def test_years_of_a_former_post_order_its_holder() -> None:
    # "в 2019–2021 годах занимал пост": held until 2021, stated in 2025
    people = build(
        [
            (role("Марат Сапаров", "a", date="2019/2021", former=True), "2025-03-01"),
            (role("Бауыржан Оспанов", "b"), "2023-05-05"),
        ]
    )
    assert holders(people) == [
        ("Бауыржан Оспанов", "current", "2023-05-05", "2023-05-05"),
        ("Марат Сапаров", "former", "2019", "2021"),
    ]


def test_the_role_date_goes_before_the_article_date() -> None:
    people = build(
        [
            (role("Марат Сапаров", "a", date="2024-12-01"), "2024-12-03"),
            (role("Бауыржан Оспанов", "b", date="2024-12-02"), None),
        ]
    )
    assert [h[:2] for h in holders(people)] == [
        ("Бауыржан Оспанов", "current"),
        ("Марат Сапаров", "former"),
    ]


def test_two_holders_on_the_same_day_are_not_both_current() -> None:
    people = build(
        [
            (role("Марат Сапаров", "a"), "2024-12-01"),
            (role("Бауыржан Оспанов", "b"), "2024-12-01"),
        ]
    )
    statuses = sorted(h[1] for h in holders(people))
    assert statuses == ["current", "unclear"]


def test_an_undated_holder_beside_a_dated_one_is_undated() -> None:
    people = build([(role("Марат Сапаров", "a"), None), (role("Бауыржан Оспанов", "b"), "2024")])
    assert holders(people) == [
        ("Бауыржан Оспанов", "current", "2024", "2024"),
        ("Марат Сапаров", "undated", None, None),
    ]


def test_a_lone_undated_holder_is_current() -> None:
    people = build([(role("Марат Сапаров", "a"), None)])
    assert holders(people) == [("Марат Сапаров", "current", None, None)]


def test_posts_several_hold_at_once_are_not_ranked() -> None:
    people = build(
        [
            (role("Марат Сапаров", "a", position="заместитель министра обороны"), "2019-02-11"),
            (role("Бауыржан Оспанов", "b", position="заместитель министра обороны"), "2025-01-01"),
            (role("Иван Петров", "c", position="посол", country="RU"), "2020-01-01"),
            (role("Пётр Иванов", "d", position="посол", country="RU"), "2025-01-01"),
        ]
    )
    assert [h[1] for h in holders(people, "заместитель министра обороны")] == ["current"] * 2
    assert [h[1] for h in holders(people, "посол", "RU")] == ["current"] * 2


def test_posts_of_organisations_rank_their_holders() -> None:
    people = build(
        [
            (
                role(
                    "Марат Сапаров", "a", "генеральный секретарь", country=None, organization="CSTO"
                ),
                "2020",
            ),
            (
                role(
                    "Бауыржан Оспанов",
                    "b",
                    "генеральный секретарь",
                    country=None,
                    organization="CSTO",
                ),
                "2023",
            ),
        ]
    )
    assert [h[:2] for h in holders(people, "генеральный секретарь", None, "CSTO")] == [
        ("Бауыржан Оспанов", "current"),
        ("Марат Сапаров", "former"),
    ]


def test_posts_of_no_state_are_not_shared_between_persons() -> None:
    people = build(
        [
            (role("Марат Сапаров", "a", country=None), "2020"),
            (role("Бауыржан Оспанов", "b", country=None), "2023"),
        ]
    )
    unplaced = [p for p in people.posts if not p.post.placed]
    assert sorted((p.tenures[0].person, p.tenures[0].status) for p in unplaced) == [
        ("Бауыржан Оспанов", "current"),
        ("Марат Сапаров", "current"),
    ]


def test_roles_without_a_post_are_left_out() -> None:
    people = build([(Role(article="a", person="Марат Сапаров"), "2020")])
    assert people.persons == [] and people.posts == []


# --------------------------------------------------------------------------- roles: date, former


def roles_of(text: str, published: str | None = "2025-10-31") -> dict[str, tuple]:
    from svodka.plugins.extractors.roles import RoleExtractor
    from svodka.testing import extract_records

    found = extract_records(RoleExtractor(), text, published=published)
    return {r["person"]: (r["position"], r["country"], r["date"], r["former"]) for r in found}


def test_a_role_is_dated_by_its_article() -> None:
    assert roles_of("Министр обороны Киргизии Иван Петров провел совещание.") == {
        "Иван Петров": ("министр обороны", "KG", "2025-10-31", False)
    }
    assert roles_of("Министр обороны Киргизии Иван Петров провел совещание.", None)["Иван Петров"][
        2:
    ] == (None, False)


def test_a_former_post_is_marked() -> None:
    # no years given: the post is former as of publication, the role has no date of its own
    assert roles_of("Бывший министр обороны Молдавии Павел Рябов дал интервью.") == {
        "Павел Рябов": ("министр обороны", "MD", None, True)
    }
    assert roles_of("Павел Рябов, бывший министр обороны Молдавии, дал интервью.")["Павел Рябов"][3]
    assert roles_of("Экс-президент Молдавии Павел Рябов дал интервью.") == {
        "Павел Рябов": ("президент", "MD", None, True)
    }


def test_only_the_post_said_to_be_former_is_former() -> None:
    found = roles_of(
        "Бывший министр обороны Молдавии Павел Рябов встретился с министром обороны "
        "Молдавии Олегом Гуцу."
    )
    assert found["Павел Рябов"][3] is True
    assert found["Олег Гуцу"][3] is False


def test_a_post_held_in_past_years_is_former_and_dated_by_them() -> None:
    assert roles_of("В 2016–2019 годах Павел Рябов занимал пост министра обороны Молдавии.") == {
        "Павел Рябов": ("министр обороны", "MD", "2016/2019", True)
    }
    assert roles_of("С 2014 по 2018 год Павел Рябов был министром обороны Молдавии.") == {
        "Павел Рябов": ("министр обороны", "MD", "2014/2018", True)
    }


def test_a_then_post_is_dated_by_its_sentence() -> None:
    found = roles_of("В 2017 году договор подписал тогдашний министр обороны Молдавии Павел Рябов.")
    assert found["Павел Рябов"][2:] == ("2017", True)
    # held in 2017 and no more, by the rule of people.py, even without the article date
    people = build(
        [
            (
                Role(
                    article="a",
                    person="Павел Рябов",
                    position="министр обороны",
                    country="MD",
                    date="2017",
                    former=True,
                ),
                None,
            )
        ]
    )
    assert holders(people, country="MD") == [("Павел Рябов", "former", "2017", "2017")]


def test_present_holding_and_appointment_are_not_former() -> None:
    assert not roles_of("Павел Рябов занимает пост министра обороны Молдавии.")["Павел Рябов"][3]
    assert not roles_of("Павел Рябов был назначен министром обороны Молдавии.")["Павел Рябов"][3]


def test_the_date_and_former_flag_do_not_change_the_record_id() -> None:
    a = Role(article="x", person="Павел Рябов", position="министр обороны", country="MD")
    b = Role(
        article="x",
        person="Павел Рябов",
        position="министр обороны",
        country="MD",
        date="2016/2019",
        former=True,
    )
    assert a.make_id() == b.make_id()


def test_one_post_stated_on_two_days_is_one_fact() -> None:
    from svodka.model.facts import consolidate

    facts = consolidate(
        [
            Role(article="a", person="Павел Рябов", position="министр обороны", date="2025-01-02"),
            Role(article="b", person="Павел Рябов", position="министр обороны", date="2025-03-04"),
        ]
    )
    assert [f.sources for f in facts] == [["a", "b"]]


# --------------------------------------------------------------------------- svodka people


def _records_file(tmp_path):
    import json

    rows = [
        Role(
            article="a",
            person="Марат Сапаров",
            position="министр обороны",
            country="KZ",
            date="2019-02-11",
        ),
        Role(
            article="b",
            person="М. Сапаров",
            position="министр обороны",
            country="KZ",
            date="2021-06-30",
        ),
        Role(
            article="c",
            person="Бауыржан Оспанов",
            position="министр обороны",
            country="KZ",
            date="2025-10-31",
        ),
    ]
    path = tmp_path / "records.jsonl"
    path.write_text(
        "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def people_cli(args: list[str]):
    from click.testing import CliRunner

    from svodka.cli import cli

    return CliRunner().invoke(cli, ["people", *args], catch_exceptions=False)


def test_people_command_prints_posts_over_time(tmp_path) -> None:
    path = _records_file(tmp_path)
    result = people_cli([str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Бауыржан Оспанов",
        "  министр обороны, Казахстан: в должности на 31 октября 2025 [c]",
        "Марат Сапаров (М. Сапаров)",
        "  министр обороны, Казахстан: бывший: 11 февраля 2019 – 30 июня 2021 [a, b]; "
        "сейчас: Бауыржан Оспанов, в должности на 31 октября 2025",
    ]


def test_people_command_filters_by_any_name_form_and_reads_a_run_folder(tmp_path) -> None:
    import json

    _records_file(tmp_path)
    for name in ("сапаров", "М. Сапаров", "МАРАТ"):
        result = people_cli([name, str(tmp_path), "--json"])
        assert result.exit_code == 0, result.output
        found = json.loads(result.stdout)
        assert [p["name"] for p in found] == ["Марат Сапаров"], name
        assert found[0]["posts"] == [
            {
                "position": "министр обороны",
                "country": "KZ",
                "organization": None,
                "rank": None,
                "status": "former",
                "from": "2019-02-11",
                "to": "2021-06-30",
                "sources": ["a", "b"],
            }
        ]
    result = people_cli(["--records", str(tmp_path / "records.jsonl"), "Оспанов", "--lang", "en"])
    assert result.stdout.splitlines()[0] == "Bauyrzhan Ospanov"


def test_people_command_errors(tmp_path) -> None:
    path = _records_file(tmp_path)
    missing = people_cli(["Иванов", str(path)])
    assert missing.exit_code == 1 and "nobody named 'Иванов'" in missing.stderr
    assert people_cli([]).exit_code == 2
    assert people_cli(["a", "b", str(path)]).exit_code == 2
    assert "no records file" in people_cli([str(tmp_path / "none")]).stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "role", "article": "a"}\n', encoding="utf-8")
    result = people_cli([str(bad)])
    assert result.exit_code == 1 and "bad.jsonl:1" in result.stderr


# --------------------------------------------------------------------------- the brief


def test_brief_names_the_latest_holder_and_the_others_former(tmp_path) -> None:
    import docx

    from svodka.model.article import Article
    from svodka.pipeline import ArticleOutcome, Run
    from svodka.plugins.exporters.brief import BriefExporter

    def outcome(aid: str, published: str, *roles: Role) -> ArticleOutcome:
        article = Article(id=aid, text="...", title=aid, published=published)
        return ArticleOutcome(source=f"{aid}.txt", article=article, records=list(roles))

    run = Run(
        [
            outcome("old", "2019-02-11", role("Марат Сапаров", "old", date="2019-02-11")),
            outcome(
                "new",
                "2025-10-31",
                role("Бауыржан Оспанов", "new", date="2025-10-31"),
                role("Иван Петров", "new", country="BY", date="2025-10-31"),
            ),
        ],
        inputs=["in"],
        options={"lang": "ru"},
    )
    path = tmp_path / "brief.docx"
    BriefExporter().export(run, path)
    roles = docx.Document(str(path)).tables[-1]
    rows = [[c.text for c in r.cells] for r in roles.rows]
    assert rows[0] == [
        "Лицо",
        "Должность, звание",
        "Государство, организация",
        "В должности",
        "Источники",
    ]
    assert rows[1:] == [
        ["Иван Петров", "Министр обороны", "Беларусь", "В должности на 31 октября 2025", "[2]"],
        [
            "Бауыржан Оспанов",
            "Министр обороны",
            "Казахстан",
            "В должности на 31 октября 2025",
            "[2]",
        ],
        ["Марат Сапаров", "Министр обороны", "Казахстан", "Бывший: 11 февраля 2019", "[1]"],
    ]


def test_eval_ignores_the_date_and_former_flag_of_roles() -> None:
    from svodka.eval.score import evaluate

    system = Role(
        article="a",
        person="Павел Рябов",
        position="министр обороны",
        country="MD",
        rank="генерал",
        date="2016/2019",
        former=True,
    ).to_dict()
    gold = {k: v for k, v in system.items() if k not in ("date", "former", "id", "evidence")}
    report = evaluate([system], [gold])
    assert (report.micro.tp, report.micro.fp, report.micro.fn) == (1, 0, 0)
    assert report.slots["role"]["rank"].correct == 1


def test_schema_documents_the_role_date_and_former_flag() -> None:
    from svodka.model.schema import type_schema

    props = type_schema(Role)["properties"]
    assert props["date"]["type"] == ["string", "null"]
    assert "publication date" in props["date"]["description"]
    assert props["former"]["type"] == "boolean"
    assert "бывший" in props["former"]["description"]


def test_the_current_holder_is_known_only_for_posts_one_holds_at_once() -> None:
    people = build(
        [
            (role("Марат Сапаров", "a"), "2019"),
            (role("Бауыржан Оспанов", "b"), "2025"),
            (role("Иван Петров", "c", position="посол"), "2020"),
            (role("Пётр Иванов", "d", position="посол"), "2025"),
        ]
    )
    assert {(p.position, t.person) for p, t in people.current.items()} == {
        ("министр обороны", "Бауыржан Оспанов")
    }


# --------------------------------------------------------------------------- the workbook


def test_workbook_people_sheet(tmp_path) -> None:
    import openpyxl

    from svodka.plugins.exporters.workbook import write_workbook
    from svodka.report.tabular import ArticleRow, TableSource

    records = [
        role("Марат Сапаров", "old"),
        role("Бауыржан Оспанов", "new"),
        role("Иван Петров", "new", "посол", country="RU", date="2024"),
    ]
    source = TableSource(
        articles=[ArticleRow("old", published="2019-02-11"), ArticleRow("new", published="2025")],
        records=lambda: iter(records),
    )
    write_workbook(source, tmp_path / "facts.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "facts.xlsx")["Должностные лица"]
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        [
            "Лицо",
            "Должность",
            "Государство, организация",
            "С (дата)",
            "По (на дату)",
            "Статус",
            "Источники",
        ],
        ["Бауыржан Оспанов", "министр обороны", "Казахстан", "2025", "2025", "в должности", "new"],
        [
            "Марат Сапаров",
            "министр обороны",
            "Казахстан",
            "2019-02-11",
            "2019-02-11",
            "бывший",
            "old",
        ],
        ["Иван Петров", "посол", "Россия", "2024", "2024", "в должности", "new"],
    ]


def test_a_post_of_someone_named_later_in_a_past_tense_sentence_is_not_former() -> None:
    found = roles_of("Иван Петров был в Кишиневе вместе с министром обороны Молдавии Олегом Гуцу.")
    assert found["Олег Гуцу"][3] is False


def test_people_command_lists_posts_with_their_holders(tmp_path) -> None:
    import json

    path = _records_file(tmp_path)
    result = people_cli(["--posts", "Оспанов", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "министр обороны, Казахстан",
        "  Бауыржан Оспанов: в должности на 31 октября 2025 [c]",
        "  Марат Сапаров: бывший: 11 февраля 2019 – 30 июня 2021 [a, b]",
    ]
    found = json.loads(people_cli(["--posts", "--json", str(path)]).stdout)
    assert [(h["name"], h["status"]) for h in found[0]["holders"]] == [
        ("Бауыржан Оспанов", "current"),
        ("Марат Сапаров", "former"),
    ]


def test_a_patronymic_does_not_make_another_person() -> None:
    people = build(
        [
            (role("Ерлан Тулеевич Сапаров", "a1"), "2024-03-01"),
            (role("Ерлан Сапаров", "a2"), "2024-05-01"),
        ]
    )
    assert [p.name for p in people.persons] == ["Ерлан Тулеевич Сапаров"]


def test_initials_and_full_name_in_one_article_give_one_role() -> None:
    found = roles_of(
        "Министр обороны Молдавии Павел Рябов провел совещание. П. Рябов отметил рост учений."
    )
    assert list(found) == ["Павел Рябов"]


def test_standing_in_words() -> None:
    from svodka.model.people import standing

    people = build(
        [
            (role("Марат Сапаров", "a"), "2019-02-11"),
            (role("Марат Сапаров", "b"), "2021-06-30"),
            (role("Бауыржан Оспанов", "c"), "2025-10-31"),
            (role("Иван Петров", "d"), "2025-10-31"),
            (role("Пётр Иванов", "e"), None),
            (role("Олег Гуцу", "f", former=True), "2024-01-05"),
        ]
    )
    shown = {t.person: (standing(t), standing(t, "en")) for t in people.posts[0].tenures}
    assert shown == {
        "Бауыржан Оспанов": ("в должности на 31 октября 2025", "in post as of 31 October 2025"),
        "Иван Петров": (
            "не ясно: на ту же дату назван и другой (по данным на 31 октября 2025)",
            "unclear: another holder is named for the same date (as stated on 31 October 2025)",
        ),
        "Марат Сапаров": (
            "бывший: 11 февраля 2019 – 30 июня 2021",
            "former: 11 February 2019 – 30 June 2021",
        ),
        "Олег Гуцу": (
            "бывший (по данным на 5 января 2024)",
            "former (as stated on 5 January 2024)",
        ),
        "Пётр Иванов": ("дата не указана", "date unknown"),
    }


def test_brief_roles_of_facts_without_their_records(tmp_path, monkeypatch) -> None:
    # a store gives facts as one merged record and its sources, not every record
    import docx

    from svodka.model.article import Article
    from svodka.model.facts import Fact
    from svodka.pipeline import ArticleOutcome, Run
    from svodka.plugins.exporters import brief

    facts = [
        Fact("role", role("Марат Сапаров", "a", date="2019-02-11"), ["a", "b"]),
        Fact("role", role("Бауыржан Оспанов", "c", date="2025-10-31"), ["c"]),
    ]
    monkeypatch.setattr(brief, "consolidate", lambda records: facts)
    outcomes = [
        ArticleOutcome(source=a, article=Article(id=a, text="...", title=a, published=d))
        for a, d in (("a", "2019-02-11"), ("b", "2019-03-01"), ("c", "2025-10-31"))
    ]
    path = tmp_path / "brief.docx"
    brief.BriefExporter().export(Run(outcomes, inputs=["in"], options={"lang": "ru"}), path)
    rows = [[c.text for c in r.cells] for r in docx.Document(str(path)).tables[-1].rows]
    assert [(r[0], r[3], r[4]) for r in rows[1:]] == [
        ("Бауыржан Оспанов", "В должности на 31 октября 2025", "[3]"),
        ("Марат Сапаров", "Бывший: 11 февраля 2019", "[1, 2]"),
    ]
