"""WSGI entry point (gunicorn gongkai.web.wsgi): refuses to serve with incomplete settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
application = get_wsgi_application()

from gongkai.web.security import refuse_insecure_start  # noqa: E402  (needs the app registry)

refuse_insecure_start()
