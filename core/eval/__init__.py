"""Evaluation: scoring records against gold records (``svodka eval``)."""
