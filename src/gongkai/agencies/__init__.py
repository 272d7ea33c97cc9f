"""Django app: 机构与人员."""
