"""reviewer: legality review of Chinese administrative normative documents."""

__version__ = "0.1.0"
