"""Page « Essai de règles » (référentiel) : changer un paramètre, ou donner un dossier de
règles en zip, et voir aussitôt ce qui change pour les exemples, les scénarios et une
cohorte — sans rien écrire sur disque (``orientation.referentiel.memoire``, ``impact``).

L'essai se partage par un lien (paramètres modifiés dans l'adresse, rien d'identifiant) ou
par un petit fichier JSON.
"""

import hashlib

import streamlit as st

from app_pages import composants
from orientation.interfaces import partage
from orientation.referentiel import ErreurReferentiel, charger_referentiel
from orientation.referentiel.impact import essayer, texte
from orientation.referentiel.libelles import libelle
from orientation.referentiel.memoire import (
    avec_parametres,
    depuis_dossier,
    depuis_zip,
    vers_zip,
)
from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.synthese import cohorte_complete

MODIFS = "impact.parametres"  # {nom: valeur} modifiés
LIEN_LU = "impact._lien_lu"


@st.cache_data(max_entries=8, show_spinner="Repérage avec les deux référentiels…")
def _essai(cle: tuple, avec_cohorte: bool, _avant, _apres):  # noqa: ANN001, ANN202
    """L'impact, gardé pour la même modification (clé : paramètres changés, ou empreinte
    du zip) : revenir sur un essai ne le recalcule pas."""
    cohorte = None
    if avec_cohorte:
        import numpy as np

        df = cohorte_complete(200, graine=1)
        cohorte = (df, np.arange(2, 2 + len(df)), [])
    return essayer(_avant, _apres, cohorte=cohorte, nom_avant="référentiel actuel",
                   nom_apres="référentiel essayé")


st.title("Essai de règles")
st.caption("Pour les experts du domaine : avant de changer une règle, voir ce que le "
           "changement fait aux exemples, aux situations des scénarios et à une cohorte. Rien "
           "n'est écrit sur disque.")
avant = composants.moteur().referentiel
dossier = depuis_dossier(avant.dossier)
modifs: dict = st.session_state.setdefault(MODIFS, {})

# Un essai partagé par lien : lu une fois.
code = st.query_params.get("essai")
if code and st.session_state.get(LIEN_LU) != code:
    st.session_state[LIEN_LU] = code
    try:
        modifs.clear()
        modifs.update(partage.parametres_de(partage.decoder(code), avant.parametres))
    except ErreurSaisie as e:
        st.error("Lien d'essai illisible :\n\n" + "\n".join(e.messages), icon=":material/error:")

source, cohorte_col = st.columns([3, 2], gap="large")
with source:
    mode = st.radio("Changer", ["un paramètre", "tout le dossier de règles (zip)"],
                    horizontal=True, key="impact._mode")
    apres = None
    cle: tuple = ()
    if mode == "un paramètre":
        noms = list(avant.parametres)
        nom = st.selectbox("Paramètre", noms, key="impact._nom",
                           format_func=lambda n: f"{n} — {avant.parametres[n].description}")
        p = avant.parametres[nom]
        st.caption(f"Valeur actuelle : {p.valeur} {p.unite} (depuis {p.depuis:%d/%m/%Y} ; "
                   f"{p.references[0].titre})")
        valeur = st.number_input("Nouvelle valeur", value=modifs.get(nom, p.valeur),
                                 key=f"impact._valeur.{nom}")
        if valeur != p.valeur:
            modifs[nom] = int(valeur) if float(valeur).is_integer() else float(valeur)
        else:
            modifs.pop(nom, None)
        if modifs:
            st.write("Paramètres modifiés : " + " ; ".join(
                f"`{n}` {avant.parametres[n].valeur} → **{v}**" for n, v in modifs.items()))
            if st.button("Tout remettre", key="impact._remettre"):
                modifs.clear()
                st.rerun()
        if not modifs:
            st.info("Donnez une autre valeur à un paramètre pour voir ce qu'elle change.",
                    icon=":material/tune:")
        else:
            try:
                apres = charger_referentiel(avec_parametres(dossier, modifs))
                cle = ("parametres", tuple(sorted(modifs.items())))
            except ErreurReferentiel as e:
                st.error("\n\n".join(e.erreurs), icon=":material/error:")
    else:
        archive = st.file_uploader("Dossier de règles compressé (.zip contenant catalogue.yaml, "
                                   "parametres.yaml et les thèmes)", type=["zip"],
                                   key="impact._zip")
        st.download_button("Télécharger les règles actuelles (zip) pour les modifier",
                           data=lambda: vers_zip(avec_parametres(dossier, modifs)),
                           file_name="rules.zip", mime="application/zip", on_click="ignore",
                           key="impact._zip_actuel", icon=":material/download:")
        if archive is not None:
            try:
                apres = charger_referentiel(depuis_zip(archive.getvalue(), archive.name))
                cle = ("zip", hashlib.sha256(archive.getvalue()).hexdigest())
            except ErreurReferentiel as e:
                st.error("Règles refusées :\n\n" + "\n".join(f"- {composants.texte_brut(m)}"
                                                           for m in e.erreurs),
                         icon=":material/error:")

with cohorte_col:
    avec_cohorte = st.checkbox("Repérer aussi une cohorte fictive de 200 patients",
                               value=True, key="impact._cohorte")
    st.caption("Les exemples livrés et les situations de chaque scénario sont toujours "
               "repérés.")

if apres is not None:
    impact = _essai(cle, avec_cohorte, avant, apres)
    m1, m2, m3 = st.columns(3)
    m1.metric("Patients repérés", impact.patients)
    m2.metric("Orientation changée", impact.changent)
    m3.metric("Niveau changé", impact.changent_de_niveau)
    matrice = {libelle(apres, "niveau", de): {libelle(apres, "niveau", vers): n
                                                for vers, n in ligne.items()}
               for de, ligne in impact.transitions.items()}
    st.markdown("**Niveaux** (lignes : avant ; colonnes : après)")
    st.dataframe(matrice, width="stretch")
    st.code(texte(impact, apres), language=None, wrap_lines=True)
    if mode == "un paramètre" and modifs:
        st.query_params["essai"] = partage.encoder(partage.essai_partageable(modifs))
        st.session_state[LIEN_LU] = st.query_params["essai"]
        st.info("L'adresse de cette page porte maintenant l'essai : copiez-la pour le "
                "partager (elle ne contient que les paramètres modifiés).",
                icon=":material/link:")
        st.download_button("Exporter l'essai (JSON)", data=partage.fichier_essai(modifs),
                           file_name="essai-de-regles.json", mime="application/json",
                           on_click="ignore", key="impact._exporter",
                           icon=":material/download:")

importe = st.file_uploader("Importer un essai (JSON)", type=["json"], key="impact._importer")
if importe is not None and st.session_state.get("impact._importe") != importe.file_id:
    st.session_state["impact._importe"] = importe.file_id
    try:
        modifs.clear()
        modifs.update(partage.essai_du_fichier(importe.getvalue(), avant.parametres))
        st.rerun()
    except ErreurSaisie as e:
        st.error("\n\n".join(e.messages), icon=":material/error:")
