"""The agreements extractor: kinds, titles, parties, periods, statuses, dates, places."""

from __future__ import annotations

import pytest

from svodka.plugins.extractors.agreements import AgreementExtractor
from svodka.testing import extract_records


def run(text: str, published: str | None = "2024-06-14") -> list[dict]:
    return extract_records(AgreementExtractor(), text, published=published)


def one(text: str, published: str | None = "2024-06-14") -> dict:
    records = run(text, published)
    assert len(records) == 1, records
    return records[0]


def test_signed_plan_with_countries_period_date_and_place():
    r = one(
        "Сегодня в Ереване министры обороны Армении и Греции подписали "
        "план военного сотрудничества на 2025 год."
    )
    assert r["type"] == "agreement"
    assert r["kind"] == "plan"
    assert r["title"] == "план военного сотрудничества"
    assert sorted(r["parties"]) == ["AM", "GR"]
    assert r["period"] == "2025"
    assert r["status"] == "signed"
    assert r["date"] == "2024-06-14"
    assert r["place"] == "Ереван"
    assert r["evidence"][0]["text"].startswith("Сегодня в Ереване")
    assert 0 < r["confidence"] <= 1


def test_period_range_and_programme_in_nominative():
    r = one(
        "Белоруссия и Китай утвердили программу военно-технического сотрудничества "
        "на 2025–2027 годы."
    )
    assert r["kind"] == "programme"
    assert r["title"] == "программа военно-технического сотрудничества"
    assert r["period"] == "2025-2027"
    assert sorted(r["parties"]) == ["BY", "CN"]


def test_five_years_is_no_period():
    r = one("Монголия и Япония подписали меморандум о военном сотрудничестве на пять лет.")
    assert r["kind"] == "memorandum"
    assert r["period"] is None


def test_two_documents_in_one_sentence():
    records = run(
        "Министры обороны Таджикистана и Ирана подписали соглашение о военном сотрудничестве "
        "и план совместных мероприятий на 2025 год."
    )
    kinds = {r["kind"]: r for r in records}
    assert set(kinds) == {"agreement", "plan"}
    assert kinds["plan"]["period"] == "2025"
    assert kinds["agreement"]["period"] is None
    assert all(sorted(r["parties"]) == ["IR", "TJ"] for r in records)


@pytest.mark.parametrize(
    "text",
    [
        "Казахстан и Китай подпишут соглашение о взаимной охране секретной информации.",
        "Казахстан и Китай планируют подписать соглашение о взаимной охране секретной информации.",
        "Соглашение между Казахстаном и Китаем о взаимной охране секретной информации "
        "будет подписано в ходе визита.",
    ],
)
def test_future_is_planned(text):
    r = one(text)
    assert r["status"] == "planned"
    assert sorted(r["parties"]) == ["CN", "KZ"]


def test_negation_gives_no_record():
    assert run("Армения и Азербайджан не подписали соглашение о делимитации границы.") == []
    assert run("Сербии не удалось согласовать с Косово дорожную карту нормализации.") == []


def test_negation_still_expected_is_planned():
    r = one("Армения и Азербайджан пока не подписали мирный договор.")
    assert r["kind"] == "treaty"
    assert r["status"] == "planned"


def test_infinitive_negated_after_it():
    r = one("Подписать соглашение о свободной торговле Ирану и России пока не удалось.")
    assert r["status"] == "planned"
    assert sorted(r["parties"]) == ["IR", "RU"]


def test_ratified_and_parties_between():
    r = one(
        "Сенат Казахстана ратифицировал соглашение между Казахстаном и Турцией "
        "о военно-финансовом сотрудничестве."
    )
    assert r["status"] == "ratified"
    assert r["title"] == "соглашение о военно-финансовом сотрудничестве"
    assert sorted(r["parties"]) == ["KZ", "TR"]


def test_entry_into_force():
    r = one("Договор о союзнических отношениях между Узбекистаном и Таджикистаном вступил в силу.")
    assert r["kind"] == "treaty"
    assert r["status"] == "in_force"


def test_context_mention_is_in_force():
    r = one(
        "Министры Киргизии и Узбекистана отметили ход реализации плана двустороннего "
        "сотрудничества на 2024 год."
    )
    assert r["status"] == "in_force"
    assert r["period"] == "2024"
    assert r["confidence"] < 0.7


def test_organisation_document():
    r = one("Министры обороны стран ОДКБ утвердили план совместной подготовки на 2026 год.")
    assert r["parties"] == ["CSTO"]
    assert r["period"] == "2026"


def test_session_of_an_organisation():
    text = (
        "В Минске прошло заседание Совета министров обороны СНГ. "
        "По итогам заседания планируется подписать план совместной работы на 2026 год."
    )
    r = one(text)
    assert r["parties"] == ["CIS"]
    assert r["status"] == "planned"
    assert r["place"] == "Минск"


def test_generic_documents_give_no_record():
    assert run("Стороны подписали ряд документов и 12 соглашений о сотрудничестве.") == []
    assert run("Программа визита президента Туркмении в Баку включает переговоры.") == []
    assert run("Учения пройдут по плану, утвержденному командованием.") == []


def test_parties_from_the_meeting_and_repeated_mentions_merge():
    text = (
        "Вьетнам и Индия подписали план военного сотрудничества на 2025 год\n"
        "Министр обороны Вьетнама Фан Ван Жанг провел переговоры в Дели с министром обороны "
        "Индии Раджнатом Сингхом. По итогам переговоров стороны подписали план военного "
        "сотрудничества между оборонными ведомствами двух стран на 2025 год."
    )
    r = one(text)
    assert sorted(r["parties"]) == ["IN", "VN"]
    assert r["period"] == "2025"
    assert r["place"] == "Дели"
    assert len(r["evidence"]) == 2


def test_same_plan_with_other_parties_is_separate():
    text = (
        "Министры обороны Казахстана и Армении подписали план сотрудничества на 2025 год. "
        "Позже министр обороны Казахстана встретился с министром обороны Грузии. "
        "В Минобороны Грузии сообщили, что на встрече также был подписан план "
        "сотрудничества двух стран на 2025 год."
    )
    parties = sorted(tuple(sorted(r["parties"])) for r in run(text))
    assert parties == [("AM", "KZ"), ("GE", "KZ")]


def test_different_subjects_are_different_agreements():
    text = (
        "Министры обороны Турции и Азербайджана подписали соглашение о военной помощи. "
        "Стороны также подписали соглашение о подготовке военных кадров."
    )
    records = run(text)
    assert len(records) == 2
    assert all(sorted(r["parties"]) == ["AZ", "TR"] for r in records)


def test_roadmap_and_declaration():
    kinds = {r["kind"] for r in run(
        "Президенты Казахстана и Азербайджана подписали совместную декларацию о "
        "стратегическом партнерстве и дорожную карту развития сотрудничества на 2025–2027 годы."
    )}  # fmt: skip
    assert kinds == {"declaration", "roadmap"}


def test_date_of_another_clause_is_not_the_signing_date():
    r = one(
        "Вчера в Минобороны Азербайджана сообщили, что министры обороны Азербайджана и "
        "Пакистана подписали меморандум о сотрудничестве."
    )
    assert r["date"] == "2024-06"  # the publication's month, not yesterday's day


def test_agreed_to_sign_is_planned_and_managed_to_sign_is_signed():
    assert one("Армения и Франция договорились подписать соглашение о поставках.")["status"] == (
        "planned"
    )
    assert one("Армении и Франции удалось подписать соглашение о поставках.")["status"] == "signed"


def test_main_verb_over_participle():
    r = one("Соглашение о партнерстве, подписанное Россией и КНДР в июне, вступило в силу.")
    assert r["status"] == "in_force"
    r = one("Соглашение о поставках, подписанное Турцией и Катаром в мае, пока не ратифицировано.")
    assert r["status"] == "signed"
    assert r["date"] == "2024-05"


def test_documents_listed_after_a_count():
    records = run(
        "Туркменистан и Иран подписали 15 документов. Среди них — меморандум о "
        "сотрудничестве в газовой сфере и соглашение о транзите."
    )
    assert {r["kind"] for r in records} == {"memorandum", "agreement"}
    assert all(sorted(r["parties"]) == ["IR", "TM"] for r in records)


def test_host_of_the_visit_is_the_other_party():
    text = (
        "Министр обороны Казахстана прибыл с официальным визитом в Душанбе. "
        "По итогам переговоров стороны подписали план военного сотрудничества на 2026 год."
    )
    r = one(text)
    assert sorted(r["parties"]) == ["KZ", "TJ"]
    assert r["place"] == "Душанбе"


def test_country_and_organisation_as_sides():
    r = one("Проект соглашения о свободной торговле между ЕАЭС и Монголией согласован.")
    assert sorted(r["parties"]) == ["EAEU", "MN"]
    assert r["status"] == "planned"


def test_a_domestic_programme_takes_no_parties_from_the_context():
    text = (
        "Министры обороны России и Казахстана провели переговоры. "
        "Государственная программа вооружения на 2027–2036 годы будет утверждена позже."
    )
    assert run(text) == []


def test_capitalised_compound_adjective_names_both_parties():
    r = one("Российско-белорусский план военного сотрудничества на 2027 год подписан в Минске.")
    assert (sorted(r["parties"]), r["period"], r["status"], r["place"]) == (
        ["BY", "RU"],
        "2027",
        "signed",
        "Минск",
    )


def test_headline_and_body_mentions_of_one_memorandum_merge():
    text = (
        "Вьетнам и Лаос подписали меморандум о сотрудничестве в сфере медицинского образования\n"
        "По итогам переговоров министры подписали меморандум о взаимопонимании в области "
        "медицинского образования и подготовки кадров."
    )
    r = one(text)
    assert sorted(r["parties"]) == ["LA", "VN"]
    assert r["title"] == (
        "меморандум о взаимопонимании в области медицинского образования и подготовки кадров"
    )


def test_two_organisations_as_sides():
    r = one("ОДКБ и СНГ подписали меморандум о сотрудничестве в сфере борьбы с терроризмом.")
    assert sorted(r["parties"]) == ["CIS", "CSTO"]
    r = one("Секретариат ШОС подписал меморандум о взаимопонимании с АСЕАН.")
    assert sorted(r["parties"]) == ["ASEAN", "SCO"]


def test_organisation_before_the_country_as_sides():
    r = one("Евразийский экономический союз и Индонезия подписали соглашение о свободной торговле.")
    assert sorted(r["parties"]) == ["EAEU", "ID"]
    assert r["status"] == "signed"


def test_ratification_of_a_document_of_an_organisations_members():
    r = one(
        "Сенат Казахстана ратифицировал соглашение о создании объединенной системы связи "
        "государств — участников СНГ."
    )
    assert (r["parties"], r["status"]) == (["CIS"], "ratified")
    assert r["title"].endswith("государств — участников СНГ")


def test_ratification_by_a_parliament_names_the_treaty_states():
    r = one(
        "Милли Меджлис Азербайджана ратифицировал соглашение о военном сотрудничестве с Пакистаном."
    )
    assert (sorted(r["parties"]), r["status"]) == (["AZ", "PK"], "ratified")


def test_a_states_own_concept_discussed_at_talks_is_its_own():
    r = one(
        "Министры иностранных дел Монголии и Вьетнама обсудили ход реализации концепции "
        "внешней политики Монголии."
    )
    assert (r["kind"], r["parties"], r["status"]) == ("concept", ["MN"], "in_force")


def test_unnamed_plural_documents_give_no_record():
    text = "Президенты Азербайджана и Казахстана обсудили выполнение ранее подписанных соглашений."
    assert run(text) == []


# -- dates from the context ---------------------------------------------------------------


def test_lead_after_a_dateline_is_dated_by_it_but_not_a_future_one():
    r = one(
        "БИШКЕК, 21 февраля. /Кабар/. Министры обороны Киргизии и Монголии подписали "
        "план военного сотрудничества на 2023 год.",
        "2023-02-21",
    )
    assert (r["status"], r["date"]) == ("signed", "2023-02-21")
    r = one(
        "ДУШАНБЕ, 3 октября. /Ховар/. Министры обороны Таджикистана и Китая подпишут "
        "план военного сотрудничества на 2024 год.",
        "2023-10-03",
    )
    assert (r["status"], r["date"]) == ("planned", None)


def test_signed_by_the_results_of_talks_dated_in_the_sentence_before():
    r = one(
        "Министр обороны Вьетнама Фан Ван Жанг во вторник провел переговоры с министром "
        "обороны Лаоса Чансамоном Чанялатом. По итогам встречи стороны подписали меморандум "
        "о сотрудничестве в области подготовки кадров.",
        "2023-05-18",
    )
    assert r["date"] == "2023-05-16"


def test_signed_on_the_sidelines_of_a_forum_dated_elsewhere():
    r = one(
        "Форум «Армия-2022» прошел 16 августа в Кубинке. На полях форума министры обороны "
        "Белоруссии и Никарагуа подписали соглашение о военном сотрудничестве.",
        "2022-08-20",
    )
    assert r["date"] == "2022-08-16"


def test_signing_at_a_meeting_a_relative_clause_hangs_on():
    r = one(
        "Напомним, 14 апреля в Ташкенте пройдет встреча министров иностранных дел Узбекистана "
        "и Афганистана, по итогам которой будет подписан протокол о транзите грузов.",
        "2022-04-05",
    )
    assert (r["status"], r["date"]) == ("planned", "2022-04-14")


def test_simultaneous_ratification_takes_the_date_of_the_one_before():
    records = run(
        "Мажилис Казахстана сегодня ратифицировал соглашение с Турцией о военном "
        "сотрудничестве. Одновременно депутаты ратифицировали протокол с Турцией о "
        "военно-техническом сотрудничестве.",
        "2023-11-29",
    )
    assert {(r["kind"], r["date"]) for r in records} == {
        ("agreement", "2023-11-29"),
        ("protocol", "2023-11-29"),
    }


def test_plan_to_be_adopted_by_the_participants_of_a_dated_session():
    r = one(
        "Заседание Совета министров обороны СНГ пройдет в Бишкеке 25 октября. В заседании "
        "примут участие министры обороны государств Содружества. Ожидается, что министры "
        "утвердят план совместных мероприятий СНГ на 2024 год.",
        "2023-10-20",
    )
    assert (r["parties"], r["status"], r["date"]) == (["CIS"], "planned", "2023-10-25")


def test_draft_to_be_signed_later_is_not_dated_by_the_talks():
    r = one(
        "АНКАРА, 4 мая. /Анадолу/. Министры обороны Турции и Азербайджана провели переговоры. "
        "Министры обсудили проект соглашения о поставках вооружений, который планируется "
        "подписать позднее.",
        "2023-05-04",
    )
    assert (r["status"], r["date"]) == ("planned", None)


def test_date_before_a_relative_clause_or_a_planning_verb():
    r = one(
        "Завтра на полях форума, который проходит в Сочи, Россия и Египет планируют подписать "
        "соглашение о поставках зерна.",
        "2023-10-11",
    )
    assert r["date"] == "2023-10-12"
    r = one(
        "В сентябре Казахстан и Киргизия планируют подписать соглашение о демаркации границы.",
        "2023-06-11",
    )
    assert r["date"] == "2023-09"


def test_undated_past_signing_gets_only_the_publication_month():
    r = one(
        "Министры обороны Сербии и Венгрии подписали план военного сотрудничества на 2024 год.",
        "2023-12-01",
    )
    assert r["date"] == "2023-12"


@pytest.mark.parametrize(
    ("text", "status", "date"),
    [
        # a month seven months ahead is nearer last year, but a planned signing is ahead
        (
            "Министры обороны Египта и Индии договорились подписать "
            "программу военного сотрудничества в ноябре.",
            "planned",
            "2026-11",
        ),
        # a month four months ahead is nearest, but a signing done is behind
        (
            "Министры обороны Египта и Индии подписали "
            "программу военного сотрудничества в августе.",
            "signed",
            "2025-08",
        ),
    ],
)
def test_month_without_year_follows_the_status(text: str, status: str, date: str) -> None:
    r = one(text, "2026-04-22")
    assert (r["status"], r["date"]) == (status, date)


def test_date_of_another_document_in_a_participle_phrase_is_not_taken() -> None:
    r = one(
        "Министры обороны России и Кубы подписали протокол о продлении соглашения о "
        "сотрудничестве в области образования, заключенного между правительствами в 2016 году.",
        "2026-03-12",
    )
    assert (r["kind"], r["status"], r["date"]) == ("protocol", "signed", "2026-03")
    # a participle of planning still dates the signing it frames
    r = one(
        "Россия и Монголия намерены подписать соглашение о военно-техническом сотрудничестве "
        "в ходе визита президента Монголии в Москву, запланированного на сентябрь.",
        "2025-05-14",
    )
    assert (r["status"], r["date"]) == ("planned", "2025-09")


@pytest.mark.parametrize(
    "text,parties,status",
    [
        (
            "Президент Молдавии предложил подписать договор о присоединении Молдавии "
            "к Евразийскому экономическому союзу.",
            ["EAEU", "MD"],
            "planned",
        ),
        (
            "Парламент Узбекистана ратифицировал протокол о присоединении Узбекистана к ВТО.",
            ["UZ", "WTO"],
            "ratified",
        ),
        ("Швеция подписала протокол о вступлении в НАТО.", ["NATO", "SE"], "signed"),
    ],
)
def test_accession_document_has_the_state_and_the_organisation(text, parties, status):
    r = one(text)
    assert (r["parties"], r["status"]) == (parties, status)


def test_summit_declaration_named_by_its_city_is_the_organisation_s():
    r = one("Об этом говорится в Казанской декларации, принятой по итогам саммита БРИКС.")
    assert (r["kind"], r["parties"], r["status"]) == ("declaration", ["BRICS"], "signed")


def test_country_of_the_summit_is_no_party():
    text = (
        "Лидеры ШОС встретились в Астане. "
        "Об этом говорится в Астанинской декларации, подписанной 4 июня по итогам саммита в "
        "Казахстане."
    )
    r = one(text)
    assert (r["parties"], r["date"]) == (["SCO"], "2024-06-04")


def test_declaration_drawn_up_at_a_summit_of_the_organisation_named_before():
    text = (
        "Лидеры ОДКБ провели встречу. "
        "Об этом говорится в Душанбинской декларации, составленной по итогам саммита организации."
    )
    assert one(text)["parties"] == ["CSTO"]


def test_period_after_the_sides_between_ministries():
    r = one(
        "По итогам переговоров подписан План двустороннего военного сотрудничества между "
        "Министерством обороны Республики Беларусь и Министерством обороны Киргизской "
        "Республики на 2021 год."
    )
    assert (r["parties"], r["period"]) == (["BY", "KG"], "2021")


def test_coordinated_document_shares_the_signing():
    records = run(
        "Министры подписали соглашение между Правительством Республики Беларусь и "
        "Правительством Республики Сербия о сотрудничестве в области военного образования и "
        "подготовки кадров, а также план военного сотрудничества между министерствами обороны "
        "двух стран на 2023 год."
    )
    plan = next(r for r in records if r["kind"] == "plan")
    assert (plan["parties"], plan["period"], plan["status"]) == (["BY", "RS"], "2023", "signed")


def test_demonstrative_mention_is_the_document_named_before():
    records = run(
        "Индонезия рассчитывает подписать с Евразийским экономическим союзом соглашение о зоне "
        "свободной торговли. Премьер России встретился с президентом Индонезии. Надеемся, что "
        "скоро мы выйдем на подписание этого договора, сказал премьер."
    )
    assert [(r["kind"], r["parties"]) for r in records] == [("agreement", ["EAEU", "ID"])]


def test_bare_repetition_merges_into_the_document_named_before():
    records = run(
        "Парламент Узбекистана ратифицировал протокол о присоединении Узбекистана к ВТО. "
        "Протокол был подписан 10 декабря 2012 года президентом Узбекистана Шавкатом "
        "Мирзиёевым и генеральным директором ВТО Паскалем Лами."
    )
    assert [(r["parties"], r["status"]) for r in records] == [(["UZ", "WTO"], "ratified")]


def test_organisations_coordinated_over_their_heads_names():
    r = one(
        "Генеральные секретари ОДКБ - Иван Петров, СНГ - Олег Сидоров и ШОС - Чжан Мин "
        "подписали дорожную карту по развитию сотрудничества организаций."
    )
    assert r["parties"] == ["CIS", "CSTO", "SCO"]


def test_accession_organisation_after_a_participle():
    r = one(
        "Президент Молдавии предложил подписать договор о присоединении Молдавии к "
        "создаваемому Евразийскому экономическому союзу."
    )
    assert r["parties"] == ["EAEU", "MD"]


def test_participle_attribute_does_not_hide_the_status_before_it():
    r = one(
        "Мы рассчитываем, что к саммиту будет согласован обновленный план действий ЕАЭС по "
        "противодействию коррупции на 2027–2031 годы."
    )
    assert (r["parties"], r["period"], r["status"]) == (["EAEU"], "2027-2031", "planned")


@pytest.mark.parametrize(
    "text",
    [
        "Выводы учтут при разработке плана подготовки миротворческих сил ОДКБ на 2027–2031 годы.",
        "Министры поручили завершить согласование соглашения о военно-техническом "
        "сотрудничестве между Арменией и Индией.",
    ],
)
def test_a_document_being_drafted_is_planned(text):
    assert one(text)["status"] == "planned"


def test_period_until_a_year_starts_with_the_publication_year():
    r = one("Иран и Сирия подписали программу военного сотрудничества на период до 2029 года.")
    assert r["period"] == "2024-2029"


def test_deadline_of_a_planned_signing_is_no_period():
    r = one("Иран и Сирия намерены подписать программу военного сотрудничества до 2026 года.")
    assert r["period"] is None


def test_signing_without_a_date_is_dated_by_the_publication_month():
    r = one("По итогам встречи министров Чили и Перу подписана дорожная карта сотрудничества.")
    assert r["date"] == "2024-06"


def test_joint_statement_is_a_declaration():
    r = one(
        "По итогам встречи главы государств подписали Совместное заявление об установлении "
        "отношений стратегического партнерства между Республикой Казахстан и Республикой Корея."
    )
    assert (r["kind"], r["parties"], r["status"]) == ("declaration", ["KR", "KZ"], "signed")


def test_a_statement_made_is_no_document():
    assert run("Посол Франции сделал заявление о поддержке Армении.") == []


def test_organisations_of_coordinated_heads_are_the_sides():
    r = one(
        "Директор исполкома РАТС ШОС Иван Петров и руководитель Антитеррористического центра "
        "государств – участников СНГ Олег Сидоров подписали меморандум о взаимопонимании."
    )
    assert set(r["parties"]) == {"CIS", "SCO_RATS"}


def test_organisation_named_in_a_circumstance_is_no_side():
    r = one(
        "Подписано совместное заявление генеральных секретарей ОДКБ, СНГ и ШОС в связи с "
        "годовщиной основания ООН и окончания войны."
    )
    assert r["parties"] == ["CIS", "CSTO", "SCO"]


def test_the_same_roadmap_with_and_without_the_acronyms_is_one_record():
    records = run(
        "Генсеки ОДКБ, СНГ и ШОС подписали дорожную карту по развитию сотрудничества "
        "организаций. Церемония подписания дорожной карты по развитию сотрудничества ОДКБ, СНГ "
        "и ШОС прошла в Москве."
    )
    assert [(r["kind"], r["parties"]) for r in records] == [("roadmap", ["CIS", "CSTO", "SCO"])]


def test_founding_agreement_belongs_to_the_organisation_it_founded():
    r = one(
        "14 сентября 2019 г. Республикой Казахстан завершена ратификация Стамбульского "
        "соглашения, учредившее в 2010 году Организацию тюркских государств."
    )
    assert (r["parties"], r["status"], r["date"]) == (["OTS"], "ratified", "2019-09-14")


def test_organisation_being_founded_is_not_the_owner():
    r = one(
        "Президент Молдавии предложил подписать договор о присоединении Молдавии к "
        "создаваемому Евразийскому экономическому союзу."
    )
    assert r["parties"] == ["EAEU", "MD"]
