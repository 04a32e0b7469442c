"""Le référentiel : les règles en français de ``rules/``, leur modèle et leur chargement.

    from orientation.referentiel import charger_referentiel, dossier_regles_par_defaut
"""

from orientation.referentiel.chargement import charger_referentiel, referentiel_par_defaut
from orientation.referentiel.emplacement import VARIABLE_REGLES, dossier_regles_par_defaut
from orientation.referentiel.modele import *  # noqa: F403 — le modèle est l'interface du paquet
from orientation.referentiel.modele import __all__ as _modele

__all__ = ["VARIABLE_REGLES", "charger_referentiel", "dossier_regles_par_defaut",
           "referentiel_par_defaut", *_modele]
