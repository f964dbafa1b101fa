"""Regiokompas: decision support for intergemeentelijke samenwerking.

The core is split by domain (``data``, ``costs``, ``savings``, ``partners``, ``partition``,
``sharing``, ``register``, ``report``); ``cli`` and ``web`` are thin adapters around it.
"""

__version__ = "0.1.0.dev0"
__all__ = ["__version__"]
