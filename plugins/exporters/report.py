"""The run report: every input accounted for (processed, or failed with its reason)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import svodka
from svodka.components import Exporter
from svodka.output import atomic_text
from svodka.pipeline import Run


class ReportExporter(Exporter):
    name = "report"
    filename = "report.json"
    description = "what became of each input, with counts and the plugins used"

    def export(self, run: Run, path: Path) -> None:
        report = {
            "svodka": svodka.__version__,
            "started": run.started.isoformat(timespec="seconds"),
            "inputs": run.inputs,
            "options": run.options,
            "articles": [
                {
                    "source": o.source,
                    "id": o.article.id if o.article else None,
                    "title": o.article.title if o.article else None,
                    "status": o.status,
                    "records": dict(Counter(r.type for r in o.records)),
                    "problems": ([o.failure] if o.failure else []) + o.errors,
                }
                for o in run.outcomes
            ],
            "totals": {
                "articles": sum(1 for _ in run.articles),
                "failed": sum(1 for o in run.outcomes if o.failure is not None),
                "records": dict(Counter(r.type for r in run.records)),
            },
            "plugins": [{"name": p["name"], "version": p["version"]} for p in run.plugins],
        }
        with atomic_text(path) as fh:
            json.dump(report, fh, ensure_ascii=False, indent=2)
            fh.write("\n")


@svodka.hookimpl
def register_exporters(register) -> None:
    register(ReportExporter())
