"""The rule engine: loads rule packs (data in rules/) and runs them over a Document."""

from .engine import run_rules
from .loader import Rule, load_rules

__all__ = ["run_rules", "load_rules", "Rule"]
