"""L'affichage d'une orientation : urgence d'abord, niveau, alertes, fonctions d'appui,
acteurs, chacun avec son « pourquoi ? », puis le réseau et les exports. Aucune décision
ici : on montre ce que le paquet répond, avec les phrases du vocabulaire.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages.composants.communs import moteur, texte_brut
from orientation.referentiel.vocabulaire import majuscule, vocabulaire
from orientation.resultat import Contact, Orientation
from orientation.resultat.comparaison import Difference
from orientation.resultat.demande import Demande, lire_demande
from orientation.resultat.diagramme import dot_reseau
from orientation.resultat.fiche import fiche_markdown, fiche_pdf
from orientation.resultat.rapport import (
    libelles,
    ligne_contact,
    motif,
    scores_lisibles,
    telephone_lisible,
)
from orientation.situation.erreurs import ErreurSaisie
from orientation.situation.modele import Situation

A_FAIRE_MAX = 5  # « les 3 à 5 choses à faire maintenant » : la première page reste courte
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
        st.markdown(f"### :{_COULEURS_NIVEAU[o.niveau]}[{_ICONES_NIVEAU[o.niveau]} "
                    f"{info['libelle']}]")
        st.markdown(info["description"])


def diagramme(o: Orientation) -> None:
    """Le réseau du patient (Graphviz, dessiné par le navigateur)."""
    st.subheader(vocabulaire().texte("reseau"))
    st.caption(vocabulaire().texte("reseau_aide"))
    st.graphviz_chart(dot_reseau(o), width="stretch")


def orientation(situation: Situation, o: Orientation, cle: str, exports: bool = True,
                reseau: bool = True, annuaire_exemple: bool = False) -> None:
    """Le résultat d'un repérage, d'un coup d'œil : urgence d'abord, niveau, alertes, puis les
    choses à faire maintenant avec qui appeler ; le détail (secteurs, fonctions d'appui,
    acteurs, scores, règles et sources) derrière « Pourquoi ? » ; puis les exports.

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
            _propositions(situation, o, cle, alertes, reseau, annuaire_exemple)
    else:
        _propositions(situation, o, cle, alertes, reseau, annuaire_exemple)
    if exports:
        _exports(situation, o, cle)
    st.caption(v.texte("referentiel", version=o.referentiel.version,
                       nb_regles=o.referentiel.nb_regles) + " " + v.texte("avertissement"))


def choses_a_faire(o: Orientation) -> list[tuple[list[str], Contact | None]]:
    """Les choses à faire maintenant : les fonctions d'appui proposées puis les acteurs qui
    ont une structure à appeler, dans l'ordre du catalogue ; une même structure n'apparaît
    qu'une fois, avec tout ce pour quoi l'appeler. ``A_FAIRE_MAX`` lignes au plus."""
    lignes: list[tuple[list[str], Contact | None]] = []
    par_contact: dict[tuple[str, str | None], int] = {}
    candidats = [(a.libelle, a.contacts[0] if a.contacts else None) for a in o.appuis]
    candidats += [(a.libelle, a.contacts[0]) for c in o.clusters for a in c.acteurs
                  if a.contacts]
    for libelle, contact in candidats:
        if contact is not None and (contact.nom, contact.telephone) in par_contact:
            lignes[par_contact[(contact.nom, contact.telephone)]][0].append(libelle)
            continue
        if len(lignes) == A_FAIRE_MAX:
            continue
        if contact is not None:
            par_contact[(contact.nom, contact.telephone)] = len(lignes)
        lignes.append(([libelle], contact))
    return lignes


def _telephone_markdown(numero: str) -> str:
    """Un numéro lisible et cliquable (tel:), pour appeler depuis le poste."""
    chiffres = "".join(c for c in numero if c.isdigit() or c == "+")
    return f"[{telephone_lisible(numero)}](tel:{chiffres})"


def a_faire(o: Orientation, cle: str, annuaire_exemple: bool = False) -> None:
    """Les 3 à 5 choses à faire maintenant, chacune avec la structure à appeler et son
    numéro, sans avoir à ouvrir le détail."""
    v = vocabulaire()
    lignes = choses_a_faire(o)
    with st.container(key=f"{cle}-a-faire", border=True):
        st.markdown(f"**{v.texte('a_faire')}**")
        if not lignes:
            st.write(v.texte("acteurs_aucun"))
        for i, (quoi, contact) in enumerate(lignes):
            suite = ""
            if contact is None:
                suite = f":gray[{v.texte('a_faire_sans_contact')}]" if o.lieu else ""
            else:
                suite = texte_brut(contact.nom)
                if contact.telephone:
                    suite += f" — ☎ **{_telephone_markdown(contact.telephone)}**"
                if contact.distance_km is not None:
                    distance = f"{contact.distance_km:.1f}".replace(".", ",")
                    suite += " — " + v.texte("contact_distance", distance=distance)
            with st.container(key=f"{cle}-a-faire-{i}"):
                st.markdown(f"{i + 1}\\. **{' · '.join(quoi)}**"
                            + (f"  \n{suite}" if suite else ""))
        if o.lieu is None:
            st.caption(v.texte("contacts_aide_application"))
        elif annuaire_exemple:
            st.caption(v.texte("contacts_exemple"))


def _contacts_markdown(contacts: list[Contact]) -> str:
    return "\n".join(f"- ☎ {texte_brut(ligne_contact(c))}" for c in contacts)


def _propositions(situation: Situation, o: Orientation, cle: str, alertes: list,
                  reseau: bool, annuaire_exemple: bool = False) -> None:
    cat = moteur().referentiel.catalogue
    niveau(o)
    for a in alertes:
        gravite = cat.alertes[a.id].get("gravite")
        boite = st.error if gravite == "critique" else st.warning if gravite == "attention" \
            else st.info
        boite(a.message, icon=":material/warning:")
        with st.expander("Pourquoi cette alerte ?"):
            pourquoi(o, a.regles)
    a_faire(o, cle, annuaire_exemple)
    with st.expander(vocabulaire().texte("detail"), expanded=False):
        _detail(o, cle, reseau)


def _detail(o: Orientation, cle: str, reseau: bool) -> None:
    ref = moteur().referentiel
    cat = ref.catalogue
    v = vocabulaire()
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
            if a.contacts:
                st.markdown(_contacts_markdown(a.contacts))
            with st.expander("Pourquoi ?"):
                pourquoi(o, a.regles)

    st.subheader(v.texte("acteurs"))
    if not o.clusters:
        st.write(v.texte("acteurs_aucun"))
    colonnes = st.columns(2)
    for i, c in enumerate(o.clusters):
        with colonnes[i % 2], st.container(border=True, key=f"{cle}-cluster-{c.id}"):
            st.markdown(f"**{c.libelle}**\n\n" + "\n".join(
                f"- {a.libelle}" + "".join(f"\n    - ☎ {texte_brut(ligne_contact(x))}"
                                           for x in a.contacts)
                for a in c.acteurs))
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
    """Les exports, générés en mémoire à la demande. La demande d'appui au DAC prend
    l'identité et le demandeur saisis ici (clés hors de la saisie gardée : effacés quand on
    quitte la page) ; ils ne vont que dans le PDF téléchargé."""
    v = vocabulaire()
    st.subheader("Exporter")
    aujourd_hui = dt.date.today()
    p = f"demande.{cle}."
    with st.expander(v.texte("demande_export"), expanded=False, icon=":material/send:"):
        st.caption(v.texte("demande_export_aide"))
        personne, demandeur = st.columns(2)
        with personne:
            st.markdown(f"**{v.texte('demande_personne')}**")
            champs_personne = {c: st.text_input(v.texte(f"demande_{c}"), key=p + c)
                               for c in ("nom", "prenom", "naissance", "telephone")}
        with demandeur:
            st.markdown(f"**{v.texte('demande_demandeur')}**")
            champs_demandeur = {c: st.text_input(v.texte(f"demande_{c}"), key=p + "dem." + c)
                                for c in ("nom", "qualite", "rpps", "telephone")}
        motif_ = st.text_area(v.texte("demande_motif"), key=p + "motif", height=80)
        deja_fait = st.text_area(v.texte("demande_deja_fait"), key=p + "deja_fait", height=68)
        delai = st.text_input(v.texte("demande_delai"), key=p + "delai")
        consentement = st.checkbox(v.texte("demande_consentement"), key=p + "consentement",
                                   help=v.texte("demande_consentement_titre"))
        demande: Demande | None
        try:
            demande = lire_demande({"personne": champs_personne, "demandeur": champs_demandeur,
                                    "motif": motif_, "deja_fait": deja_fait, "delai": delai,
                                    "consentement": consentement})
        except ErreurSaisie as e:
            demande = None
            st.error("\n".join(f"- {texte_brut(m)}" for m in e.messages),
                     icon=":material/error:")
        st.download_button(v.texte("demande_export"),
                           data=lambda: fiche_pdf(situation, o, aujourd_hui, demande=demande),
                           file_name="demande-appui-dac.pdf", mime="application/pdf",
                           on_click="ignore", key=f"{cle}-pdf", icon=":material/picture_as_pdf:",
                           width="stretch", disabled=demande is None, type="primary")
    titre = v.texte("titre_fiche")
    st.download_button(f"{titre} (Markdown)",
                       data=fiche_markdown(situation, o, aujourd_hui),
                       file_name="fiche-orientation.md", mime="text/markdown",
                       on_click="ignore", key=f"{cle}-md", icon=":material/description:",
                       width="stretch")
    st.download_button("Résultat (JSON)", data=o.model_dump_json(indent=2),
                       file_name="orientation.json", mime="application/json",
                       on_click="ignore", key=f"{cle}-json", icon=":material/data_object:",
                       width="stretch")
