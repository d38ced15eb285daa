"""Running: time budgets, signals, worker processes, the outcome spool and safe output writing."""
