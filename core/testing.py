"""Helpers for testing svodka plugins.

Build articles and parsed articles from a string, run one extractor through the real
pipeline (parse, extract, normalise), and build a plugin manager holding just the plugins
under test (no installed plugins are loaded). Example, with pytest::

    import svodka_weather
    from svodka.testing import extract_records, parse_text, plugins_with

    def test_weather_record():
        records = extract_records(svodka_weather.Weather(), "В Минске ожидается дождь.")
        assert records[0]["type"] == "weather"
        assert records[0]["evidence"][0]["text"] == "В Минске ожидается дождь."

    def test_registered():
        with plugins_with(svodka_weather) as plugins:
            assert plugins.owner[("extractor", "weather")] == "svodka_weather"
            assert not plugins.problems

    def test_tokens():
        doc = parse_text("Прошли учения.")
        assert [t.lemma for t in doc.tokens][:2] == ["пройти", "учение"]
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from svodka.manager import Plugins
from svodka.model.article import Article
from svodka.normalize.lexicon import Lexicon
from svodka.text.parse import ParsedArticle, parse

if TYPE_CHECKING:
    from svodka.components import Extractor

__all__ = ["make_article", "parse_text", "plugins_with", "extract_records", "builtin_lexicon"]


def make_article(text: str, id: str = "test", **fields: Any) -> Article:
    """An :class:`~svodka.model.article.Article` with this text; ``fields`` are its other
    attributes (``title``, ``published``, ``outlet``, ...)."""
    return Article(id=id, text=text, **fields)


@lru_cache(maxsize=1)
def builtin_lexicon() -> Lexicon:
    """The lexicon of the built-in gazetteers (installed plugins are not loaded); cached."""
    return Lexicon.from_plugins(Plugins(autoload=False))


def parse_text(
    text: str, published: str | None = None, lexicon: Lexicon | None = None
) -> ParsedArticle:
    """Parse a text as svodka parses an article (default lexicon: the built-in one)."""
    return parse(make_article(text, published=published), lexicon or builtin_lexicon())


class _ScopedPlugins(Plugins):
    """A :class:`~svodka.manager.Plugins` that, used as a context manager, unregisters the
    plugins it was given on exit."""

    added: list[str]

    def __enter__(self) -> _ScopedPlugins:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for name in reversed(self.added):
            if self.pm.get_plugin(name) is not None:
                self.unregister(name)


def plugins_with(*plugins: object, builtins: bool = True) -> Plugins:
    """A fresh plugin manager, installed plugins not autoloaded, with these plugin objects or
    modules registered (after the built-ins unless ``builtins=False``).

    Usable as is or as a context manager that unregisters them on exit.
    """
    manager = _ScopedPlugins(autoload=False, builtins=builtins)
    manager.added = [manager.register(plugin) for plugin in plugins]
    return manager


def extract_records(extractor: Extractor, text: str, **article_fields: Any) -> list[dict[str, Any]]:
    """Run one extractor on a text through :func:`svodka.pipeline.process_article` and return
    the records as dicts (``to_dict()``). An extractor that raises fails the call with an
    AssertionError carrying the pipeline's message."""
    from svodka.pipeline import process_article

    article = make_article(text, **article_fields)
    outcome = process_article(article, [extractor], builtin_lexicon())
    if outcome.errors:
        raise AssertionError("; ".join(outcome.errors))
    return [record.to_dict() for record in outcome.records]


def terminal_screen(raw: str) -> list[str]:
    """The lines a terminal shows for ``raw`` (what a progress bar leaves): a carriage
    return goes back to the start of the line, later characters overwrite earlier ones, a
    newline starts a new line; trailing blanks dropped."""
    lines: list[list[str]] = [[]]
    col = 0
    for char in raw:
        if char == "\r":
            col = 0
        elif char == "\n":
            lines.append([])
            col = 0
        else:
            line = lines[-1]
            line[col : col + 1] = [char]
            col += 1
    return ["".join(line).rstrip() for line in lines]
