"""The membership extractor: a state's status in an international organisation."""

from __future__ import annotations

import pytest

from svodka.plugins.extractors.membership import MembershipExtractor
from svodka.testing import extract_records, plugins_with

EXTRACTOR = MembershipExtractor()


def keys(text: str, published: str | None = "2024-05-10") -> set[tuple[str, str, str, str | None]]:
    records = extract_records(EXTRACTOR, text, published=published)
    return {(r["country"], r["organization"], r["status"], r["date"]) for r in records}


def statuses(text: str) -> set[tuple[str, str, str]]:
    return {k[:3] for k in keys(text)}


def test_became_member_with_date_in_the_sentence() -> None:
    assert keys("Швеция стала 32-м членом НАТО 7 марта 2024 года.") == {
        ("SE", "NATO", "member", "2024-03-07")
    }


def test_change_stated_as_done_is_dated_by_publication() -> None:
    assert keys("Египет, Эфиопия и ОАЭ присоединились к БРИКС.", "2024-01-02") == {
        ("EG", "BRICS", "member", "2024-01-02"),
        ("ET", "BRICS", "member", "2024-01-02"),
        ("AE", "BRICS", "member", "2024-01-02"),
    }


def test_future_entry_is_member_without_publication_date() -> None:
    assert keys("Индонезия станет полноправным членом БРИКС.") == {("ID", "BRICS", "member", None)}


def test_evidence_is_the_sentence() -> None:
    text = "Саммит прошел в Астане. Монголия получила статус наблюдателя в ШОС."
    (record,) = extract_records(EXTRACTOR, text)
    assert record["evidence"][0]["text"] == "Монголия получила статус наблюдателя в ШОС."
    assert 0 < record["confidence"] <= 1


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Мьянма получила статус партнера ШОС по диалогу.", ("MM", "SCO", "dialogue_partner")),
        (
            "Египет участвует в работе ШОС в качестве партнера по диалогу.",
            ("EG", "SCO", "dialogue_partner"),
        ),
        ("Кубе предоставлен статус наблюдателя при ЕАЭС.", ("CU", "EAEU", "observer")),
        ("Малайзия получила статус страны-партнера БРИКС.", ("MY", "BRICS", "partner")),
        ("Сербия является кандидатом на вступление в ЕС.", ("RS", "EU", "applicant")),
        ("Грузия подала заявку на членство в Евросоюзе.", ("GE", "EU", "applicant")),
        (
            "Саудовская Аравия получила приглашение присоединиться к БРИКС.",
            ("SA", "BRICS", "invited"),
        ),
        ("Армения заморозила свое участие в ОДКБ.", ("AM", "CSTO", "suspended")),
        ("Членство Армении в ОДКБ было приостановлено.", ("AM", "CSTO", "suspended")),
        ("Грузия вышла из СНГ.", ("GE", "CIS", "withdrawn")),
        ("Выход Великобритании из Евросоюза состоялся в 2020 году.", ("GB", "EU", "withdrawn")),
        ("Россия была исключена из Совета Европы.", ("RU", "CE", "withdrawn")),
        ("Турция, являющаяся членом НАТО, закупила комплексы С-400.", ("TR", "NATO", "member")),
        ("Россия приветствует вступление Ирана в ШОС.", ("IR", "SCO", "member")),
        ("Черногория — страна-кандидат на вступление в Евросоюз.", ("ME", "EU", "applicant")),
        ("Монголия — наблюдатель в ШОС.", ("MN", "SCO", "observer")),
    ],
)
def test_status_phrases(text: str, expected: tuple[str, str, str]) -> None:
    assert statuses(text) == {expected}


def test_application_procedure_started_or_completed() -> None:
    started = "В 2021 году началась процедура приема Ирана в члены ШОС."
    completed = "В этом году Иран завершил процедуры приема в члены ШОС."
    assert statuses(started) == {("IR", "SCO", "applicant")}
    assert statuses(completed) == {("IR", "SCO", "member")}


@pytest.mark.parametrize(
    "text",
    [
        "Сербия не намерена вступать в НАТО.",
        "Туркменистан не входит ни в ОДКБ, ни в ЕАЭС.",
        "Беларусь не является членом Всемирной торговой организации.",
        "Аргентина отказалась от вступления в БРИКС.",
        "Если Украина вступит в НАТО, Россия будет вынуждена ответить.",
        "Венгрия выступает против вступления Украины в ЕС.",
    ],
)
def test_negated_refused_or_conditional_gives_nothing(text: str) -> None:
    assert keys(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Министр обороны Беларуси принял участие в заседании Совета министров обороны "
        "государств — членов ОДКБ.",
        "В учениях ОДКБ приняли участие военные Армении, Казахстана и России.",
        "Беларусь присоединилась к заявлению стран ОДКБ.",
        "Соглашение вступило в силу после ратификации всеми членами ЕАЭС.",
        "Военные наблюдатели ООН прибыли в Сирию.",
        "Член делегации Казахстана выступил на заседании ШОС.",
        "Китай — главный торговый партнер ЕАЭС.",
        "Россия остается ответственным членом международного сообщества.",
        "Беларусь присоединилась к более чем 40 договорам организации.",
        "Саммит ОДКБ прошел в Минске. Россия остается членом клуба ядерных держав.",
        "Саммит ОДКБ прошел в Минске. Кандидатом в президенты Армении стал бывший министр.",
    ],
)
def test_no_status_change(text: str) -> None:
    assert keys(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Вопрос о полноправном членстве Азербайджана в ЕАЭС сейчас не рассматривается.",
        "О вступлении Молдавии в ОДКБ речь не идет.",
        "Вступление Сербии в НАТО в ближайшие годы не состоится.",
        "Вступать в Евросоюз Белоруссия не будет.",
        "Планов вступления Узбекистана в ОДКБ нет.",
    ],
)
def test_subject_of_a_negated_predicate_gives_nothing(text: str) -> None:
    assert keys(text) == set()


def test_a_judgement_of_an_entry_keeps_it() -> None:
    assert statuses("Вступление Финляндии в НАТО не останется без ответа.") == {
        ("FI", "NATO", "member")
    }


def test_observer_not_seeking_full_membership() -> None:
    for text in (
        "Вьетнам получил статус наблюдателя в ЕАЭС и не стремится к полноправному членству.",
        "Азербайджан стал наблюдателем в ОДКБ, однако о полноправном членстве в организации "
        "речь не идет.",
    ):
        assert {k[2] for k in statuses(text)} == {"observer"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Киргизия заморозила участие в деятельности СНГ.", ("KG", "CIS", "suspended")),
        ("Белоруссия приостановила участие в работе ОБСЕ.", ("BY", "OSCE", "suspended")),
        ("Участие Грузии в СНГ приостановлено.", ("GE", "CIS", "suspended")),
        (
            "Туркмения не покидала СНГ, хотя участие в работе организации заморожено.",
            ("TM", "CIS", "suspended"),
        ),
        (
            "Президент Молдавии заявил, что Кишинев заморозил участие в деятельности СНГ.",
            ("MD", "CIS", "suspended"),
        ),
    ],
)
def test_suspended_participation(text: str, expected: tuple[str, str, str]) -> None:
    assert statuses(text) == {expected}


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Туркменистан подал заявку на получение статуса наблюдателя при ШОС.",
            ("TM", "SCO", "applicant"),
        ),
        ("Таиланд стремится получить статус партнера БРИКС.", ("TH", "BRICS", "applicant")),
        (
            "Камбоджа, подавшая заявку, получила статус партнера ШОС по диалогу.",
            ("KH", "SCO", "dialogue_partner"),
        ),
        ("По итогам долгих переговоров Швеция вступила в НАТО.", ("SE", "NATO", "member")),
        ("Хорватия, подавшая заявку в 2003 году, вступила в ЕС.", ("HR", "EU", "member")),
        ("Индонезия получила приглашение в БРИКС.", ("ID", "BRICS", "invited")),
    ],
)
def test_application_and_invitation_govern_the_phrase(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert statuses(text) == {expected}


def test_a_capital_stands_for_its_state_only_as_the_subject_of_the_change() -> None:
    assert statuses("Эксперты считают, что Тегеран вступил в ШОС слишком поздно.") == {
        ("IR", "SCO", "member")
    }
    assert keys("Анкара блокирует вступление в НАТО.") == set()


def test_an_organisations_own_members_are_no_status() -> None:
    text = (
        "Стороны подписали соглашение о свободной торговле между ЕАЭС и его "
        "государствами-членами, с одной стороны, и Ираном, с другой стороны."
    )
    assert keys(text) == set()


def test_post_country_is_not_the_member() -> None:
    text = "Президент Казахстана заявил, что Узбекистан станет наблюдателем в ЕАЭС."
    assert statuses(text) == {("UZ", "EAEU", "observer")}


def test_coordinated_states_and_organisations() -> None:
    assert statuses("Финляндия и Швеция подали заявки на вступление в НАТО.") == {
        ("FI", "NATO", "applicant"),
        ("SE", "NATO", "applicant"),
    }
    assert statuses("Казахстан входит в ОДКБ, ЕАЭС и ШОС.") == {
        ("KZ", "CSTO", "member"),
        ("KZ", "EAEU", "member"),
        ("KZ", "SCO", "member"),
    }


def test_enlargement_and_probable_entry_are_member() -> None:
    assert statuses("Стороны обсудили расширение НАТО за счет Молдовы и Грузии.") == {
        ("MD", "NATO", "member"),
        ("GE", "NATO", "member"),
    }


def test_anaphoric_organisation() -> None:
    text = (
        "Лидеры стран ОДКБ собрались в Минске. "
        "Эксперты ожидают, что следующим членом организации станет Азербайджан."
    )
    assert statuses(text) == {("AZ", "CSTO", "member")}


def test_country_anaphor() -> None:
    text = "Президент Ирана подписал закон о вступлении страны в ШОС."
    assert statuses(text) == {("IR", "SCO", "member")}


def test_several_statuses_of_one_state_each_with_its_date() -> None:
    text = (
        "Иран с 2005 года участвовал в ШОС как наблюдатель. "
        "В сентябре 2021 года началась процедура приема Ирана в члены организации. "
        "4 июля 2023 года Иран стал полноправным членом ШОС."
    )
    assert keys(text) == {
        ("IR", "SCO", "observer", "2005"),
        ("IR", "SCO", "applicant", "2021-09"),
        ("IR", "SCO", "member", "2023-07-04"),
    }


def test_dates_of_two_statuses_in_one_sentence() -> None:
    text = (
        "Египет участвовал в ШОС с 2012 года в статусе партнера по диалогу "
        "и с 2020 года как наблюдатель."
    )
    assert keys(text) == {
        ("EG", "SCO", "dialogue_partner", "2012"),
        ("EG", "SCO", "observer", "2020"),
    }


def test_elliptic_clause_and_same_year() -> None:
    text = (
        "Армения присоединилась к ЕАЭС 2 января 2015 года, а Киргизия стала членом союза "
        "в августе того же года. Узбекистан вышел из ОДКБ в 2012 году, а Азербайджан — в 1999 году."
    )
    assert keys(text) == {
        ("AM", "EAEU", "member", "2015-01-02"),
        ("KG", "EAEU", "member", "2015-08"),
        ("UZ", "CSTO", "withdrawn", "2012"),
        ("AZ", "CSTO", "withdrawn", "1999"),
    }


def test_member_lists_have_lower_confidence() -> None:
    text = (
        "Казахстан стал членом ШОС наряду с Киргизией и Таджикистаном. "
        "Члены ОДКБ: Армения, Беларусь и Россия."
    )
    records = extract_records(EXTRACTOR, text, published="2024-05-10")
    conf = {(r["country"], r["organization"]): r["confidence"] for r in records}
    assert set(conf) == {
        ("KZ", "SCO"),
        ("KG", "SCO"),
        ("TJ", "SCO"),
        ("AM", "CSTO"),
        ("BY", "CSTO"),
        ("RU", "CSTO"),
    }
    assert conf[("KZ", "SCO")] > conf[("KG", "SCO")]
    assert conf[("AM", "CSTO")] < 0.7


def test_one_record_per_state_organisation_and_status() -> None:
    text = "Лаос стал партнером ШОС по диалогу.\nЛаос стал партнером ШОС по диалогу в 2024 году."
    assert keys(text) == {("LA", "SCO", "dialogue_partner", "2024")}


def test_registered_under_its_name() -> None:
    with plugins_with() as plugins:
        assert "membership" in plugins.extractors


# -- dates from the context ---------------------------------------------------------------


def test_change_dated_by_the_follow_up_decision() -> None:
    assert keys(
        "Египет получил статус партнера ШОС по диалогу. Соответствующее решение приняли "
        "15 сентября лидеры стран организации.",
        "2022-09-20",
    ) == {("EG", "SCO", "dialogue_partner", "2022-09-15")}


def test_headline_change_dated_like_the_dateline_lead() -> None:
    text = (
        "Мьянма получила статус партнера ШОС\nПЕКИН, 12 июня. /Синьхуа/. Мьянма получила "
        "статус партнера ШОС. Соответствующее решение накануне приняли министры иностранных "
        "дел стран организации."
    )
    records = extract_records(
        EXTRACTOR, text, published="2024-06-12", title="Мьянма получила статус партнера ШОС"
    )
    assert {(r["country"], r["status"], r["date"]) for r in records} == {
        ("MM", "partner", "2024-06-11")
    }


def test_change_reported_by_a_dated_announcement() -> None:
    assert keys(
        "В августе 2008 года президент Грузии Михаил Саакашвили объявил, что Грузия выходит "
        "из СНГ.",
        "2024-01-10",
    ) == {("GE", "CIS", "withdrawn", "2008-08")}


def test_change_at_a_dated_summit() -> None:
    assert keys(
        "Саммит ШОС прошел 4 июля в Астане. На саммите Белоруссия стала полноправным членом "
        "организации.",
        "2024-07-08",
    ) == {("BY", "SCO", "member", "2024-07-04")}


def test_state_in_a_dateline_lead_and_recalled_change_are_undated() -> None:
    assert keys("АСТАНА, 5 мая. /Казинформ/. Казахстан является членом ЕАЭС.", "2024-05-05") == {
        ("KZ", "EAEU", "member", None)
    }
    assert keys("В понедельник президент напомнил, что Молдавия вступила в СНГ.") == {
        ("MD", "CIS", "member", None)
    }


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Молдавия решила присоединиться к ЕАЭС.", ("MD", "EAEU", "applicant")),
        ("Лаос намерен вступить в АСЕАН.", ("LA", "ASEAN", "applicant")),
        ("Монголия намерена вступить в ШОС.", ("MN", "SCO", "applicant")),
        (
            "Власти Таджикистана заявили о намерении присоединиться к ЕАЭС.",
            ("TJ", "EAEU", "applicant"),
        ),
        (
            "Позиция Грузии относительно замораживания участия в деятельности ОДКБ не изменилась.",
            ("GE", "CSTO", "suspended"),
        ),
        (
            "Кения и Чили стали полноправными участниками объединения БРИКС.",
            ("KE", "BRICS", "member"),
        ),
        (
            "На учениях были представители Туркмении, которая давно приостановила членство в ОДКБ.",
            ("TM", "CSTO", "suspended"),
        ),
        (
            "Гана и Того покинули Сообщество развития Западной Африки (ЭКОВАС).",
            ("GH", "ECOWAS", "withdrawn"),
        ),
    ],
)
def test_status_of_the_whole_field(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in statuses(text)


def test_quoted_status_with_organisation_referred_to() -> None:
    text = 'ШОС собралась. Казахстан до сих пор имел статус "партнера по диалогу" в организации.'
    assert statuses(text) == {("KZ", "SCO", "dialogue_partner")}


def test_application_sent_by_a_capital_is_dated() -> None:
    text = "Ташкент направил заявку на получение полноправного членства в ШОС в прошлом году."
    assert keys(text) == {("UZ", "SCO", "applicant", "2023")}


def test_participle_of_change_after_a_possessive() -> None:
    text = "ШОС растет. Монголия, ставшая его десятым полноправным членом, выступила первой."
    assert ("MN", "SCO", "member") in statuses(text)


@pytest.mark.parametrize(
    "text",
    [
        "Премьер заявил, что поддерживает присоединение Сербии и Молдавии к ШОС в качестве членов.",
        "Тогда Чили от членства в БРИКС отказалась.",
    ],
)
def test_stance_or_refusal_is_no_status(text: str) -> None:
    assert statuses(text) == set()


def test_change_an_interval_before_the_publication_is_dated_to_the_month() -> None:
    text = "Встреча прошла спустя две недели после того, как Гана вышла из ЭКОВАС."
    assert keys(text, "2025-03-05") == {("GH", "ECOWAS", "withdrawn", "2025-02")}


def test_date_between_the_participle_and_its_object() -> None:
    text = "Грузия, заморозившая в феврале участие в деятельности ОДКБ, представителя не направила."
    assert keys(text) == {("GE", "CSTO", "suspended", "2024-02")}


def test_known_organisation_coordinated_after_an_unknown_name() -> None:
    text = "Власти Таджикистана заявили о намерении присоединиться к Таможенному союзу и ЕАЭС."
    assert statuses(text) == {("TJ", "EAEU", "applicant")}


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "БРИКС растет. Список подтвержденных стран-партнеров включает Боливию, Кубу и Таиланд.",
            {("BO", "BRICS", "partner"), ("CU", "BRICS", "partner"), ("TH", "BRICS", "partner")},
        ),
        (
            "В число партнеров ШОС вошли Лаос, Камбоджа и Мьянма.",
            {("LA", "SCO", "partner"), ("KH", "SCO", "partner"), ("MM", "SCO", "partner")},
        ),
        (
            "В число стран-партнеров БРИКС вошли Куба и Уганда.",
            {("CU", "BRICS", "partner"), ("UG", "BRICS", "partner")},
        ),
    ],
)
def test_every_country_of_a_list_of_a_status(text: str, expected: set) -> None:
    assert statuses(text) == expected


def test_partner_of_a_state_is_no_status() -> None:
    assert statuses("Россия входит в число крупнейших партнеров Китая.") == set()
