"""Page « Référentiel » : les règles lues en français, cherchables, avec leurs sources et
les scénarios qui les illustrent ; les paramètres avec leur valeur, leur date et leur source."""

import pandas as pd
import streamlit as st

from app_pages import composants
from orientation.referentiel.documentation import (
    conclusions_en_lignes,
    condition_en_markdown,
    rechercher,
    regles_par_parametre,
    scenarios_par_regle,
)

ref = composants.moteur().referentiel
scenarios = scenarios_par_regle(composants.RACINE / "features")

st.title("Référentiel de règles")
st.caption(f"Version {ref.catalogue.version} : {len(ref.regles)} règles, "
           f"{len(ref.parametres)} paramètres. Les règles sont des données en français "
           "(dossier rules/), écrites par des experts du domaine ; chacune cite ses sources.")

onglet_regles, onglet_parametres = st.tabs(["Règles", "Paramètres"])

with onglet_regles:
    c1, c2 = st.columns([3, 1])
    requete = c1.text_input("Chercher une règle", key="referentiel.recherche",
                            placeholder="mot, identifiant, champ… par exemple : aidant épuisé",
                            help="Sans tenir compte des accents ni des majuscules ; tous les "
                                 "mots doivent figurer dans la règle.")
    themes = list(dict.fromkeys(r.theme for r in ref.regles))
    theme = c2.selectbox("Thème", ["Tous les thèmes", *themes], key="referentiel.theme")
    regles = [r for r in rechercher(ref, requete)
              if theme == "Tous les thèmes" or r.theme == theme]
    st.caption(f"{len(regles)} règle(s)")
    for r in regles:
        with st.expander(f"{r.titre} · {r.id}"):
            st.markdown(r.description)
            si, alors = st.columns(2)
            si.markdown("**Si**\n\n" + condition_en_markdown(r.si, ref))
            alors.markdown("**Alors**\n\n" + "\n".join(
                f"- {ligne}" for ligne in conclusions_en_lignes(r.alors, ref)))
            st.markdown("**Références**\n\n" + "\n".join(
                f"- {composants.lien_reference(x.titre, x.lien, x.article)}"
                for x in r.references))
            illustrations = scenarios.get(r.id, [])
            if illustrations:
                st.markdown("**Scénarios**\n\n" + "\n".join(
                    f"- {s.titre} — :gray[{s.fichier}, ligne {s.ligne}]" for s in illustrations))
            else:
                st.markdown("**Scénarios** : aucun scénario")
            if r.note:
                st.caption(f"Note : {r.note}")
            st.caption(f"rules/{r.fichier}, ligne {r.ligne} · thème {r.theme}")

with onglet_parametres:
    citations = regles_par_parametre(ref)
    st.dataframe(
        pd.DataFrame([
            {"Paramètre": p.nom, "Description": p.description, "Valeur": str(p.valeur),
             "Unité": p.unite, "Depuis": p.depuis.isoformat(),
             "Sources": " ; ".join(x.titre for x in p.references),
             "Lien": next((x.lien for x in p.references if x.lien), None),
             "Règles": ", ".join(citations[p.nom]) or "aucune"}
            for p in ref.parametres.values()
        ]),
        hide_index=True, width="stretch", key="referentiel.parametres",
        column_config={"Lien": st.column_config.LinkColumn("Lien", display_text="source"),
                       "Description": st.column_config.TextColumn(width="large")},
    )
