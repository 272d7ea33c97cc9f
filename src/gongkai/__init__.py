"""gongkai: government information disclosure work (政府信息公开), from register to annual report."""

__version__ = "0.1.0"

__all__ = ["__version__"]
