"""Page « Scénarios des experts » (référentiel) : l'état de chaque scénario de ``features/``,
l'explication en français d'un échec, et un éditeur où écrire un scénario en Gherkin
français et l'exécuter aussitôt contre les règles actuelles.

Les scénarios sont exécutés dans ce processus par le même glossaire d'étapes que pytest-bdd
(``orientation.referentiel.execution``), pas par pytest.
"""

from pathlib import Path

import streamlit as st

from app_pages import composants
from orientation.referentiel import execution, glossaire
from orientation.referentiel.scenarios import dossier_features_par_defaut

TEXTE = "gherkin.texte"
MODELE = """# language: fr
Fonctionnalité: Mon essai

  Scénario: Une personne âgée dont l'aidant est épuisé
    Soit une patiente de 84 ans
    Et elle vit seule
    Et son aidant est épuisé
    Quand on évalue sa situation
    Alors le parcours est coordonné
    Et la fonction d'appui « dac_personne_aidant » est proposée
"""

st.title("Scénarios des experts")
st.caption("La spécification des règles, en Gherkin français (features/) : l'état de chaque "
           "scénario, et un éditeur pour en écrire un et l'essayer tout de suite.")


@st.cache_data(show_spinner="Exécution des scénarios…", max_entries=4)
def etat_des_scenarios(empreinte: tuple) -> list[dict]:
    cas, erreurs = execution.lire_dossier(dossier_features_par_defaut())
    lignes = [{"fichier": e.split(" :")[0], "scénario": "(fichier illisible)", "ligne": 0,
               "statut": "❌", "explication": e} for e in erreurs]
    for issue in execution.executer_tous(cas, composants.moteur()):
        c = issue.cas
        lignes.append({"fichier": c.fichier, "scénario": c.nom, "ligne": c.ligne,
                       "statut": "✅" if issue.reussi else "❌",
                       "explication": issue.explication})
    return lignes


def _empreinte() -> tuple:
    """Scénarios et règles tels qu'ils sont sur disque : un fichier changé relance tout."""
    fichiers = sorted(dossier_features_par_defaut().rglob("*.feature"))
    fichiers += sorted(Path(composants.moteur().referentiel.dossier).glob("*.yaml"))
    return tuple((str(p), p.stat().st_mtime_ns) for p in fichiers)


onglet_liste, onglet_editeur = st.tabs(["Scénarios livrés", "Écrire un scénario"])

with onglet_liste:
    lignes = etat_des_scenarios(_empreinte())
    echecs = [ligne for ligne in lignes if ligne["statut"] == "❌"]
    st.metric("Cas exécutés", len(lignes), delta=f"{len(echecs)} en échec" if echecs else
              "tous réussis", delta_color="inverse" if echecs else "normal")
    fichiers = sorted({ligne["fichier"] for ligne in lignes})
    choix = st.multiselect("Fichiers", fichiers, key="gherkin._fichiers",
                           placeholder="Tous les fichiers")
    visibles = [ligne for ligne in lignes if not choix or ligne["fichier"] in choix]
    st.dataframe([{k: v for k, v in ligne.items() if k != "explication"} for ligne in visibles],
                 hide_index=True, width="stretch")
    for ligne in echecs:
        with st.expander(f"❌ {ligne['scénario']} ({ligne['fichier']}, ligne {ligne['ligne']})"):
            st.code(ligne["explication"], language=None, wrap_lines=True)

with onglet_editeur:
    editeur, aide = st.columns([3, 2], gap="large")
    with editeur:
        texte = st.text_area("Scénario (Gherkin français)", value=MODELE, height=320,
                             key=TEXTE)
        lancer = st.button("Exécuter", type="primary", icon=":material/play_arrow:",
                           key="gherkin._executer")
        if lancer:
            try:
                cas = execution.lire_texte(texte, "mon-scenario.feature")
            except execution.ErreurGherkin as e:
                st.error("\n\n".join(composants.texte_brut(m) for m in e.erreurs),
                         icon=":material/error:")
                cas = []
            if not cas and lancer and texte.strip():
                st.warning("Aucun scénario dans le texte.", icon=":material/warning:")
            for issue in execution.executer_tous(cas, composants.moteur()):
                if issue.reussi:
                    st.success(f"Réussi : {issue.cas.nom}", icon=":material/check_circle:")
                else:
                    st.error(f"En échec : {issue.cas.nom}", icon=":material/cancel:")
                    st.code(issue.explication, language=None, wrap_lines=True)
    with aide:
        st.markdown("**Les phrases du glossaire**")
        recherche = st.text_input("Chercher une phrase", key="gherkin._recherche",
                                  placeholder="aidant, GIR, appui…")
        for mot_cle in ("Soit", "Quand", "Alors"):
            phrases = [p for p in glossaire.GLOSSAIRE if p.mot_cle == mot_cle and (
                not recherche or recherche.lower() in (p.modele + " ".join(p.exemples)).lower())]
            if phrases:
                with st.expander(f"{mot_cle} ({len(phrases)})", expanded=bool(recherche)):
                    st.markdown("\n".join(f"- `{p.exemples[0]}` — {p.rubrique}"
                                          for p in phrases))
