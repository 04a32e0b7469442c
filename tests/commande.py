"""La ligne de commande dans le processus des tests : ``main(argv)`` avec une entrée, une
sortie et une erreur standard en octets, comme ``subprocess.run(capture_output=True)``.

Un processus Python par commande coûte le démarrage de l'interpréteur et des imports
(≈ 0,5 à 1 s sur la machine de CI) : la suite en lançait une centaine. Les tests qui
éprouvent ce qu'un processus seul montre (code de sortie de l'interpréteur, signal,
sortie fermée ou pleine, ``python -m orientation``) gardent un vrai processus.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from orientation.interfaces.cli import main

RACINE = Path(__file__).resolve().parents[1]


@dataclass
class Resultat:
    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: bytes


@contextlib.contextmanager
def _environnement(env: dict[str, str] | None):
    if not env:
        yield
        return
    avant = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in avant.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def orientation(*args: str, entree: str | bytes | None = None,
                env: dict[str, str] | None = None, cwd: Path = RACINE) -> Resultat:
    """``orientation ARGS`` dans ce processus ; ``entree`` sur l'entrée standard."""
    if isinstance(entree, str):
        entree = entree.encode()
    sortie, erreur = io.BytesIO(), io.BytesIO()
    flux = {
        "stdin": io.TextIOWrapper(io.BytesIO(entree or b""), encoding="utf-8"),
        "stdout": io.TextIOWrapper(sortie, encoding="utf-8", write_through=True),
        "stderr": io.TextIOWrapper(erreur, encoding="utf-8", write_through=True),
    }
    anciens = {nom: getattr(sys, nom) for nom in flux}
    dossier = Path.cwd()
    try:
        for nom, f in flux.items():
            setattr(sys, nom, f)
        os.chdir(cwd)
        with _environnement(env):
            try:
                code = main(list(args))
            except SystemExit as e:  # argparse : usage (2) ou --help (0)
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        for f in flux.values():
            with contextlib.suppress(ValueError):
                f.flush()
    finally:
        for nom, f in anciens.items():
            setattr(sys, nom, f)
        os.chdir(dossier)
    return Resultat(tuple(args), code, sortie.getvalue(), erreur.getvalue())
