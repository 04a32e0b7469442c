"""Page « Scénarios » (coordination) : repérer un tableau de situations, et « et si… ? ».

Le fichier reçu reste en mémoire (état de la session) ; rien n'est écrit sur disque. La
lecture, le repérage et les exports sont des fonctions du paquet (``orientation.atelier``) ;
la page ne fait que les appeler et montrer ce qu'elles rendent.
"""

import pandas as pd
import streamlit as st

from app_pages import composants
from orientation.interfaces.formulaire import saisie_depuis_situation
from orientation.resultat.comparaison import champs_modifies, comparer
from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.atelier import (
    documentation_colonnes,
    lire_fichier,
    modele_csv,
    modele_excel,
    reperer_tableau,
    resultats_excel,
    vers_csv,
)
from orientation.tables.synthese import cohorte_complete

TABLEAU = "scenarios.tableau"  # DataFrame lu du fichier (ou injecté par un test)
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
                "(`age`, `social.aidant`…) ; listes séparées par « ; ». Partez du modèle :")
    c1, c2 = st.columns(2)
    c1.download_button("Modèle CSV", data=modele_csv(), file_name="modele-situations.csv",
                       mime="text/csv", on_click="ignore", icon=":material/download:",
                       key="scenarios._modele_csv", width="stretch")
    c2.download_button("Modèle Excel (avec la description des colonnes)",
                       data=modele_excel, file_name="modele-situations.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       on_click="ignore", icon=":material/download:",
                       key="scenarios._modele_xlsx", width="stretch")
    with st.expander("Les colonnes et ce qu'elles acceptent"):
        st.dataframe(documentation_colonnes(), hide_index=True, width="stretch",
                     column_config={"description": st.column_config.TextColumn(width="large")})

    fichier = st.file_uploader("Fichier de situations (CSV ou Excel)", type=["csv", "xlsx"],
                               key="scenarios._fichier",
                               help="Le fichier reste en mémoire le temps de la session. "
                                    "Mettez un pseudonyme dans la colonne id, jamais un nom.")
    if fichier is not None and st.session_state.get(NOM) != (fichier.name, fichier.size):
        st.session_state.pop(LOT, None)
        try:
            st.session_state[TABLEAU] = lire_fichier(fichier.name, fichier.getvalue())
            st.session_state[NOM] = (fichier.name, fichier.size)
        except ErreurSaisie as e:
            st.session_state.pop(TABLEAU, None)
            st.error("\n\n".join(composants.texte_brut(m) for m in e.messages),
                     icon=":material/error:")

    if st.button("Ou essayer sur une cohorte fictive de 200 patients",
                 icon=":material/science:", key="scenarios._fictive",
                 help="Patients synthétiques (orientation synth, graine 1) : aucun vrai patient."):
        st.session_state.pop(LOT, None)
        st.session_state[TABLEAU] = cohorte_complete(200, graine=1)
        st.session_state[NOM] = ("cohorte fictive", 200)

    tableau = st.session_state.get(TABLEAU)
    if isinstance(tableau, pd.DataFrame):
        st.write(f"{len(tableau)} ligne(s), {len(tableau.columns)} colonne(s).")
        if st.button("Repérer toutes les situations", type="primary",
                     icon=":material/play_arrow:", key="scenarios._reperer"):
            barre = st.progress(0.0, text="Repérage…")

            def avancer(fait: int, total: int) -> None:
                barre.progress(fait / total if total else 1.0,
                               text=f"Repérage : {fait} / {total} situations")

            try:
                st.session_state[LOT] = reperer_tableau(tableau, composants.moteur().screen,
                                                        avancer)
            except ErreurSaisie as e:
                st.session_state.pop(LOT, None)
                st.error("Le fichier est refusé :\n\n" + "\n".join(
                    f"- {composants.texte_brut(m)}" for m in e.messages), icon=":material/error:")

    lot = st.session_state.get(LOT)
    if lot is not None:
        nb_reperees = len(lot.resultats)
        st.success(f"{nb_reperees} situation(s) repérée(s), {lot.nb_rejetees} ligne(s) en "
                   "erreur.", icon=":material/task_alt:")
        if len(lot.resultats):
            st.bar_chart(lot.resultats["niveau"].value_counts()
                         .reindex(["simple", "coordonne", "complexe"], fill_value=0),
                         horizontal=True, height=160, x_label="situations", y_label="niveau")
        st.dataframe(lot.vue_d_ensemble(), hide_index=True, width="stretch",
                     key="scenarios._resultats",
                     column_config={"erreurs": st.column_config.TextColumn(width="large")})
        if len(lot.rejets):
            with st.expander(f"Détail des erreurs ({len(lot.rejets)})", expanded=True):
                st.dataframe(lot.rejets, hide_index=True, width="stretch",
                             key="scenarios._rejets")
        c1, c2 = st.columns(2)
        c1.download_button("Résultats (CSV)", data=vers_csv(lot.vue_d_ensemble()),
                           file_name="resultats-orientation.csv", mime="text/csv",
                           on_click="ignore", icon=":material/download:",
                           key="scenarios._resultats_csv", width="stretch")
        c2.download_button("Résultats (Excel)", data=lambda: resultats_excel(lot),
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
