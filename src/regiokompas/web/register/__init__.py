"""The register of cooperation arrangements in the web app: pages under ``/register``, the
JSON API under ``/api/v1/regelingen``, login, import, and who is asking (sessions, CSRF,
tokens). :mod:`.routes` is what the app mounts; the rest is private to this package.
"""

__all__ = ["routes"]
