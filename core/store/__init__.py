"""The fact store: an SQLite file that daily runs add to and briefs of any period read.

``schema`` (tables, views, version, migrations), ``store`` (opening it safely: checks, WAL,
a bounded wait for another writer), ``write`` (a run's batch, one transaction, with facts
consolidated across the whole store) and ``query`` (selections of a period, country and
type; a store-backed :class:`svodka.pipeline.Run` for the exporters; people's roles).
"""
