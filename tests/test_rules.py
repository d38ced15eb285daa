"""Rules as data: the word lists and tables in svodka/data/rules, the register_rules hook."""

from __future__ import annotations

from pathlib import Path

import pytest

import svodka
from svodka.extract import rules
from svodka.manager import Plugins
from svodka.normalize.lexicon import Lexicon
from svodka.pipeline import process_article
from svodka.plugins.extractors import events, meetings, membership
from svodka.testing import make_article, plugins_with

RULES_DIR = Path(rules.__file__).parent.parent / "data" / "rules"

# New sentences: a meeting verb and a membership verb that the built-in lists lack.
CONFERRED = (
    "Министр обороны Армении Сурен Папикян совещался с министром обороны Ирана Азизом "
    "Насирзаде в Ереване 12 марта."
)
MERGED = "В 2031 году Монголия влилась в Шанхайскую организацию сотрудничества."


class NewWords:
    @svodka.hookimpl
    def register_rules(self, register):
        register("meetings.meeting_words", ["совещаться"])
        register("membership.moves", [("влиться", "member", "в во")])


def records(plugins: Plugins, text: str) -> list[dict]:
    article = make_article(text, published="2031-05-01")
    outcome = process_article(
        article, list(plugins.extractors.values()), Lexicon.from_plugins(plugins)
    )
    assert not outcome.errors
    return [r.to_dict() for r in outcome.records]


def types(plugins: Plugins, text: str) -> list[str]:
    return [r["type"] for r in records(plugins, text)]


def test_every_rules_file_parses_and_every_list_is_loaded_and_used() -> None:
    files = sorted(RULES_DIR.glob("*.tsv"))
    assert {f.stem for f in files} >= {"meetings", "agreements", "membership", "events", "quotes"}
    from_files: dict[str, list[tuple[str, ...]]] = {}
    for path in files:
        lists = rules.read_tsv(path)
        assert lists, path
        assert all(name.startswith(path.stem + ".") for name in lists)
        from_files.update(lists)
    assert from_files == rules.builtin()
    Plugins(autoload=False)  # imports every built-in extractor
    import svodka.mentions.descriptors  # noqa: F401 - the shared layer's lists too
    import svodka.report.summarize  # noqa: F401
    import svodka.text.syntax  # noqa: F401

    live = rules.loaded()
    assert set(live) == set(from_files)  # no list in the files that no code reads
    for name, target in live.items():
        assert target, name
        assert set(target) == {row[0] for row in from_files[name]}, name


def test_lists_keep_their_names_and_values_in_the_code() -> None:
    Plugins(autoload=False)
    assert "встреча" in meetings.MEETING_WORDS
    assert meetings.STRONG_WORDS >= meetings.MEETING_WORDS | meetings.TALKS_WORDS
    assert membership.MOVES["выйти"] == ("withdrawn", ("из",))
    assert membership.MOVES["покинуть"] == ("withdrawn", ())
    assert meetings.TOPIC_VERBS["обсудить"] == "" and meetings.TOPIC_VERBS["говорить"] == "о"
    # one list of honorifics for the descriptors and the meetings extractor
    from svodka.mentions import descriptors

    assert meetings.HONORIFICS is descriptors.HONORIFICS
    assert meetings.HEAD_WORDS is descriptors.HEAD_WORDS
    from svodka.plugins.extractors import agreements

    assert agreements.SUBORDINATORS is meetings.SUBORDINATORS
    # lists that mean different things have different names
    assert "отложить" in meetings.CANCEL_WORDS and "отложить" not in events.CANCEL_WORDS


def test_a_plugin_adds_trigger_words_that_extractors_then_find() -> None:
    assert "meeting" not in types(Plugins(autoload=False), CONFERRED)
    assert "membership" not in types(Plugins(autoload=False), MERGED)
    with plugins_with(NewWords()) as plugins:
        assert plugins.problems == []
        (meeting,) = [r for r in records(plugins, CONFERRED) if r["type"] == "meeting"]
        assert set(meeting["participants"]) == {
            "Сурен Папикян",
            "Азиз Насирзаде",
        }
        (member,) = [r for r in records(plugins, MERGED) if r["type"] == "membership"]
        assert member["country"] == "MN" and member["status"] == "member"
        assert "совещаться" in meetings.STRONG_WORDS  # sets built from the list follow it


def test_additions_do_not_leak_into_a_manager_without_the_plugin() -> None:
    with_words = plugins_with(NewWords())
    assert "meeting" in types(with_words, CONFERRED)
    without = Plugins(autoload=False)
    assert "meeting" not in types(without, CONFERRED)
    assert "membership" not in types(without, MERGED)
    assert "совещаться" not in meetings.MEETING_WORDS | meetings.STRONG_WORDS
    assert "влиться" not in membership.MOVES


def test_users_own_rule_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "meetings.tsv").write_text(
        "# my words\nmeeting_words\tсовещаться\n", encoding="utf-8"
    )
    monkeypatch.setenv("SVODKA_RULES", str(tmp_path))
    plugins = Plugins(autoload=False)
    assert plugins.problems == []
    assert "meeting" in types(plugins, CONFERRED)
    monkeypatch.delenv("SVODKA_RULES")
    assert "meeting" not in types(Plugins(autoload=False), CONFERRED)


def test_an_unknown_list_or_a_wrong_row_is_the_plugins_failure() -> None:
    class Wrong:
        @svodka.hookimpl
        def register_rules(self, register):
            register("meetings.no_such_list", ["слово"])

    class Narrow:
        @svodka.hookimpl
        def register_rules(self, register):
            register("membership.moves", ["влиться"])

    plugins = plugins_with(Wrong(), Narrow())
    messages = " | ".join(str(p) for p in plugins.problems)
    assert "no rules list 'meetings.no_such_list'" in messages
    assert "'membership.moves' takes rows of 3 column(s)" in messages
    assert "влиться" not in membership.MOVES


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("meeting_words", "expected a list name and a word"),
        ("meeting_words\t", "expected a list name and a word"),
        ("meeting_words\tвстреча\tлишнее", r"has 1 column\(s\) after its name, this line 2"),
    ],
)
def test_a_malformed_line_names_its_file_and_line(tmp_path: Path, line: str, why: str) -> None:
    path = tmp_path / "meetings.tsv"
    path.write_text(f"# words\nmeeting_words\tвстреча\n{line}\n", encoding="utf-8")
    with pytest.raises(rules.RulesError, match=why) as caught:
        rules.read_tsv(path)
    assert str(caught.value).startswith(f"{path}:3: ")


def test_worker_processes_see_the_additions() -> None:
    from svodka.run.parallel import SMALL, process_parallel

    articles = [make_article(CONFERRED, id=f"a{n}") for n in range(SMALL + 1)]
    with plugins_with(NewWords()) as plugins:
        outcomes = list(
            process_parallel(
                articles,
                plugins.extractors.values(),
                Lexicon.from_plugins(plugins),
                jobs=2,
                plugin_options={"autoload": False},
            )
        )
    assert len(outcomes) == len(articles)
    assert all(any(r.type == "meeting" for r in o.records) for o in outcomes)
