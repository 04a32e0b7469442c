"""Le résultat d'un repérage : son modèle (CONTRACT.md, « Output »), son assemblage, et ses
rendus pour les personnes (texte, fiche, réseau, comparaison)."""

from orientation.resultat.modele import (
    ACompleter,
    Acteur,
    Alerte,
    AppuiPropose,
    ClusterPropose,
    Contact,
    Explication,
    InfoReferentiel,
    LieuContacts,
    Orientation,
    ReferenceSortie,
    Scores,
)

__all__ = ["ACompleter", "Acteur", "Alerte", "AppuiPropose", "ClusterPropose", "Contact",
           "Explication", "InfoReferentiel", "LieuContacts", "Orientation", "ReferenceSortie",
           "Scores"]
