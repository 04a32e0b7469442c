"""Le libellé français d'un identifiant du référentiel, lu dans le catalogue
(``rules/catalogue.yaml``) : niveaux, secteurs, parcours, clusters, acteurs, fonctions
d'appui, alertes, règles. Aucun libellé n'est écrit en Python : un identifiant inconnu du
catalogue s'affiche tel quel.

Une alerte n'a qu'un message ; son libellé court en est le début, jusqu'au premier « : » ou
« ( » (« Sortie d'hospitalisation prévue »), comme dans le glossaire des étapes.
"""

from __future__ import annotations

import re

from orientation.referentiel.modele import Referentiel


def libelle(referentiel: Referentiel, sorte: str, ident: str) -> str:
    """``sorte`` : niveau(x), secteurs, parcours, clusters, acteurs, appuis, alertes, regles."""
    cat = referentiel.catalogue
    if sorte in ("niveau", "niveaux"):
        return cat.niveaux.get(ident, {}).get("libelle", ident)
    if sorte in ("secteurs", "parcours"):
        return getattr(cat, sorte).get(ident, ident)
    if sorte == "clusters":
        cluster = cat.clusters.get(ident)
        return cluster.libelle if cluster else ident
    if sorte == "acteurs":
        for cluster in cat.clusters.values():
            if ident in cluster.acteurs:
                return cluster.acteurs[ident]
        return ident
    if sorte == "appuis":
        return cat.appuis.get(ident, {}).get("libelle", ident)
    if sorte == "alertes":
        message = cat.alertes.get(ident, {}).get("message")
        return re.split(r"\s*[:(]", message)[0] if message else ident
    if sorte == "regles":
        try:
            return referentiel.regle(ident).titre
        except KeyError:
            return ident
    return ident
