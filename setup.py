"""Build hook: ship the repository's top-level data as package data of `reviewer`.

rules/ (rule packs, vocabularies, profiles) and the shipped parts of corpus/ (the law
registry and catalogue, the statutory fine and licence indexes) stay where they are in
the source tree; building a wheel copies them into `reviewer/_data/` with the same
layout, where reviewer.datapaths finds them through importlib.resources. An editable
install copies nothing: reviewer.datapaths then reads the source tree directly.
Everything else is configured in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# (source, destination under reviewer/_data) — keep in step with MANIFEST.in
SHIPPED = (
    ("rules", "rules"),
    ("corpus/laws", "corpus/laws"),
    ("corpus/statutory_fines.yaml", "corpus/statutory_fines.yaml"),
    ("corpus/statutory_licences.yaml", "corpus/statutory_licences.yaml"),
)
SUFFIXES = {".yaml", ".tsv", ".md"}


class BuildPyWithData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "reviewer" / "_data"
        shutil.rmtree(target, ignore_errors=True)
        for src, dst in SHIPPED:
            source = HERE / src
            if not source.exists():
                raise SystemExit(f"setup.py: {src} is missing; cannot build a working package")
            files = (
                [source]
                if source.is_file()
                else sorted(p for p in source.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
            )
            for f in files:
                out = target / dst / f.relative_to(source) if source.is_dir() else target / dst
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(f, out)


setup(cmdclass={"build_py": BuildPyWithData})
