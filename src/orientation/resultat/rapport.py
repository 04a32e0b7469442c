"""Le résultat d'un repérage mis en mots, pour un médecin : d'abord le niveau, puis les
alertes, les acteurs à mobiliser, les fonctions d'appui, et enfin les raisons."""

from __future__ import annotations

from typing import Any

from orientation.resultat import Orientation
from orientation.situation.faits import CHAMPS, LIBELLES_VALEURS

NIVEAUX = {
    "simple": "PARCOURS SIMPLE — le parcours habituel autour du médecin traitant suffit.",
    "coordonne": "PARCOURS COORDONNÉ — plusieurs professionnels, coordonnés au plus près "
                 "(médecin traitant avec l'équipe de soins primaires, la MSP ou la CPTS).",
    "complexe": "PARCOURS COMPLEXE (CSP L6327-1) — plusieurs catégories de professionnels "
                "sont nécessaires : solliciter l'appui du DAC.",
}
SECTEURS = {"sanitaire": "sanitaire", "medico_social": "médico-social", "social": "social"}
PARCOURS = {"soins": "parcours de soins", "sante": "parcours de santé", "vie": "parcours de vie"}
FARDEAU = {"absent_ou_leger": "absent ou léger", "leger_a_modere": "léger à modéré",
           "modere_a_severe": "modéré à sévère", "severe": "sévère"}
FRAGILITE = {"non_reperee": "non repérée", "a_confirmer": "à confirmer par le jugement clinique",
             "fragile": "fragile", "non_fragile": "non fragile"}


CONCLUSIONS = {"conclusion.secteurs": "secteurs en cause", "conclusion.parcours": "parcours",
               "conclusion.appuis": "fonctions d'appui proposées",
               "conclusion.alertes": "alertes", "conclusion.clusters": "clusters proposés",
               "conclusion.niveau": "niveau conclu", "conclusion.pps": "PPS recommandé",
               "conclusion.urgence": "urgence"}


def valeur_lisible(valeur: Any) -> str:
    """Une valeur de la situation en français (oui/non, listes, nombres)."""
    if valeur is None:
        return "non renseigné"
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, list | tuple):
        return ", ".join(valeur_lisible(v) for v in valeur) or "aucun"
    if isinstance(valeur, float):
        return f"{valeur:g}".replace(".", ",")
    return LIBELLES_VALEURS.get(str(valeur), str(valeur))


def motif(valeurs: dict[str, Any]) -> str:
    """« âge = 84 ; vit seul = oui » : les valeurs qui ont fait tirer une règle."""
    morceaux = []
    for chemin, valeur in valeurs.items():
        libelle = CHAMPS[chemin].libelle if chemin in CHAMPS else CONCLUSIONS.get(chemin, chemin)
        morceaux.append(f"{libelle} = {valeur_lisible(valeur)}")
    return " ; ".join(morceaux)


def scores_lisibles(o: Orientation) -> list[str]:
    s = o.scores
    lignes = []
    if s.epices is not None:
        precaire = "précarité" if s.epices_precarite else "pas de précarité"
        lignes.append(f"EPICES : {valeur_lisible(s.epices)} / 100 ({precaire})")
    if s.mini_zarit is not None:
        lignes.append(f"Mini-Zarit : {valeur_lisible(s.mini_zarit)} / 7 "
                      f"(fardeau {FARDEAU[s.mini_zarit_fardeau or 'absent_ou_leger']})")
    if s.gir is not None:
        origine = "calculé par la grille AGGIR" if s.gir_source == "aggir" else "saisi"
        lignes.append(f"GIR : {s.gir} ({origine})")
    if s.fragilite is not None:
        lignes.append(f"Fragilité (GFST) : {FRAGILITE[s.fragilite]}")
    return lignes


def texte(o: Orientation) -> str:
    """Le résumé en texte brut, lisible dans un terminal ou collé dans un dossier."""
    lignes = [NIVEAUX[o.niveau]]
    if o.urgence:
        lignes.insert(0, "!!! URGENCE VITALE : appeler le 15 avant toute autre démarche. !!!")
    if o.alertes:
        lignes += ["", "Alertes :"]
        lignes += [f"  ! {a.message}" for a in o.alertes]
    if o.secteurs:
        lignes += ["", "Secteurs à mobiliser : " + ", ".join(SECTEURS[s] for s in o.secteurs)]
    if o.parcours:
        lignes.append("Niveaux de parcours : " + ", ".join(PARCOURS[p] for p in o.parcours))
    if o.pps:
        lignes.append("Plan personnalisé de santé (PPS) recommandé, le médecin traitant référent.")
    if o.clusters:
        lignes += ["", "Acteurs à mobiliser :"]
        for c in o.clusters:
            lignes.append(f"  - {c.libelle}")
            lignes += [f"      · {a.libelle}" for a in c.acteurs]
    if o.appuis:
        lignes += ["", "Fonctions d'appui :"]
        lignes += [f"  - {a.libelle}" for a in o.appuis]
    scores = scores_lisibles(o)
    if scores:
        lignes += ["", "Scores :"] + [f"  - {s}" for s in scores]
    if o.a_completer:
        lignes += ["", "À compléter pour affiner (information non renseignée → règles qu'elle "
                       "trancherait) :"]
        lignes += [f"  - {a.libelle} → {', '.join(a.regles)}" for a in o.a_completer]
    lignes += ["", "Pourquoi :"]
    if not o.explications:
        lignes.append("  Aucune règle ne s'applique : le parcours habituel suffit.")
    for e in o.explications:
        lignes.append(f"  [{e.regle}] {e.titre}")
        if e.valeurs:
            lignes.append(f"      car {motif(e.valeurs)}")
        sources = "; ".join(r.titre for r in e.references)
        lignes.append(f"      source : {sources}")
    lignes += ["", f"Référentiel {o.referentiel.version} ({o.referentiel.nb_regles} règles). "
                   "Aide à la décision : le jugement du professionnel prime."]
    return "\n".join(lignes) + "\n"
