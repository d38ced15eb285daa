"""Records emitted by the built-in extractors: valid against `svodka schema`, evidence that
points into the article text, ids that are stable and unique."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from svodka.cli import cli
from svodka.model.records import Role

ROOT = Path(__file__).resolve().parent.parent
CORPORA = sorted((ROOT / "tests" / "corpus").glob("*.jsonl"))
ARTICLES = [p for p in CORPORA if not p.name.endswith(".gold.jsonl")]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], dict[str, str]]:
    out = tmp_path_factory.mktemp("records") / "records.jsonl"
    result = CliRunner().invoke(cli, ["extract", *map(str, ARTICLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    texts = {}
    for path in ARTICLES:
        for line in path.read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            texts[article["id"]] = article["text"]
    return rows, texts


def test_records_validate_against_the_schema(extracted) -> None:
    rows, _ = extracted
    schema = json.loads(CliRunner().invoke(cli, ["schema"]).stdout)
    validator = Draft202012Validator(schema)
    assert len(rows) > 100
    for row in rows:
        assert not list(validator.iter_errors(row)), row


def test_evidence_points_into_the_article(extracted) -> None:
    rows, texts = extracted
    for row in rows:
        assert row["evidence"], row
        for ev in row["evidence"]:
            assert texts[row["article"]][ev["start"] : ev["end"]] == ev["text"]


def test_ids_are_unique_and_stable(extracted, tmp_path: Path) -> None:
    rows, _ = extracted
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    out = tmp_path / "again.jsonl"
    CliRunner().invoke(cli, ["extract", *map(str, ARTICLES), "-o", str(out)])
    again = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert again == ids


def test_id_depends_on_the_fact_not_on_list_order() -> None:
    a = Role(article="a", person="Иван Петров", position="министр обороны", country="RU")
    b = Role(article="a", person="Иван Петров", position="министр обороны", country="RU")
    c = Role(article="a", person="Иван Петров", position="министр обороны", country="KZ")
    assert a.make_id() == b.make_id() != c.make_id()
