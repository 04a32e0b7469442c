"""Ce que les pages partagent : le moteur, les exemples livrés, la saisie gardée d'une page à
l'autre, et l'affichage sûr d'un texte venu de l'utilisateur.

Données de santé : rien n'est écrit sur disque ni dans un journal ; les exports passent
par ``st.download_button`` (à la demande de l'utilisateur, générés en mémoire). Aucun
texte n'est rendu en HTML brut.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from orientation.annuaire.exemple import AnnuaireEnUsage, annuaire_en_usage
from orientation.evaluation.moteur import moteur_par_defaut
from orientation.interfaces.formulaire import exemples
from orientation.situation.modele import Situation

RACINE = Path(__file__).resolve().parents[2]
DOSSIER_EXEMPLES = RACINE / "examples"
PREFIXES_SAISIE = ("reperage.", "etsi.")


@st.cache_resource(show_spinner=False)
def exemples_livres() -> dict[str, Situation]:
    return exemples(DOSSIER_EXEMPLES)


def moteur():
    """Le moteur partagé par toutes les sessions (``screen`` tient un verrou)."""
    return moteur_par_defaut()


def annuaire() -> AnnuaireEnUsage:
    """L'annuaire des contacts : celui de l'utilisateur, sinon l'annuaire d'exemple livré
    (construit une fois par processus ; il ne contient que des structures)."""
    return annuaire_en_usage()


def conserver_saisie() -> None:
    """Garde la saisie quand on change de page : Streamlit efface l'état d'un widget qui
    n'est pas affiché ; le réaffecter en fait un état ordinaire qui survit à la page."""
    for cle in list(st.session_state):
        if isinstance(cle, str) and cle.startswith(PREFIXES_SAISIE) \
                and not cle.split(".", 1)[1].startswith("_"):
            st.session_state[cle] = st.session_state[cle]


def texte_brut(texte: str) -> str:
    """Un texte venu de l'utilisateur (nom de colonne, cellule) affiché tel quel : ses
    caractères Markdown sont échappés (et aucun HTML n'est jamais interprété)."""
    for c in "\\`*_{}[]<>()#+-.!|~:$":
        texte = texte.replace(c, "\\" + c)
    return texte
