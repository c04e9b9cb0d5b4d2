"""sanctionwatch: open monitoring of UN sanctions enforcement, starting with the DPRK regime."""

__version__ = "0.1.0"

__all__ = ["__version__"]
