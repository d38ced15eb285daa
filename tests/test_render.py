"""Fact lines (svodka.report.render): one sentence per fact, per record type and language."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
from jinja2.exceptions import SecurityError

import svodka
from svodka.model.facts import Fact, consolidate
from svodka.model.records import (
    BUILTIN_TYPES,
    Agreement,
    Event,
    Meeting,
    Membership,
    Quote,
    Record,
    Role,
    record_from_dict,
)
from svodka.plugins import fact_templates
from svodka.report import render
from svodka.report.render import compile_template, fact_line, generic_line, templates_of
from svodka.testing import plugins_with

TYPES = {cls.type: cls for cls in BUILTIN_TYPES}

# Records of the shared corpus (gold.jsonl), one per built-in type, with their lines.
CORPUS_CASES = [
    (
        {"article": "kz-by-astana-visit", "type": "role", "person": "Руслан Жаксылыков",
         "position": "министр обороны", "country": "KZ", "rank": "генерал-полковник"},
        "Генерал-полковник Руслан Жаксылыков — министр обороны (Казахстан).",
        "Colonel General Ruslan Zhaksylykov — minister of defence (Kazakhstan).",
    ),
    (
        {"article": "kz-ru-plan-2026", "type": "meeting",
         "participants": ["Даурен Косанов", "Андрей Белоусов"], "countries": ["KZ", "RU"],
         "place": "Алматы", "date": None, "format": "talks",
         "topics": ["региональная безопасность", "подготовка военных кадров"]},
        "Даурен Косанов (Казахстан) и Андрей Белоусов (Россия) провели переговоры (Алматы); "
        "темы: региональная безопасность, подготовка военных кадров.",
        "Dauren Kosanov (Kazakhstan) and Andrey Belousov (Russia) held talks (Almaty); "
        "topics: regional security, training of military personnel.",
    ),
    (
        {"article": "kz-ru-plan-2026", "type": "agreement", "kind": "plan",
         "title": "план военного сотрудничества", "parties": ["KZ", "RU"], "period": "2026",
         "status": "signed", "date": None, "place": "Алматы"},
        "Казахстан и Россия подписали план военного сотрудничества на 2026 год (Алматы).",
        "Kazakhstan and Russia signed the plan of military cooperation for 2026 (Almaty).",
    ),
    (
        {"article": "dev-024", "type": "membership", "country": "BY", "organization": "SCO",
         "status": "member", "date": "2024-07"},
        "Беларусь — член ШОС (июль 2024).",
        "Belarus — SCO member (July 2024).",
    ),
    (
        {"article": "kz-ru-plan-2026", "type": "event",
         "name": "Совет министров обороны государств — участников СНГ", "category": "заседание",
         "edition": 85, "international": True, "status": None, "place": "Алматы",
         "country": "KZ", "date": "2025-10", "participants": ["AZ", "BY", "KG", "KZ", "RU"]},
        "85-е заседание Совета министров обороны государств — участников СНГ (Алматы, "
        "Казахстан, октябрь 2025); участники: Азербайджан, Беларусь, Казахстан, Кыргызстан, "
        "Россия.",
        "85th meeting of “Council of Defence Ministers of Member States of CIS” (Almaty, "
        "Kazakhstan, October 2025); participants: Azerbaijan, Belarus, Kazakhstan, "
        "Kyrgyzstan, Russia.",
    ),
    (
        {"article": "dev-013", "type": "quote", "speaker": "Сергей Шойгу",
         "text": "Москва и Астана реализуют очень большой, широкий план сотрудничества"},
        "Сергей Шойгу: «Москва и Астана реализуют очень большой, широкий план сотрудничества».",
        "Sergey Shoygu: “Москва и Астана реализуют очень большой, широкий план сотрудничества”.",
    ),
]  # fmt: skip


def make(data: dict) -> Record:
    return record_from_dict(data, TYPES)


def test_the_issue_example() -> None:
    plan = Agreement(
        article="kz-ru-plan-2026",
        kind="plan",
        title="план военного сотрудничества",
        parties=["RU", "KZ"],
        period="2026",
        status="signed",
        date="2025-10-31",
        place="Алматы",
    )
    assert fact_line(plan) == (
        "Казахстан и Россия подписали план военного сотрудничества на 2026 год "
        "(Алматы, 31 октября 2025)."
    )
    assert fact_line(plan, lang="en") == (
        "Kazakhstan and Russia signed the plan of military cooperation for 2026 "
        "(Almaty, 31 October 2025)."
    )


@pytest.mark.parametrize(
    ("data", "ru", "en"), CORPUS_CASES, ids=[c[0]["type"] for c in CORPUS_CASES]
)
def test_every_builtin_type_renders_a_corpus_record(data: dict, ru: str, en: str) -> None:
    record = make(data)
    assert fact_line(record) == ru
    assert fact_line(record, "en") == en


def test_every_builtin_type_has_a_template_in_both_languages() -> None:
    table = templates_of(None)
    for cls in BUILTIN_TYPES:
        for lang in ("ru", "en"):
            assert (cls.type, lang) in table, (cls.type, lang)


def test_every_gold_record_of_the_shared_corpus_reads_well(shared_corpus: Path) -> None:
    gold = (shared_corpus / "gold.jsonl").read_text("utf-8")
    records = [make(json.loads(line)) for line in gold.splitlines()]
    assert {r.type for r in records} == set(TYPES)
    for record in records:
        for lang in ("ru", "en"):
            line = fact_line(record, lang)
            assert line != generic_line(record, lang), (record, lang)
            assert line[-1] in ".»”?!", line
            assert line[0].isupper() or line[0].isdigit(), line
            for junk in ("None", "{{", "{%", "&amp;", "  ", " .", "()", "_"):
                assert junk not in line, (junk, line)
            if lang == "en":
                assert "[" not in line


@pytest.mark.parametrize(
    ("record", "ru", "en"),
    [
        (
            Agreement(article="a", kind="plan", title="план совместных военных мероприятий",
                      parties=["CIS"], period="2022", status="signed"),
            "План совместных военных мероприятий на 2022 год (СНГ) подписан.",
            "The plan of joint military events for 2022 (CIS) was signed.",
        ),
        (
            Agreement(article="a", kind="programme", parties=["BY"], status="ratified"),
            "Программа (Беларусь) ратифицирована.",
            "A programme (Belarus) was ratified.",
        ),
        (
            Agreement(article="a", kind="roadmap", parties=["KZ", "UZ"], status="planned",
                      period="2026-2030"),
            "Казахстан и Узбекистан планируют подписать дорожную карту на 2026–2030 годы.",
            "Kazakhstan and Uzbekistan plan to sign a roadmap for 2026–2030.",
        ),
        (
            Agreement(article="a", kind="agreement", parties=["BY", "KZ"], status="in_force",
                      title="план двустороннего сотрудничества"),
            "Беларусь и Казахстан: действует план двустороннего сотрудничества.",
            "Belarus and Kazakhstan: the plan of bilateral cooperation in force.",
        ),
        (
            Membership(article="a", country="UZ", organization="EAEU", status="observer",
                       date="2020-12-11"),
            "Узбекистан — наблюдатель ЕАЭС (11 декабря 2020).",
            "Uzbekistan — EAEU observer (11 December 2020).",
        ),
        (
            Membership(article="a", country="AM", organization="CSTO", status="suspended"),
            "Армения: членство в ОДКБ приостановлено.",
            "Armenia — CSTO membership suspended.",
        ),
        (
            Membership(article="a", country="BY", organization="UNION_STATE", status="member"),
            "Беларусь — член Союзного государства.",
            "Belarus — Union State of Russia and Belarus member.",
        ),
        (
            Event(article="a", name="Взаимодействие", category="учения", status="planned",
                  country="BY", date="2025-08-31", participants=["RU", "KZ"]),
            "Учения «Взаимодействие» пройдут (Беларусь, 31 августа 2025); участники: "
            "Казахстан, Россия.",
            "Exercise “Interaction” planned (Belarus, 31 August 2025); participants: "
            "Kazakhstan, Russia.",
        ),
        (
            Event(article="a", name="Айбын", category="военно-патриотический сбор", edition=10,
                  status="held"),
            "10-й военно-патриотический сбор «Айбын» прошёл.",
            "10th military-patriotic camp “Aybyn (Айбын)” held.",
        ),
        (
            Event(article="a", name="саммит ОДКБ", category="саммит", status="held",
                  date="2022-05-16"),
            "Саммит ОДКБ прошёл (16 мая 2022).",
            "CSTO Summit held (16 May 2022).",
        ),
        (
            Meeting(article="a", participants=["Сергей Шойгу", "Шерали Мирзо"], format="call",
                    date="2022-07-04"),
            "Сергей Шойгу и Шерали Мирзо провели телефонный разговор (4 июля 2022).",
            "Sergey Shoygu and Sherali Mirzo spoke by phone (4 July 2022).",
        ),
        (
            Meeting(article="a", participants=["Андрей Белоусов"], format="visit", place="Минск"),
            "Визит: Андрей Белоусов (Минск).",
            "Visit: Andrey Belousov (Minsk).",
        ),
        (
            Role(article="a", person="Владимир Путин", position="президент", country="RU"),
            "Владимир Путин — президент (Россия).",
            "Vladimir Putin — president (Russia).",
        ),
        (
            Role(article="a", person="Имангали Тасмагамбетов", position="генеральный секретарь",
                 organization="CSTO"),
            "Имангали Тасмагамбетов — генеральный секретарь (ОДКБ).",
            "Imangali Tasmagambetov — secretary general (CSTO).",
        ),
        (
            Quote(article="a", speaker="Александр Лукашенко",
                  text="Связаны ли мы сейчас такими же узами солидарности и поддержки?"),
            "Александр Лукашенко: «Связаны ли мы сейчас такими же узами солидарности и "
            "поддержки?»",
            "Aleksandr Lukashenko: “Связаны ли мы сейчас такими же узами солидарности и "
            "поддержки?”",
        ),
    ],
)  # fmt: skip
def test_lines_for_each_status_and_shape(record: Record, ru: str, en: str) -> None:
    assert fact_line(record) == ru
    assert fact_line(record, "en") == en


def test_a_fact_renders_its_merged_record() -> None:
    first = Agreement(article="A", kind="plan", parties=["KZ", "RU"], period="2026",
                      status="signed", place="Алматы")  # fmt: skip
    second = Agreement(article="B", kind="plan", parties=["RU", "KZ"], period="2026",
                       status="signed", date="2025-10-31")  # fmt: skip
    (fact,) = consolidate([first, second])
    assert (
        fact_line(fact)
        == "Казахстан и Россия подписали план на 2026 год (Алматы, 31 октября 2025)."
    )


def test_a_long_quote_is_shortened_at_a_word() -> None:
    text = "слово " * 10_000
    line = fact_line(Quote(article="a", speaker="Иван Петров", text=text))
    assert line.startswith("Иван Петров: «…слово слово")
    assert line.endswith("слово…»")
    assert len(line) < render.QUOTE_LIMIT + 40


def test_huge_values_are_shortened() -> None:
    huge = "очень " * 8000  # 48,000 characters
    line = fact_line(Agreement(article="a", kind="plan", title=huge, parties=["KZ", "RU"],
                               status="signed"))  # fmt: skip
    assert line.startswith("Казахстан и Россия подписали очень очень")
    assert line.endswith("очень….") and len(line) < render.VALUE_LIMIT + 60
    generic = fact_line(Weather(article="a", forecast=huge))
    assert len(generic) < render.VALUE_LIMIT + 40


# -- hostile text ---------------------------------------------------------------------------

HOSTILE = "R&D & Co <b>bold</b> <script>alert(\"x\")</script> 'q' {{ 7*7 }} {% if %} &amp;"


@pytest.mark.parametrize(
    ("record", "langs"),
    [
        (Agreement(article="a", kind="plan", title=HOSTILE, parties=["KZ", "RU"],
                   status="signed", place=HOSTILE), ("ru",)),
        (Agreement(article="a", kind="plan", parties=["KZ", "RU"], place=HOSTILE), ("ru", "en")),
        (Quote(article="a", speaker=HOSTILE, text=HOSTILE), ("ru", "en")),
        (Event(article="a", name=HOSTILE, category="учения", status="held"), ("ru",)),
        (Role(article="a", person=HOSTILE, position=HOSTILE), ("ru", "en")),
        (Meeting(article="a", participants=[HOSTILE, "Иван Петров"], topics=[HOSTILE]), ("ru",)),
        (Membership(article="a", country="KZ", organization=HOSTILE, status="member"),
         ("ru", "en")),
    ],
)  # fmt: skip
def test_hostile_text_comes_out_verbatim(record: Record, langs: tuple[str, ...]) -> None:
    for lang in langs:
        line = fact_line(record, lang)
        assert HOSTILE in line, line
        assert "49" not in line and "&amp;amp;" not in line and "&#34;" not in line


def test_hostile_text_in_a_generic_line() -> None:
    line = fact_line(Weather(article="a", place=HOSTILE, forecast='<дождь> & "снег"'))
    assert line == f'weather: forecast=<дождь> & "снег"; place={HOSTILE}.'


def test_autoescaping_is_on_and_undone_exactly_once() -> None:
    env = render.environment("ru")
    assert env.autoescape is True
    assert compile_template("{{ x }}", "ru").render(x="<&>") == "&lt;&amp;&gt;"
    assert fact_line(Quote(article="a", speaker="И", text="a &lt; b")) == "И: «a &lt; b»."


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ record.__class__ }}",
        "{{ record.make_id.__globals__ }}",
        "{{ record.__init__.__globals__['os'] }}",
    ],
)
def test_unsafe_attribute_chains_raise_security_error(source: str) -> None:
    with pytest.raises(SecurityError):
        compile_template(source, "ru").render(record=Role(article="a", person="И"))


class EvilTemplates:
    @svodka.hookimpl
    def register_fact_templates(self, register):
        register("agreement", "ru", "{{ ''.__class__.__mro__ }}")


def test_a_plugin_template_reaching_for_internals_raises_security_error() -> None:
    with plugins_with(fact_templates, EvilTemplates(), builtins=False) as plugins:
        plan = Agreement(article="a", kind="plan", parties=["KZ", "RU"], status="signed")
        with pytest.raises(SecurityError):
            fact_line(plan, plugins=plugins)
        assert fact_line(plan, "en", plugins=plugins) == "Kazakhstan and Russia signed a plan."


# -- plugin templates -----------------------------------------------------------------------


@dataclass(kw_only=True)
class Weather(Record):
    type: ClassVar[str] = "weather"
    forecast: str
    place: str | None = None


class WeatherTemplates:
    @svodka.hookimpl
    def register_record_types(self, register):
        register(Weather)

    @svodka.hookimpl
    def register_fact_templates(self, register):
        register("weather", "ru", "{{ place | place }}: {{ forecast }}.")
        register("weather", "en", "{{ place | place }}: {{ forecast }} ({{ sources | length }}).")


class OverridingTemplates:
    @svodka.hookimpl
    def register_fact_templates(self, register):
        register("agreement", "ru", "Документ: {{ kind | label('agreement', 'kind') }}.")


class BrokenTemplates:
    @svodka.hookimpl
    def register_fact_templates(self, register):
        register("weather", "ru", "{{ place | place }")


class MisspeltTemplates:
    @svodka.hookimpl
    def register_fact_templates(self, register):
        register("weather", "ru", "{{ plaec }}: {{ forecast }}.")


def test_a_plugin_ships_templates_for_its_own_type() -> None:
    wet = Weather(article="a", place="Москва", forecast="дождь")
    with plugins_with(fact_templates, WeatherTemplates(), builtins=False) as plugins:
        assert fact_line(wet, plugins=plugins) == "Москва: дождь."
        assert fact_line(wet, "en", plugins=plugins) == "Moscow: дождь (1)."
        fact = Fact("weather", wet, ["a", "b"], [wet])
        assert fact_line(fact, "en", plugins=plugins) == "Moscow: дождь (2)."
        # the built-in templates come through the same hook
        role = Role(article="a", person="Владимир Путин", position="президент", country="RU")
        assert fact_line(role, plugins=plugins) == "Владимир Путин — президент (Россия)."
    # without the plugin: the generic line, values labelled
    assert fact_line(wet) == "weather: forecast=дождь; place=Москва."
    assert fact_line(wet, "en") == "weather: forecast=dozhd (дождь); place=Moscow."


def test_a_later_plugin_overrides_a_builtin_template() -> None:
    plan = Agreement(article="a", kind="plan", parties=["KZ", "RU"])
    with plugins_with(fact_templates, OverridingTemplates(), builtins=False) as plugins:
        assert fact_line(plan, plugins=plugins) == "Документ: план."
        assert fact_line(plan, "en", plugins=plugins) == "Kazakhstan and Russia: a plan."


def test_a_template_with_a_syntax_error_is_the_plugins_failure() -> None:
    with plugins_with(fact_templates, BrokenTemplates(), builtins=False) as plugins:
        wet = Weather(article="a", place="Минск", forecast="снег")
        assert fact_line(wet, plugins=plugins) == "weather: forecast=снег; place=Минск."
        (problem,) = [p for p in plugins.problems if "register_fact_templates" in p.message]
        assert "TemplateSyntaxError" in problem.message
        assert fact_line(Role(article="a", person="И"), plugins=plugins) == "И."


def test_a_template_naming_a_missing_field_falls_back_to_the_generic_line() -> None:
    with plugins_with(MisspeltTemplates(), builtins=False) as plugins:
        wet = Weather(article="a", place="Минск", forecast="снег")
        assert fact_line(wet, plugins=plugins) == "weather: forecast=снег; place=Минск."


def test_a_template_for_an_unknown_language_is_refused() -> None:
    class Kazakh:
        @svodka.hookimpl
        def register_fact_templates(self, register):
            register("weather", "kk", "{{ forecast }}")

    with plugins_with(Kazakh(), builtins=False) as plugins:
        assert templates_of(plugins) == {}
        assert any("language" in p.message for p in plugins.problems)


def test_templates_are_cached() -> None:
    assert compile_template("{{ x }}.", "ru") is compile_template("{{ x }}.", "ru")
    assert templates_of(None) is templates_of(None)
    with plugins_with(fact_templates, builtins=False) as plugins:
        table = templates_of(plugins)
        assert templates_of(plugins) is table
        plugins.register(WeatherTemplates())
        assert ("weather", "ru") in templates_of(plugins)
        assert ("weather", "ru") not in table


def test_an_unknown_language_raises() -> None:
    with pytest.raises(ValueError, match="language"):
        fact_line(Role(article="a", person="И"), lang="de")


def test_the_templates_plugin_is_a_default_plugin() -> None:
    from svodka.plugins import DEFAULT_PLUGINS

    assert "svodka.plugins.fact_templates" in DEFAULT_PLUGINS


# --------------------------------------------------------------------------- tense

AS_OF = "2026-04-15"  # the brief's date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", "past"),
        ("2026-03", "past"),
        ("2026-04-14", "past"),
        ("2026-04", None),  # covers the brief's date
        ("2026", None),
        ("2026-04-15", None),
        ("2026-04-10/2026-04-20", None),
        ("2026-04-01/2026-04-14", "past"),
        ("2026-04-16", "future"),
        ("2027", "future"),
        (None, None),
        ("летом", None),
    ],
)
def test_tense_of_a_date_against_the_briefs_date(value: str | None, expected: str | None) -> None:
    assert render.tense(value, AS_OF) == expected
    assert render.tense(value, None) is None


def _exercise(status: str, date: str | None) -> Event:
    return Event(
        article="a", name="Гранит", category="учения", status=status, country="MN", date=date
    )


@pytest.mark.parametrize(
    ("record", "ru", "en"),
    [
        (
            _exercise("planned", "2024-09"),
            "Учения «Гранит» прошли (Монголия, сентябрь 2024).",
            "Exercise “Granit (Гранит)” held (Mongolia, September 2024).",
        ),
        (
            _exercise("planned", "2026-09"),
            "Учения «Гранит» пройдут (Монголия, сентябрь 2026).",
            "Exercise “Granit (Гранит)” planned (Mongolia, September 2026).",
        ),
        (
            _exercise("planned", "2026"),  # this year: as the source tells it
            "Учения «Гранит» пройдут (Монголия, 2026).",
            "Exercise “Granit (Гранит)” planned (Mongolia, 2026).",
        ),
        (
            _exercise("ongoing", "2025-06-02/2025-06-09"),
            "Учения «Гранит» прошли (Монголия, 2–9 июня 2025).",
            "Exercise “Granit (Гранит)” held (Mongolia, 2–9 June 2025).",
        ),
        (
            _exercise("held", "2023"),
            "Учения «Гранит» прошли (Монголия, 2023).",
            "Exercise “Granit (Гранит)” held (Mongolia, 2023).",
        ),
        (
            Meeting(
                article="a",
                participants=["Батбаяр Гантулга", "Ли Шанфу"],
                countries=["MN", "CN"],
                date="2026-05-20",
                format="talks",
            ),
            "Батбаяр Гантулга (Монголия) и Ли Шанфу (Китай) проведут переговоры (20 мая 2026).",
            "Batbayar Gantulga (Mongolia) and Li Shanfu (China) will hold talks (20 May 2026).",
        ),
        (
            Agreement(
                article="a",
                kind="plan",
                parties=["CN", "MN"],
                period="2025",
                status="planned",
                date="2024-12",
            ),
            "Китай и Монголия планировали подписать план на 2025 год (декабрь 2024).",
            "China and Mongolia planned to sign a plan for 2025 (December 2024).",
        ),
    ],
)
def test_lines_are_told_in_the_briefs_own_tense(record: Record, ru: str, en: str) -> None:
    assert fact_line(record, "ru", as_of=AS_OF) == ru
    assert fact_line(record, "en", as_of=AS_OF) == en


def test_without_the_briefs_date_a_line_is_told_as_the_source_tells_it() -> None:
    assert fact_line(_exercise("planned", "2024-09")) == (
        "Учения «Гранит» пройдут (Монголия, сентябрь 2024)."
    )


def test_an_event_named_by_its_category_is_not_named_twice() -> None:
    from svodka.model.records import Event

    games = Event(article="a", name="Всемирные военные игры", category="игры", edition=7,
                  status="held", country="CN", date="2019")
    assert fact_line(games) == "7-е Всемирные военные игры прошли (Китай, 2019)."
    assert fact_line(games, "en").startswith("7th World Military Games held (China, 2019)")


@pytest.mark.parametrize(
    ("edition", "ordinal"), [(1, "1-е"), (3, "3-и"), (5, "5-е"), (13, "13-е"), (23, "23-и")]
)
def test_a_plural_ordinal_takes_the_ending_of_its_number(edition: int, ordinal: str) -> None:
    from svodka.model.records import Event

    games = Event(article="a", name="Морские игры", category="игры", edition=edition,
                  status="held", country="RU", date="2024")
    assert fact_line(games).startswith(f"{ordinal} Морские игры прошли")
