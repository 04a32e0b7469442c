"""Partager une situation du repérage : lien (``?situation=…``) ou petit fichier JSON, sans
rien d'identifiant (``orientation.interfaces.partage``)."""

import streamlit as st

from app_pages import composants
from orientation.interfaces import partage
from orientation.interfaces.formulaire import saisie_depuis_situation
from orientation.situation.erreurs import ErreurSaisie

PARAMETRE = "situation"


def charger_depuis_lien(prefixe: str, cle_resultat: str) -> None:
    """Une situation reçue par lien remplit le formulaire (une fois par lien)."""
    code = st.query_params.get(PARAMETRE)
    lu = prefixe + "_lien_lu"
    if not code or st.session_state.get(lu) == code:
        return
    st.session_state[lu] = code
    try:
        situation = partage.situation_du_lien(code)
    except ErreurSaisie as e:
        st.error("Lien de situation illisible :\n\n" + "\n".join(
            f"- {composants.texte_brut(m)}" for m in e.messages), icon=":material/error:")
        return
    composants.remplir(prefixe, saisie_depuis_situation(situation))
    st.session_state[prefixe + "_pret"] = True
    st.session_state.pop(cle_resultat, None)
    st.info("Situation reçue par lien : vérifiez-la, puis cliquez « Repérer ».",
            icon=":material/link:")


def importer(prefixe: str, cle_resultat: str) -> None:
    fichier = st.file_uploader("Importer une situation (JSON)", type=["json"],
                               key=prefixe + "_importer")
    lu = prefixe + "_importe"
    if fichier is None or st.session_state.get(lu) == fichier.file_id:
        return
    st.session_state[lu] = fichier.file_id
    try:
        situation = partage.situation_du_fichier(fichier.getvalue())
    except ErreurSaisie as e:
        st.error("Situation refusée :\n\n" + "\n".join(
            f"- {composants.texte_brut(m)}" for m in e.messages), icon=":material/error:")
        return
    composants.remplir(prefixe, saisie_depuis_situation(situation))
    st.session_state.pop(cle_resultat, None)
    st.rerun()


def partager(situation, prefixe: str) -> None:  # noqa: ANN001 — une Situation
    """Le lien et le fichier de la situation repérée."""
    with st.expander("Partager cette situation", icon=":material/share:"):
        code = partage.lien_situation(situation)
        st.query_params[PARAMETRE] = code
        # Ce lien est le nôtre : il ne doit pas, au prochain passage, recharger le formulaire
        # par-dessus ce que le médecin continue de saisir.
        st.session_state[prefixe + "_lien_lu"] = code
        st.caption("L'adresse de cette page porte maintenant la situation (âge et réponses "
                   "du formulaire, ni nom ni date de naissance) : copiez-la pour la "
                   "partager. Ou exportez-la en JSON (lisible par orientation screen).")
        st.download_button("Exporter la situation (JSON)",
                           data=partage.fichier_situation(situation),
                           file_name="situation.json", mime="application/json",
                           on_click="ignore", icon=":material/download:",
                           key="partage._exporter")
