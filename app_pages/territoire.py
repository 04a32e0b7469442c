"""Page « Diagnostic territorial » (coordination) : une cohorte vue d'ensemble, en graphiques.

Tout est calculé par ``orientation.territoire`` (lecture et repérage par le pipeline des
cohortes, figures, graphiques, rapports) ; la page lit le fichier reçu (en mémoire), montre
les graphiques et propose les rapports HTML et PDF à télécharger (produits en mémoire).
"""

import streamlit as st

from app_pages import composants
from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.synthese import cohorte_complete
from orientation.territoire.diagnostic import diagnostiquer
from orientation.territoire.graphiques import graphique, nombre, pourcent
from orientation.territoire.lecture import lire_tableau_brut, reperer_tableau
from orientation.territoire.rapport import (
    bilan_figure,
    phrase_bilan,
    rapport_html,
    rapport_pdf,
)

DIAGNOSTIC = "territoire._diagnostic"
NOM = "territoire._nom"

st.title("Diagnostic territorial")
st.caption("Pour une CPTS ou un DAC : la cohorte vue d'ensemble — niveaux par âge (et par "
           "commune), besoins par cluster et acteur, demande par fonction d'appui et charge "
           "qu'elle représente, alertes, règles, lacunes du territoire. Chaque chiffre avec son "
           "effectif et sa part. Le fichier reste en mémoire.")
referentiel = composants.moteur().referentiel


def _diagnostiquer(nom: str, df, numeros, rejets) -> None:
    cohorte = reperer_tableau(df, numeros, referentiel, rejets)
    st.session_state[DIAGNOSTIC] = (diagnostiquer(cohorte, referentiel, source=nom),
                                    cohorte.rejets)


fichier = st.file_uploader(
    "Cohorte (CSV, Excel, Parquet ou JSON Lines), repérée ou non",
    type=["csv", "xlsx", "parquet", "jsonl"], key="territoire._fichier",
    help="Colonnes d'entrée de orientation batch (repérée ici), ou sa sortie. Une colonne "
         "« commune » facultative donne la répartition par commune. Pseudonymes seulement.")
if fichier is not None and st.session_state.get(NOM) != (fichier.name, fichier.size):
    st.session_state[NOM] = (fichier.name, fichier.size)
    try:
        df, numeros, rejets = lire_tableau_brut(fichier.name, fichier.getvalue())
        _diagnostiquer(fichier.name, df, numeros, rejets)
    except ErreurSaisie as e:
        st.session_state.pop(DIAGNOSTIC, None)
        st.error("\n\n".join(composants.texte_brut(m) for m in e.messages),
                 icon=":material/error:")

if st.button("Ou essayer sur une cohorte fictive de 200 patients", icon=":material/science:",
             key="territoire._fictive",
             help="Patients synthétiques (orientation synth, graine 1) : aucun vrai patient."):
    import numpy as np

    st.session_state[NOM] = ("cohorte fictive", 200)
    df = cohorte_complete(200, graine=1)
    _diagnostiquer("cohorte fictive", df, np.arange(2, 2 + len(df)), [])

if DIAGNOSTIC in st.session_state:
    diagnostic, rejets = st.session_state[DIAGNOSTIC]
    st.success(phrase_bilan(diagnostic), icon=":material/groups:")
    for remarque in diagnostic.remarques:
        st.info(remarque, icon=":material/info:")
    if rejets:
        with st.expander(f"Lignes rejetées ({diagnostic.rejetees})"):
            st.dataframe([vars(r) for r in rejets[:500]], hide_index=True)
    c1, c2 = st.columns(2)
    c1.download_button("Rapport HTML (autonome, hors ligne)",
                       data=lambda: rapport_html(diagnostic, referentiel).encode("utf-8"),
                       file_name="diagnostic-territorial.html", mime="text/html",
                       on_click="ignore", icon=":material/download:",
                       key="territoire._html", width="stretch")
    c2.download_button("Rapport PDF", data=lambda: rapport_pdf(diagnostic, referentiel),
                       file_name="diagnostic-territorial.pdf", mime="application/pdf",
                       on_click="ignore", icon=":material/download:",
                       key="territoire._pdf", width="stretch")
    for figure in diagnostic.figures:
        st.subheader(figure.titre)
        st.caption(figure.note)
        chart = graphique(figure, referentiel)
        if chart is not None:
            st.altair_chart(chart, width="stretch")
        with st.expander("Les chiffres"):
            tableau = figure.tableau.copy()
            for c in [c for c in tableau.columns if c.startswith("part")]:
                tableau[c] = tableau[c].map(pourcent)
            tableau["effectif"] = tableau["effectif"].map(nombre)
            st.dataframe(tableau.drop(columns=["id", "rang"], errors="ignore"),
                         hide_index=True, width="stretch")
        st.markdown(f"**{bilan_figure(figure)}**")
