"""L'annuaire que l'application emploie : celui de l'utilisateur s'il en a importé un, sinon
l'annuaire d'exemple livré (``examples/annuaire/`` : échantillon réel de FINESS pour l'Ain,
annuaire territorial fictif), construit une fois par processus dans un dossier temporaire
(données publiques seulement, effacé à la sortie)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from orientation.annuaire.index import NOM_INDEX, dossier_par_defaut, importer

_VERROU = threading.Lock()
_CONSTRUIT: dict[str, Path] = {}


def dossier_exemple() -> Path:
    """Les fichiers de l'annuaire d'exemple : ceux du paquet installé, sinon ceux du dépôt."""
    installe = Path(__file__).parents[1] / "examples" / "annuaire"
    if installe.is_dir():
        return installe
    return Path(__file__).resolve().parents[3] / "examples" / "annuaire"


@dataclass(frozen=True)
class AnnuaireEnUsage:
    dossier: Path
    exemple: bool  # vrai : l'annuaire d'exemple (Ain, annuaire territorial fictif)


def annuaire_en_usage() -> AnnuaireEnUsage:
    """L'annuaire de l'utilisateur (``ORIENTATION_ANNUAIRE`` ou son dossier de données) s'il
    existe, sinon l'annuaire d'exemple (construit à la première demande)."""
    dossier = dossier_par_defaut()
    if (dossier / NOM_INDEX).is_file():
        return AnnuaireEnUsage(dossier, False)
    with _VERROU:
        if "exemple" not in _CONSTRUIT:
            cible = Path(tempfile.mkdtemp(prefix="orientation-annuaire-exemple-"))
            atexit.register(shutil.rmtree, cible, True)
            source = dossier_exemple()
            importer(sorted(source.glob("*.json")) + sorted(source.glob("*.csv")), cible)
            _CONSTRUIT["exemple"] = cible
    return AnnuaireEnUsage(_CONSTRUIT["exemple"], True)
