"""Django app: 依申请公开."""
