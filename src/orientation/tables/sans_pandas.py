"""Le processus ``orientation batch`` (sans Spark) tourne sans pandas.

Choix du projet, mesuré : le lot est Arrow de bout en bout et n'utilise pas pandas, mais
pyarrow importe pandas, s'il est installé, au premier tableau qu'il construit (pour
reconnaître une Series ou un DataFrame qu'on lui passerait). Cet import coûte ≈ 0,5 s au
démarrage (machine de développement, 2 cœurs), et le lot entier de 1 M de patients en
Parquet passe de 6,2 à 5,6 s (moyenne de trois passages alternés, 2026-11-23,
``docs/benchmarks.md``) : un dixième du temps, un tiers pour un petit fichier.

pandas est une dépendance facultative de pyarrow : sans lui, pyarrow construit ses tableaux
à partir de listes, de tableaux numpy et de tableaux Arrow exactement de la même façon.
L'écart ne vaut que pour le processus lancé par la console (``orientation batch``,
``python -m orientation batch``) : ``main(argv)`` appelé dans un autre programme
(l'application, les tests, un notebook), où pandas sert ailleurs, ne change rien. Le test
``test_lot_en_processus_sans_pandas`` fait passer chaque format d'entrée et de sortie par
un vrai processus et compare ses octets à ceux du lot en mémoire.
"""

from __future__ import annotations

import importlib.abc
import sys

_MESSAGE = ("pandas n'est pas chargé par « orientation batch » (lot Arrow, démarrage plus "
            "court) : ce chemin en demande pourtant — à signaler")


class _SansPandas(importlib.abc.MetaPathFinder):
    def find_spec(self, nom: str, chemin: object = None, cible: object = None) -> None:
        if nom == "pandas" or nom.startswith("pandas."):
            raise ModuleNotFoundError(_MESSAGE, name=nom)
        return None


def ecarter_pandas() -> bool:
    """Refuse l'import de pandas dans ce processus ; sans effet s'il est déjà chargé.
    Vrai si pandas est désormais écarté."""
    if "pandas" in sys.modules:
        return False
    if not any(isinstance(f, _SansPandas) for f in sys.meta_path):
        sys.meta_path.insert(0, _SansPandas())
    return True
