"""信息处理费 calculator (国办函〔2020〕109号): per item or per page, progressive."""

from . import _calculator
from ._calculator import *  # noqa: F403  (the names are those of _calculator.__all__)

# One list of public names, kept where they are defined.
__all__: list[str] = []
__all__ += _calculator.__all__
