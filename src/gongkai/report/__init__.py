"""The annual report engine's contract: the metric dictionary and the report model."""

from . import _metrics, _model
from ._metrics import *  # noqa: F403  (the names are those of _metrics.__all__)
from ._model import *  # noqa: F403  (the names are those of _model.__all__)

# One list of public names per module, kept where they are defined.
__all__: list[str] = []
__all__ += _metrics.__all__
__all__ += _model.__all__
