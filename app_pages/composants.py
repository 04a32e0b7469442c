"""Éléments d'interface partagés par les pages : le formulaire d'une situation et
l'affichage d'une orientation. Aucune décision ici : on lit des widgets, on appelle le
paquet ``orientation``, on montre ce qu'il répond.

Données de santé : rien n'est écrit sur disque ni dans un journal ; les exports passent
par ``st.download_button`` (à la demande de l'utilisateur, générés en mémoire). Aucun
texte n'est rendu en HTML brut.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import streamlit as st

from orientation.evaluation.moteur import moteur_par_defaut
from orientation.interfaces.formulaire import (
    AIDES,
    CODES_AGGIR,
    QUESTIONS_EPICES,
    QUESTIONS_GFST,
    QUESTIONS_MINI_ZARIT,
    SECTIONS,
    VARIABLES_AGGIR,
    apercu_aggir,
    apercu_epices,
    apercu_fragilite,
    apercu_mini_zarit,
    champs_du_formulaire,
    exemples,
    libelle_formulaire,
    message_lisible,
    saisie_depuis_situation,
    saisie_vierge,
    situation_depuis_saisie,
)
from orientation.resultat import Orientation
from orientation.resultat.comparaison import Difference
from orientation.resultat.diagramme import dot_reseau
from orientation.resultat.fiche import fiche_markdown, fiche_pdf
from orientation.resultat.rapport import PARCOURS, SECTEURS, motif, scores_lisibles
from orientation.situation.erreurs import ErreurSaisie, lire_situation
from orientation.situation.faits import LIBELLES_VALEURS, Champ
from orientation.situation.modele import Situation

RACINE = Path(__file__).resolve().parents[1]
DOSSIER_EXEMPLES = RACINE / "examples"
PREFIXES_SAISIE = ("reperage.", "etsi.")

_COULEURS_NIVEAU = {"simple": "green", "coordonne": "blue", "complexe": "red"}
_ICONES_NIVEAU = {"simple": ":material/check_circle:", "coordonne": ":material/groups:",
                  "complexe": ":material/hub:"}


@st.cache_resource(show_spinner=False)
def exemples_livres() -> dict[str, Situation]:
    return exemples(DOSSIER_EXEMPLES)


def moteur():
    """Le moteur partagé par toutes les sessions (``screen`` tient un verrou)."""
    return moteur_par_defaut()


def conserver_saisie() -> None:
    """Garde la saisie quand on change de page : Streamlit efface l'état d'un widget qui
    n'est pas affiché ; le réaffecter en fait un état ordinaire qui survit à la page."""
    for cle in list(st.session_state):
        if isinstance(cle, str) and cle.startswith(PREFIXES_SAISIE) \
                and not cle.split(".", 1)[1].startswith("_"):
            st.session_state[cle] = st.session_state[cle]


# --- Le formulaire -----------------------------------------------------------------------------


def prefixe_widgets(etat: Any, prefixe: str) -> str:
    """Le préfixe des clés des widgets du formulaire ``prefixe`` (``reperage.3.``) : sa
    génération change chaque fois que le programme remplit le formulaire (``remplir``).

    Pourquoi : après « Charger l'exemple », le navigateur reçoit les widgets remplis un à un ;
    un clic sur « Repérer » avant la fin part avec l'état qu'il connaît, anciennes valeurs
    comprises. Des widgets d'une nouvelle génération ont d'autres clés : l'état d'un widget
    de l'ancienne ne peut plus s'y mêler, et le repérage porte sur les valeurs chargées."""
    cle = prefixe + "_generation"
    return f"{prefixe}{etat[cle] if cle in etat else 0}."


def remplir(prefixe: str, valeurs: dict[str, Any]) -> None:
    """Remplit le formulaire (à appeler dans un rappel) : une nouvelle génération de
    widgets, les clés de l'ancienne effacées (``prefixe_widgets``)."""
    ancien = prefixe_widgets(st.session_state, prefixe)
    for cle in [k for k in st.session_state if isinstance(k, str) and k.startswith(ancien)]:
        del st.session_state[cle]
    st.session_state[prefixe + "_generation"] = st.session_state.get(
        prefixe + "_generation", 0) + 1
    nouveau = prefixe_widgets(st.session_state, prefixe)
    for cle, v in valeurs.items():
        st.session_state[nouveau + cle] = v


def _initialiser(prefixe: str) -> None:
    if st.session_state.get(prefixe + "_pret"):
        return
    widgets = prefixe_widgets(st.session_state, prefixe)
    for cle, v in saisie_vierge().items():
        st.session_state.setdefault(widgets + cle, v)
    st.session_state[prefixe + "_pret"] = True


def _libelle_valeur(v: Any) -> str:
    return LIBELLES_VALEURS.get(str(v), str(v)).capitalize() if v is not None else "—"


def _widget(prefixe: str, champ: Champ) -> None:
    cle = prefixe + champ.chemin
    libelle = libelle_formulaire(champ.chemin)
    aide = AIDES.get(champ.chemin)
    if champ.type == "booleen":
        st.checkbox(libelle, key=cle, help=aide)
    elif champ.type == "entier" and champ.chemin == "autonomie.gir":
        st.selectbox(libelle, [None, 1, 2, 3, 4, 5, 6], key=cle, help=aide,
                     format_func=lambda v: "Non évalué" if v is None else f"GIR {v}")
    elif champ.type == "entier":
        st.number_input(libelle, min_value=int(champ.minimum or 0),
                        max_value=int(champ.maximum) if champ.maximum is not None else None,
                        step=1, key=cle, help=aide)
    elif champ.type == "enum":
        st.selectbox(libelle, list(champ.valeurs), key=cle, help=aide,
                     format_func=_libelle_valeur)
    elif champ.type == "liste":
        st.multiselect(libelle, list(champ.valeurs), key=cle, help=aide,
                       format_func=_libelle_valeur, placeholder="Aucun")


def _section(prefixe: str, section: str) -> None:
    champs = champs_du_formulaire(section)
    autres = [c for c in champs if c.type != "booleen"]
    booleens = [c for c in champs if c.type == "booleen"]
    if autres:
        colonnes = st.columns(2)
        for i, champ in enumerate(autres):
            with colonnes[i % 2]:
                _widget(prefixe, champ)
    for champ in booleens:  # une colonne : les libellés restent entiers
        _widget(prefixe, champ)


def _questions(prefixe: str, questionnaire: str, questions: dict[str, str],
               options: list[Any], format_func=_libelle_valeur) -> None:
    for cle, question in questions.items():
        st.radio(question, options, index=None, horizontal=True, format_func=format_func,
                 key=f"{prefixe}{questionnaire}.{cle}")


def valeurs_saisies(prefixe: str) -> dict[str, Any]:
    """La saisie à plat du formulaire ``prefixe`` (depuis l'état de la session)."""
    _initialiser(prefixe)
    widgets = prefixe_widgets(st.session_state, prefixe)
    n = len(widgets)
    return {k[n:]: v for k, v in st.session_state.items()
            if isinstance(k, str) and k.startswith(widgets)}


def formulaire(prefixe: str) -> dict[str, Any]:
    """Le formulaire d'une situation, en onglets par section ; renvoie la saisie à plat.

    Les instruments facultatifs sont dans des volets dont le titre montre le score à
    chaque réponse (les widgets ne sont pas dans un ``st.form``, pour ce score en direct).
    """
    _initialiser(prefixe)
    widgets = prefixe_widgets(st.session_state, prefixe)
    parametres = moteur().referentiel.valeurs_parametres
    onglets = st.tabs(list(SECTIONS.values()))
    for onglet, section in zip(onglets, SECTIONS, strict=True):
        with onglet:
            if section == "contexte":
                st.number_input("Âge", min_value=0, max_value=120, step=1, key=widgets + "age",
                                help=AIDES["age"], placeholder="Âge en années")
            _section(widgets, section)
            valeurs = valeurs_saisies(prefixe)
            if section == "autonomie":
                with st.expander(f"Grille AGGIR (facultative) · {apercu_aggir(valeurs)}"):
                    st.caption("A : fait seul, totalement, habituellement et correctement ; "
                               "B : fait partiellement, ou pas habituellement, ou pas "
                               "correctement ; C : ne fait pas. Ne donnez pas de GIR saisi "
                               "qui contredise la grille.")
                    _questions(widgets, "autonomie.aggir", VARIABLES_AGGIR, list(CODES_AGGIR),
                               format_func=CODES_AGGIR.get)
                with st.expander("Repérage de la fragilité, GFST (facultatif) · "
                                 f"{apercu_fragilite(valeurs)}"):
                    st.caption("Gérontopôle de Toulouse, pour les 65 ans et plus autonomes "
                               "(ADL ≥ 5/6) sans maladie aiguë. Pas de score : si une "
                               "réponse est « oui », votre jugement décide.")
                    _questions(widgets, "autonomie.fragilite", QUESTIONS_GFST,
                               ["oui", "non", "ne_sait_pas"])
                    st.radio("Selon vous, ce patient est-il fragile ?", [True, False],
                             index=None, horizontal=True,
                             format_func=lambda v: "Oui" if v else "Non",
                             key=widgets + "autonomie.fragilite.jugement_fragile")
            if section == "social":
                with st.expander(f"Mini-Zarit, fardeau de l'aidant (facultatif) · "
                                 f"{apercu_mini_zarit(valeurs, parametres)}"):
                    st.caption("À remplir avec l'aidant. Jamais = 0, parfois = 0,5, "
                               "souvent = 1 ; total sur 7.")
                    _questions(widgets, "social.mini_zarit",
                               {str(i): q for i, q in enumerate(QUESTIONS_MINI_ZARIT)},
                               ["jamais", "parfois", "souvent"])
                with st.expander(f"Score EPICES, précarité (facultatif) · "
                                 f"{apercu_epices(valeurs, parametres)}"):
                    st.caption("Sass et al., 2006 : score de 0 à 100 ; précarité à partir "
                               "de 30. Les 11 réponses sont nécessaires.")
                    _questions(widgets, "social.epices", QUESTIONS_EPICES, [True, False],
                               format_func=lambda v: "Oui" if v else "Non")
    return valeurs_saisies(prefixe)


def lire_formulaire(valeurs: dict[str, Any]) -> tuple[Situation | None, list[str]]:
    """La situation saisie, ou les messages d'erreur (en français, champ nommé)."""
    try:
        return lire_situation(situation_depuis_saisie(valeurs)), []
    except ErreurSaisie as e:
        return None, [message_lisible(m) for m in e.messages]


def choix_exemple(prefixe: str, cle_resultat: str | None = None) -> None:
    """Charger un exemple livré dans le formulaire, ou repartir d'une saisie vierge."""

    def charger() -> None:
        titre = st.session_state[prefixe + "_exemple"]
        remplir(prefixe, saisie_depuis_situation(exemples_livres()[titre]))
        if cle_resultat:
            st.session_state.pop(cle_resultat, None)

    def effacer() -> None:
        remplir(prefixe, saisie_vierge())
        if cle_resultat:
            st.session_state.pop(cle_resultat, None)

    colonnes = st.columns([3, 1, 1], vertical_alignment="bottom")
    colonnes[0].selectbox("Partir d'une situation d'exemple", list(exemples_livres()),
                          key=prefixe + "_exemple", index=None,
                          placeholder="Choisir un exemple livré…")
    colonnes[1].button("Charger l'exemple", on_click=charger, key=prefixe + "_charger",
                       disabled=st.session_state.get(prefixe + "_exemple") is None,
                       width="stretch")
    colonnes[2].button("Nouvelle saisie", on_click=effacer, key=prefixe + "_effacer",
                       width="stretch")


# --- L'orientation -----------------------------------------------------------------------------


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
            lignes.append(f"car {motif(e.valeurs)}")
        lignes.append(":gray[Sources : " + " ; ".join(lien_reference(r.titre, r.lien, r.article)
                                                      for r in e.references) + "]")
        morceaux.append("  \n".join(lignes))
    return "\n\n".join(morceaux)


def pourquoi(o: Orientation, regles: list[str]) -> None:
    st.markdown(texte_pourquoi(o, regles))


def texte_brut(texte: str) -> str:
    """Un texte venu de l'utilisateur (nom de colonne, cellule) affiché tel quel : ses
    caractères Markdown sont échappés (et aucun HTML n'est jamais interprété)."""
    for c in "\\`*_{}[]<>()#+-.!|~:$":
        texte = texte.replace(c, "\\" + c)
    return texte


def _sans_crochets(texte: str) -> str:
    return texte.replace("[", "(").replace("]", ")")


def resume(o: Orientation) -> None:
    """Une orientation en bref, pour la comparer à une autre."""
    info = moteur().referentiel.catalogue.niveaux[o.niveau]
    blocs = [f"#### :{_COULEURS_NIVEAU[o.niveau]}[{info['libelle']}]"]
    if o.urgence:
        blocs.append(":red[**Urgence vitale : appeler le 15**]")
    if o.alertes:
        blocs.append("\n".join(f"- :orange[{_sans_crochets(a.message)}]" for a in o.alertes))
    blocs.append("**Fonctions d'appui**")
    blocs.append("\n".join(f"- {a.libelle}" for a in o.appuis) or "aucune")
    blocs.append("**Acteurs**")
    blocs.append("\n".join(f"- {c.libelle} : " + ", ".join(a.libelle for a in c.acteurs)
                           for c in o.clusters) or "le médecin traitant")
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
    st.subheader("Réseau du patient")
    st.caption("Le patient au centre, les acteurs à mobiliser regroupés autour de lui ; les "
               "fonctions d'appui en orange.")
    st.graphviz_chart(dot_reseau(o), width="stretch")


def orientation(situation: Situation, o: Orientation, cle: str, exports: bool = True,
                reseau: bool = True) -> None:
    """Le résultat d'un repérage : urgence d'abord, niveau, alertes, secteurs et parcours,
    clusters et acteurs, fonctions d'appui, PPS, « pourquoi ? », réseau, exports."""
    cat = moteur().referentiel.catalogue
    if o.urgence:
        st.error("**URGENCE VITALE : appeler le 15 (SAMU) avant toute autre démarche.**",
                 icon=":material/emergency:")
    niveau(o)
    for a in o.alertes:
        gravite = cat.alertes[a.id].get("gravite")
        boite = st.error if gravite == "critique" else st.warning if gravite == "attention" \
            else st.info
        boite(a.message, icon=":material/warning:")
        with st.expander("Pourquoi cette alerte ?"):
            pourquoi(o, a.regles)
    resume = ["**Secteurs à mobiliser** : "
              + (", ".join(SECTEURS[x] for x in o.secteurs) or "aucun en particulier"),
              "**Niveaux de parcours** : " + (", ".join(PARCOURS[p] for p in o.parcours) or "—"),
              "**Plan personnalisé de santé** : "
              + ("recommandé, le médecin traitant référent" if o.pps else "non proposé")]
    st.markdown("  \n".join(resume))

    st.subheader("Fonctions d'appui")
    if not o.appuis:
        st.write("Aucune fonction d'appui n'est proposée.")
    for a in o.appuis:
        with st.container(border=True, key=f"{cle}-appui-{a.id}"):
            st.markdown(f"**:orange[{a.libelle}]**  \n"
                        f":gray[{cat.appuis[a.id].get('description', '')}]")
            with st.expander("Pourquoi ?"):
                pourquoi(o, a.regles)

    st.subheader("Acteurs à mobiliser")
    if not o.clusters:
        st.write("Le parcours habituel autour du médecin traitant suffit.")
    colonnes = st.columns(2)
    for i, c in enumerate(o.clusters):
        with colonnes[i % 2], st.container(border=True, key=f"{cle}-cluster-{c.id}"):
            st.markdown(f"**{c.libelle}**\n\n" + "\n".join(f"- {a.libelle}" for a in c.acteurs))
            with st.expander("Pourquoi ?"):
                pourquoi(o, c.regles)
    scores = scores_lisibles(o)
    if scores:
        st.subheader("Scores des instruments")
        st.markdown("\n".join(f"- {x}" for x in scores))

    if o.a_completer:
        regles = moteur().referentiel
        with st.expander(f"À compléter pour affiner ({len(o.a_completer)})"):
            st.caption("Informations facultatives non renseignées dont dépendent des règles "
                       "encore indécises : les renseigner permettrait de les trancher.")
            st.markdown("\n".join(
                f"- **{texte_brut(a.libelle[:1].upper() + a.libelle[1:])}** : "
                + " ; ".join(texte_brut(regles.regle(r).titre) for r in a.regles)
                for a in o.a_completer))

    if reseau:
        diagramme(o)
    with st.expander(f"Toutes les règles appliquées ({len(o.explications)})"):
        if not o.explications:
            st.write("Aucune règle ne s'applique : le parcours habituel suffit.")
        pourquoi(o, [e.regle for e in o.explications])
    if exports:
        st.subheader("Exporter")
        aujourd_hui = dt.date.today()
        # Les uns sous les autres : dans la colonne du résultat, trois côte à côte seraient
        # tronqués.
        st.download_button("Fiche d'orientation (PDF)",
                           data=lambda: fiche_pdf(situation, o, aujourd_hui),
                           file_name="fiche-orientation.pdf", mime="application/pdf",
                           on_click="ignore", key=f"{cle}-pdf", icon=":material/picture_as_pdf:",
                           width="stretch")
        st.download_button("Fiche d'orientation (Markdown)",
                           data=fiche_markdown(situation, o, aujourd_hui),
                           file_name="fiche-orientation.md", mime="text/markdown",
                           on_click="ignore", key=f"{cle}-md", icon=":material/description:",
                           width="stretch")
        st.download_button("Résultat (JSON)", data=o.model_dump_json(indent=2),
                           file_name="orientation.json", mime="application/json",
                           on_click="ignore", key=f"{cle}-json", icon=":material/data_object:",
                           width="stretch")
    st.caption(f"Référentiel {o.referentiel.version} ({o.referentiel.nb_regles} règles). "
               "Aide à la décision : le jugement du professionnel prime.")

