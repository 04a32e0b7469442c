"""Le formulaire d'une situation : un widget par champ, en onglets par section, les
instruments facultatifs avec leur score affiché pendant la saisie. Libellés, aides et
questions viennent du vocabulaire (``rules/vocabulaire.yaml``) ; la conversion en situation
et sa validation, de ``orientation.interfaces.formulaire``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.composants.communs import exemples_livres, moteur
from orientation.interfaces.formulaire import (
    aide,
    apercu_aggir,
    apercu_epices,
    apercu_fragilite,
    apercu_mini_zarit,
    champs_du_formulaire,
    libelle_formulaire,
    message_lisible,
    question_jugement,
    questions,
    reponses_aggir,
    saisie_depuis_situation,
    saisie_vierge,
    sections,
    situation_depuis_saisie,
)
from orientation.referentiel.vocabulaire import majuscule, vocabulaire
from orientation.situation.erreurs import ErreurSaisie, lire_situation
from orientation.situation.faits import Champ
from orientation.situation.modele import Situation


def remplir(prefixe: str, valeurs: dict[str, Any]) -> None:
    """Met des valeurs dans les widgets du formulaire (à appeler dans un rappel)."""
    for cle, v in valeurs.items():
        st.session_state[prefixe + cle] = v


def _initialiser(prefixe: str) -> None:
    if st.session_state.get(prefixe + "_pret"):
        return
    for cle, v in saisie_vierge().items():
        st.session_state.setdefault(prefixe + cle, v)
    st.session_state[prefixe + "_pret"] = True


def _libelle_valeur(v: Any) -> str:
    return majuscule(vocabulaire().valeur(v)) if v is not None else "—"


def _widget(prefixe: str, champ: Champ) -> None:
    cle = prefixe + champ.chemin
    libelle = libelle_formulaire(champ.chemin)
    aide_champ = aide(champ.chemin)
    if champ.type == "booleen":
        st.checkbox(libelle, key=cle, help=aide_champ)
    elif champ.type == "entier" and champ.chemin == "autonomie.gir":
        st.selectbox(libelle, [None, 1, 2, 3, 4, 5, 6], key=cle, help=aide_champ,
                     format_func=lambda v: "Non évalué" if v is None else f"GIR {v}")
    elif champ.type == "entier":
        st.number_input(libelle, min_value=int(champ.minimum or 0),
                        max_value=int(champ.maximum) if champ.maximum is not None else None,
                        step=1, key=cle, help=aide_champ)
    elif champ.type == "enum":
        st.selectbox(libelle, list(champ.valeurs), key=cle, help=aide_champ,
                     format_func=_libelle_valeur)
    elif champ.type == "liste":
        # Des pastilles plutôt qu'une liste déroulante : toutes les valeurs se lisent en
        # entier, et une se choisit d'un clic (une liste déroulante étroite n'en montrait
        # qu'une, tronquée).
        st.pills(libelle, list(champ.valeurs), selection_mode="multi", key=cle,
                 help=aide_champ, format_func=_libelle_valeur, width="stretch")


def _section(prefixe: str, section: str) -> None:
    champs = champs_du_formulaire(section)
    listes = [c for c in champs if c.type == "liste"]
    autres = [c for c in champs if c.type not in ("booleen", "liste")]
    booleens = [c for c in champs if c.type == "booleen"]
    for champ in listes:  # pleine largeur : chaque valeur lisible
        _widget(prefixe, champ)
    if autres:
        colonnes = st.columns(2)
        for i, champ in enumerate(autres):
            with colonnes[i % 2]:
                _widget(prefixe, champ)
    for champ in booleens:  # une colonne : les libellés restent entiers
        _widget(prefixe, champ)


def _questions(prefixe: str, questionnaire: str, options: list[Any],
               format_func=_libelle_valeur) -> None:
    for cle, question in questions(questionnaire).items():
        st.radio(question, options, index=None, horizontal=True, format_func=format_func,
                 key=f"{prefixe}{questionnaire}.{cle}")


def valeurs_saisies(prefixe: str) -> dict[str, Any]:
    """La saisie à plat du formulaire ``prefixe`` (depuis l'état de la session)."""
    _initialiser(prefixe)
    n = len(prefixe)
    return {k[n:]: v for k, v in st.session_state.items()
            if isinstance(k, str) and k.startswith(prefixe) and not k[n:].startswith("_")}


def formulaire(prefixe: str) -> dict[str, Any]:
    """Le formulaire d'une situation, en onglets par section ; renvoie la saisie à plat.

    Les instruments facultatifs sont dans des volets dont le titre montre le score à
    chaque réponse (les widgets ne sont pas dans un ``st.form``, pour ce score en direct).
    """
    _initialiser(prefixe)
    parametres = moteur().referentiel.valeurs_parametres
    onglets = st.tabs(list(sections().values()))
    for onglet, section in zip(onglets, sections(), strict=True):
        with onglet:
            if section == "contexte":
                st.number_input(libelle_formulaire("age"), min_value=0, max_value=120, step=1,
                                key=prefixe + "age", help=aide("age"))
            _section(prefixe, section)
            valeurs = valeurs_saisies(prefixe)
            if section == "autonomie":
                with st.expander(f"Grille AGGIR (facultative) · {apercu_aggir(valeurs)}"):
                    st.caption("A : fait seul, totalement, habituellement et correctement ; "
                               "B : fait partiellement, ou pas habituellement, ou pas "
                               "correctement ; C : ne fait pas. Ne donnez pas de GIR saisi "
                               "qui contredise la grille.")
                    _questions(prefixe, "autonomie.aggir", list(reponses_aggir()),
                               format_func=reponses_aggir().get)
                with st.expander("Repérage de la fragilité, GFST (facultatif) · "
                                 f"{apercu_fragilite(valeurs)}"):
                    st.caption("Gérontopôle de Toulouse, pour les 65 ans et plus autonomes "
                               "(ADL ≥ 5/6) sans maladie aiguë. Pas de score : si une "
                               "réponse est « oui », votre jugement décide.")
                    _questions(prefixe, "autonomie.fragilite", ["oui", "non", "ne_sait_pas"])
                    st.radio(question_jugement(), [True, False],
                             index=None, horizontal=True,
                             format_func=lambda v: "Oui" if v else "Non",
                             key=prefixe + "autonomie.fragilite.jugement_fragile")
            if section == "social":
                with st.expander(f"Mini-Zarit, fardeau de l'aidant (facultatif) · "
                                 f"{apercu_mini_zarit(valeurs, parametres)}"):
                    st.caption("À remplir avec l'aidant. Jamais = 0, parfois = 0,5, "
                               "souvent = 1 ; total sur 7.")
                    _questions(prefixe, "social.mini_zarit", ["jamais", "parfois", "souvent"])
                with st.expander(f"Score EPICES, précarité (facultatif) · "
                                 f"{apercu_epices(valeurs, parametres)}"):
                    st.caption(f"Sass et al., 2006 : score de 0 à 100 ; précarité à partir "
                               f"de {parametres['epices.seuil_precarite']:g}. Les 11 réponses "
                               "sont nécessaires.")
                    _questions(prefixe, "social.epices", [True, False],
                               format_func=lambda v: "Oui" if v else "Non")
    return valeurs_saisies(prefixe)


def lire_formulaire(valeurs: dict[str, Any]) -> tuple[Situation | None, list[str]]:
    """La situation saisie, ou les messages d'erreur (en français, champ nommé)."""
    try:
        return lire_situation(situation_depuis_saisie(valeurs)), []
    except ErreurSaisie as e:
        return None, [message_lisible(m) for m in e.messages]


def choix_exemple(prefixe: str, cle_resultat: str | None = None) -> None:
    """Charger un exemple livré dans le formulaire, ou repartir d'une saisie vierge."""

    def charger() -> None:
        titre = st.session_state[prefixe + "_exemple"]
        remplir(prefixe, saisie_depuis_situation(exemples_livres()[titre]))
        if cle_resultat:
            st.session_state.pop(cle_resultat, None)

    def effacer() -> None:
        remplir(prefixe, saisie_vierge())
        if cle_resultat:
            st.session_state.pop(cle_resultat, None)

    colonnes = st.columns([3, 1, 1], vertical_alignment="bottom")
    colonnes[0].selectbox("Partir d'une situation d'exemple", list(exemples_livres()),
                          key=prefixe + "_exemple", index=None,
                          placeholder="Choisir un exemple livré…")
    colonnes[1].button("Charger l'exemple", on_click=charger, key=prefixe + "_charger",
                       disabled=st.session_state.get(prefixe + "_exemple") is None,
                       width="stretch")
    colonnes[2].button("Nouvelle saisie", on_click=effacer, key=prefixe + "_effacer",
                       width="stretch")


