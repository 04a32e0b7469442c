"""L'affichage d'une orientation : urgence d'abord, niveau, alertes, fonctions d'appui,
acteurs, chacun avec son « pourquoi ? », puis le réseau et les exports. Aucune décision
ici : on montre ce que le paquet répond, avec les phrases du vocabulaire.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages.composants.communs import moteur, texte_brut
from orientation.referentiel.vocabulaire import majuscule, vocabulaire
from orientation.resultat import Orientation
from orientation.resultat.comparaison import Difference
from orientation.resultat.diagramme import dot_reseau
from orientation.resultat.fiche import fiche_markdown, fiche_pdf
from orientation.resultat.rapport import libelles, motif, scores_lisibles
from orientation.situation.modele import Situation

_COULEURS_NIVEAU = {"simple": "green", "coordonne": "blue", "complexe": "red"}
_ICONES_NIVEAU = {"simple": ":material/check_circle:", "coordonne": ":material/groups:",
                  "complexe": ":material/hub:"}



def lien_reference(titre: str, lien: str | None, article: str | None) -> str:
    """Une référence en Markdown, cliquable quand elle a un lien."""
    texte = titre.replace("[", "(").replace("]", ")")
    if article and article not in titre:
        texte += f" — {article}"
    return f"[{texte}]({lien})" if lien else texte


def texte_pourquoi(o: Orientation, regles: list[str]) -> str:
    """Les règles qui ont fait une proposition, en Markdown : titre, valeurs qui l'ont
    déclenchée, références cliquables (un seul élément : la page reste légère)."""
    par_id = {e.regle: e for e in o.explications}
    morceaux = []
    for id_regle in regles:
        e = par_id[id_regle]
        lignes = [f"**{e.titre}** `{e.regle}`"]
        if e.valeurs:
            lignes.append(vocabulaire().texte("car", motif=motif(e.valeurs)))
        sources = " ; ".join(lien_reference(r.titre, r.lien, r.article) for r in e.references)
        lignes.append(f":gray[{vocabulaire().texte('sources')} : {sources}]")
        morceaux.append("  \n".join(lignes))
    return "\n\n".join(morceaux)


def pourquoi(o: Orientation, regles: list[str]) -> None:
    st.markdown(texte_pourquoi(o, regles))


def _sans_crochets(texte: str) -> str:
    return texte.replace("[", "(").replace("]", ")")


def resume(o: Orientation) -> None:
    """Une orientation en bref, pour la comparer à une autre."""
    info = moteur().referentiel.catalogue.niveaux[o.niveau]
    blocs = [f"#### :{_COULEURS_NIVEAU[o.niveau]}[{info['libelle']}]"]
    v = vocabulaire()
    alertes = sorted(o.alertes, key=lambda a: a.id != "urgence")  # l'urgence d'abord
    if alertes:
        blocs.append("\n".join(f"- :{'red' if a.id == 'urgence' else 'orange'}"
                               f"[{_sans_crochets(a.message)}]" for a in alertes))
    blocs.append(f"**{v.texte('appuis')}**")
    blocs.append("\n".join(f"- {a.libelle}" for a in o.appuis) or v.texte("appuis_aucun"))
    blocs.append(f"**{v.texte('acteurs')}**")
    blocs.append("\n".join(f"- {c.libelle} : " + ", ".join(a.libelle for a in c.acteurs)
                           for c in o.clusters) or v.texte("acteurs_aucun"))
    st.markdown("\n\n".join(blocs))


def difference(d: Difference) -> None:
    """Ce qui change : ajouts en vert, retraits en rouge, niveau et drapeaux en bleu."""
    lignes = []
    for ligne in d.en_lignes():
        couleur = "green" if " : + " in ligne else "red" if " : − " in ligne else "blue"
        lignes.append(f"- :{couleur}[{_sans_crochets(ligne)}]")
    st.markdown("\n".join(lignes))


def niveau(o: Orientation) -> None:
    cat = moteur().referentiel.catalogue
    info = cat.niveaux[o.niveau]
    with st.container(key="resultat-niveau", border=True):
        st.markdown(f"## :{_COULEURS_NIVEAU[o.niveau]}[{_ICONES_NIVEAU[o.niveau]} "
                    f"{info['libelle']}]")
        st.markdown(info["description"])


def diagramme(o: Orientation) -> None:
    """Le réseau du patient (Graphviz, dessiné par le navigateur)."""
    st.subheader(vocabulaire().texte("reseau"))
    st.caption(vocabulaire().texte("reseau_aide"))
    st.graphviz_chart(dot_reseau(o), width="stretch")


def orientation(situation: Situation, o: Orientation, cle: str, exports: bool = True,
                reseau: bool = True) -> None:
    """Le résultat d'un repérage : urgence d'abord, niveau, alertes, secteurs et parcours,
    clusters et acteurs, fonctions d'appui, PPS, « pourquoi ? », réseau, exports.

    En urgence vitale, l'alerte « appeler le 15 » vient seule en tête ; le niveau et les
    propositions, pour la suite, sont repliés sous « Après l'urgence »."""
    v = vocabulaire()
    alertes = list(o.alertes)
    if o.urgence:
        for a in [a for a in alertes if a.id == "urgence"]:
            st.error(f"**{a.message}**", icon=":material/emergency:")
        alertes = [a for a in alertes if a.id != "urgence"]
        with st.expander(v.texte("apres_urgence"), expanded=False):
            st.caption(v.texte("apres_urgence_aide"))
            _propositions(situation, o, cle, alertes, reseau)
    else:
        _propositions(situation, o, cle, alertes, reseau)
    if exports:
        _exports(situation, o, cle)
    st.caption(v.texte("referentiel", version=o.referentiel.version,
                       nb_regles=o.referentiel.nb_regles) + " " + v.texte("avertissement"))


def _propositions(situation: Situation, o: Orientation, cle: str, alertes: list,
                  reseau: bool) -> None:
    ref = moteur().referentiel
    cat = ref.catalogue
    v = vocabulaire()
    niveau(o)
    for a in alertes:
        gravite = cat.alertes[a.id].get("gravite")
        boite = st.error if gravite == "critique" else st.warning if gravite == "attention" \
            else st.info
        boite(a.message, icon=":material/warning:")
        with st.expander("Pourquoi cette alerte ?"):
            pourquoi(o, a.regles)
    resume_lignes = [
        f"**{v.texte('secteurs')}** : "
        + (libelles("secteurs", o.secteurs, ref) or v.texte("secteurs_aucun")),
        f"**{v.texte('parcours')}** : " + (libelles("parcours", o.parcours, ref) or "—"),
        f"**{v.texte('pps_titre')}** : " + v.texte("pps_oui" if o.pps else "pps_non")]
    st.markdown("  \n".join(resume_lignes))

    st.subheader(v.texte("appuis"))
    if not o.appuis:
        st.write(v.texte("appuis_aucun"))
    for a in o.appuis:
        with st.container(border=True, key=f"{cle}-appui-{a.id}"):
            st.markdown(f"**:orange[{a.libelle}]**  \n"
                        f":gray[{cat.appuis[a.id].get('description', '')}]")
            with st.expander("Pourquoi ?"):
                pourquoi(o, a.regles)

    st.subheader(v.texte("acteurs"))
    if not o.clusters:
        st.write(v.texte("acteurs_aucun"))
    colonnes = st.columns(2)
    for i, c in enumerate(o.clusters):
        with colonnes[i % 2], st.container(border=True, key=f"{cle}-cluster-{c.id}"):
            st.markdown(f"**{c.libelle}**\n\n" + "\n".join(f"- {a.libelle}" for a in c.acteurs))
            with st.expander("Pourquoi ?"):
                pourquoi(o, c.regles)
    scores = scores_lisibles(o)
    if scores:
        st.subheader(v.texte("scores"))
        st.markdown("\n".join(f"- {x}" for x in scores))

    if o.a_completer:
        with st.expander(f"{v.texte('a_completer')} ({len(o.a_completer)})"):
            st.caption(v.texte("a_completer_aide"))
            st.markdown("\n".join(
                f"- **{texte_brut(majuscule(a.libelle))}** : "
                + " ; ".join(texte_brut(ref.regle(r).titre) for r in a.regles)
                for a in o.a_completer))

    if reseau:
        diagramme(o)
    with st.expander(f"Toutes les règles appliquées ({len(o.explications)})"):
        if not o.explications:
            st.write(v.texte("aucune_regle"))
        pourquoi(o, [e.regle for e in o.explications])


def _exports(situation: Situation, o: Orientation, cle: str) -> None:
    st.subheader("Exporter")
    aujourd_hui = dt.date.today()
    # Les uns sous les autres : dans la colonne du résultat, trois côte à côte seraient
    # tronqués.
    titre = vocabulaire().texte("titre_fiche")
    st.download_button(f"{titre} (PDF)",
                       data=lambda: fiche_pdf(situation, o, aujourd_hui),
                       file_name="fiche-orientation.pdf", mime="application/pdf",
                       on_click="ignore", key=f"{cle}-pdf", icon=":material/picture_as_pdf:",
                       width="stretch")
    st.download_button(f"{titre} (Markdown)",
                       data=fiche_markdown(situation, o, aujourd_hui),
                       file_name="fiche-orientation.md", mime="text/markdown",
                       on_click="ignore", key=f"{cle}-md", icon=":material/description:",
                       width="stretch")
    st.download_button("Résultat (JSON)", data=o.model_dump_json(indent=2),
                       file_name="orientation.json", mime="application/json",
                       on_click="ignore", key=f"{cle}-json", icon=":material/data_object:",
                       width="stretch")
