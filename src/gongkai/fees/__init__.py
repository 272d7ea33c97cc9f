"""信息处理费 calculator."""
