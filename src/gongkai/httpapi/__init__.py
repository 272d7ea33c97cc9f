"""What every JSON endpoint shares: problem details and forms as the schema of inputs.

The apps' ``api.py`` routers raise :class:`ApiError` (or any ``GongkaiError``) and describe
their inputs with Django forms through :mod:`.forms`; ``gongkai.web.api`` mounts the
routers on one NinjaAPI and turns every exception into a problem with :mod:`.problems`.
"""

from .forms import (
    check_against_schema,
    form_errors,
    form_schema,
    json_object,
    query_parameters,
    validated_query,
)
from .problems import ApiError, Problem, problem_response, status_of

__all__ = [
    "ApiError",
    "Problem",
    "check_against_schema",
    "form_errors",
    "form_schema",
    "json_object",
    "problem_response",
    "query_parameters",
    "status_of",
    "validated_query",
]
