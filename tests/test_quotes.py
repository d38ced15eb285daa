"""The quotes extractor: a person's words in quotation marks and who said them."""

from __future__ import annotations

from svodka.plugins.extractors import quotes
from svodka.plugins.extractors.quotes import QuoteExtractor
from svodka.testing import extract_records, plugins_with

EXTRACTOR = QuoteExtractor()


def records(text: str) -> list[dict]:
    return extract_records(EXTRACTOR, text)


def pairs(text: str) -> set[tuple[str, str]]:
    return {(r["speaker"], r["text"]) for r in records(text)}


def test_attribution_after_the_quote_with_a_name() -> None:
    text = (
        "«Армения заинтересована в диалоге с соседями. Консультации помогут снизить "
        "напряжённость», — заявил министр обороны Армении Сурен Папикян."
    )
    assert pairs(text) == {
        (
            "Сурен Папикян",
            "Армения заинтересована в диалоге с соседями. Консультации помогут снизить "
            "напряжённость",
        )
    }


def test_attribution_before_the_quote() -> None:
    text = "Премьер-министр Армении Никол Пашинян заявил, что «страна не вступит в блоки»."
    assert pairs(text) == {("Никол Пашинян", "страна не вступит в блоки")}


def test_colon_after_a_post_with_a_country_adjective() -> None:
    text = (
        "Министр обороны Германии Борис Писториус провёл переговоры с министром обороны "
        "Польши Владиславом Косиняк-Камышем. В частности, немецкий министр сказал: "
        "«Мы усилим присутствие на восточном фланге НАТО»."
    )
    assert pairs(text) == {("Борис Писториус", "Мы усилим присутствие на восточном фланге НАТО")}


def test_pronoun_takes_the_last_subject_not_a_genitive() -> None:
    text = (
        "Президент Узбекистана Шавкат Мирзиёев выступил на форуме. Он поддержал инициативу "
        "Владимира Путина о транспортном коридоре.\n"
        "«Мы готовы вложить в коридор значительные средства», — подчеркнул он."
    )
    assert pairs(text) == {("Шавкат Мирзиёев", "Мы готовы вложить в коридор значительные средства")}


def test_pronoun_needs_a_subject_before_it() -> None:
    text = (
        "На форуме выступил глава делегации. Он поддержал инициативу Владимира Путина.\n"
        "«Мы готовы вложить в коридор значительные средства», — подчеркнул он."
    )
    assert records(text) == []


def test_feminine_pronoun_does_not_take_a_man() -> None:
    text = (
        "Министр иностранных дел России Сергей Лавров прибыл в Кишинёв. "
        "«Диалог возможен только на равных», — сказала она."
    )
    assert records(text) == []


def test_feminine_speaker() -> None:
    text = (
        "Президент Молдавии Майя Санду провела пресс-конференцию. "
        "«Мы не допустим дестабилизации в стране», — заявила она."
    )
    assert pairs(text) == {("Майя Санду", "Мы не допустим дестабилизации в стране")}


def test_speaker_in_the_genitive_after_words_and_quoting_verbs() -> None:
    text = (
        "Министр обороны Казахстана Руслан Жаксылыков встретился с коллегой. "
        "«Сотрудничество развивается успешно», — приводятся в сообщении слова Жаксылыкова.\n"
        "Президент Белоруссии Александр Лукашенко провёл совещание. "
        "«Нам не нужна эскалация на границе», цитирует президента агентство."
    )
    assert pairs(text) == {
        ("Руслан Жаксылыков", "Сотрудничество развивается успешно"),
        ("Александр Лукашенко", "Нам не нужна эскалация на границе"),
    }


def test_according_to_and_as_said() -> None:
    text = (
        "Министр обороны Азербайджана Закир Гасанов посетил войсковые части. Как отметил "
        "Гасанов, «армия готова к выполнению любых задач». По словам министра, «учения "
        "пройдут в сентябре»."
    )
    assert pairs(text) == {
        ("Закир Гасанов", "армия готова к выполнению любых задач"),
        ("Закир Гасанов", "учения пройдут в сентябре"),
    }


def test_institutions_and_documents_are_no_speakers() -> None:
    text = (
        "Министр обороны России Андрей Белоусов прибыл в Минск.\n"
        "«Учения носят оборонительный характер», — говорится в сообщении пресс-службы.\n"
        "«Все мероприятия пройдут по плану», — отметили в ведомстве. По данным министерства, "
        "«к учениям привлечено шесть тысяч военнослужащих»."
    )
    assert records(text) == []


def test_joint_and_negated_statements_are_no_quotes() -> None:
    text = (
        "Президенты Сергей Лавров и Ван И провели переговоры. «Мы против гегемонии», — "
        "отметили Лавров и Ван И.\n"
        "Министр обороны Армении Сурен Папикян не заявлял, что «Армения выходит из ОДКБ»."
    )
    assert records(text) == []


def test_quoted_names_are_no_quotes() -> None:
    text = (
        "Министр обороны Казахстана Руслан Жаксылыков заявил, что сбор «Айбын» пройдёт в "
        "Щучинске. Курсанты школы «Жас улан» примут участие в учениях «Щит Союза – 2025», "
        "сообщил министр."
    )
    assert records(text) == []


def test_nested_quotes_are_kept() -> None:
    text = (
        "«Мы уверены, что вы недолго будете «наблюдать» за нами», – сказал президент "
        "Белоруссии Александр Лукашенко."
    )
    assert pairs(text) == {
        ("Александр Лукашенко", "Мы уверены, что вы недолго будете «наблюдать» за нами")
    }


def test_straight_and_english_quotes() -> None:
    text = (
        'Посол России Алексей Бородавкин подчеркнул: "Мы рассчитываем на продолжение '
        '"интеграционного курса"". “Переговоры пройдут в Астане”, — добавил он.'
    )
    assert pairs(text) == {
        ("Алексей Бородавкин", 'Мы рассчитываем на продолжение "интеграционного курса"'),
        ("Алексей Бородавкин", "Переговоры пройдут в Астане"),
    }


def test_attribution_inside_the_quote() -> None:
    text = (
        "Президент Белоруссии Александр Лукашенко провёл совещание. «Мы не собираемся "
        "воевать, — сказал Лукашенко. — Но и отступать не будем»."
    )
    assert pairs(text) == {
        ("Александр Лукашенко", "Мы не собираемся воевать, Но и отступать не будем")
    }


def test_quote_continued_in_the_same_and_the_next_paragraph() -> None:
    text = (
        "Президент России Владимир Путин выступил на саммите.\n"
        "«Расширение альянса не представляет для нас угрозы», — сказал Путин. «Но мы "
        "ответим на размещение инфраструктуры».\n"
        "«Мы будем смотреть, какие угрозы будут созданы»."
    )
    assert pairs(text) == {
        ("Владимир Путин", "Расширение альянса не представляет для нас угрозы"),
        ("Владимир Путин", "Но мы ответим на размещение инфраструктуры"),
        ("Владимир Путин", "Мы будем смотреть, какие угрозы будут созданы"),
    }


def test_quote_over_two_paragraphs_after_a_colon() -> None:
    text = (
        "Президент Киргизии Садыр Жапаров заявил:\n"
        "«Все спорные вопросы на границе решены окончательно.\n"
        "Впереди большая работа по восстановлению торговли», — сказал глава государства."
    )
    assert pairs(text) == {
        ("Садыр Жапаров", "Все спорные вопросы на границе решены окончательно"),
        ("Садыр Жапаров", "Впереди большая работа по восстановлению торговли"),
    }


def test_attribution_in_the_next_sentence() -> None:
    text = (
        "Президент Таджикистана Эмомали Рахмон провёл переговоры. «Наши народы веками жили "
        "бок о бок». Так прокомментировал итоги встречи таджикский президент."
    )
    assert pairs(text) == {("Эмомали Рахмон", "Наши народы веками жили бок о бок")}


def test_short_fragments_have_low_confidence_and_need_a_speech_verb() -> None:
    text = (
        "Министр иностранных дел России Сергей Лавров заявил, что Москва «не отказывается» "
        "от переговоров. Он назвал ситуацию «тупиковой»."
    )
    found = records(text)
    assert [(r["speaker"], r["text"]) for r in found] == [("Сергей Лавров", "не отказывается")]
    assert found[0]["confidence"] < 0.5


def test_short_utterance_is_a_quote() -> None:
    text = "Министр обороны Армении Сурен Папикян ответил на вопрос. «Нет», — сказал министр."
    assert pairs(text) == {("Сурен Папикян", "Нет")}


def test_evidence_points_into_the_text() -> None:
    text = (
        "Министр обороны России Андрей Белоусов провёл коллегию.\n"
        "«Армия получит новые системы», — сказал Белоусов."
    )
    (record,) = records(text)
    (evidence,) = record["evidence"]
    assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    assert evidence["text"] == "«Армия получит новые системы», — сказал Белоусов."
    assert record["confidence"] >= 0.8


def test_registered_under_its_name() -> None:
    with plugins_with(quotes, builtins=False) as plugins:
        assert "quotes" in plugins.extractors


def test_a_quote_is_dated_by_its_report_and_a_fragment_is_marked() -> None:
    from svodka.model.records import Quote
    from svodka.report.labels import quote_words
    from svodka.report.render import fact_line

    q = Quote(article="a", speaker="Олег Петров", text="надёжным партнёром", date="2024-03-05")
    assert fact_line(q) == "Олег Петров (5 марта 2024): «…надёжным партнёром»."
    assert fact_line(q, "en") == "Oleg Petrov (5 March 2024): “…надёжным партнёром”."
    assert quote_words("Мы готовы к диалогу") == "Мы готовы к диалогу"
