"""TTCS — Truyền thông chính sách.

Importing this package has no side effects: the Celery app (``ttcs.celery``) is loaded when Django
starts (``ttcs.core.apps.CoreConfig.ready``), so the pure packages can be imported without Django.
"""
