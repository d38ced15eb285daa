"""Reporting: summaries, fact lines, labels and table rows, shared by the exporters."""
