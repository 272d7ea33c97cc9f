"""Django app: 年度报告."""
