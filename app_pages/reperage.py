"""Page « Repérage » : le médecin décrit la situation, le paquet répond.

Le repérage se fait dans le rappel du bouton, avant que la page ne se redessine : la
colonne du résultat est écrite avant celle du formulaire, et s'affiche donc la première.
"""

import streamlit as st

from app_pages import composants, partage

PREFIXE = "reperage."
RESULTAT = "reperage._resultat"
ERREURS = "reperage._erreurs"


def reperer() -> None:
    situation, erreurs = composants.lire_formulaire(composants.valeurs_saisies(PREFIXE))
    if erreurs:
        st.session_state.pop(RESULTAT, None)
        st.session_state[ERREURS] = erreurs
    else:
        st.session_state[RESULTAT] = (situation, composants.moteur().screen(situation))


st.title("Repérage du parcours")
st.caption("En deux minutes : le parcours de votre patient est-il complexe (CSP L6327-1) ? "
           "Quels acteurs et quelles fonctions d'appui mobiliser ? Seul l'âge est "
           "obligatoire. Rien n'est enregistré : la saisie reste dans cet onglet.")
partage.charger_depuis_lien(PREFIXE, RESULTAT)
composants.choix_exemple(PREFIXE, RESULTAT)

saisie, resultat = st.columns([11, 10], gap="large")
with resultat:
    erreurs = st.session_state.pop(ERREURS, None)
    if erreurs:
        st.error("La saisie est à corriger :\n\n" + "\n".join(f"- {m}" for m in erreurs),
                 icon=":material/error:")
    elif RESULTAT in st.session_state:
        situation, orientation = st.session_state[RESULTAT]
        actuelle, _ = composants.lire_formulaire(composants.valeurs_saisies(PREFIXE))
        if actuelle != situation:
            st.info("La saisie a changé depuis ce repérage : cliquez « Repérer » pour le "
                    "mettre à jour.", icon=":material/update:")
        composants.orientation(situation, orientation, "reperage", reseau=False)
        partage.partager(situation, PREFIXE)
    else:
        st.info("Décrivez la situation (ou chargez un exemple), puis cliquez « Repérer ». "
                "Le résultat s'affiche ici : niveau du parcours, alertes, acteurs et "
                "fonctions d'appui, chacun avec ses raisons et ses sources.",
                icon=":material/info:")

with saisie:
    partage.importer(PREFIXE, RESULTAT)
    composants.formulaire(PREFIXE)
    st.button("Repérer", type="primary", icon=":material/search:", key="reperage._reperer",
              on_click=reperer, width="stretch")

if RESULTAT in st.session_state:
    composants.diagramme(st.session_state[RESULTAT][1])
