"""svodka eval: matching keys, optional gold, slots, one-to-one matching, files and CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from svodka.cli import cli
from svodka.eval.score import Report, evaluate, evaluate_files

A = "art-1"


def rec(rtype: str, article: str = A, **fields: Any) -> dict[str, Any]:
    """A record of ``rtype`` for ``article`` with the given fields."""
    return {"type": rtype, "article": article, **fields}


def sysrec(rtype: str, article: str = A, **fields: Any) -> dict[str, Any]:
    """A system record: the common fields an extractor adds, then the type's fields."""
    return {
        "id": f"{rtype}-x",
        "extractor": "test",
        "confidence": 0.9,
        "evidence": [],
        **rec(rtype, article, **fields),
    }


def counts(report: Report, rtype: str) -> tuple[int, int, int]:
    c = report.types[rtype]
    return c.tp, c.fp, c.fn


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


# --------------------------------------------------------------------------- keys


def test_role_key_surname_position_country() -> None:
    gold = [rec("role", person="Пётр Иванов", position="министр обороны", country="KZ")]
    same = sysrec("role", person="Петр Иванов", position="Министр  обороны", country="kz")
    other_name = sysrec("role", person="Пётр Петров", position="министр обороны", country="KZ")
    other_country = sysrec("role", person="Пётр Иванов", position="министр обороны", country="BY")
    assert counts(evaluate([same], gold), "role") == (1, 0, 0)
    # only the surname counts: a different first name still matches
    only_surname = sysrec("role", person="Иван Иванов", position="министр обороны", country="KZ")
    assert counts(evaluate([only_surname], gold), "role") == (1, 0, 0)
    assert counts(evaluate([other_name], gold), "role") == (0, 1, 1)
    assert counts(evaluate([other_country], gold), "role") == (0, 1, 1)


def test_role_null_key_field_matches_only_null() -> None:
    gold = [rec("role", person="Пётр Иванов", position="министр обороны", country=None)]
    assert counts(
        evaluate([sysrec("role", person="Иванов", position="министр обороны", country=None)], gold),
        "role",
    ) == (1, 0, 0)
    assert counts(
        evaluate([sysrec("role", person="Иванов", position="министр обороны", country="KZ")], gold),
        "role",
    ) == (0, 1, 1)


@pytest.mark.parametrize(
    ("gold_post", "system_post"),
    [
        ("председатель правительства", "премьер-министр"),
        ("глава правительства", "премьер-министр"),
        ("вице-премьер", "заместитель председателя правительства"),
        ("глава МИД", "министр иностранных дел"),
        ("глава государства", "президент"),
        ("министр национальной обороны", "министр обороны"),
    ],
)
def test_role_synonymous_posts_are_one(gold_post: str, system_post: str) -> None:
    gold = [rec("role", person="Ольга Сомова", position=gold_post, country="EE")]
    system = [sysrec("role", person="Ольга Сомова", position=system_post, country="EE")]
    assert counts(evaluate(system, gold), "role") == (1, 0, 0)


def test_role_different_posts_stay_apart() -> None:
    gold = [rec("role", person="Ольга Сомова", position="премьер-министр", country="EE")]
    for post in ("заместитель премьер-министра", "президент", "министр"):
        system = [sysrec("role", person="Ольга Сомова", position=post, country="EE")]
        assert counts(evaluate(system, gold), "role") == (0, 1, 1)


def test_meeting_key_is_set_of_surnames() -> None:
    gold = [rec("meeting", participants=["Виктор Хренин", "Руслан Жаксылыков"])]
    swapped = sysrec("meeting", participants=["Р. Жаксылыков", "Виктор Хренин"])
    fewer = sysrec("meeting", participants=["Виктор Хренин"])
    assert counts(evaluate([swapped], gold), "meeting") == (1, 0, 0)
    assert counts(evaluate([fewer], gold), "meeting") == (0, 1, 1)


def test_agreement_key_kind_parties_period() -> None:
    gold = [
        rec("agreement", kind="plan", parties=["KZ", "RU"], period=None),
        rec("agreement", kind="plan", parties=["KZ", "RU"], period="2026"),
    ]
    system = [
        sysrec("agreement", kind="plan", parties=["RU", "KZ"], period="2026"),
        sysrec("agreement", kind="plan", parties=["RU", "KZ"], period=None),
    ]
    assert counts(evaluate(system, gold), "agreement") == (2, 0, 0)
    # null period matches only null; a different kind or party set does not match
    assert counts(evaluate(system[:1], gold[:1]), "agreement") == (0, 1, 1)
    wrong = [
        sysrec("agreement", kind="memorandum", parties=["KZ", "RU"], period=None),
        sysrec("agreement", kind="plan", parties=["KZ", "RU", "BY"], period="2026"),
    ]
    assert counts(evaluate(wrong, gold), "agreement") == (0, 2, 2)


def test_membership_key_country_organization_status() -> None:
    gold = [rec("membership", country="BY", organization="SCO", status="member")]
    assert counts(
        evaluate([sysrec("membership", country="by", organization="sco", status="member")], gold),
        "membership",
    ) == (1, 0, 0)
    assert counts(
        evaluate([sysrec("membership", country="BY", organization="SCO", status="observer")], gold),
        "membership",
    ) == (0, 1, 1)
    assert counts(
        evaluate([sysrec("membership", country="BY", organization="CSTO", status="member")], gold),
        "membership",
    ) == (0, 1, 1)


def test_event_name_containment_ignores_quotes_and_dashes() -> None:
    gold = [rec("event", name="Айбын", date=None, status=None)]
    system = [sysrec("event", name="сбор «Айбын-2025»", date="2025", status="held")]
    assert counts(evaluate(system, gold), "event") == (1, 0, 0)
    # containment is by whole words, not by substring
    assert counts(evaluate([sysrec("event", name="Айбынский сбор")], gold), "event") == (0, 1, 1)


def test_event_half_words_threshold() -> None:
    gold = [rec("event", name="Совет министров обороны СНГ")]  # 4 words
    # 2 shared of the longer 4 words: exactly half -> match
    at_half = sysrec("event", name="Совет министров иностранных дел")
    # 2 shared of the longer 5 words: below half -> no match
    below = sysrec("event", name="Совет министров иностранных дел ОДКБ")
    assert counts(evaluate([at_half], gold), "event") == (1, 0, 0)
    assert counts(evaluate([below], gold), "event") == (0, 1, 1)


def test_event_organisation_names_compared_by_id() -> None:
    gold = [rec("event", name="саммит Организации Договора о коллективной безопасности")]
    assert counts(evaluate([sysrec("event", name="саммит ОДКБ")], gold), "event") == (1, 0, 0)
    # in any case of the name, and either way round
    short = [rec("event", name="заседание глав государств ШОС")]
    full = sysrec("event", name="заседание глав государств Шанхайской организации сотрудничества")
    assert counts(evaluate([full], short), "event") == (1, 0, 0)


def test_event_year_and_status_only_when_gold_has_them() -> None:
    gold = [rec("event", name="Айбын", date="2025-10", status="planned")]
    assert counts(
        evaluate([sysrec("event", name="Айбын", date="2025", status="planned")], gold), "event"
    ) == (1, 0, 0)
    assert counts(
        evaluate([sysrec("event", name="Айбын", date="2024-10", status="planned")], gold), "event"
    ) == (0, 1, 1)
    assert counts(
        evaluate([sysrec("event", name="Айбын", date=None, status="planned")], gold), "event"
    ) == (0, 1, 1)
    assert counts(
        evaluate([sysrec("event", name="Айбын", date="2025", status="held")], gold), "event"
    ) == (0, 1, 1)
    # gold without date and status: any system date and status match
    loose = [rec("event", name="Айбын", date=None, status=None)]
    assert counts(
        evaluate([sysrec("event", name="Айбын", date="1999", status="held")], loose), "event"
    ) == (1, 0, 0)


GOLD_QUOTE = "Один, два, три — четыре пять шесть семь восемь девять десять"  # 10 words


def test_quote_sixty_percent_threshold() -> None:
    gold = [rec("quote", speaker="Сергей Шойгу", text=GOLD_QUOTE)]
    # 6 of 10 words shared: exactly 60% -> match (case and punctuation ignored)
    at = sysrec("quote", speaker="С. Шойгу", text="ОДИН два три четыре пять шесть а б в г")
    # 5 of 10 words shared -> no match
    below = sysrec("quote", speaker="Сергей Шойгу", text="один два три четыре пять а б в г д")
    other_speaker = sysrec("quote", speaker="Сергей Лавров", text=GOLD_QUOTE)
    assert counts(evaluate([at], gold), "quote") == (1, 0, 0)
    assert counts(evaluate([below], gold), "quote") == (0, 1, 1)
    assert counts(evaluate([other_speaker], gold), "quote") == (0, 1, 1)


def test_quote_threshold_counts_the_longer_text() -> None:
    gold = [rec("quote", speaker="Шойгу", text="один два три")]
    # all 3 gold words inside a 5-word system text: 3/5 = 60% -> match; 3/6 -> no match
    assert counts(
        evaluate([sysrec("quote", speaker="Шойгу", text="один два три а б")], gold), "quote"
    ) == (1, 0, 0)
    assert counts(
        evaluate([sysrec("quote", speaker="Шойгу", text="один два три а б в")], gold), "quote"
    ) == (0, 1, 1)


def test_quote_prefers_the_closest_text() -> None:
    gold = [
        rec("quote", speaker="Шойгу", text="раз два три четыре пять"),
        rec("quote", speaker="Шойгу", text="раз два три четыре шесть"),
    ]
    system = [sysrec("quote", speaker="Шойгу", text="раз два три четыре шесть")]
    report = evaluate(system, gold)
    assert counts(report, "quote") == (1, 0, 1)
    assert [e.key["text"] for e in report.false_negatives] == ["раз два три четыре пять"]


# --------------------------------------------------------------------------- matching


def test_two_system_records_for_one_gold_give_one_tp_one_fp() -> None:
    gold = [rec("membership", country="BY", organization="SCO", status="member")]
    system = [sysrec("membership", country="BY", organization="SCO", status="member")] * 2
    report = evaluate(system, gold)
    assert counts(report, "membership") == (1, 1, 0)
    assert report.micro.precision == pytest.approx(0.5)
    assert report.micro.recall == pytest.approx(1.0)
    assert report.micro.f1 == pytest.approx(2 / 3)


def test_matching_is_maximum_not_greedy() -> None:
    # s1 fits both gold records, s2 only the first; greedy s1->g1 must be undone.
    gold = [rec("event", name="Айбын", status=None), rec("event", name="Айбын", status="planned")]
    system = [
        sysrec("event", name="Айбын", status="planned"),
        sysrec("event", name="Айбын", status="held"),
    ]
    assert counts(evaluate(system, gold), "event") == (2, 0, 0)


def test_records_match_only_within_article_and_type() -> None:
    gold = [
        rec("membership", "a", country="BY", organization="SCO", status="member"),
        rec("role", "b", person="Иванов", position="министр", country="KZ"),
    ]
    system = [
        sysrec("membership", "b", country="BY", organization="SCO", status="member"),
        sysrec("membership", "a", country="BY", organization="SCO", status="member"),
    ]
    report = evaluate(system, gold)
    assert counts(report, "membership") == (1, 1, 0)
    assert counts(report, "role") == (0, 0, 1)
    assert [(e.article, e.type) for e in report.false_positives] == [("b", "membership")]


def test_optional_gold_counts_neither_way() -> None:
    gold = [
        rec("membership", country="BY", organization="SCO", status="member"),
        rec("membership", country="IR", organization="SCO", status="member", optional=True),
        rec("membership", country="IN", organization="SCO", status="member", optional=True),
    ]
    system = [
        sysrec("membership", country="BY", organization="SCO", status="member"),
        sysrec("membership", country="IR", organization="SCO", status="member"),
    ]
    report = evaluate(system, gold)
    # IR matched to optional gold: not a TP and not an FP; IN missed: not an FN
    assert counts(report, "membership") == (1, 0, 0)
    assert report.optional_gold == 2
    assert report.optional_matched == 1
    assert report.micro.f1 == pytest.approx(1.0)


def test_required_gold_is_matched_before_optional() -> None:
    gold = [
        rec("membership", country="BY", organization="SCO", status="member", optional=True),
        rec("membership", country="BY", organization="SCO", status="member"),
    ]
    system = [sysrec("membership", country="BY", organization="SCO", status="member")]
    report = evaluate(system, gold)
    assert counts(report, "membership") == (1, 0, 0)
    assert report.optional_matched == 0


def test_unscored_articles_are_counted_not_scored() -> None:
    gold = [rec("membership", "a", country="BY", organization="SCO", status="member")]
    system = [
        sysrec("membership", "a", country="BY", organization="SCO", status="member"),
        sysrec("membership", "zzz", country="RU", organization="SCO", status="member"),
        sysrec("role", "zzz", person="Иванов", position="министр", country="KZ"),
    ]
    report = evaluate(system, gold)
    assert report.unscored == 2
    assert report.system_records == 1
    assert report.micro.fp == 0
    assert "2 records for articles without gold, not scored" in report.format_text()


def test_articles_with_only_optional_gold_are_scored() -> None:
    gold = [
        rec("membership", "a", country="BY", organization="SCO", status="member", optional=True)
    ]
    system = [sysrec("role", "a", person="Иванов", position="министр", country="KZ")]
    report = evaluate(system, gold)
    assert report.unscored == 0
    assert counts(report, "role") == (0, 1, 0)


def test_no_items_gives_zero_not_division_error() -> None:
    report = evaluate([], [])
    assert (report.micro.tp, report.micro.fp, report.micro.fn) == (0, 0, 0)
    assert (report.micro.precision, report.micro.recall, report.micro.f1) == (0.0, 0.0, 0.0)
    assert report.slot_accuracy.accuracy == 0.0
    data = report.to_dict()
    assert data["micro"] == {"tp": 0, "fp": 0, "fn": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert data["types"]["quote"]["f1"] == 0.0


def test_plugin_type_matches_on_all_its_fields() -> None:
    gold = [rec("sanction", target="Иванов", by=["EU", "US"])]
    assert counts(
        evaluate([sysrec("sanction", target="иванов", by=["US", "EU"])], gold), "sanction"
    ) == (1, 0, 0)
    assert counts(evaluate([sysrec("sanction", target="Иванов", by=["EU"])], gold), "sanction") == (
        0,
        1,
        1,
    )


# --------------------------------------------------------------------------- slots


def test_slots_date_prefix_sets_and_unfilled_gold() -> None:
    gold = [
        rec(
            "meeting",
            participants=["Хренин", "Жаксылыков"],
            countries=["BY", "KZ"],
            place="Алматы",
            date="2025-10",
            format="visit",
        )
    ]
    system = [
        sysrec(
            "meeting",
            participants=["Жаксылыков", "Хренин"],
            countries=["kz", "BY"],
            place="Алма-Ата",
            date="2025-10-31",
            format="talks",
        )
    ]
    report = evaluate(system, gold)
    slots = report.slots["meeting"]
    assert (slots["date"].correct, slots["date"].total) == (1, 1)
    assert (slots["countries"].correct, slots["countries"].total) == (1, 1)
    assert (slots["place"].correct, slots["place"].total) == (0, 1)
    assert (report.slot_accuracy.correct, report.slot_accuracy.total) == (2, 3)
    # format is not a scored slot
    assert "format" not in slots
    [wrong] = report.wrong_slots
    assert (wrong.slot, wrong.gold, wrong.system) == ("place", "Алматы", "Алма-Ата")


def test_slot_date_prefix_is_by_component_and_either_way() -> None:
    gold = [rec("membership", country="BY", organization="SCO", status="member", date="2024-07-04")]
    ok = sysrec("membership", country="BY", organization="SCO", status="member", date="2024-07")
    bad = sysrec("membership", country="BY", organization="SCO", status="member", date="2024-0")
    assert evaluate([ok], gold).slot_accuracy.accuracy == 1.0
    assert evaluate([bad], gold).slot_accuracy.accuracy == 0.0


def test_slot_year_alone_never_matches_a_gold_month_or_day() -> None:
    def accuracy(gold_date: str, system_date: str) -> float:
        gold = [
            rec("membership", country="AM", organization="EAEU", status="member", date=gold_date)
        ]
        system = sysrec(
            "membership", country="AM", organization="EAEU", status="member", date=system_date
        )
        return evaluate([system], gold).slot_accuracy.accuracy

    assert accuracy("2015-01-02", "2015") == 0.0
    assert accuracy("2015-01", "2015") == 0.0
    assert accuracy("2015-01-02", "2015-01") == 1.0
    assert accuracy("2015", "2015-01-02") == 1.0
    assert accuracy("2015", "2015") == 1.0


def test_slots_only_where_gold_fills_them() -> None:
    gold = [
        rec(
            "event",
            name="Айбын",
            edition=10,
            international=True,
            place=None,
            country=None,
            status=None,
            date=None,
        )
    ]
    system = [
        sysrec(
            "event", name="Айбын", edition=10, international=False, place="Щучинск", country="KZ"
        )
    ]
    report = evaluate(system, gold)
    slots = report.slots["event"]
    assert (slots["edition"].correct, slots["edition"].total) == (1, 1)
    assert (slots["international"].correct, slots["international"].total) == (0, 1)
    assert (slots["place"].total, slots["country"].total) == (0, 0)


def test_missing_system_slot_is_wrong() -> None:
    gold = [
        rec("role", person="Иванов", position="министр", country="KZ", rank="генерал-полковник")
    ]
    system = [sysrec("role", person="Иванов", position="министр", country="KZ", rank=None)]
    report = evaluate(system, gold)
    assert (report.slot_accuracy.correct, report.slot_accuracy.total) == (0, 1)
    assert report.wrong_slots[0].gold == "генерал-полковник"
    assert report.wrong_slots[0].system is None


def test_slots_are_not_scored_on_optional_matches() -> None:
    gold = [
        rec(
            "role", person="Иванов", position="министр", country="KZ", rank="генерал", optional=True
        )
    ]
    system = [sysrec("role", person="Иванов", position="министр", country="KZ", rank="майор")]
    report = evaluate(system, gold)
    assert report.slot_accuracy.total == 0
    assert report.wrong_slots == []


# --------------------------------------------------------------------------- gold vs itself


def test_corpus_gold_against_itself_scores_one(shared_corpus: Path) -> None:
    gold = [
        json.loads(line)
        for line in (shared_corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    system = [{k: v for k, v in g.items() if k != "optional"} for g in gold]
    for order in (system, list(reversed(system))):
        report = evaluate(order, gold)
        assert report.micro.f1 == pytest.approx(1.0)
        assert report.micro.fp == report.micro.fn == 0
        assert report.micro.tp == sum(not g.get("optional") for g in gold)
        assert report.slot_accuracy.total > 0
        assert report.slot_accuracy.accuracy == pytest.approx(1.0)
        assert report.optional_matched == sum(bool(g.get("optional")) for g in gold)
        for name, c in report.types.items():
            if c.tp:
                assert c.f1 == pytest.approx(1.0), name


# --------------------------------------------------------------------------- files


def test_evaluate_files_reads_jsonl(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "gold.jsonl",
        [rec("membership", country="BY", organization="SCO", status="member")],
    )
    records = write_jsonl(
        tmp_path / "rec.jsonl",
        [sysrec("membership", country="BY", organization="SCO", status="member")],
    )
    assert counts(evaluate_files(records, gold), "membership") == (1, 0, 0)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"article": "a", "country": "BY"}', "rec.jsonl:2: record without 'type'"),
        ('{"type": "role", "person": "Иванов"}', "rec.jsonl:2: record without 'article'"),
        ("{not json", "rec.jsonl:2: not valid JSON"),
        ('["a list"]', "rec.jsonl:2: expected a JSON object"),
    ],
)
def test_bad_records_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", [rec("role", person="Иванов")])
    records = tmp_path / "rec.jsonl"
    records.write_text(
        json.dumps(sysrec("role", person="Иванов")) + "\n" + line + "\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=message):
        evaluate_files(records, gold)


def test_bad_gold_names_file_and_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('\n{"article": "a"}\n', encoding="utf-8")
    records = write_jsonl(tmp_path / "rec.jsonl", [])
    with pytest.raises(ValueError, match=r"gold\.jsonl:2: record without 'type'"):
        evaluate_files(records, gold)


def test_evaluate_rejects_records_without_type_or_article() -> None:
    with pytest.raises(ValueError, match="system record 1: record without 'article'"):
        evaluate([{"type": "role"}], [])
    with pytest.raises(ValueError, match="gold record 2: record without 'type'"):
        evaluate([], [rec("role"), {"article": "a"}])


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def run_files(tmp_path: Path) -> tuple[Path, Path]:
    gold = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            rec(
                "role",
                person="Руслан Жаксылыков",
                position="министр обороны",
                country="KZ",
                rank="генерал-полковник",
            ),
            rec(
                "role",
                person="Виктор Хренин",
                position="министр обороны",
                country="BY",
                rank="генерал-лейтенант",
            ),
            rec("membership", country="BY", organization="SCO", status="member"),
        ],
    )
    records = write_jsonl(
        tmp_path / "rec.jsonl",
        [
            sysrec(
                "role",
                person="Руслан Жаксылыков",
                position="министр обороны",
                country="KZ",
                rank="генерал-полковник",
            ),
            sysrec(
                "role",
                person="Виктор Хренин",
                position="министр обороны",
                country="BY",
                rank="генерал-майор",
            ),
            sysrec("role", person="Сергей Шойгу", position="министр обороны", country="RU"),
            sysrec("membership", "other", country="RU", organization="SCO", status="member"),
        ],
    )
    return records, gold


def test_cli_eval_text(run_files: tuple[Path, Path]) -> None:
    records, gold = run_files
    result = CliRunner().invoke(cli, ["eval", str(records), str(gold)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "role 2 1 0 0.667 1.000 0.800" in [" ".join(x.split()) for x in lines]
    assert "membership 0 0 1 0.000 0.000 0.000" in [" ".join(x.split()) for x in lines]
    assert "micro 2 1 1 0.667 0.667 0.667" in [" ".join(x.split()) for x in lines]
    assert "slot accuracy: 1/2 = 0.500" in lines
    assert "1 records for articles without gold, not scored" in lines
    assert "wrong slots" not in result.output


def test_cli_eval_errors(run_files: tuple[Path, Path]) -> None:
    records, gold = run_files
    result = CliRunner().invoke(cli, ["eval", "--errors", str(records), str(gold)])
    assert result.exit_code == 0, result.output
    assert "false positives (1):" in result.output
    assert 'person="Сергей Шойгу"' in result.output
    assert "false negatives (1):" in result.output
    assert "wrong slots (1):" in result.output
    assert 'rank: gold "генерал-лейтенант", system "генерал-майор"' in result.output


def test_cli_eval_json(run_files: tuple[Path, Path]) -> None:
    records, gold = run_files
    result = CliRunner().invoke(cli, ["eval", "--json", str(records), str(gold)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["types"]["role"] == {
        "tp": 2,
        "fp": 1,
        "fn": 0,
        "precision": 0.6667,
        "recall": 1.0,
        "f1": 0.8,
    }
    assert data["micro"] == {
        "tp": 2,
        "fp": 1,
        "fn": 1,
        "precision": 0.6667,
        "recall": 0.6667,
        "f1": 0.6667,
    }
    assert data["slot_accuracy"]["correct"] == 1
    assert data["slot_accuracy"]["total"] == 2
    assert data["slot_accuracy"]["slots"]["role"]["rank"] == {
        "correct": 1,
        "total": 2,
        "accuracy": 0.5,
    }
    assert data["unscored_records"] == 1
    assert data["wrong_slots"][0]["system"] == "генерал-майор"


def test_cli_eval_bad_input_is_a_usage_error(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", [rec("role", person="Иванов")])
    records = tmp_path / "rec.jsonl"
    records.write_text('{"article": "a"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(records), str(gold)])
    assert result.exit_code == 1
    assert "rec.jsonl:1: record without 'type'" in result.output


@pytest.mark.parametrize(
    ("gold_date", "system_date", "ok"),
    [
        ("2025-08-31", "2025-08-31/2025-09-06", True),  # gold dates a range by its first day
        ("2025-08", "2025-08-31/2025-09-06", True),
        ("2025", "2025-08-31/2025-09-06", True),
        ("2025-09-03", "2025-08-31/2025-09-06", True),  # a day inside the range
        ("2025-09-07", "2025-08-31/2025-09-06", False),
        ("2025-09", "2025-08-31/2025-09-06", False),  # only overlaps the range
        ("2024-08-31", "2025-08-31/2025-09-06", False),
        ("2025-08-31/2025-09-06", "2025-08-31/2025-09-06", True),
        ("2025-08-31/2025-09-06", "2025-08/2025-09", True),
        ("2025-08-31/2025-09-06", "2025-08-31/2025-09-07", False),
        ("2025-08-31/2025-09-06", "2025-08-31", True),
        ("2025-08-31/2025-09-06", "2025", False),  # a year alone
        ("2020-05", "2019/2021", False),  # a range of years is a year alone
        ("2020", "2019/2021", True),
    ],
)
def test_slot_date_range_is_an_interval(gold_date: str, system_date: str, ok: bool) -> None:
    gold = [rec("meeting", participants=["Иванов", "Петров"], date=gold_date)]
    system = sysrec("meeting", participants=["Петров", "Иванов"], date=system_date)
    report = evaluate([system], gold)
    assert counts(report, "meeting") == (1, 0, 0)
    assert report.slots["meeting"]["date"].correct == int(ok)


def test_event_keyed_by_the_year_a_range_starts_in() -> None:
    gold = [rec("event", name="Щит", status="planned", date="2025-12-30")]
    same = sysrec("event", name="Щит", status="planned", date="2025-12-30/2026-01-03")
    other = sysrec("event", name="Щит", status="planned", date="2026-12-30/2027-01-03")
    assert counts(evaluate([same], gold), "event") == (1, 0, 0)
    assert counts(evaluate([other], gold), "event") == (0, 1, 1)
