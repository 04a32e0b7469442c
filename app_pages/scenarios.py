"""Page « Scénarios » (coordination) : repérer un tableau de situations, et « et si… ? ».

Le fichier reçu reste en mémoire (état de la session) ; rien n'est écrit sur disque. La
lecture, le repérage et les exports sont ceux de ``orientation batch``
(``orientation.tables.atelier``, qui appelle ``tables.lot``) : même fichier, même sortie. La
page ne fait que les appeler et montrer ce qu'ils rendent.
"""

import pandas as pd
import streamlit as st

from app_pages import composants
from orientation.interfaces.formulaire import saisie_depuis_situation
from orientation.resultat.comparaison import champs_modifies, comparer
from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.atelier import (
    documentation_colonnes,
    modele_csv,
    modele_excel,
    reperer_fichier,
)
from orientation.tables.fichiers import nombre_fr
from orientation.tables.lot import Options
from orientation.tables.synthese import cohorte_csv

FICHIER = "scenarios.fichier"  # (nom, octets) du tableau reçu (ou injecté par un test)
NOM = "scenarios._nom"
LOT = "scenarios._lot"
PREFIXE = "etsi."
BASE = "etsi._base"

st.title("Scénarios")
st.caption("Pour les coordonnateurs : repérer un tableau de situations d'un coup, ou voir "
           "ce qui change dans l'orientation quand une situation change.")
onglet_tableau, onglet_etsi = st.tabs(["Tableau de situations", "Et si… ?"])

# --- Un tableau de situations ------------------------------------------------------------------

with onglet_tableau:
    st.markdown("Une ligne par situation ; une colonne par champ, nommée par son chemin "
                "(`social.aidant`) ou son libellé (« Aidant ») ; valeurs par identifiant ou "
                "libellé (« Épuisé », « diabète ») ; listes séparées par « ; ». Les autres "
                "colonnes sont recopiées dans les résultats. Partez du modèle :")
    c1, c2 = st.columns(2)
    c1.download_button("Modèle CSV (Excel en français)", data=modele_csv(),
                       file_name="modele-situations.csv",
                       mime="text/csv", on_click="ignore", icon=":material/download:",
                       key="scenarios._modele_csv", width="stretch")
    c2.download_button("Modèle Excel (avec la description des colonnes)",
                       data=modele_excel, file_name="modele-situations.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       on_click="ignore", icon=":material/download:",
                       key="scenarios._modele_xlsx", width="stretch")
    with st.expander("Les colonnes et ce qu'elles acceptent"):
        st.dataframe(documentation_colonnes(), hide_index=True, width="stretch")

    fichier = st.file_uploader("Fichier de situations (CSV, Excel, Parquet, JSON Lines)",
                               type=["csv", "xlsx", "parquet", "jsonl"],
                               key="scenarios._fichier",
                               help="Le fichier reste en mémoire le temps de la session. "
                                    "Mettez un pseudonyme dans la colonne id, jamais un nom.")
    if fichier is not None and st.session_state.get(NOM) != (fichier.name, fichier.size):
        st.session_state.pop(LOT, None)
        st.session_state[FICHIER] = (fichier.name, fichier.getvalue())
        st.session_state[NOM] = (fichier.name, fichier.size)

    if st.button("Ou essayer sur une cohorte fictive de 200 patients",
                 icon=":material/science:", key="scenarios._fictive",
                 help="Patients synthétiques (orientation synth, graine 1) : aucun vrai patient."):
        st.session_state.pop(LOT, None)
        st.session_state[FICHIER] = ("cohorte-fictive.csv", cohorte_csv(200, graine=1))
        st.session_state[NOM] = ("cohorte fictive", 200)

    recu = st.session_state.get(FICHIER)
    if recu is not None:
        nom, contenu = recu
        st.write(f"Fichier « {composants.texte_brut(nom)} » ({nombre_fr(len(contenu))} "
                 "octets).")
        o1, o2 = st.columns(2)
        dialecte = o1.selectbox("CSV des résultats", ["comme le fichier reçu", "excel-fr",
                                                       "standard"], key="scenarios._dialecte",
                                help="excel-fr : « ; », accents et virgule décimale pour "
                                     "Excel en français ; standard : « , » pour les "
                                     "programmes.")
        libelles = o2.checkbox("Libellés français plutôt qu'identifiants",
                               key="scenarios._libelles")
        if st.button("Repérer toutes les situations", type="primary",
                     icon=":material/play_arrow:", key="scenarios._reperer"):
            barre = st.progress(0.0, text="Repérage…")

            def avancer(fait: int, total: int) -> None:
                barre.progress(min(1.0, fait / total) if total else 1.0,
                               text=f"Repérage : {nombre_fr(fait)} / {nombre_fr(total)} lignes")

            options = Options(dialecte=None if dialecte.startswith("comme") else dialecte,
                              libelles=libelles)
            try:
                st.session_state[LOT] = reperer_fichier(nom, contenu, options, avancer)
            except ErreurSaisie as e:
                st.session_state.pop(LOT, None)
                st.error("Le fichier est refusé :\n\n" + "\n".join(
                    f"- {composants.texte_brut(m)}" for m in e.messages[:50]),
                    icon=":material/error:")

    lot = st.session_state.get(LOT)
    if lot is not None:
        b = lot.bilan
        vides = (f", {nombre_fr(b.vides_finales)} ligne(s) vide(s) en fin de fichier "
                 "ignorée(s)" if b.vides_finales else "")
        st.success(f"{nombre_fr(b.reperees)} situation(s) repérée(s), "
                   f"{nombre_fr(b.rejetees)} ligne(s) en erreur{vides}.",
                   icon=":material/task_alt:")
        if b.recopiees:
            st.info("Colonnes recopiées telles quelles (ce ne sont pas des champs) : "
                    + ", ".join(f"« {composants.texte_brut(n)} »" for n in b.recopiees),
                    icon=":material/info:")
        vue = lot.vue_d_ensemble()
        st.dataframe(vue, hide_index=True, width="stretch", key="scenarios._resultats")
        if len(lot.rejets):
            with st.expander(f"Détail des erreurs ({nombre_fr(len(lot.rejets))})",
                             expanded=True):
                st.dataframe(lot.rejets, hide_index=True, width="stretch",
                             key="scenarios._rejets")
        c1, c2 = st.columns(2)
        c1.download_button("Résultats (CSV)", data=lot.sortie_csv,
                           file_name="resultats-orientation.csv", mime="text/csv",
                           on_click="ignore", icon=":material/download:",
                           key="scenarios._resultats_csv", width="stretch")
        c2.download_button("Résultats (Excel, erreurs en seconde feuille)", data=lot.excel,
                           file_name="resultats-orientation.xlsx",
                           mime="application/vnd.openxmlformats-officedocument."
                                "spreadsheetml.sheet",
                           on_click="ignore", icon=":material/download:",
                           key="scenarios._resultats_xlsx", width="stretch")

# --- Et si… ? ----------------------------------------------------------------------------------

with onglet_etsi:
    st.markdown("Partez d'une situation, modifiez-la : l'orientation de départ et la "
                "nouvelle s'affichent côte à côte, avec ce qui change.")
    depart = dict(composants.exemples_livres())
    if "reperage._resultat" in st.session_state:
        depart = {"La situation du dernier repérage": st.session_state["reperage._resultat"][0],
                  **depart}

    def partir() -> None:
        situation = depart[st.session_state["etsi._depart"]]
        st.session_state[BASE] = situation
        composants.remplir(PREFIXE, saisie_depuis_situation(situation))

    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    c1.selectbox("Situation de départ", list(depart), key="etsi._depart")
    c2.button("Partir de cette situation", on_click=partir, key="etsi._partir",
              width="stretch")

    base = st.session_state.get(BASE)
    if base is None:
        st.info("Choisissez une situation de départ.", icon=":material/info:")
    else:
        formulaire, comparaison = st.columns([1, 1], gap="large")
        with formulaire:
            st.subheader("Modifier la situation")
            valeurs = composants.formulaire(PREFIXE)
        with comparaison:
            nouvelle, erreurs = composants.lire_formulaire(valeurs)
            if erreurs:
                st.error("La saisie est à corriger :\n\n" + "\n".join(f"- {m}" for m in erreurs),
                         icon=":material/error:")
            else:
                screen = composants.moteur().screen
                avant, apres = screen(base), screen(nouvelle)
                modifies = champs_modifies(base, nouvelle)
                st.subheader("Ce qui change")
                if modifies:
                    st.dataframe(pd.DataFrame(modifies, columns=["champ", "avant", "après"]),
                                 hide_index=True, width="stretch", key="etsi._modifies")
                else:
                    st.caption("Aucun champ modifié pour l'instant.")
                composants.difference(comparer(avant, apres))
                gauche, droite = st.columns(2)
                with gauche:
                    st.markdown("**Avant**")
                    composants.resume(avant)
                with droite:
                    st.markdown("**Après**")
                    composants.resume(apres)
