"""The run report: every input accounted for (processed, or failed with its reason), and
the files of the run.

``svodka run`` writes it last, into a fresh folder holding only the run's other outputs,
and moves it into place last: a ``report.json`` present means that its run completed.
Every string is written so that the file is valid UTF-8 whatever it holds (lone surrogates
from a JSON ``"\\ud800"`` or a file name that is not UTF-8 are escaped).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import svodka
from svodka.components import Exporter
from svodka.pipeline import Run
from svodka.run.output import atomic_text, is_stream, json_text


def files_beside(path: Path) -> list[str]:
    """The run's other outputs: the names the report's folder holds beside it (none when the
    report goes to a device or FIFO)."""
    if is_stream(path) or not path.parent.is_dir():
        return []
    return sorted(
        p.name for p in path.parent.iterdir() if p.name != path.name and not p.name.startswith(".")
    )


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
                "failed": sum(1 for o in run.outcomes if o.status == "failed"),
                "skipped": sum(1 for o in run.outcomes if o.status == "skipped"),
                "records": dict(Counter(r.type for r in run.records)),
            },
            "plugins": [{"name": p["name"], "version": p["version"]} for p in run.plugins],
            "files": files_beside(path),
        }
        text = json_text(report, indent=2)
        with atomic_text(path) as fh:
            fh.write(text + "\n")


@svodka.hookimpl
def register_exporters(register) -> None:
    register(ReportExporter())
