"""Les instruments validés, calculés exactement comme dans REFERENTIEL.md § 3.

Chaque fonction implémente la grille publiée, sans rien « corriger ». Les seuils
d'interprétation qui relèvent d'un choix de repérage (précarité EPICES ≥ 30, bornes des
bandes du mini-Zarit) ne sont pas ici : ce sont des paramètres de ``rules/parametres.yaml``,
passés en argument.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

# --- EPICES (Sass C. et al., BEH 2006, n° 14, p. 93-96) -------------------------------------

EPICES_CONSTANTE = 75.14
EPICES_COEFFICIENTS: dict[str, float] = {
    "travailleur_social": 10.06,
    "complementaire": -11.83,
    "couple": -8.28,
    "proprietaire": -8.28,
    "difficultes_financieres": 14.80,
    "sport": -6.51,
    "spectacle": -7.10,
    "vacances": -7.10,
    "contacts_famille": -9.47,
    "hebergement_possible": -9.47,
    "aide_materielle": -7.10,
}


def score_epices(reponses: Mapping[str, bool]) -> float:
    """Score EPICES de 0 à 100 : 75,14 + somme des coefficients des réponses « oui ».

    Un questionnaire incomplet n'a pas de score : une réponse manquante lève une erreur
    au lieu d'être comptée « non ».
    """
    manquantes = [cle for cle in EPICES_COEFFICIENTS if cle not in reponses]
    if manquantes:
        raise ValueError("questionnaire EPICES incomplet : manquent " + ", ".join(manquantes))
    total = EPICES_CONSTANTE + sum(
        coef for cle, coef in EPICES_COEFFICIENTS.items() if reponses[cle]
    )
    # Les coefficients négatifs somment exactement à 75,14 : l'arrondi au centième
    # ramène les écarts de virgule flottante dans [0, 100].
    return round(total, 2) + 0.0


# --- Mini-Zarit (fardeau de l'aidant, 7 items) ----------------------------------------------

MINI_ZARIT_POINTS = {"jamais": 0.0, "parfois": 0.5, "souvent": 1.0}
MINI_ZARIT_BANDES = ("absent_ou_leger", "leger_a_modere", "modere_a_severe", "severe")


def score_mini_zarit(reponses: Sequence[str]) -> float:
    """Total du mini-Zarit sur 7 : jamais = 0, parfois = 0,5, souvent = 1."""
    if len(reponses) != 7:
        raise ValueError(f"le mini-Zarit compte 7 questions, {len(reponses)} réponses reçues")
    return sum(MINI_ZARIT_POINTS[r] for r in reponses)


def bande_mini_zarit(score: float, bornes_hautes: Sequence[float]) -> str:
    """Bande de fardeau : la première dont la borne haute n'est pas dépassée.

    ``bornes_hautes`` donne les bornes des trois premières bandes (paramètres
    ``mini_zarit.*``) ; au-delà de la dernière, le fardeau est « sévère ».
    """
    for bande, borne in zip(MINI_ZARIT_BANDES, bornes_hautes, strict=False):
        if score <= borne:
            return bande
    return MINI_ZARIT_BANDES[-1]


# --- Repérage de la fragilité du Gérontopôle (GFST, Vellas B. et al., 2013) ------------------

GFST_QUESTIONS = ("vit_seul", "perte_de_poids", "fatigue", "mobilite", "plainte_memoire",
                  "marche_lente")


def conclusion_gfst(reponses: Mapping[str, str], jugement_fragile: bool | None) -> str:
    """Le GFST n'a pas de score : si au moins une réponse est « oui », le jugement du
    clinicien (« ce patient est-il fragile ? ») décide.

    Renvoie ``fragile`` ou ``non_fragile`` quand le clinicien a jugé, sinon
    ``a_confirmer`` (au moins un « oui », jugement à donner) ou ``non_reperee``.
    """
    if jugement_fragile is not None:
        return "fragile" if jugement_fragile else "non_fragile"
    if any(reponses[q] == "oui" for q in GFST_QUESTIONS):
        return "a_confirmer"
    return "non_reperee"


# --- AGGIR → GIR (CASF annexe 2-2 ; décret n° 97-427, annexe II) -----------------------------

AGGIR_VARIABLES = ("coherence", "orientation", "toilette", "habillage", "alimentation",
                   "elimination", "transferts", "deplacement_interieur")

# Groupe : (poids si C, poids si B, [(seuil, rang), ...]) ; rang None = groupe suivant.
_AGGIR_GROUPES: tuple[tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[int, int], ...]], ...] = (
    ((2000, 1200, 40, 40, 60, 100, 800, 200), (0, 0, 16, 16, 20, 16, 120, 32),
     ((4380, 1), (4140, 2), (3390, 3))),
    ((1500, 1200, 40, 40, 60, 100, 800, -80), (320, 120, 16, 16, 0, 16, 120, -40),
     ((2016, 4),)),
    ((0, 0, 40, 40, 60, 160, 1000, 400), (0, 0, 16, 16, 20, 20, 200, 40),
     ((1700, 5), (1432, 6))),
    ((0, 0, 0, 0, 2000, 400, 2000, 200), (0, 0, 0, 0, 200, 200, 200, 0),
     ((2400, 7),)),
    ((400, 400, 400, 400, 400, 800, 800, 200), (0, 0, 100, 100, 100, 100, 100, 0),
     ((1200, 8),)),
    ((200, 200, 500, 500, 500, 500, 500, 200), (100, 100, 100, 100, 100, 100, 100, 0),
     ((800, 9),)),
    ((150, 150, 300, 300, 500, 500, 400, 200), (0, 0, 200, 200, 200, 200, 200, 100),
     ((650, 10),)),
    ((0, 0, 3000, 3000, 3000, 3000, 1000, 1000), (0, 0, 2000, 2000, 2000, 2000, 2000, 1000),
     ((4000, 11), (2000, 12))),
)
_RANG_DERNIER = 13
_GIR_PAR_RANG = {1: 1, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2, 8: 3, 9: 3, 10: 4, 11: 4, 12: 5, 13: 6}


def rang_aggir(codes: Mapping[str, str | None]) -> int:
    """Rang (1 à 13) de l'algorithme AGGIR : groupes A à H dans l'ordre, le premier seuil
    atteint donne le rang."""
    return _rang_aggir(tuple(codes[v] for v in AGGIR_VARIABLES))


@functools.lru_cache(maxsize=1 << 16)  # au plus 4⁸ grilles (A, B, C ou vide)
def _rang_aggir(valeurs: tuple[str | None, ...]) -> int:
    for poids_c, poids_b, seuils in _AGGIR_GROUPES:
        total = sum(
            pc if code == "C" else pb if code == "B" else 0
            for code, pc, pb in zip(valeurs, poids_c, poids_b, strict=True)
        )
        for seuil, rang in seuils:
            if total >= seuil:
                return rang
    return _RANG_DERNIER


def gir_depuis_aggir(codes: Mapping[str, str | None]) -> int:
    """GIR (1 à 6) d'une grille AGGIR.

    L'algorithme officiel n'est pas monotone : tout « A » sauf transferts « B » donne
    GIR 5, alors que transferts « C » donne GIR 6 (le poids « B » du groupe H vaut 2000,
    son poids « C » 1000). La table est appliquée telle quelle, sans correction.
    """
    return _GIR_PAR_RANG[rang_aggir(codes)]
