"""Les éléments d'interface partagés par les pages : ``communs`` (moteur, exemples,
saisie gardée), ``formulaire`` (la saisie d'une situation), ``resultat`` (l'affichage d'une
orientation). Les pages les appellent par ce paquet : ``composants.formulaire(...)``."""

from app_pages.composants.communs import (
    DOSSIER_EXEMPLES,
    RACINE,
    annuaire,
    conserver_saisie,
    exemples_livres,
    moteur,
    texte_brut,
)
from app_pages.composants.formulaire import (
    choix_exemple,
    formulaire,
    lire_formulaire,
    remplir,
    valeurs_saisies,
)
from app_pages.composants.resultat import (
    diagramme,
    difference,
    lien_reference,
    niveau,
    orientation,
    pourquoi,
    resume,
    texte_pourquoi,
)

__all__ = ["DOSSIER_EXEMPLES", "RACINE", "annuaire", "choix_exemple", "conserver_saisie",
           "diagramme", "difference", "exemples_livres", "formulaire", "lien_reference",
           "lire_formulaire", "moteur", "niveau", "orientation", "pourquoi", "remplir",
           "resume", "texte_brut", "texte_pourquoi", "valeurs_saisies"]
