"""The on-disk spool that keeps a run's outcomes out of memory."""

from __future__ import annotations

from pathlib import Path

from svodka.model.article import Article
from svodka.model.records import Evidence, Role
from svodka.pipeline import ArticleOutcome, Run
from svodka.run.spool import Spool


def outcome(i: int) -> ArticleOutcome:
    article = Article(id=f"a{i}", text="Текст.", published="2025-01-0" + str(i % 9 + 1))
    role = Role(
        article=f"a{i}", person="Иван Петров", position="посол", evidence=[Evidence(0, 6, "Текст.")]
    )
    return ArticleOutcome(f"a{i}", article, [role])


def test_spool_iterates_in_order_as_often_as_needed(tmp_path: Path) -> None:
    with Spool((outcome(i) for i in range(50)), directory=str(tmp_path)) as spool:
        assert len(spool) == 50
        first = [o.source for o in spool]
        assert first == [f"a{i}" for i in range(50)]
        # nested passes each read their own way through the file
        pairs = [(a.source, b.source) for a in spool for b in spool if a.source == "a1"]
        assert len(pairs) == 50 and pairs[0] == ("a1", "a0")
        assert [o.source for o in spool] == first
        run = Run(spool)
        assert sum(1 for _ in run.articles) == 50
        assert [r.article for r in run.records][:3] == ["a0", "a1", "a2"]
    assert list(tmp_path.iterdir()) == []  # the file is gone once the spool is closed


def test_spool_has_no_name_in_its_directory_while_it_works(tmp_path: Path) -> None:
    """A killed run (kill -9) cannot leave the spool behind: it is never a named file."""
    with Spool((outcome(i) for i in range(20)), directory=str(tmp_path)) as spool:
        assert list(tmp_path.iterdir()) == []
        spool.append(outcome(20))
        assert list(tmp_path.iterdir()) == []
        outer = iter(spool)
        assert next(outer).source == "a0"
        spool.append(outcome(21))  # appending between reads keeps every pass in place
        inner = [o.source for o in spool]
        assert inner == [f"a{i}" for i in range(22)]
        assert [o.source for o in outer] == [f"a{i}" for i in range(1, 21)]
        assert list(tmp_path.iterdir()) == []


def test_interleaved_passes_each_keep_their_place(tmp_path: Path) -> None:
    with Spool((outcome(i) for i in range(10)), directory=str(tmp_path)) as spool:
        a, b = iter(spool), iter(spool)
        seen = [(next(a).source, next(a).source, next(b).source) for _ in range(5)]
        assert seen[0] == ("a0", "a1", "a0") and seen[4] == ("a8", "a9", "a4")
        assert [o.source for o in b] == [f"a{i}" for i in range(5, 10)]
