"""orientation : repérage des parcours de santé complexes (CSP L6327-1) et orientation vers
les acteurs et les fonctions d'appui, chaque proposition expliquée par les règles qui l'ont
faite et leurs sources.

    from orientation import Situation, screen
    resultat = screen(Situation.model_validate({"age": 84, "social": {"vit_seul": True}}))
"""

from orientation.evaluation.moteur import Moteur, charger_moteur, screen
from orientation.resultat import Orientation
from orientation.situation.modele import Situation

__all__ = ["Moteur", "Orientation", "Situation", "charger_moteur", "screen"]
__version__ = "0.1.0"
