"""Page « Repérage » : le médecin décrit la situation, le paquet répond.

Le repérage se fait dans le rappel du bouton, avant que la page ne se redessine : la
colonne du résultat est écrite avant celle du formulaire, et s'affiche donc la première.
La commune du patient (pour les contacts proches) est en haut, à côté du bouton : charger
un exemple, taper la commune, « Repérer », sans faire défiler la page. Elle n'est gardée
ni d'une page à l'autre ni nulle part ailleurs (clé « _ », hors de la saisie conservée).
"""

import streamlit as st

from app_pages import composants
from orientation.annuaire import ErreurAnnuaire, ErreurLieu, enrichir
from orientation.referentiel.vocabulaire import vocabulaire

PREFIXE = "reperage."
RESULTAT = "reperage._resultat"
ERREURS = "reperage._erreurs"
COMMUNE = "reperage._commune"
ERREUR_LIEU = "reperage._erreur_lieu"
ANNUAIRE_EXEMPLE = "reperage._annuaire_exemple"


def reperer() -> None:
    situation, erreurs = composants.lire_formulaire(composants.valeurs_saisies(PREFIXE))
    st.session_state.pop(ERREUR_LIEU, None)
    if erreurs:
        st.session_state.pop(RESULTAT, None)
        st.session_state[ERREURS] = erreurs
        return
    resultat = composants.moteur().screen(situation)
    commune = (st.session_state.get(COMMUNE) or "").strip()
    if commune:
        try:
            annuaire = composants.annuaire()
            resultat = enrichir(resultat, commune, annuaire.dossier)
            st.session_state[ANNUAIRE_EXEMPLE] = annuaire.exemple
        except (ErreurLieu, ErreurAnnuaire) as e:
            st.session_state[ERREUR_LIEU] = str(e)
    st.session_state[RESULTAT] = (situation, resultat)


st.title("Repérage du parcours")
st.caption("En deux minutes : le parcours de votre patient est-il complexe (CSP L6327-1) ? "
           "Quels acteurs et quelles fonctions d'appui mobiliser ? Seul l'âge est "
           "obligatoire. Rien n'est enregistré : la saisie reste dans cet onglet.")
composants.choix_exemple(PREFIXE, RESULTAT)
lieu, bouton = st.columns([3, 2], vertical_alignment="bottom")
lieu.text_input(vocabulaire().texte("commune_champ"), key=COMMUNE, max_chars=5,
                placeholder="01004 ou 01500", help=vocabulaire().texte("commune_aide"))
bouton.button("Repérer", type="primary", icon=":material/search:", key="reperage._reperer",
              on_click=reperer, width="stretch")

saisie, resultat = st.columns([11, 10], gap="large")
with resultat:
    erreurs = st.session_state.pop(ERREURS, None)
    if erreurs:
        st.error("La saisie est à corriger :\n\n" + "\n".join(f"- {m}" for m in erreurs),
                 icon=":material/error:")
    elif RESULTAT in st.session_state:
        situation, orientation = st.session_state[RESULTAT]
        if ERREUR_LIEU in st.session_state:
            st.warning(composants.texte_brut(st.session_state[ERREUR_LIEU]),
                       icon=":material/location_off:")
        actuelle, _ = composants.lire_formulaire(composants.valeurs_saisies(PREFIXE))
        if actuelle != situation:
            st.info("La saisie a changé depuis ce repérage : cliquez « Repérer » pour le "
                    "mettre à jour.", icon=":material/update:")
        composants.orientation(situation, orientation, "reperage", reseau=False,
                               annuaire_exemple=st.session_state.get(ANNUAIRE_EXEMPLE, False))
    else:
        st.info("Décrivez la situation (ou chargez un exemple), puis cliquez « Repérer ». "
                "Le résultat s'affiche ici : niveau du parcours, alertes, acteurs et "
                "fonctions d'appui, chacun avec ses raisons et ses sources.",
                icon=":material/info:")

with saisie:
    composants.formulaire(PREFIXE)
    st.button("Repérer", type="primary", icon=":material/search:",
              key="reperage._reperer_bas", on_click=reperer, width="stretch")

if RESULTAT in st.session_state:
    composants.diagramme(st.session_state[RESULTAT][1])
