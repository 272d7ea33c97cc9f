"""Hostile-input cases for ``scripts/bench_limits.py``: one module per area, each with CASES."""
