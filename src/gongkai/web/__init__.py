"""The Django project: settings, URLs and the commands that serve it."""
